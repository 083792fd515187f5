// Search text rules, pure: what goes into the full-text index beside a document's own words, how
// a person's query becomes an FTS5 expression that can never be a syntax error, and the snippet
// shown under each hit. The index (SQLite FTS5, unicode61 with diacritics removed) already folds
// most accents; these rules add what it cannot do alone:
// - letters that are not "a letter plus a mark" in Unicode (Vietnamese đ, Polish ł, ø…), folded by hand;
// - Chinese, Japanese and Korean, written without spaces: indexed as overlapping two-character
//   tokens, so a query of two characters finds any text containing them (as search engines do).

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/gu;
const EXTRA_FOLDS: Record<string, string> = { đ: "d", Đ: "D", ł: "l", Ł: "L", ø: "o", Ø: "O", ß: "ss", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ı: "i" };

/** Letters without their accents, including the few Unicode does not decompose (đ → d). */
export function foldAccents(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐłŁøØßæÆœŒı]/g, (c) => EXTRA_FOLDS[c] ?? c);
}

/** "工会合同" → "工会 会合 合同"; a single character stays itself. */
export function cjkBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Markdown as the words a reader sees: no link targets, emphasis marks or heading hashes. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s{0,3}#{1,6}\s+/gm, "")
    .replace(/^\s{0,3}>\s?/gm, "")
    .replace(/^\s*[-*+]\s+/gm, "")
    .replace(/[*_`~|]+/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/**
 * The extra tokens indexed for a text: its accent-folded form when folding changes it, and the
 * two-character tokens of every CJK run.
 */
export function indexExtras(text: string): string {
  const parts: string[] = [];
  const folded = foldAccents(text);
  if (folded !== text.normalize("NFD").replace(/\p{M}+/gu, "")) parts.push(folded);
  for (const run of text.match(CJK_RUN) ?? []) parts.push(cjkBigrams(run).join(" "));
  return parts.join(" \n");
}

export interface QueryToken {
  text: string;
  /** Matches every indexed token that starts with `text`. */
  prefix: boolean;
}

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or null when nothing searchable was typed. */
  match: string | null;
  /** The words to highlight in snippets (as typed, without operators). */
  terms: string[];
  /** Every index token a match needs (lower case, accents folded), to tell a broad query from a narrow one. */
  tokens: QueryToken[];
}

const MAX_QUERY = 300;
const MAX_TERMS = 12;
const OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);
const WORD = /[\p{L}\p{N}]+/gu;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** One word or phrase as an FTS5 phrase (CJK runs as consecutive bigrams), and its index tokens. */
function phrase(words: string[], prefix: boolean): { expr: string; tokens: QueryToken[] } | null {
  const tokens: string[] = [];
  for (const w of words) {
    // A word may mix scripts ("SEIU工会"): split it into its CJK and other parts.
    for (const part of w.split(/([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)/u)) {
      if (!part) continue;
      if (CJK.test(part)) tokens.push(...cjkBigrams(part));
      else tokens.push(foldAccents(part));
    }
  }
  if (tokens.length === 0) return null;
  const single = tokens.length === 1;
  const lastIsCjkChar = [...tokens[tokens.length - 1]!].length === 1 && CJK.test(tokens[tokens.length - 1]!);
  // Prefix matching: "griev" finds "grievance"; a lone CJK character finds the bigrams it starts.
  const star = (prefix && single && [...tokens[0]!].length >= 2) || lastIsCjkChar ? "*" : "";
  const indexTokens = tokens.map((t, i) => ({ text: t.toLowerCase(), prefix: Boolean(star) && i === tokens.length - 1 }));
  return { expr: quote(tokens.join(" ")) + star, tokens: indexTokens };
}

/**
 * A person's query as a safe FTS5 expression. Quoted text is a phrase; other words must all
 * appear (prefix match on the last); operators, brackets, stars and symbols are read as plain
 * text, so no input can make the search fail. Several loose words also score the documents where
 * they stand together as a phrase higher.
 */
export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY);
  const parts: string[] = [];
  const terms: string[] = [];
  const loose: string[] = [];
  const tokens: QueryToken[] = [];
  let rest = text;
  // Balanced "quoted phrases"; an unbalanced quote is just a character.
  rest = rest.replace(/"([^"]*)"/g, (_m, inner: string) => {
    const words = inner.match(WORD) ?? [];
    const p = phrase(words, false);
    if (p) {
      parts.push(p.expr);
      tokens.push(...p.tokens);
      terms.push(words.join(" "));
    }
    return " ";
  });
  // "dues OR fees" reads as two words joined; a word that only looks like an operator ("OR" for
  // Oregon, alone or last) is searched for like any word.
  const all = rest.match(WORD) ?? [];
  const joiner = (i: number) => OPERATORS.has(all[i]!) && i > 0 && i < all.length - 1 && !OPERATORS.has(all[i - 1]!) && !OPERATORS.has(all[i + 1]!);
  const words = all.filter((_w, i) => !joiner(i));
  words.forEach((w, i) => {
    // Prefix matching on the last word, as people type ("grievance fo" finds "grievance form"):
    // a prefix on every word would merge many more index entries for little gain.
    const p = phrase([w], i === words.length - 1);
    if (!p) return;
    loose.push(w);
    parts.push(p.expr);
    tokens.push(...p.tokens);
    terms.push(w);
  });
  const kept = parts.slice(0, MAX_TERMS);
  if (kept.length === 0) return { match: null, terms: [], tokens: [] };
  let match = kept.join(" AND ");
  const together = phrase(loose.slice(0, MAX_TERMS), false);
  if (loose.length >= 2 && together) match = `(${match}) OR (${together.expr})`;
  return { match, terms: terms.slice(0, MAX_TERMS), tokens: tokens.slice(0, MAX_TERMS * 4) };
}

/** Where a term stands in a text, ignoring case and accents (index into the original text). */
function findTerm(text: string, foldedLower: string, term: string): number {
  const needle = foldAccents(term).toLowerCase();
  if (!needle) return -1;
  const at = foldedLower.indexOf(needle);
  if (at < 0) return -1;
  // Folding removes combining marks, so positions shift: map back by counting folded characters.
  let folded = 0;
  for (let i = 0; i < text.length; i++) {
    if (folded >= at) return i;
    // Plain ASCII folds to itself: only other characters are folded one by one.
    folded += text.charCodeAt(i) < 0x80 ? 1 : foldAccents(text[i]!).length;
  }
  return -1;
}

export interface Snippet {
  text: string;
  /** The heading of the section the first match stands in, if the document has headings. */
  heading: string | null;
}

/**
 * A short passage of the document around the first matched term, with every matched term in
 * *bold* (Slack/Discord/web all render single-asterisk bold through the adapters), and the
 * heading of its section.
 */
export function snippet(markdown: string, terms: readonly string[], width = 220): Snippet {
  // The heading of the section holding the first line with a match (headings after it do not matter).
  let heading: string | null = null;
  let found = false;
  let lineHeading: string | null = null;
  for (const line of terms.length ? markdown.split("\n") : []) {
    const h = /^\s{0,3}#{1,6}\s+(.+)$/.exec(line);
    if (h) lineHeading = plainText(h[1]!);
    const p = plainText(line);
    const fl = foldAccents(p).toLowerCase();
    if (terms.some((t) => findTerm(p, fl, t.split(" ")[0]!) >= 0)) {
      found = true;
      heading = lineHeading;
      break;
    }
  }
  const flat = plainText(markdown);
  const flatFolded = foldAccents(flat).toLowerCase();
  let pos = -1;
  for (const t of terms) {
    const p = findTerm(flat, flatFolded, t.split(" ")[0]!);
    if (p >= 0 && (pos < 0 || p < pos)) pos = p;
  }
  let start = pos < 0 ? 0 : Math.max(0, pos - Math.floor(width / 3));
  // The passage starts where a word starts: after the first space before the match, or at the
  // match itself (text without spaces, like Chinese, starts at any character).
  if (start > 0 && !/\s/.test(flat[start - 1]!)) {
    const space = flat.slice(start, pos).search(/\s/);
    start = space >= 0 ? start + space + 1 : pos;
  }
  if (/[\udc00-\udfff]/.test(flat[start] ?? "")) start--;
  let piece = cutAtWord(passageFrom(flat, start, width), width);
  if (start > 0) piece = `…${piece}`;
  return { text: highlight(piece, terms), heading: found ? heading : null };
}

/**
 * The text from `start` with its spaces collapsed, only as much of it as a cut at `width` can look
 * at: word boundaries up to the cut never depend on text this far past it, and segmenting or
 * collapsing the whole rest of a long document would cost more than the rest of the search.
 */
function passageFrom(flat: string, start: number, width: number): string {
  for (let room = width * 2; ; room *= 2) {
    const end = start + room;
    const piece = flat.slice(start, end).replace(/\s+/g, " ").trim();
    if (end >= flat.length || piece.length > width + 64) return piece;
  }
}

/** Bold every occurrence of each term (accent- and case-insensitive), without nesting. */
export function highlight(text: string, terms: readonly string[]): string {
  const words = [...new Set(terms.flatMap((t) => t.split(" ")).filter((w) => w.length > 0))];
  if (words.length === 0) return text;
  const folded = foldAccents(text).toLowerCase();
  if (folded.length !== text.length) return text; // rare: folding changed the length; show as is
  const marks = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    const needle = foldAccents(w).toLowerCase();
    for (let i = folded.indexOf(needle); i >= 0 && needle; i = folded.indexOf(needle, i + needle.length)) {
      // Extend a prefix match to the end of the word ("griev" bolds "grievance").
      let end = i + needle.length;
      while (end < text.length && /[\p{L}\p{N}]/u.test(text[end]!) && !CJK.test(text[end]!)) end++;
      for (let k = i; k < end; k++) marks[k] = true;
    }
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (marks[i] && !marks[i - 1]) out += "*";
    out += text[i];
    if (marks[i] && !marks[i + 1]) out += "*";
  }
  return out;
}

const words = new Intl.Segmenter("en", { granularity: "word" });

/**
 * At most `max` characters of `text`, cut only where a word ends (for Chinese, where ICU's word
 * segmentation puts a boundary, which is always between characters), with "…" when cut.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // The word standing at the last place the cut may reach starts where the kept text ends
  // (asking for that one segment, not walking every segment before it).
  let end = words.segment(text).containing(max - 1)!.index;
  // A single word longer than the room: cut it between characters (never inside a surrogate pair).
  if (end === 0) end = [...text.slice(0, max - 1)].join("").length - (/[\ud800-\udbff]$/.test(text.slice(0, max - 1)) ? 1 : 0);
  return `${text.slice(0, end).trimEnd()}…`;
}
