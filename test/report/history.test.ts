// Membership reports read the status history, and a period before the records start says so
// instead of reporting zeros as if the sub-local had no members.
import { afterEach, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { reportWorld, type ReportWorld } from "./helpers.ts";

let w: ReportWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** The demo records, on file since 10 June 2026: the history starts that month. */
async function recordsFromJune() {
  w = await reportWorld();
  await data(w.store).run(`UPDATE "Person" SET "createdAt" = ?`, new Date("2026-06-10T12:00:00Z"));
  return w;
}

it("a month before the records start: 'no records for that period', in every language; the first month reports", async () => {
  const w = await recordsFromJune();
  const expected: Record<string, RegExp> = {
    en: /No records for May 2026: the membership records start in Jun 2026\./,
    es: /No hay registros de .*2026: los registros de membresía empiezan en .*2026\./,
    vi: /Không có hồ sơ cho .*2026: hồ sơ đoàn viên bắt đầu từ .*2026\./,
    "zh-Hans": /2026年5月没有记录：会员记录从 2026年6月开始。/,
    ru: /Нет записей за .*2026.*: записи о членстве начинаются с .*2026/,
  };
  for (const [locale, text] of Object.entries(expected)) {
    const o = await w.cmd("sofia", "/report run membership statewide 2026-05", locale);
    expect(w.text(o)).toMatch(text);
    expect(w.text(o)).not.toMatch(/\{\{/);
    expect(o.reply.files).toEqual([]);
  }
  for (const report of ["growth", "cape", "contacts", "leaders"]) expect(w.text(await w.cmd("sofia", `/report run ${report} statewide 2026-05`))).toMatch(/No records for May 2026/);
  // A quarter ending before the records start is refused too; one reaching into them reports.
  expect(w.text(await w.cmd("sofia", "/report run membership statewide 2026-Q1"))).toMatch(/No records for 2026-Q1: the membership records start in Jun 2026/);
  const june = w.text(await w.cmd("sofia", "/report run membership statewide 2026-06"));
  expect(june).not.toMatch(/No records/);
  expect(june).toMatch(/Membership/);
  expect(w.text(await w.cmd("sofia", "/report run membership statewide 2026-Q2"))).not.toMatch(/No records/);
});
