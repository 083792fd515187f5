// The public certificate check at /certificates, linked from every certificate: it confirms a code
// with what the certificate says (holder, module, date, union) and nothing else about the person.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { data, transaction } from "../../db/data.ts";
import { issueCertificate, listModules } from "../../db/training.ts";
import { importTraining, SEED_MODULES_DIR } from "../../commands/training/import.ts";
import { botDatabaseUrl } from "../slack/harness.ts";
import { readPdf } from "../report/pdf-text.ts";
import { buttonLabelled, trainingWorld } from "./helpers.ts";

let bot: Bot;
let base: string;
let code: string;

beforeAll(async () => {
  vi.stubEnv("UNION_NAME", "SEIU Local 503");
  bot = await startBot(loadConfig({ DATABASE_URL: await botDatabaseUrl(), PORT: "0", LOG_LEVEL: "silent" }));
  base = `http://127.0.0.1:${bot.port}`;
  await importTraining(bot.store, SEED_MODULES_DIR, new Date("2026-11-01T12:00:00Z"));
  const mod = (await listModules(data(bot.store))).find((m) => m.slug === "steward-basics")!;
  const maria = (await data(bot.store).one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = '100001'`))!.id;
  code = (await transaction(bot.store, (tx) => issueCertificate(tx, { personId: maria, moduleId: mod.id, moduleVersion: mod.version, moduleTitle: mod.title }, new Date("2026-11-23T18:00:00Z")))).code;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await bot?.stop();
});

const shown = () => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

describe("the certificate check page", () => {
  it("confirms a genuine code with the holder, module, date and union, and nothing else", async () => {
    const r = await fetch(`${base}/certificates?code=${shown().toLowerCase()}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(r.headers.get("cache-control")).toBe("no-store");
    const html = await r.text();
    expect(html).toContain("This certificate is genuine");
    expect(html).toContain("Maria Alvarez");
    expect(html).toContain("Steward basics");
    expect(html).toContain("Mon, Nov 23, 2026");
    expect(html).toContain("SEIU Local 503");
    expect(html).not.toMatch(/100001|SL-083|@|503-555/);
    expect(html).not.toContain("<script");
    const audited = await data(bot.store).all<{ actor: string; details: string }>(`SELECT "actor", "details" FROM "AuditEntry" WHERE "action" = 'training.verify'`);
    expect(audited).toEqual([{ actor: "public", details: expect.stringContaining('"via":"page"') }]);
  });

  it("says plainly when no certificate has the code, in the reader's language, escaping what was typed", async () => {
    const r = await fetch(`${base}/certificates?code=${encodeURIComponent("<b>ABCD</b>")}&lang=es`);
    expect(r.status).toBe(404);
    const html = await r.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("Ningún certificado tiene este código");
    expect(html).toContain("&lt;b&gt;ABCD&lt;/b&gt;");
    expect(html).not.toContain("<b>ABCD");
  });

  it("without a code it offers a form to type one; other addresses are not found; only GET", async () => {
    const html = await (await fetch(`${base}/certificates`)).text();
    expect(html).toContain('<form method="get" action="/certificates">');
    expect(html).toContain("Verification code");
    expect((await fetch(`${base}/certificates/anything`)).status).toBe(404);
    expect((await fetch(`${base}/certificates`, { method: "POST" })).status).toBe(405);
  });
});

describe("the certificate links to the page", () => {
  it("prints the page's address with the code", async () => {
    vi.stubEnv("PUBLIC_URL", "https://bot.example.org/");
    const w = await trainingWorld();
    const answers = [
      "Listen, write down the facts and check the contract",
      "From the day the member knew or should have known about the problem",
      "The union, after talking it over with the member",
      "Keep it between you, the member and the people handling the case",
    ];
    let step = (await w.run("maria", "/training start steward-basics")).reply;
    for (const a of answers) step = (await w.click("maria", buttonLabelled(step, a).token)).reply;
    const text = (await readPdf(step.files[0]!.data as Buffer)).text.join(" ").replace(/\s+/g, " ");
    const printed = /Verification code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2})/.exec(text)![1]!;
    expect(text).toContain(`https://bot.example.org/certificates?code=${printed}`);
    w.store.close();
  });
});
