// A new office-holder granted from the command line while the old one still holds the office: the
// CLI says so in the words chat uses (both names, how many hold it now) and prints the command
// that ends the old grant; nothing ends by itself, and running that command ends exactly it.
import { beforeAll, describe, expect, it } from "vitest";
import { roleCli } from "../../bot/cli/role.ts";
import { seedDemo } from "../../db/demo.ts";
import { runCli } from "../helpers/cli.ts";
import { tempStore } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";

let env: Record<string, string>;
beforeAll(async () => {
  // A database on the tests' engine, opened again by the CLI command through its URL.
  const store = await tempStore();
  await seedDemo(store, { members: 20 });
  const url = storeUrl(store);
  await store.close();
  env = { DATABASE_URL: url, LOG_LEVEL: "silent", UNION_TIME_ZONE: "America/Los_Angeles" };
}, 60_000);

/** `npm run cli -- role …`, run in this process through the same command object bot/cli.ts calls. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(roleCli, args, env);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe("npm run cli -- role grant of an office someone still holds", () => {
  it("names both holders and prints the command that ends the old grant; that command ends it", async () => {
    // Pat Larsen (100004) is SL-083's president in the demo data.
    const g = await cli("grant", "--member", "100001", "--role", "sublocal_president", "--scope", "SL-083");
    expect(g.err).toBe("");
    expect(g.code).toBe(0);
    expect(g.out).toContain("Granted sublocal_president (sublocal SL-083) to member 100001.");
    expect(g.out).toContain("SL-083 now has 2 holders of president");
    expect(g.out).toMatch(/You made \S+ \S+ president of SL-083, and Pat Larsen still holds that office\. 2 people hold it now\./);
    expect(g.out).toContain("To end Pat Larsen's grant: npm run cli -- role revoke --member 100004 --role sublocal_president --scope SL-083");
    // Nothing ended by itself.
    expect((await cli("list", "--member", "100004")).out).toMatch(/sublocal_officer \(president\) — sublocal SL-083 — \d{4}-\d{2}-\d{2} → …\n/);

    const end = await cli("revoke", "--member", "100004", "--role", "sublocal_president", "--scope", "SL-083");
    expect(end.code).toBe(0);
    expect(end.out).toContain("Ended sublocal_president for member 100004.");
  });

  it("says nothing more for an office that was free or a role that is not an office", async () => {
    const steward = await cli("grant", "--member", "100002", "--role", "steward", "--scope", "SL-083");
    expect(steward.code).toBe(0);
    expect(steward.out).not.toContain("holders of");
    const free = await cli("grant", "--member", "100003", "--role", "sublocal_secretary", "--scope", "SL-083");
    expect(free.code).toBe(0);
    expect(free.out).not.toContain("holders of");
  });
});
