// The same story through the Discord fake and the real discord.js client: the two intake forms
// fit Discord modals (five fields each); the case card has its buttons; the report arrives with
// its PNG and CSV attached.
import { afterAll, beforeAll, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { localDate } from "../../commands/grievance/deadlines.ts";
import { buttonsOf, send, startHarness, textOf, type Harness } from "../discord/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const grievance = (name: string, options: { name: string; value: string }[] = []) =>
  h.fake.chatInput(h.steward, "grievance", [{ name, type: 1, options: options.map((o) => ({ ...o, type: 3 })) }]);

it("a steward files in two modals and sees the case with its buttons", async () => {
  const today = localDate(new Date(), "America/Los_Angeles");
  const first = await send(h, grievance("file"));
  expect(first.type).toBe(9);
  expect(first.data.title).toBe("File a grievance");
  const page1 = await send(
    h,
    h.fake.submitModal(h.steward, first, { grievant: "100001", contract: "STATE-2025", category: "pay", articles: "18.2", incident: today }),
  );
  expect(page1.data.content).toBe("📝 File a grievance: details");
  const [open] = buttonsOf(page1.data);
  const second = await send(h, h.fake.button(h.steward, open!.custom_id, h.fake.messageFrom(page1.data, 64)));
  expect(second.type).toBe(9);
  const filed = await send(
    h,
    h.fake.submitModal(h.steward, second, {
      learned: today,
      discipline: "",
      narrative: "Overtime paid at straight time.",
      remedy: "Back pay at time and a half.",
      workplace: "Oregon Department of Human Services — Salem Central Office",
    }),
  );
  const ref = (await data(h.bot.store).one<{ ref: string }>(`SELECT ref FROM "Grievance"`))!.ref;
  expect(textOf(filed.data)).toContain(`Filed ${ref} at Informal.`);
  expect(buttonsOf(filed.data).map((b) => b.label)).toEqual(["Record response", "Advance / appeal", "Record extension", "Record real dates", "Add note", "Close case"]);

  const shown = await send(h, grievance("show", [{ name: "ref", value: ref }]));
  expect(textOf(shown.data)).toContain("Deadlines");

});

// Reports carry a PNG, a CSV and a PDF: Discord uploads go through discord.js's own undici (adapters/discord/agent.ts).
it("gets the report with its PNG, CSV and PDF attached", async () => {
  // Drawing the chart and the PDF may take longer than Discord's 3 s: then the answer is deferred
  // and arrives as an edit of the original response, with the same files.
  const i = grievance("report");
  const cb = await send(h, i);
  const report = cb.type === 5 ? await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === i.token)) : { body: cb.data, files: cb.files };
  expect(textOf(report.body)).toContain("Grievance report — sub-local SL-083");
  expect(report.files.map((f) => f.filename.replace(/\d{4}-\d{2}-\d{2}/g, "D"))).toEqual(["grievance-report-SL-083-D-D.png", "grievance-report-SL-083-D-D.csv", "grievance-report-SL-083-D-D.pdf"]);
});
