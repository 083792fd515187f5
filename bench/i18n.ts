// Languages benchmark (not a test): what speaking the member's language costs on every command.
// Measures, in this process, on the real translator with every area's strings:
// - building the translator (once at start-up),
// - one t() call with a variable and one with a Russian plural (per language),
// - formatting a date-time with the zone and money from cents (Intl formatters are cached),
// - the per-command work: looking up the person's saved language and building ctx.fmt.
// Targets: start-up build ≤ 500 ms; the language work of a large reply (60 strings, 20 of them
// with variables and 5 plurals, 10 dates with the zone, 5 amounts) ≤ 1 ms in the slowest
// language — 2% of the 50 ms a command may hold the event loop; the per-command set-up (saved
// choice look-up and ctx.fmt) ≤ 100 µs. Per-call figures per language are reported beside them.
// BENCH_I18N_ROUNDS (default 20000) sets the loop size.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { coreBundles } from "../commands/core/dispatch.ts";
import { createFormatter } from "../commands/core/format.ts";
import { createTranslator, LOCALES, resolveLocale } from "../commands/core/i18n.ts";
import { features } from "../commands/index.ts";
import { data } from "../db/data.ts";
import { localeSubject, saveLocale, savedLocale } from "../db/locales.ts";
import { openStore } from "../db/store.ts";

const ROUNDS = Number(process.env.BENCH_I18N_ROUNDS ?? 20_000);

function perCallMicros(n: number, work: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(1000, n); i++) work(i); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) work(i);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

/** The same, for work that awaits the data layer (db/data.ts). */
async function perCallMicrosAsync(n: number, work: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(1000, n); i++) await work(i); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await work(i);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function run() {
  const t0 = process.hrtime.bigint();
  const translator = createTranslator([...coreBundles, ...features.map((f) => f.strings)]);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const tMicros: Record<string, number> = {};
  const pluralMicros: Record<string, number> = {};
  const fmtMicros: Record<string, number> = {};
  const moneyMicros: Record<string, number> = {};
  const at = new Date("2026-12-05T01:00:00Z");
  for (const lng of LOCALES) {
    const t = translator.forLocale(lng);
    tMicros[lng] = round(perCallMicros(ROUNDS, (i) => t("grievance.errors.notFound", { ref: `G-2026-${i}` })));
    pluralMicros[lng] = round(perCallMicros(ROUNDS, (i) => t("grievance.report.days", { count: i % 30 })));
    const f = createFormatter(lng, "America/Los_Angeles");
    fmtMicros[lng] = round(perCallMicros(ROUNDS, (i) => f.dateTime(new Date(at.getTime() + i * 60_000))));
    moneyMicros[lng] = round(perCallMicros(ROUNDS, (i) => f.money(i * 137)));
  }

  // The per-command part: saved-language look-up (a prepared statement) and ctx.fmt.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-i18n-"));
  const store = await openStore(`file:${path.join(dir, "i18n.db")}`);
  try {
    const db = data(store);
    for (let p = 1; p <= 1000; p++) if (p % 3 === 0) await saveLocale(db, `person:${p}`, LOCALES[p % 5]!, new Date());
    const perCommand = round(
      await perCallMicrosAsync(ROUNDS, async (i) => {
        const locale = resolveLocale(await savedLocale(db, localeSubject({ personId: (i % 1000) + 1, platform: "slack", workspaceId: "T1", userId: "U1" })), "es-ES");
        return [translator.forLocale(locale), createFormatter(locale, "America/Los_Angeles")];
      }),
    );
    const plainMicros: Record<string, number> = {};
    for (const lng of LOCALES) {
      const t = translator.forLocale(lng);
      plainMicros[lng] = round(perCallMicros(ROUNDS, () => t("grievance.buttons.show")));
    }
    const reply = Object.fromEntries(
      LOCALES.map((l) => [l, round((40 * plainMicros[l]! + 15 * tMicros[l]! + 5 * pluralMicros[l]! + 10 * fmtMicros[l]! + 5 * moneyMicros[l]!) / 1000)]),
    ) as Record<string, number>;
    const worstReply = Math.max(...Object.values(reply));
    const figures = [
      { name: "translator build (all areas, 5 languages)", value: round(buildMs), unit: "ms", target: "≤ 500", met: buildMs <= 500 },
      { name: "language work of a large reply, slowest language", value: worstReply, unit: "ms", target: "≤ 1", met: worstReply <= 1 },
      { name: "per-command set-up (saved choice + ctx.fmt)", value: perCommand, unit: "µs", target: "≤ 100", met: perCommand <= 100 },
    ];
    return { figures, perLanguageMicros: { constant: plainMicros, withVariable: tMicros, plural: pluralMicros, dateTime: fmtMicros, money: moneyMicros }, replyMs: reply, rounds: ROUNDS };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
