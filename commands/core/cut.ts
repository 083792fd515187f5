// Cutting text to a length without breaking a word or a character: snippets, file titles, alt
// text, chat fields with a platform limit. Word boundaries come from Intl.Segmenter (ICU), which
// knows where Chinese words end as well as spaces; a single word longer than the limit is cut
// between characters (grapheme clusters: "é", "👩‍⚕️" and "越" stay whole), never inside one.

const words = new Map<string, Intl.Segmenter>();
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

function wordSegmenter(locale?: string): Intl.Segmenter {
  const key = locale ?? "";
  let s = words.get(key);
  if (!s) words.set(key, (s = new Intl.Segmenter(locale, { granularity: "word" })));
  return s;
}

/** The text's user-perceived characters (grapheme clusters). */
export function characters(text: string): string[] {
  return Array.from(graphemes.segment(text), (g) => g.segment);
}

/** The text split where a line may break: after each word and the spaces or punctuation after it. */
export function breakPieces(text: string, locale?: string): string[] {
  const pieces: string[] = [];
  for (const seg of wordSegmenter(locale).segment(text)) {
    // A word starts a new piece; spaces and punctuation stay with the piece before them.
    if (seg.isWordLike || pieces.length === 0) pieces.push(seg.segment);
    else pieces[pieces.length - 1] += seg.segment;
  }
  return pieces;
}

export interface CutOptions {
  /** Appended when text is cut (default "…"); counts toward the limit. */
  ellipsis?: string;
  /** Language of the text, for word boundaries. */
  locale?: string;
  /** How length is counted (default: UTF-16 code units, as JavaScript and most APIs count). */
  measure?: (s: string) => number;
}

/**
 * The text, whole when it fits in `max`; otherwise cut at the last word boundary that fits (or,
 * when the first word alone is longer, at the last whole character), trailing spaces dropped and
 * the ellipsis added. Never longer than `max`.
 */
export function cutText(text: string, max: number, opts: CutOptions = {}): string {
  const measure = opts.measure ?? ((s: string) => s.length);
  if (measure(text) <= max) return text;
  const ellipsis = opts.ellipsis ?? "…";
  const room = max - measure(ellipsis);
  if (room <= 0) return measure(ellipsis) <= max ? ellipsis : "";
  let kept = "";
  for (const piece of breakPieces(text, opts.locale)) {
    if (measure((kept + piece).trimEnd()) > room) break;
    kept += piece;
  }
  kept = kept.trimEnd();
  // No whole word fits (or the words that fit are a sliver of the room): cut between characters.
  if (measure(kept) < room / 2) {
    kept = "";
    for (const ch of characters(text)) {
      if (measure(kept + ch) > room) break;
      kept += ch;
    }
    kept = kept.trimEnd();
  }
  return kept + ellipsis;
}
