// What in a handoff note looks like a member's personal data: phone numbers, e-mail addresses,
// street addresses and (checked against the roster by the caller) names. Pure: it finds; the note
// command decides. It errs towards asking: a false alarm costs the writer a rewrite, a miss puts a
// member's details in a packet that is passed from hand to hand.

export type Finding = { kind: "phone" | "email" | "address" } | { kind: "name"; name: string };

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
// 503-555-0199, (503) 555 0199, 503.555.0199, +1 503 555 0199, 5035550199
const PHONE = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/;
const STREET_WORDS = [
  "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr", "lane", "ln", "way", "court", "ct", "place", "pl", "terrace", "ter",
  "circle", "cir", "highway", "hwy", "parkway", "pkwy", "loop", "trail", "calle", "avenida", "camino",
];
// A house number, one to four words, then a street word: "1234 SE Oak St", "77 Pine Avenue".
const ADDRESS = new RegExp(`\\b\\d{1,6}\\s+(?:[\\p{L}\\p{N}.'-]+\\s+){1,4}(?:${STREET_WORDS.join("|")})\\b\\.?`, "iu");
// "apt 4", "unit 12B", "PO Box 123"
const UNIT = /\b(?:apt|apartment|unit|suite|p\.?\s?o\.?\s+box)\s*#?\s*\d+/i;

/** Pairs of adjacent capitalised words, as "first last" in lower case, to look up on the roster. */
export function namePairs(text: string): { first: string; last: string }[] {
  const words = text.match(/\p{Lu}[\p{L}'’-]+/gu) ? [...text.matchAll(/[\p{L}'’-]+/gu)].map((m) => m[0]) : [];
  const out = new Map<string, { first: string; last: string }>();
  for (let i = 0; i + 1 < words.length && out.size < 200; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (/^\p{Lu}/u.test(a) && /^\p{Lu}/u.test(b)) out.set(`${a} ${b}`.toLowerCase(), { first: a.toLowerCase(), last: b.toLowerCase() });
  }
  return [...out.values()];
}

/** The kinds of personal data this text seems to hold (names are added by the caller from the roster). */
export function screenText(text: string): Finding[] {
  const found: Finding[] = [];
  if (EMAIL.test(text)) found.push({ kind: "email" });
  if (PHONE.test(text)) found.push({ kind: "phone" });
  if (ADDRESS.test(text) || UNIT.test(text)) found.push({ kind: "address" });
  return found;
}
