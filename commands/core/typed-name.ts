// How a name typed in chat is compared with the names chat shows: case, accents, tone marks and
// punctuation do not matter ("estudio como trabajamos hoy" is "Estudio: cómo trabajamos hoy").
// Any writing system is kept as it is: Chinese and Cyrillic names compare the same way.

/** Lowercase, without accents or tone marks, every run of punctuation or space as one space. */
export function foldName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Typed text without the quotes people put around a name with spaces ("…", “…”, «…», '…'). */
export function unquoteName(s: string): string {
  const t = s.trim();
  const m = /^(["“”«'‘’「『])(.*)(["“”»'‘’」』])$/su.exec(t);
  return m ? m[2]!.trim() : t;
}

/**
 * The one item `typed` names among `items`, each with every name it is known by: a whole name
 * first, then the start of a name, then a part of one. Several at the first level that has any:
 * the caller asks for more of the name and lists them.
 */
export function findByName<T>(items: readonly T[], namesOf: (item: T) => readonly string[], typed: string): { found: T } | { several: T[] } | { none: true } {
  const want = foldName(unquoteName(typed));
  if (!want) return { none: true };
  const named = items.map((item) => ({ item, words: namesOf(item).map(foldName) }));
  const levels: ((w: string) => boolean)[] = [(w) => w === want, (w) => w.startsWith(want), (w) => w.includes(want)];
  for (const fits of levels) {
    const hits = named.filter((n) => n.words.some(fits)).map((n) => n.item);
    if (hits.length === 1) return { found: hits[0]! };
    if (hits.length > 1) return { several: hits };
  }
  return { none: true };
}
