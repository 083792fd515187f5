// One written form per command: generated from its argument specs, read back exactly as written,
// and the same in help, usage errors and the README.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arg } from "../../commands/core/args.ts";
import { parseTextArgs, tokenizeQuoted } from "../../commands/core/text.ts";
import { usageLine } from "../../commands/core/usage.ts";
import { features } from "../../commands/index.ts";
import { createRegistry } from "../../commands/core/registry.ts";
import { fileVia, intake, world, type World } from "../grievance/helpers.ts";

let w: World;
let ref: string;
beforeAll(async () => {
  w = await world();
  const filed = await fileVia(w, "sam", intake());
  ref = /G-\d{4}-\d{4}/.exec(w.text(filed as never))![0];
}, 60_000);
afterAll(() => w.close());

describe("text forms of grievance commands, through the core", () => {
  it("an optional date left out really is optional: respond REF \"summary\"", async () => {
    const out = w.text(await w.cmd("sam", `/grievance respond ${ref} "Management denied it"`));
    expect(out).toContain(`Recorded management's response at Informal of ${ref} (2026-11-23)`);
    expect(out).toContain("Management denied it");
  });

  it("a trailing word that is one of the choices picks that deadline, not the reason", async () => {
    const out = w.text(await w.cmd("sam", `/grievance extend ${ref} 2026-12-30 "agreed with HR" appeal`));
    expect(out).toContain(`Extended the union appeal deadline of ${ref}`);
    expect(out).toMatch(/Extension of the appeal deadline to 2026-12-30 — Sam Okafor — agreed with HR\n/);
    expect(out).not.toContain("agreed with HR appeal");
  });

  it("quoted text keeps such a word in the reason", () => {
    const extend = createRegistry(features).command(["grievance", "extend"])!;
    const r = parseTextArgs(extend.args, tokenizeQuoted(`${ref} 2026-12-30 "we will appeal"`));
    expect(r).toEqual({ ok: true, raw: { ref, until: "2026-12-30", reason: "we will appeal" } });
  });

  it("help shows exactly the form that works, and a usage error shows the same line", async () => {
    const registry = createRegistry(features);
    const extendLine = usageLine(registry.command(["grievance", "extend"])!);
    expect(extendLine).toMatch(/^\/grievance extend <ref> <until> <reason…> \[[a-z|]*\bappeal\b[a-z|]*\]$/);
    const help = w.text(await w.cmd("sam", "/unionhall help grievance"));
    expect(help).toContain(`\`${extendLine}\``);
    expect(help).toContain("`/grievance respond <ref> [received] <summary…>`");
    const bad = w.text(await w.cmd("sam", `/grievance extend ${ref} 2026-02-30 because`));
    expect(bad).toContain(`\`${extendLine}\``);
  });

  it("a member's help lists no command she can never run", async () => {
    const help = w.text(await w.cmd("maria", "/unionhall help grievance"));
    expect(help).toContain("/grievance mine");
    for (const never of ["respond", "advance", "extend", "close", "reassign", "note"]) expect(help).not.toContain(`/grievance ${never} `);
  });
});

describe("parseTextArgs reads what usageLine writes", () => {
  const specs = {
    scope: arg.optional(arg.string("d")),
    from: arg.optional(arg.date("d")),
    to: arg.optional(arg.date("d")),
  };
  it("an optional free-text argument does not take a word shaped like a later date", () => {
    expect(parseTextArgs(specs, tokenizeQuoted("2026-01-01"))).toEqual({ ok: true, raw: { from: "2026-01-01" } });
    expect(parseTextArgs(specs, tokenizeQuoted("SL-083 2026-01-01 2026-06-30"))).toEqual({ ok: true, raw: { scope: "SL-083", from: "2026-01-01", to: "2026-06-30" } });
  });
  it("stays quick on a 5,000-character message", () => {
    const extend = createRegistry(features).command(["grievance", "extend"])!;
    const words = Array.from({ length: 900 }, (_, i) => `w${i}`).join(" ");
    const r = parseTextArgs(extend.args, tokenizeQuoted(`G-2026-0001 2026-12-30 ${words} response`));
    expect(r.ok && r.raw.deadline).toBe("response");
    expect(r.ok && r.raw.reason?.split(" ").length).toBe(900);
  });
});

describe("the README and docs/ write every command the way help does", () => {
  const docs = new URL("../../docs/", import.meta.url);
  const readme = [fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8"),
    ...fs.readdirSync(docs).filter((f) => f.endsWith(".md")).map((f) => fs.readFileSync(new URL(f, docs), "utf8"))].join("\n");
  const registry = createRegistry(features);
  const written = [...readme.matchAll(/`(\/[a-z][^`]*[<[][^`]*)`/g)].map((m) => m[1]!);
  it("finds syntax lines to check", () => {
    expect(written.length).toBeGreaterThan(5);
  });
  it("each syntax line is the generated usage line", () => {
    const wrong = written.flatMap((line) => {
      const words = line.slice(1).split(" ");
      for (let n = 4; n >= 2; n--) {
        const cmd = registry.command(words.slice(0, n));
        if (cmd) return usageLine(cmd) === line ? [] : [`${line}  ≠  ${usageLine(cmd)}`];
      }
      return [];
    });
    expect(wrong).toEqual([]);
  });
});
