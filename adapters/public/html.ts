// A public document (commands/core/public-page.ts) as an HTML page: pure, no script, every piece of
// text escaped, Markdown only through the core's one safe renderer.
import { LANGUAGE_NAMES, LOCALES } from "../../commands/core/i18n.ts";
import { markdownToHtml } from "../../commands/core/markdown.ts";
import { unionName } from "../../commands/core/pdf.ts";
import type { Inline, PublicBlock, PublicDocument } from "../../commands/core/public-page.ts";
import { PAGE_CSS } from "./style.ts";

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const FORM_CSS = " input { font: inherit; padding: .4rem; max-width: 100%; } button { font: inherit; padding: .4rem 1rem; }";

const langAttr = (lang: string | undefined) => (lang ? ` lang="${esc(lang)}"` : "");

export function inlineHtml(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === "string") return esc(p);
      if ("markdown" in p) return markdownToHtml(p.markdown);
      if ("lineBreak" in p) return "<br>";
      let html = esc(p.text);
      if (p.time) html = `<time datetime="${esc(p.time)}">${html}</time>`;
      if (p.href) html = `<a${p.rel ? ` rel="${p.rel}"` : ""} href="${esc(p.href)}">${html}</a>`;
      if (p.strong) html = `<strong>${html}</strong>`;
      if (p.look || p.lang) html = `<span${p.look ? ` class="${p.look}"` : ""}${langAttr(p.lang)}>${html}</span>`;
      return html;
    })
    .join("");
}

export function blockHtml(b: PublicBlock): string {
  switch (b.kind) {
    case "paragraph":
      return `<p${b.look ? ` class="${b.look}"` : ""}${langAttr(b.lang)}>${inlineHtml(b.content)}</p>`;
    case "markdown":
      return `<div${langAttr(b.lang)}>${markdownToHtml(b.text)}</div>`;
    case "heading":
      return `<h${b.level}${b.id ? ` id="${esc(b.id)}"` : ""}${langAttr(b.lang)}>${inlineHtml(b.content)}</h${b.level}>`;
    case "section": {
      const tag = b.as ?? "section";
      const attrs = `${b.highlight ? ` class="means"` : ""}${b.status ? ` role="status"` : ""} aria-labelledby="${esc(b.id)}"`;
      const heading = `<h${b.level} id="${esc(b.id)}"${b.focusable ? ` tabindex="-1"` : ""}${langAttr(b.headingLang)}>${inlineHtml(b.heading)}</h${b.level}>`;
      return [`<${tag}${attrs}>`, ...(b.lead ?? []).map(blockHtml), heading, ...b.blocks.map(blockHtml), `</${tag}>`].join("\n");
    }
    case "list":
      return `<ol>${b.items.map((i) => `<li${i.tone ? ` class="${i.tone}"` : ""}>${inlineHtml(i.content)}</li>`).join("\n")}</ol>`;
    case "definitions":
      return `<dl>\n${b.items.map((i) => `<dt>${inlineHtml(i.term)}</dt><dd>${inlineHtml(i.detail)}</dd>`).join("\n")}\n</dl>`;
    case "details":
      return `<details><summary>${esc(b.summary)}</summary>${b.blocks.map(blockHtml).join("")}</details>`;
    case "pager":
      return `<nav class="pager" aria-label="${esc(b.label)}"><p>${b.links.map((l) => inlineHtml([l])).join(" · ")}</p></nav>`;
    case "form": {
      const f = b.field;
      const hidden = b.hidden.map((h) => `<input type="hidden" name="${esc(h.name)}" value="${esc(h.value)}">`).join("\n");
      return `<form method="get" action="${esc(b.action)}">
<p><label for="${esc(f.name)}">${esc(f.label)}</label><br>
<input id="${esc(f.name)}" name="${esc(f.name)}" value="${esc(f.value)}" maxlength="${f.maxLength}" autocomplete="off"${f.placeholder ? ` placeholder="${esc(f.placeholder)}"` : ""}${f.required ? " required" : ""}>
${hidden ? `${hidden}\n` : ""}<button type="submit">${esc(b.submit)}</button></p>
</form>`;
    }
  }
}

/** Whether a page sends anything back (its Content-Security-Policy then allows forms to this site). */
export const hasForm = (blocks: readonly PublicBlock[]): boolean => blocks.some((b) => b.kind === "form" || (b.kind === "section" && hasForm([...(b.lead ?? []), ...b.blocks])));

/**
 * The whole page. `stylesheet` is the address of the shared stylesheet, or undefined to carry the
 * style inline (a page that is never stored is one response, with nothing else to fetch).
 */
export function documentHtml(doc: PublicDocument, stylesheet: string | undefined): string {
  const { locale } = doc;
  const langs = LOCALES.map((l) => (l === locale ? `<strong lang="${l}">${esc(LANGUAGE_NAMES[l])}</strong>` : `<a lang="${l}" hreflang="${l}" href="${esc(`${doc.self}${doc.self.includes("?") ? "&" : "?"}lang=${l}`)}">${esc(LANGUAGE_NAMES[l])}</a>`)).join(" · ");
  const head = [
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    doc.noIndex ? `<meta name="robots" content="noindex">` : "",
    `<title>${esc(doc.title)}</title>`,
    stylesheet ? `<link rel="stylesheet" href="${esc(stylesheet)}">` : `<style>${PAGE_CSS}${hasForm(doc.main) ? FORM_CSS : ""}</style>`,
    doc.feed ? `<link rel="alternate" type="application/atom+xml" title="${esc(doc.feed.title)}" href="${esc(doc.feed.href)}">` : "",
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="${esc(locale)}">
<head>
${head.join("\n")}
</head>
<body>
${doc.skipTo ? `<a class="skip" href="#${esc(doc.skipTo.id)}">${esc(doc.skipTo.label)}</a>\n` : ""}<header>
<nav aria-label="${esc(doc.languagesLabel)}"><p>${langs}</p></nav>
<p class="union">${esc(unionName())}</p>
<h1>${esc(doc.heading)}</h1>
</header>
<main id="main">
${doc.main.map(blockHtml).join("\n")}
</main>
${doc.footer ? `<footer><p>${inlineHtml(doc.footer)}</p></footer>\n` : ""}</body>
</html>`;
}
