// The Slack adapter loads fetch's internals at start-up (adapters/slack/warm-fetch.ts), so the
// Web API client's first call does not hold the loop inside the first acknowledgement.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("warmFetch", () => {
  it("loads undici in a fresh process, then leaves nothing open", () => {
    // A fresh process: this one may have loaded fetch already. It must exit by itself (no server or socket left).
    const script = `
      const loaded = () => process.moduleLoadList.some((m) => m.includes("undici"));
      const before = loaded();
      const { warmFetch } = await import(${JSON.stringify(path.join(root, "adapters/slack/warm-fetch.ts"))});
      await warmFetch();
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 20_000 });
    expect(JSON.parse(out.trim().split("\n").at(-1)!)).toEqual({ before: false, after: true });
  });
});
