// `/unionhall admin audit` reads as sentences a staff member understands, never raw JSON.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DETAIL_LABELS, DETAIL_VALUES } from "../../commands/core/audit-detail-strings.ts";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { isLocale, LOCALES } from "../../commands/core/i18n.ts";
import { data } from "../../db/data.ts";
import { auditSentences } from "../../commands/unionhall/audit-sentences.ts";
import { isAuditSubjectType } from "../../commands/core/audit-subject-strings.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, web } from "../helpers/store.ts";

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore({ now: () => new Date("2026-11-23T17:00:00Z") }));
}, 60_000);
afterAll(() => store.close());

const say = async (who: string, text: string) => (await handleCommand(core, { actor: web(who), text })).reply.fallbackText;

describe("the audit log as sentences", () => {
  it("names who did what to whom, in the local's time, with codes as plain words", async () => {
    expect(await say("sofia", "/unionhall admin role grant 100001 steward SL-083 2026-12-31")).toContain("Granted steward");
    await say("sofia", "/unionhall admin role revoke 100001 steward SL-083");
    const log = await say("sofia", "/unionhall admin audit role");
    expect(log).toMatch(/#\d+ · Mon, Nov 23, 2026, 9:00 AM PST — Sofia Chen \(member 100007\) gave Maria Alvarez \(member 100001\) the role steward \(sub-local SL-083\)\./);
    expect(log).toMatch(/Sofia Chen \(member 100007\) ended the role steward \(sub-local SL-083\) of Maria Alvarez \(member 100001\)\./);
    expect(log).toContain("platform: web");
    expect(log).not.toMatch(/[{}"]/);
    const all = await say("sofia", "/unionhall admin audit");
    expect(all).toContain("Sofia Chen (member 100007) looked at the audit log.");
  });

  it("names roles and scopes in the reader's language", async () => {
    await say("sofia", "/unionhall admin role grant 100001 steward SL-083 2026-12-31");
    const read = async (locale: string) => (await handleCommand(core, { actor: { ...web("sofia"), locale }, text: "/unionhall admin audit role" })).reply.fallbackText;
    const es = await read("es");
    expect(es).toContain("delegado sindical (sublocal SL-083)");
    expect(await read("ru")).toContain("профорг");
    expect(await read("zh-Hans")).toContain("工会代表");
    for (const text of [es, await read("vi"), await read("ru")]) expect(text).not.toMatch(/\bsteward\b|sub-local/);
  });
});

describe("the details of an audit entry", () => {
  const row = (details: Record<string, unknown>) => ({ id: 7, at: new Date("2026-11-23T17:00:00Z"), actor: "web:maria", actorPersonId: null, action: "event.edit.refused", subjectType: "event", subjectId: "3", details: JSON.stringify(details) });
  const detailIn = async (locale: string, details: Record<string, unknown>) => (await auditSentences(data(store), [row(details)], core.translator.forLocale(locale), createFormatter(locale, core.timeZone)))[0]!.detail;

  it("are in the reader's language: names, codes, yes and no, dates and money", async () => {
    const details = { platform: "web", reason: "not_organiser", late: true, expiresAt: "2026-12-31T08:00:00.000Z", amountCents: 12_550, status: "waitlist" };
    expect(await detailIn("en", details)).toBe("platform: web · reason: not the organiser · late: yes · expires: Thu, Dec 31, 2026, 12:00 AM PST · amount: $125.50 · status: waitlist");
    expect(await detailIn("es", details)).toContain("plataforma: web · motivo: no es el organizador · tarde: sí");
    expect(await detailIn("vi", details)).toContain("lý do: không phải người tổ chức");
    expect(await detailIn("zh-Hans", details)).toContain("原因: 不是组织者");
    expect(await detailIn("ru", details)).toContain("причина: не организатор · с опозданием: да");
    for (const locale of LOCALES.filter((l) => l !== "en")) expect(await detailIn(locale, details)).not.toMatch(/not_organiser|platform|reason|\btrue\b|waitlist|\d{4}-\d{2}-\d{2}T/);
  });

  it("keep ids and codes this version has no word for as stored", async () => {
    expect(await detailIn("es", { personIds: [4, 9], version: 3, code: "ABCD1234" })).toBe("personas: 4, 9 · versión: 3 · código: ABCD1234");
    expect(await detailIn("ru", { before: "en", language: "es" })).toBe("было: English · язык: Español");
  });

  it("read in Spanish on the real audit view", async () => {
    await say("sofia", "/unionhall admin role grant 100001 steward SL-083 2026-12-31");
    const es = (await handleCommand(core, { actor: { ...web("sofia"), locale: "es" }, text: "/unionhall admin audit role" })).reply.fallbackText;
    expect(es).toContain("plataforma: web");
    expect(es).not.toContain("platform: web");
  });

  // Every kind of thing an entry can be about (other than a person, who is named) has its words.
  // A new kind without them fails here, naming file and line.
  it("say what an entry was about in the reader's language", async () => {
    const about = async (locale: string, subjectType: string, subjectId: string) =>
      (await auditSentences(data(store), [{ ...row({}), action: "contacts.denied", subjectType, subjectId }], core.translator.forLocale(locale), createFormatter(locale, core.timeZone)))[0]!.text;
    expect(await about("en", "grant", "4")).toContain("(access grant #4)");
    expect(await about("es", "grant", "4")).toContain("(permiso de acceso n.º 4)");
    expect(await about("vi", "sublocal", "SL-083")).toContain("(chi hội SL-083)");
    expect(await about("zh-Hans", "rebate_request", "12")).toContain("返还款付款申请 #12");
    expect(await about("ru", "contact_request", "7")).toContain("запрос контактов № 7");
    for (const locale of LOCALES.filter((l) => l !== "en"))
      for (const type of ["grant", "sublocal", "rebate_request", "contact_request"]) expect(await about(locale, type, "1")).not.toMatch(/grant|sub-local|rebate|request|_/);
    // A kind only an older version wrote keeps its own name rather than nothing.
    expect(await about("es", "old_kind", "3")).toContain("old kind #3");
  });

  // Every detail name the code writes has its words, and every code it writes as a literal value
  // has its own: a new one without them fails here, naming file and line.
  it("have a name in every language for every detail the code writes, and words for every literal code", () => {
    const root = resolve(import.meta.dirname, "../..");
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) return n === "generated" || n.startsWith("migrations") ? [] : sources(p);
        return p.endsWith(".ts") ? [p] : [];
      });
    const missing: string[] = [];
    let seen = 0;
    let subjects = 0;
    for (const file of ["commands", "db", "bot"].flatMap((d) => sources(join(root, d)))) {
      const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      const at = (n: ts.Node) => `${relative(root, file)}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1}`;
      const visit = (n: ts.Node) => {
        if (ts.isCallExpression(n)) {
          const callee = n.expression.getText(src);
          let details: ts.Expression | undefined;
          let subjectType: ts.Expression | undefined;
          const typeIn = (subject: ts.Expression | undefined) => {
            if (!subject || !ts.isObjectLiteralExpression(subject)) return undefined;
            const p = subject.properties.find((x) => x.name?.getText(src) === "type");
            return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
          };
          // ctx.audit(action, subject, details) and, inside a transaction, ctx.auditIn(tx, action, subject, details).
          if (/(^|\.)audit$/.test(callee)) [subjectType, details] = [typeIn(n.arguments[1]), n.arguments[2]];
          else if (/(^|\.)auditIn$/.test(callee)) [subjectType, details] = [typeIn(n.arguments[2]), n.arguments[3]];
          else if (/(^|\.)appendAudit(In|Async)?$/.test(callee) && n.arguments[1] && ts.isObjectLiteralExpression(n.arguments[1])) {
            const field = (name: string) => {
              const p = (n.arguments[1] as ts.ObjectLiteralExpression).properties.find((x) => x.name?.getText(src) === name);
              return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
            };
            [subjectType, details] = [field("subjectType"), field("details")];
          }
          if (subjectType) {
            const kinds = ts.isConditionalExpression(subjectType) ? [subjectType.whenTrue, subjectType.whenFalse] : [subjectType];
            for (const k of kinds) {
              if (!ts.isStringLiteral(k)) continue;
              subjects++;
              if (k.text !== "person" && !isAuditSubjectType(k.text)) missing.push(`${at(k)} writes an entry about a "${k.text}" without words for it`);
            }
          }
          if (details && ts.isObjectLiteralExpression(details)) {
            for (const p of details.properties) {
              if (ts.isSpreadAssignment(p) || !p.name) continue;
              const name = p.name.getText(src);
              seen++;
              if (!Object.hasOwn(DETAIL_LABELS, name)) missing.push(`${at(p)} writes detail "${name}" without a name for it`);
              const literals = ts.isPropertyAssignment(p) ? [p.initializer, ...(ts.isConditionalExpression(p.initializer) ? [p.initializer.whenTrue, p.initializer.whenFalse] : [])] : [];
              for (const v of literals) if (ts.isStringLiteral(v) && !Object.hasOwn(DETAIL_VALUES, v.text) && !isLocale(v.text)) missing.push(`${at(v)} writes "${name}: ${v.text}" without words for it`);
            }
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(src);
    }
    expect(seen).toBeGreaterThan(100);
    expect(subjects).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
