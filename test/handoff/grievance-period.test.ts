// The packet's grievance figures cover the last 12 months, as docs/handoff.md says: in November 2026
// they start in December 2025, not on 1 January (a calendar year would hide last winter's cases).
import { expect, it } from "vitest";
import { textOf, trainingWorld } from "../training/helpers.ts";

it("the handoff packet's grievance figures span the last 12 months, not the calendar year", async () => {
  const w = await trainingWorld();
  const packet = textOf((await w.run("pat", "/handoff packet SL-083")).reply);
  const title = packet.split("\n").find((l) => l.startsWith("Grievance report — SL-083"));
  expect(title).toBeDefined();
  expect(title).toMatch(/(2025-12-01|Dec(ember)? 1, 2025)/);
  expect(title).not.toMatch(/(2026-01-01|Jan(uary)? 1, 2026)/);
  w.store.close();
});
