// Training files are read as written: a date, a number or true/false in the front matter is the text
// typed, never a Date rolled over to another day (2027-02-30 is not 2 March), and never refused as
// "not a string".
import { describe, expect, it } from "vitest";
import { parseModule } from "../../commands/training/import.ts";

const file = (title: string, choices: string) => `---
title: ${title}
lessons:
  - questions:
      - ask: When does the contract end?
        choices: ${choices}
        answer: 0
        why: 2027-06-30
---
## Dates

Read the last page of the contract.
`;

describe("training front matter read as written", () => {
  it("keeps date-like, number-like and true/false answers exactly as typed", () => {
    const m = parseModule(file("2027-02-30", "[2027-06-30, 2027-02-30, 30, true]"), "dates.md");
    if ("problem" in m) throw new Error(m.problem);
    expect(m.title).toBe("2027-02-30");
    const q = JSON.parse(JSON.stringify(m.lessons[0]!.questions))[0];
    expect(q.choices).toEqual(["2027-06-30", "2027-02-30", "30", "true"]);
    expect(q.why).toBe("2027-06-30");
  });

  it("still names what is wrong with a bad field", () => {
    expect(parseModule(file("X", "[2027-06-30]"), "x.md")).toEqual({ problem: "lessons.0.questions.0.choices needs at least two choices" });
  });
});
