// The one Markdown renderer for the union's own texts (knowledge-base documents, training lessons,
// handoff notes, project updates). `marked` reads the text once into lines of styled runs; each
// place people read it gets its own form: Slack mrkdwn, Discord markdown, sanitized HTML, PDF runs
// and plain text. Nobody sees `**`, `##` or a stray `*` again.
//
// Links always show where they go ("label (https://…)"): a label never hides its address in chat.
import { Lexer, marked, type Token, type Tokens } from "marked";
import type sanitizeHtmlType from "sanitize-html";
import { cutText } from "./cut.ts";
import { lazy } from "./lazy.ts";

/** sanitize-html (and the HTML parser and CSS tooling it brings) loads with the first HTML, not at start-up. */
const sanitizeHtml = lazy<typeof sanitizeHtmlType>("sanitize-html");

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** A link's address, shown after its label. */
  url?: boolean;
}

export type LineKind = "heading" | "paragraph" | "item" | "quote" | "code";

/** One line a reader sees: a heading, a paragraph, a list item (with its marker), a quote or code. */
export interface Line {
  kind: LineKind;
  runs: Run[];
  /** Heading level (1–6) or list nesting (0 = top level). */
  depth: number;
  /** A list item's marker: "•" or "1." */
  marker?: string;
}

type Style = Omit<Run, "text">;

function inline(tokens: readonly Token[] | undefined, style: Style, out: Run[]): void {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case "strong":
        inline((t as Tokens.Strong).tokens, { ...style, bold: true }, out);
        break;
      case "em":
        inline((t as Tokens.Em).tokens, { ...style, italic: true }, out);
        break;
      case "del":
        inline((t as Tokens.Del).tokens, style, out);
        break;
      case "codespan":
        out.push({ ...style, code: true, text: decode((t as Tokens.Codespan).text) });
        break;
      case "br":
        out.push({ ...style, text: "\n" });
        break;
      case "link": {
        const l = t as Tokens.Link;
        const label: Run[] = [];
        inline(l.tokens, style, label);
        const shown = label.map((r) => r.text).join("");
        out.push(...label);
        if (/^(https?:|mailto:)/i.test(l.href) && shown.trim() !== l.href && shown.trim() !== l.href.replace(/^mailto:/i, "")) out.push({ ...style, text: " (" }, { url: true, text: l.href }, { ...style, text: ")" });
        break;
      }
      case "image": {
        const i = t as Tokens.Image;
        if (i.text) out.push({ ...style, text: i.text });
        break;
      }
      case "html":
        // Tags are not shown; what they wrap is (their text tokens arrive separately).
        break;
      case "escape":
      case "text": {
        const x = t as Tokens.Text;
        if (x.tokens?.length) inline(x.tokens, style, out);
        else out.push({ ...style, text: decode(x.text) });
        break;
      }
      default:
        if ("text" in t && typeof t.text === "string") out.push({ ...style, text: decode(t.text) });
    }
  }
}

// marked keeps character references as written; readers see the character.
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function runsOf(tokens: readonly Token[] | undefined): Run[] {
  const out: Run[] = [];
  inline(tokens, {}, out);
  // Neighbouring runs of one style become one, so emphasis marks are written once.
  const merged: Run[] = [];
  for (const r of out) {
    const last = merged.at(-1);
    if (last && !last.url && !r.url && !!last.bold === !!r.bold && !!last.italic === !!r.italic && !!last.code === !!r.code) last.text += r.text;
    else if (r.text) merged.push({ ...r });
  }
  return merged;
}

function blocks(tokens: readonly Token[], out: Line[], depth: number, quote: boolean): void {
  for (const t of tokens) {
    switch (t.type) {
      case "heading": {
        const h = t as Tokens.Heading;
        out.push({ kind: quote ? "quote" : "heading", runs: runsOf(h.tokens), depth: h.depth });
        break;
      }
      case "paragraph":
        out.push({ kind: quote ? "quote" : "paragraph", runs: runsOf((t as Tokens.Paragraph).tokens), depth: 0 });
        break;
      case "text": {
        const x = t as Tokens.Text;
        out.push({ kind: quote ? "quote" : "paragraph", runs: runsOf(x.tokens ?? [x]), depth: 0 });
        break;
      }
      case "list": {
        const l = t as Tokens.List;
        l.items.forEach((item, i) => {
          const marker = l.ordered ? `${(typeof l.start === "number" ? l.start : 1) + i}.` : "•";
          const inner: Line[] = [];
          blocks(item.tokens, inner, depth + 1, quote);
          const [first, ...rest] = inner;
          const check = item.task ? (item.checked ? "☑ " : "☐ ") : "";
          if (first && first.kind !== "item") out.push({ kind: "item", runs: check ? [{ text: check }, ...first.runs] : first.runs, depth, marker });
          else out.push({ kind: "item", runs: check ? [{ text: check }] : [], depth, marker }, ...(first ? [first] : []));
          out.push(...rest);
        });
        break;
      }
      case "blockquote":
        blocks((t as Tokens.Blockquote).tokens, out, depth, true);
        break;
      case "code":
        out.push({ kind: "code", runs: [{ text: (t as Tokens.Code).text, code: true }], depth: 0 });
        break;
      case "table": {
        const tb = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[], bold: boolean) => cells.flatMap((c, i) => [...(i ? [{ text: " | " }] : []), ...runsOf(c.tokens).map((r) => (bold ? { ...r, bold } : r))]);
        out.push({ kind: "paragraph", runs: row(tb.header, true), depth: 0 });
        for (const r of tb.rows) out.push({ kind: "paragraph", runs: row(r, false), depth: 0 });
        break;
      }
      case "html": {
        const text = sanitizeHtml()((t as Tokens.HTML).text, { allowedTags: [], allowedAttributes: {} }).trim();
        if (text) out.push({ kind: "paragraph", runs: [{ text: decode(text) }], depth: 0 });
        break;
      }
      default:
        break; // space, hr, def: nothing to read
    }
  }
}

