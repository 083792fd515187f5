// The packet's grievance figures cover the last 12 months, as docs/handoff.md says: in November 2026
// they start in December 2025, not on 1 January (a calendar year would hide last winter's cases).
// The period reads in the reader's language and date style, as /grievance report writes it, in the
// chat, the Markdown file and the PDF alike: never as raw ISO dates.
import { afterEach, expect, it } from "vitest";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { readPdf } from "../report/pdf-text.ts";
import { textOf, trainingWorld } from "../training/helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const file = (r: RenderedReply, mime: string) => r.files.find((x) => x.mime === mime)!.data;
const iso = /\d{4}-\d{2}-\d{2}/;

it("the handoff packet's grievance figures span the last 12 months, not the calendar year", async () => {
  w = await trainingWorld();
  const packet = textOf((await w.run("pat", "/handoff packet SL-083")).reply);
  const title = packet.split("\n").find((l) => l.startsWith("Grievance report — SL-083"));
  expect(title).toBeDefined();
  expect(title).toMatch(/Dec(ember)? 1, 2025/);
  expect(title).not.toMatch(/Jan(uary)? 1, 2026|2026-01-01/);
});

it("the period reads in the reader's language and date style in the chat, the Markdown and the PDF", async () => {
  w = await trainingWorld();
  const cases: [string, string][] = [
    ["en", "Grievance report — SL-083, Dec 1, 2025 to Nov 23, 2026"],
    ["es", "Informe de quejas — SL-083, del 1 dic 2025 al 23 nov 2026"],
    ["ru", "Отчёт о жалобах — SL-083, с 1 дек. 2025 г. по 23 нояб. 2026 г."],
  ];
  for (const [lang, title] of cases) {
    await w.run("pat", `/unionhall language ${lang}`);
    const r = (await w.run("pat", "/handoff packet SL-083")).reply;
    const chat = textOf(r).split("\n").find((l) => l.includes("SL-083,"))!;
    expect(chat, lang).toContain(title);
    expect(chat, lang).not.toMatch(iso);
    const md = String(file(r, "text/markdown")).split("\n").find((l) => l.startsWith("## ") && l.includes("SL-083,"))!;
    expect(md, lang).toBe(`## ${title}`);
    const pdf = (await readPdf(file(r, "application/pdf") as Buffer)).text.join(" ").replace(/\s+/g, " ");
    expect(pdf, lang).toContain(title);
  }
});
