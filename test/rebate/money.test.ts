// Amounts as treasurers and officers type them, in the separators their language shows them
// (read from the bot's own formatter), and the exact reason given when one can't be read.
import { describe, expect, it } from "vitest";
import { createFormatter } from "../../commands/core/format.ts";
import { centsToDecimal, parseAmount, readAmount, separatorsOf, US } from "../../commands/rebate/money.ts";

// Read when each test runs (not once at import), so a change to how they are read is seen.
const sepOf = (locale: string) => separatorsOf(createFormatter(locale, "America/Los_Angeles").money);
const VI = () => sepOf("vi"); // 1.234.567,89 US$
const RU = () => sepOf("ru"); // 1 234 567,89 $
const cents = (raw: string, sep = () => US) => {
  const r = readAmount(raw, sep());
  return r.ok ? r.cents : r.problem;
};

describe("the separators each language shows money with", () => {
  it("are read from the formatter", () => {
    expect(sepOf("en")).toEqual({ decimal: ".", group: "," });
    expect(sepOf("zh-Hans")).toEqual({ decimal: ".", group: "," });
    expect(VI()).toEqual({ decimal: ",", group: "." });
    // A space (or a narrow no-break space) groups thousands in Russian.
    expect(RU()).toEqual({ decimal: ",", group: " " });
  });

  it("a formatter without grouping has no group separator; one that can't be read falls back to US", () => {
    expect(separatorsOf((c) => `${Math.trunc(c / 100)},${String(c % 100).padStart(2, "0")} €`)).toEqual({ decimal: ",", group: "" });
    expect(separatorsOf(() => "n/a")).toEqual(US);
  });
});

describe("reading an amount", () => {
  it.each([
    ["$1,234.56", 123_456],
    ["US$1,234.56", 123_456],
    ["USD 12.50", 1_250],
    ["12.50 US$", 1_250],
    ["+12.50", 1_250],
    ["−45.00", -4_500],
    ["$-45.00", -4_500],
    ["-$45.00", -4_500],
    ["(45.00)", -4_500],
    ["($45.00)", -4_500],
    ["007.05", 705],
    ["0.5", 50],
    ["9999999999.99", 999_999_999_999],
    ["0000000000012.00", 1_200],
  ])("in US English %j is %i cents", (raw, want) => expect(cents(raw)).toBe(want));

  it.each([
    ["1.234,56 US$", 123_456],
    ["1234,56", 123_456],
    ["-45,00 US$", -4_500],
    // A plain "12.50" is dollars and cents in every language, even where a point groups thousands…
    ["12.50", 1_250],
    // …but a point before three digits groups them.
    ["1.250", 125_000],
  ])("in Vietnamese %j is %i cents", (raw, want) => expect(cents(raw, VI)).toBe(want));

  it.each([
    ["1 234,56 $", 123_456],
    ["1\u00a0234,56\u00a0$", 123_456],
    ["12.50", 1_250],
    ["-45,00 $", -4_500],
  ])("in Russian %j is %i cents", (raw, want) => expect(cents(raw, RU)).toBe(want));

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "notNumber"],
    ["$", "notNumber"],
    [".,", "notNumber"],
    ["(-45.00)", "notNumber"],
    ["(+45.00)", "notNumber"],
    ["--5", "notNumber"],
    ["-$-5", "notNumber"],
    [".5", "notNumber"],
    ["12abc", "notNumber"],
    ["12$50", "notNumber"],
    ["5(45.00)", "notNumber"],
    ["(45.00)5", "notNumber"],
    ["45.001", "tooManyDecimals"],
    ["12,345.678", "separator"],
    [".123", "separator"],
    ["12,50", "separator"],
    ["1.2.3", "separator"],
    ["1.2,3", "separator"],
    ["1,23.00", "separator"],
    ["12,3456.00", "separator"],
    ["99999999999", "tooLarge"],
    ["10000000000.00", "tooLarge"],
  ])("in US English %j can't be read: %s", (raw, problem) => expect(cents(raw)).toBe(problem));

  it.each([
    ["1.200,505", "separator"],
    ["12.50,5", "separator"],
    ["1,2,3", "separator"],
    ["12,345", "tooManyDecimals"],
  ])("in Vietnamese %j can't be read: %s", (raw, problem) => expect(cents(raw, VI)).toBe(problem));

  it.each([
    ["1.234,56", "separator"],
    ["12,345", "tooManyDecimals"],
    ["1.234.567", "separator"],
    ["1.234,567", "separator"],
  ])("in Russian %j can't be read: %s", (raw, problem) => expect(cents(raw, RU)).toBe(problem));

  it("an accountant's amount is read with US separators, null when it is not one", () => {
    expect(parseAmount("(1,234.56)")).toBe(-123_456);
    expect(parseAmount("1.234,56")).toBeNull();
  });
});

describe("the exact decimal text of an amount", () => {
  it.each([
    [-12_345, "-123.45"],
    [5, "0.05"],
    [0, "0.00"],
    [100, "1.00"],
    [-7, "-0.07"],
    [999_999_999_999, "9999999999.99"],
  ])("%i cents is %s", (c, want) => expect(centsToDecimal(c)).toBe(want));

  it("reads back to the same cents", () => {
    for (const c of [-12_345, 5, 0, 100, -7, 999_999_999_999]) expect(readAmount(centsToDecimal(c))).toEqual({ ok: true, cents: c });
  });
});
