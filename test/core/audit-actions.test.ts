// Every action the audit log can record reads as a sentence in every language: the registry names
// them all (the type system makes every writer use one), the code is walked for any name written
// outside it, and each entry is rendered in each language without a bare code left in it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { coreBundles } from "../../commands/core/dispatch.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { createTranslator, LOCALES, mergeBundles } from "../../commands/core/i18n.ts";
import { auditSentenceName } from "../../commands/core/audit-action-strings.ts";
import { data } from "../../db/data.ts";
import { auditSentences } from "../../commands/unionhall/audit-sentences.ts";
import { AUDIT_ACTIONS } from "../../db/audit-actions.ts";
import { flatten } from "../i18n/strings.ts";
import { tempStore } from "../helpers/store.ts";

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== "generated") sources(p, out);
    else if (e.isFile() && e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** Every action name the code writes as a literal: `audit("x", …)`, `audit(c ? "x" : "y", …)` and `appendAudit(In|Async)(…, { …, action: "x" })`. */
function actionsInCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ["commands", "db", "bot", "adapters"].flatMap((d) => sources(d))) {
    const code = fs.readFileSync(file, "utf8");
    for (const m of code.matchAll(/\baudit\(\s*(?:"([^"]+)"|\w+ \? "([^"]+)" : "([^"]+)")/g)) for (const a of m.slice(1)) if (a) found.set(a, file);
    for (const m of code.matchAll(/appendAudit(?:In|Async)?\([^;]*?action: "([^"]+)"/gs)) found.set(m[1]!, file);
  }
  return found;
}

describe("audit actions", () => {
  it("the code writes no action outside the registry", () => {
    const found = actionsInCode();
    expect(found.size).toBeGreaterThan(100);
    expect([...found].filter(([a]) => !(AUDIT_ACTIONS as readonly string[]).includes(a)).map(([a, f]) => `${a} (${f})`)).toEqual([]);
  });

  it("every registered action has a sentence in every language, naming who did it", () => {
    const bundles = mergeBundles(...coreBundles);
    const missing: string[] = [];
    for (const lng of LOCALES) {
      const strings = flatten(bundles[lng]);
      for (const a of AUDIT_ACTIONS) {
        const s = strings.get(`core.auditLog.actions.${auditSentenceName(a)}`);
        if (!s || !s.includes("{{actor}}")) missing.push(`${lng}: ${a}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("each entry reads as a sentence in each language, with no bare code in it", async () => {
    const store = await tempStore();
    const translator = createTranslator([...coreBundles]);
    const rows = AUDIT_ACTIONS.map((action, i) => ({ id: i + 1, at: new Date("2026-11-23T17:00:00Z"), actor: "cli", actorPersonId: null, action, subjectType: "grievance", subjectId: "12", details: "{}" }));
    for (const lng of LOCALES) {
      const lines = await auditSentences(data(store), rows, translator.forLocale(lng), createFormatter(lng, "America/Los_Angeles"));
      lines.forEach((l, i) => {
        const action = AUDIT_ACTIONS[i]!;
        expect(l.text, `${lng} ${action}`).not.toContain(action);
        // The fallback for an unknown action reads "who: grievance file"; a registered one never does.
        expect(l.text, `${lng} ${action}`).not.toContain(`: ${action.replace(/[._]/g, " ")}`);
        expect(l.text, `${lng} ${action}`).not.toMatch(/\{\{|\}\}|_/);
      });
    }
    // An entry an older version wrote, under a name no longer used, still reads plainly.
    const [old] = await auditSentences(data(store), [{ ...rows[0]!, action: "grievance.retired_action" }], translator.forLocale("en"), createFormatter("en", "America/Los_Angeles"));
    expect(old!.text).toContain("grievance retired action");
    await store.close();
  });
});
