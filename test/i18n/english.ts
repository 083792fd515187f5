// Finding English left in a reply meant for another language. Command names, option names,
// `code`, quoted examples (“tomorrow 09:00” works in every language), mentions, channels and
// member data (names, employers, worksites) stay as they are; sentences must not.
import type { RenderedReply } from "../../commands/core/reply.ts";

/** Words that only an English sentence has: none of them is a name, a code or a place in the demo data. */
export const COMMON_ENGLISH = [
  "the", "you", "your", "is", "are", "not", "this", "that", "with", "can", "will", "was", "were", "have", "has",
  "please", "nothing", "only", "there", "what", "which", "who", "when", "been", "would", "should", "does", "don't",
  "isn't", "can't", "didn't", "any", "from", "into", "after", "before", "some", "more", "about", "them", "they",
];

export function replyText(r: RenderedReply, opts: { commandForm?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const b of r.blocks) {
    switch (b.type) {
      case "text":
      case "context":
        out.push(b.text);
        break;
      case "section":
        if (b.title) out.push(b.title);
        if (b.text) out.push(b.text);
        // Field values are member data (employer, worksite…); their labels are ours.
        for (const f of b.fields ?? []) out.push(f.label);
        break;
      case "list":
        if (b.title) out.push(b.title);
        if (b.empty) out.push(b.empty);
        for (const i of b.items) out.push(i.text, i.detail ?? "");
        break;
      case "buttons":
        for (const x of b.buttons) out.push(x.label);
        break;
    }
  }
  if (r.form) {
    out.push(r.form.intro ?? "", r.form.submitLabel ?? "");
    // A command typed alone opens as a form with one field per option; an option the core has no
    // name for keeps its (English) name, by design. Titles and choices are always the reader's.
    out.push(r.form.title);
    for (const f of r.form.fields) {
      out.push(f.hint ?? "", f.placeholder ?? "", ...(f.options ?? []).map((o) => o.label));
      if (!opts.commandForm) out.push(f.label);
    }
  }
  return out.filter((s) => s.trim() !== "");
}

export function stripUntranslatable(s: string): string {
  return s
    .replace(/`[^`]*`/g, " ")
    .replace(/“[^”]*”|"[^"]*"|«[^»]*»/g, " ")
    .replace(/(^|[\s(])\/[a-z][\w-]*/g, " ")
    .replace(/<[@#][^>]*>|[@#][\w.-]+/g, " ")
    .replace(/\b[\w-]+:[A-Z_]+\b/g, " ")
    // Audit details are recorded codes shown as "key: value".
    .replace(/\b[a-z][a-zA-Z_]*: /g, " ")
    // Contract rules are written in their own small language: "30 calendar from knew|discipline".
    .replace(/\b\d+ (calendar|working) from [\w|]+/g, " ")
    .replace(/\bstep\d\.\w+ \d+ \w+ from [\w|]+/g, " ");
}

/** The common English words found in `texts`, with the text they were found in. */
export function englishIn(texts: string[]): string[] {
  const found: string[] = [];
  for (const t of texts) {
    const words = stripUntranslatable(t).toLowerCase().split(/[^a-z']+/);
    const hits = COMMON_ENGLISH.filter((w) => words.includes(w));
    if (hits.length) found.push(`${hits.join(",")} in “${t.slice(0, 120)}”`);
  }
  return found;
}

/**
 * Pieces of our own English strings (every bundle, the parts between {{variables}}, 16 characters
 * or more) found in `texts`: an English string of ours that leaked, told apart from member data
 * and documents (a training module's summary, a knowledge-base title) that are written in English.
 */
export function ourEnglishIn(texts: string[], bundles: Record<string, import("../../commands/core/i18n.ts").Strings>[]): string[] {
  const pieces = new Set<string>();
  const walk = (s: import("../../commands/core/i18n.ts").Strings) => {
    for (const v of Object.values(s)) {
      if (typeof v !== "string") walk(v);
      else for (const p of v.split(/\{\{[^}]*\}\}/)) if (p.trim().length >= 16 && /[a-z] [a-z]/i.test(p)) pieces.add(p.trim());
    }
  };
  for (const b of bundles) if (b.en) walk(b.en);
  const joined = texts.join("\n");
  return [...pieces].filter((p) => joined.includes(p));
}