/** The text as lines of styled runs, the form every renderer below starts from. */
export function markdownLines(md: string): Line[] {
  const out: Line[] = [];
  blocks(new Lexer({ gfm: true }).lex(md), out, 0, false);
  return out.filter((l) => l.kind === "item" || l.runs.some((r) => r.text.trim() !== ""));
}

// ---- Chat ---------------------------------------------------------------------------------------

/** Wraps a run's words in `mark`, keeping its outer spaces outside (chat emphasis needs that). */
function wrap(text: string, open: string, close = open): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] ? `${m[1]}${open}${m[2]}${close}${m[3]}` : text;
}

function chat(lines: Line[], opts: { escape: (s: string) => string; url: (s: string) => string; bold: string; italic: string; quote: string; code?: string }): string {
  const out: string[] = [];
  let prev: Line | undefined;
  const runText = (r: Run) => {
    if (r.url) return opts.url(r.text);
    if (r.code) return opts.code === "" ? r.text : wrap(r.text.replace(/`/g, "ˋ"), "`");
    let s = opts.escape(r.text);
    if (r.italic) s = wrap(s, opts.italic);
    if (r.bold) s = wrap(s, opts.bold);
    return s;
  };
  for (const l of lines) {
    // A blank line between blocks, none between the items of one list.
    if (prev && !(prev.kind === "item" && l.kind === "item") && !(prev.kind === "quote" && l.kind === "quote")) out.push("");
    if (l.kind === "code") out.push(opts.code === "" ? l.runs.map((r) => r.text).join("") : "```\n" + l.runs.map((r) => r.text.replace(/```/g, "ˋˋˋ")).join("") + "\n```");
    else {
      const body = l.kind === "heading" ? wrap(opts.escape(l.runs.map((r) => r.text).join("")), opts.bold) : l.runs.map(runText).join("");
      if (l.kind === "item") out.push(`${"    ".repeat(l.depth)}${l.marker} ${body}`);
      else if (l.kind === "quote") out.push(body.split("\n").map((x) => `${opts.quote}${x}`).join("\n"));
      else out.push(body);
    }
    prev = l;
  }
  return out.join("\n");
}

/** Slack mrkdwn: *bold*, _italic_; &, < and > escaped so nothing written becomes a live mention or link. */
export function markdownToSlack(md: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return chat(markdownLines(md), { escape, url: escape, bold: "*", italic: "_", quote: "&gt; " });
}

/** Discord markdown: **bold**, *italic*; markdown characters in the words escaped; links unmasked. */
export function markdownToDiscord(md: string): string {
  const escape = (s: string) => s.replace(/([\\*_~`|>#[\]()-])/g, (c, _m, i: number, all: string) => (/[>#-]/.test(c) && i > 0 && all[i - 1] !== "\n" ? c : `\\${c}`));
  return chat(markdownLines(md), { escape, url: (u) => `<${u.replace(/[<>\s]/g, encodeURIComponent)}>`, bold: "**", italic: "*", quote: "> " });
}

/** The words as a reader sees them, one line per block, list items with their markers. */
export function markdownToPlain(md: string): string {
  return chat(markdownLines(md), { escape: (s) => s, url: (s) => s, bold: "", italic: "", quote: "", code: "" });
}

// ---- Web ----------------------------------------------------------------------------------------

const allowed = (): sanitizeHtmlType.IOptions => ({
  allowedTags: ["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "strong", "em", "del", "code", "pre", "ul", "ol", "li", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "hr"],
  allowedAttributes: { a: ["href", "rel"], th: ["align"], td: ["align"] },
  allowedSchemes: ["https", "http", "mailto"],
  transformTags: { a: sanitizeHtml().simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
});
let ALLOWED: sanitizeHtmlType.IOptions | undefined;

/** HTML for a web page: marked's rendering, then only harmless tags and http(s)/mailto links kept. */
export function markdownToHtml(md: string): string {
  const html = marked.parse(md, { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml()(html, (ALLOWED ??= allowed()));
}

/**
 * At most about `max` characters of Markdown, cut between blocks (paragraphs, list items) so no
 * emphasis is left open; a first block longer than that is given as plain words cut at a word.
 */
export function cutMarkdown(md: string, max: number): { text: string; cut: boolean } {
  if (md.length <= max) return { text: md, cut: false };
  let kept = "";
  for (const line of md.split("\n")) {
    const next = kept ? `${kept}\n${line}` : line;
    if (next.length > max) break;
    kept = next;
  }
  // Inside a code fence the cut would leave it open: close it.
  if ((kept.match(/^\s*```/gm) ?? []).length % 2 === 1) kept += "\n```";
  if (kept.trim().length < max / 3) kept = cutText(markdownToPlain(md), max).replace(/[*_`~#>|[\]\\]/g, "\\$&");
  return { text: kept.trimEnd(), cut: true };
}
