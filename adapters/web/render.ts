// Pure renderer: RenderedReply → HTML fragment for the playground. No I/O, tested without a browser.
import type { Translate } from "../../commands/core/i18n.ts";
import type { FormField, RenderedBlock, RenderedForm, RenderedReply } from "../../commands/core/reply.ts";
import { markdownToHtml } from "../../commands/core/markdown.ts";

/** Chrome around replies; translated by the caller (English when rendering without a translator). */
export interface WebLabels {
  onlyYou: string;
  cancel: string;
  submit: string;
}

export function webLabels(t?: Translate): WebLabels {
  return t
    ? { onlyYou: t("core.visibility.onlyYou"), cancel: t("core.form.cancel"), submit: t("core.form.submit") }
    : { onlyYou: "Only visible to you", cancel: "Cancel", submit: "Submit" };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The small markdown subset replies use: *bold*, _italic_, `code`, <@user> mentions, line breaks. */
export function inlineMarkdown(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*([^*\n]+)\*/g, "<strong>$1</strong>")
    .replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,;:!?])/g, "$1<em>$2</em>")
    .replace(/&lt;@([A-Za-z0-9._-]+)(?:\|[^&]*)?&gt;/g, '<span class="mention">@$1</span>')
    .replace(/\n/g, "<br>");
}

function block(b: RenderedBlock): string {
  switch (b.type) {
    case "text":
      return `<p class="text">${inlineMarkdown(b.text)}</p>`;
    case "context":
      return `<p class="context">${inlineMarkdown(b.text)}</p>`;
    case "markdown":
      return `<div class="markdown">${markdownToHtml(b.text)}</div>`;
    case "divider":
      return "<hr>";
    case "section": {
      const fields = (b.fields ?? []).map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${inlineMarkdown(f.value)}</dd>`).join("");
      return `<section class="section">${b.title ? `<h3>${inlineMarkdown(b.title)}</h3>` : ""}${b.text ? `<p>${inlineMarkdown(b.text)}</p>` : ""}${fields ? `<dl>${fields}</dl>` : ""}</section>`;
    }
    case "list": {
      const items = b.items.map((i) => `<li>${inlineMarkdown(i.text)}${i.detail ? ` <span class="detail">${inlineMarkdown(i.detail)}</span>` : ""}</li>`).join("");
      const body = b.items.length === 0 ? `<p class="empty">${inlineMarkdown(b.empty ?? "—")}</p>` : `<ul>${items}</ul>`;
      return `<section class="list">${b.title ? `<h3>${inlineMarkdown(b.title)}</h3>` : ""}${body}</section>`;
    }
    case "buttons":
      return `<div class="buttons">${b.buttons
        .map((x) => `<button type="button" class="action ${x.style ?? ""}" data-token="${escapeHtml(x.token)}">${escapeHtml(x.label)}</button>`)
        .join("")}</div>`;
  }
}

function field(f: FormField): string {
  const id = `f-${escapeHtml(f.name)}`;
  const req = f.required ? " required" : "";
  const common = `id="${id}" name="${escapeHtml(f.name)}"${req}${f.maxLength ? ` maxlength="${f.maxLength}"` : ""}${f.placeholder ? ` placeholder="${escapeHtml(f.placeholder)}"` : ""}`;
  let input: string;
  if (f.kind === "select") {
    const opts = (f.options ?? []).map((o) => `<option value="${escapeHtml(o.value)}"${o.value === f.initial ? " selected" : ""}>${escapeHtml(o.label)}</option>`).join("");
    input = `<select ${common}><option value="">—</option>${opts}</select>`;
  } else if (f.kind === "file") {
    const accept = f.accept?.length ? ` accept="${escapeHtml(f.accept.map((x) => `.${x}`).join(","))}"` : "";
    input = `<input type="file" id="${id}" name="${escapeHtml(f.name)}"${req}${accept}>`;
  } else if (f.kind === "textarea") {
    input = `<textarea ${common} rows="3">${escapeHtml(f.initial ?? "")}</textarea>`;
  } else {
    const type = f.kind === "number" ? "number" : f.kind === "date" ? "date" : "text";
    input = `<input type="${type}" ${common} value="${escapeHtml(f.initial ?? "")}">`;
  }
  return `<label for="${id}">${escapeHtml(f.label)}${f.required ? " *" : ""}</label>${input}${f.hint ? `<small class="hint">${escapeHtml(f.hint)}</small>` : ""}<small class="error" data-error-for="${escapeHtml(f.name)}"></small>`;
}

export function renderForm(form: RenderedForm, labels: WebLabels = webLabels()): string {
  return `<form class="modal" data-token="${escapeHtml(form.token)}"><h3>${escapeHtml(form.title)}</h3>${form.intro ? `<p class="context">${inlineMarkdown(form.intro)}</p>` : ""}${form.fields
    .map(field)
    .join("")}<div class="buttons"><button type="submit" class="primary">${escapeHtml(form.submitLabel ?? labels.submit)}</button><button type="button" class="cancel">${escapeHtml(labels.cancel)}</button></div></form>`;
}

export function renderReplyHtml(r: RenderedReply, labels: WebLabels = webLabels()): string {
  const files = r.files
    .map((f) => {
      const data = Buffer.isBuffer(f.data) ? f.data.toString("base64") : Buffer.from(f.data, "utf8").toString("base64");
      const href = `data:${f.mime};base64,${data}`;
      const shown = f.mime === "image/png";
      const preview = shown ? `<img alt="${escapeHtml(f.alt ?? f.title ?? f.name)}" src="${href}">` : "";
      // A shown image's title is its description for screen readers; the link under it names the file.
      const label = shown ? f.name : (f.title ?? f.name);
      return `<div class="file">${preview}<a download="${escapeHtml(f.name)}" href="${href}">📎 ${escapeHtml(label)}</a></div>`;
    })
    .join("");
  const vis = r.visibility === "private" ? `<p class="only-you">${escapeHtml(labels.onlyYou)}</p>` : "";
  return `${r.blocks.map(block).join("")}${files}${r.form ? renderForm(r.form, labels) : ""}${vis}`;
}
