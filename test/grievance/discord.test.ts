// The same story through the Discord fake and the real discord.js client: the two intake forms
// fit Discord modals (five fields each); the case card has its buttons; the report arrives with
// its PNG and CSV attached.
import { afterAll, beforeAll, expect, it } from "vitest";
import { localDate } from "../../commands/grievance/deadlines.ts";
import { buttonsOf, send, startHarness, textOf, type Harness } from "../discord/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const text = (id: string, value: string) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: id, value } });
const select = (id: string, value: string) => ({ type: 18, id: 1, component: { type: 3, id: 2, custom_id: id, values: [value] } });
const grievance = (name: string, options: { name: string; value: string }[] = []) =>
  h.fake.chatInput(h.steward, "grievance", [{ name, type: 1, options: options.map((o) => ({ ...o, type: 3 })) }]);

it("a steward files in two modals and sees the case with its buttons", async () => {
  const today = localDate(new Date(), "America/Los_Angeles");
  const first = await send(h, grievance("file"));
  expect(first.type).toBe(9);
  expect(first.data.title).toBe("File a grievance");
  const page1 = await send(
    h,
    h.fake.modalSubmit(h.steward, first.data.custom_id, [
      text("grievant", "100001"),
      select("contract", "STATE-2025"),
      select("category", "pay"),
      text("articles", "18.2"),
      text("incident", today),
    ]),
  );
  expect(page1.data.content).toBe("📝 File a grievance: details");
  const [open] = buttonsOf(page1.data);
  const second = await send(h, h.fake.button(h.steward, open!.custom_id, h.fake.messageFrom(page1.data, 64)));
  expect(second.type).toBe(9);
  const filed = await send(
    h,
    h.fake.modalSubmit(h.steward, second.data.custom_id, [
      text("learned", today),
      text("discipline", ""),
      text("narrative", "Overtime paid at straight time."),
      text("remedy", "Back pay at time and a half."),
      text("workplace", "Oregon Department of Human Services — Salem Central Office"),
    ]),
  );
  const ref = (h.bot.store.sql.prepare(`SELECT ref FROM "Grievance"`).get() as { ref: string }).ref;
  expect(textOf(filed.data)).toContain(`Filed ${ref} at Informal.`);
  expect(buttonsOf(filed.data).map((b) => b.label)).toEqual(["Record response", "Advance / appeal", "Record extension", "Record real dates", "Add note", "Close case"]);

  const shown = await send(h, grievance("show", [{ name: "ref", value: ref }]));
  expect(textOf(shown.data)).toContain("Deadlines");

});

// Reports carry a PNG and a CSV: Discord uploads go through discord.js's own undici (adapters/discord/agent.ts).
it("gets the report with its PNG and CSV attached", async () => {
  const report = await send(h, grievance("report"));
  expect(textOf(report.data)).toContain("Grievance report — sub-local SL-083");
  expect(report.files.map((f) => f.filename.replace(/\d{4}-\d{2}-\d{2}/g, "D"))).toEqual(["grievance-report-SL-083-D-D.png", "grievance-report-SL-083-D-D.csv"]);
});
