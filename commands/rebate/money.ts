// Money as integer cents: parsing what people and the treasury's export write. Never floating
// point: amounts are parsed digit by digit. Formatting for a reader is ctx.fmt.money (core/format.ts).

/**
 * Cents from "1,234.56", "$1,234.56", "(45.00)" (accounting negative), "-45.00", "45" or "45.5".
 * Null when it is not an amount.
 */
export function parseAmount(raw: string): number | null {
  let s = raw.trim().replace(/\s+/g, "");
  if (s === "") return null;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1]!;
  }
  if (s.startsWith("-") || s.startsWith("−")) {
    if (negative) return null;
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith("+") && !negative) s = s.slice(1);
  s = s.replace(/^\$/, "").replace(/^USD/i, "");
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const whole = m[1]!.replace(/,/g, "");
  if (whole.length > 13) return null;
  const cents = Number(whole) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** The exact decimal text of an amount: -12345 → "-123.45". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
