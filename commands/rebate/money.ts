// Money as integer cents: parsing what people and the treasury's export write. Never floating
// point: amounts are parsed digit by digit. Formatting for a reader is ctx.fmt.money (core/format.ts).

/** The separators a reader's language writes money with, as the bot itself shows it. */
export interface Separators {
  decimal: string;
  group: string;
}

/** Accountants' and US English separators: 1,234.56. */
export const US: Separators = { decimal: ".", group: "," };

/** The largest amount accepted: $9,999,999,999.99 (ten digits before the cents). */
const MAX_WHOLE_DIGITS = 10;

/** The separators of a formatter's money, read from how it writes 1234567.89 (e.g. "1.234.567,89 US$"). */
export function separatorsOf(money: (cents: number) => string): Separators {
  const s = money(123_456_789).replace(/[\u00a0\u202f]/g, " ");
  const m = /1(\D?)234(\D?)567(\D)89/.exec(s);
  if (!m) return US;
  return { decimal: m[3]!, group: m[1] || m[2] || "" };
}

export type AmountProblem = "empty" | "notNumber" | "tooManyDecimals" | "tooLarge" | "separator";
export type ParsedAmount = { ok: true; cents: number } | { ok: false; problem: AmountProblem };

/**
 * Cents from what a reader writes, in their language's separators (what the bot shows them:
 * "$1,234.56", "1234,56 US$", "1.234,56 US$", "1 234,56 $"), with an accounting negative
 * "(45.00)" or "-45.00". A plain "12.50" is read as dollars and cents in every language.
 * Otherwise names the real problem: too many decimals, too large, or the wrong separator.
 */
export function readAmount(raw: string, sep: Separators = US): ParsedAmount {
  let s = raw.trim().replace(/[\s\u00a0\u202f]+/g, "");
  if (s === "") return { ok: false, problem: "empty" };
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1]!;
  }
  if (/^[-−]/.test(s)) {
    if (negative) return { ok: false, problem: "notNumber" };
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith("+") && !negative) s = s.slice(1);
  s = s.replace(/^(?:US\$|USD|\$)/i, "").replace(/(?:US\$|USD|\$)$/i, "");
  if (/^[-−]/.test(s) && !negative) {
    negative = true;
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, problem: "notNumber" };
  const group = sep.group.trim() === "" ? "" : sep.group;
  let whole: string;
  let frac = "";
  const decimals = s.split(sep.decimal).length - 1;
  if (decimals === 1) {
    [whole, frac] = s.split(sep.decimal) as [string, string];
  } else if (decimals === 0) {
    whole = s;
    // "12.50" in a language that writes 12,50: a lone point before one or two digits is still cents.
    const other = sep.decimal === "," ? "." : ",";
    const lone = new RegExp(`^(\\d+)\\${other}(\\d{1,2})$`).exec(s);
    if (lone && other !== group) [whole, frac] = [lone[1]!, lone[2]!];
    else if (lone && other === "." && group === ".") [whole, frac] = [lone[1]!, lone[2]!];
  } else return { ok: false, problem: "separator" };
  if (/[.,]/.test(frac)) return { ok: false, problem: "separator" };
  if (!/^\d*$/.test(frac)) return { ok: false, problem: "notNumber" };
  if (frac.length > 2) return { ok: false, problem: whole.includes(group || "\u0000") || !/^\d+$/.test(whole) ? "separator" : "tooManyDecimals" };
  if (group && whole.includes(group)) {
    if (!new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+$`).test(whole)) return { ok: false, problem: "separator" };
    whole = whole.split(group).join("");
  }
  if (!/^\d+$/.test(whole)) return { ok: false, problem: whole === "" && frac !== "" ? "notNumber" : "separator" };
  whole = whole.replace(/^0+(?=\d)/, "");
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, problem: "tooLarge" };
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return { ok: true, cents: negative ? -cents : cents };
}

/** Cents from an accountant's amount ("1,234.56", "$1,234.56", "(45.00)", "-45.00", "45"); null when it is not one. */
export function parseAmount(raw: string): number | null {
  const r = readAmount(raw, US);
  return r.ok ? r.cents : null;
}

/** The exact decimal text of an amount: -12345 → "-123.45". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
