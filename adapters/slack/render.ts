// Pure Block Kit rendering: RenderedReply → message blocks, RenderedForm → modal view, and the
// way back (modal state → form values, field errors → block ids). No I/O; tested without Slack.
// Slack's limits are enforced here, so a long reply is split or shortened instead of rejected.
import type { FormField, RenderedBlock, RenderedForm, RenderedReply } from "../../commands/core/reply.ts";
import { cutText } from "../../commands/core/cut.ts";
import { liveSlackMentions } from "../../commands/core/mention.ts";
import { markdownToSlack } from "../../commands/core/markdown.ts";

export const BUTTON_PREFIX = "uh:b:";
export const FORM_PREFIX = "uh:f:";
/** Block id prefix of a modal input; the rest is the form field name. */
export const FIELD_PREFIX = "uh:v:";
const INPUT_ACTION = "value";

export const limits = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
  buttonText: 75,
  buttonsPerActions: 25,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  options: 100,
  plainInputMax: 3000,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;

// Loose Block Kit types: the shapes we produce, without pulling Slack's full type tree.
export type SlackText = { type: "mrkdwn" | "plain_text"; text: string; emoji?: boolean };
export type SlackBlock = { type: string; block_id?: string; [key: string]: unknown };
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}
export interface SlackModal {
  type: "modal";
  callback_id: string;
  title: SlackText;
  submit: SlackText;
  close: SlackText;
  private_metadata: string;
  blocks: SlackBlock[];
}

const codePoints = (s: string) => Array.from(s).length;

/** Shortens to `max` characters (counting the ellipsis), at a word or character boundary. */
export function truncate(s: string, max: number): string {
  // Never more characters than UTF-16 units: text that short fits without counting them (most does).
  if (s.length <= max) return s;
  return cutText(s, max, { measure: codePoints });
}

/**
 * Escapes text for mrkdwn: &, < and > become entities (Slack's only control characters), so
 * nothing a person wrote (`<@U123>`, `<#C123>`, `<!channel>`, `<https://…|…>`) is ever live. Only
 * the mentions the bot built itself (commands/core/mention.ts) come back as live mentions.
 */
export function escapeMrkdwn(s: string): string {
  return liveSlackMentions(s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}

const plain = (text: string, max: number): SlackText => ({ type: "plain_text", text: truncate(text.replace(/\s+/g, " ").trim() || "…", max), emoji: true });
const mrkdwn = (text: string, max: number): SlackText => ({ type: "mrkdwn", text: truncate(text, max) });

/** Splits escaped text into chunks of at most `max` characters, preferring line breaks. */
export function chunkText(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const line of text.split("\n")) {
    const candidate = cur ? `${cur}\n${line}` : line;
    if (candidate.length <= max) {
      cur = candidate;
      continue;
    }
    if (cur) out.push(cur);
    let rest = line;
    while (rest.length > max) {
      out.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    cur = rest;
  }
  if (cur || out.length === 0) out.push(cur);
  return out;
}

function sections(text: string): SlackBlock[] {
  return chunkText(text, limits.sectionText)
    .filter((c) => c.trim() !== "")
    .map((c) => ({ type: "section", text: mrkdwn(c, limits.sectionText) }));
}

function renderBlock(b: RenderedBlock): SlackBlock[] {
  switch (b.type) {
    case "text":
      return sections(escapeMrkdwn(b.text));
    case "context":
      return b.text.trim() ? [{ type: "context", elements: [mrkdwn(escapeMrkdwn(b.text), limits.contextText)] }] : [];
    case "markdown":
      return sections(markdownToSlack(b.text));
    case "divider":
      return [{ type: "divider" }];
    case "section": {
      const head = [b.title ? `*${escapeMrkdwn(b.title)}*` : "", b.text ? escapeMrkdwn(b.text) : ""].filter(Boolean).join("\n");
      const out: SlackBlock[] = head ? sections(head) : [];
      const fields = (b.fields ?? []).map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value || "—")}`, limits.fieldText));
      for (let i = 0; i < fields.length; i += limits.fieldsPerSection) {
        out.push({ type: "section", fields: fields.slice(i, i + limits.fieldsPerSection) });
      }
      return out;
    }
    case "list": {
      const lines = b.items.map((i) => `• ${escapeMrkdwn(i.text)}${i.detail ? ` — _${escapeMrkdwn(i.detail)}_` : ""}`);
      if (lines.length === 0) lines.push(`_${escapeMrkdwn(b.empty ?? "—")}_`);
      return sections([b.title ? `*${escapeMrkdwn(b.title)}*` : "", ...lines].filter(Boolean).join("\n"));
    }
    case "buttons": {
      const out: SlackBlock[] = [];
      for (let i = 0; i < b.buttons.length; i += limits.buttonsPerActions) {
        out.push({
          type: "actions",
          elements: b.buttons.slice(i, i + limits.buttonsPerActions).map((x) => ({
            type: "button",
            action_id: `${BUTTON_PREFIX}${x.token}`,
            value: `${BUTTON_PREFIX}${x.token}`,
            text: plain(x.label, limits.buttonText),
            ...(x.style ? { style: x.style } : {}),
          })),
        });
      }
      return out;
    }
  }
}

/** What stands in for the blocks left out, where no note in the reader's language is given. */
const defaultDroppedNote = (n: number) => `… ${n} more not shown`;

/**
 * Renders blocks, keeping within `max` blocks: the overflow is replaced by a short note (in the
 * person's language when `droppedNote` is given; the adapter also sends the whole text as a file).
 */
export function renderBlocks(blocks: readonly RenderedBlock[], max: number = limits.messageBlocks, droppedNote: (count: number) => string = defaultDroppedNote): SlackBlock[] {
  return capped(blocks.flatMap(renderBlock), max, droppedNote);
}

function capped(all: SlackBlock[], max: number, droppedNote: (count: number) => string): SlackBlock[] {
  if (all.length <= max) return all;
  // Keep action rows (decisions must stay clickable) and as much content as fits before them.
  const actions = all.filter((b) => b.type === "actions").slice(0, Math.max(0, max - 2));
  const room = max - 1 - actions.length;
  const content = all.filter((b) => b.type !== "actions").slice(0, room);
  const dropped = all.length - content.length - actions.length;
  return [...content, { type: "context", elements: [mrkdwn(droppedNote(dropped), limits.contextText)] }, ...actions];
}

export function renderMessage(r: RenderedReply, opts: { droppedNote?: (count: number) => string } = {}): SlackMessage {
  return renderMessageChecked(r, opts).message;
}

/**
 * The message, and whether the reply's blocks passed the per-message cap (the message then says
 * how many were left out), from one rendering.
 */
export function renderMessageChecked(r: RenderedReply, opts: { droppedNote?: (count: number) => string } = {}): { message: SlackMessage; overflowed: boolean } {
  const all = r.blocks.flatMap(renderBlock);
  const blocks = capped(all, limits.messageBlocks, opts.droppedNote ?? defaultDroppedNote);
  return { message: { text: escapedText(r.fallbackText || " ", limits.fallbackText), blocks }, overflowed: all.length > limits.messageBlocks };
}

/**
 * The top-level `text` (notification and fallback) is mrkdwn too: people's words in it are escaped
 * like in blocks, so `<!channel>` cannot ping and `<https://…|label>` cannot disguise a link.
 * Shortened without cutting an entity in half.
 */
export function escapedText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max || codePoints(escaped) <= max) return escaped;
  return `${Array.from(escaped).slice(0, max - 1).join("").replace(/&[a-z]{0,3}$/, "")}…`;
}

// ---- Modals ------------------------------------------------------------------------------------

function element(f: FormField): Record<string, unknown> {
  const placeholder = f.placeholder ? { placeholder: plain(f.placeholder, limits.placeholder) } : {};
  // A select Slack cannot show (no options, or more than it allows) falls back to typing the value.
  const kind = f.kind === "select" && (!f.options?.length || f.options.length > limits.options) ? "text" : f.kind;
  switch (kind) {
    case "select": {
      const options = (f.options ?? []).map((o) => ({ text: plain(o.label, limits.optionText), value: truncate(o.value, limits.optionValue) }));
      const initial = options.find((o) => o.value === f.initial);
      return { type: "static_select", action_id: INPUT_ACTION, options, ...(initial ? { initial_option: initial } : {}), ...placeholder };
    }
    case "date":
      return { type: "datepicker", action_id: INPUT_ACTION, ...(f.initial && /^\d{4}-\d{2}-\d{2}$/.test(f.initial) ? { initial_date: f.initial } : {}), ...placeholder };
    case "number":
      return { type: "number_input", action_id: INPUT_ACTION, is_decimal_allowed: false, ...(f.initial && /^-?\d+$/.test(f.initial) ? { initial_value: f.initial } : {}), ...placeholder };
    case "file":
      return { type: "file_input", action_id: INPUT_ACTION, max_files: 1, ...(f.accept?.length ? { filetypes: f.accept } : {}) };
    case "text":
    case "textarea":
      return {
        type: "plain_text_input",
        action_id: INPUT_ACTION,
        multiline: kind === "textarea",
        max_length: Math.min(f.maxLength ?? limits.plainInputMax, limits.plainInputMax),
        ...(f.initial ? { initial_value: f.initial } : {}),
        ...placeholder,
      };
  }
}

/** The modal for a form. `metadata` travels back in the submission (our own small JSON). */
export function renderModal(form: RenderedForm, opts: { closeLabel: string; metadata?: string }): SlackModal {
  const blocks: SlackBlock[] = [];
  if (form.intro) blocks.push(...sections(escapeMrkdwn(form.intro)));
  for (const f of form.fields.slice(0, limits.viewBlocks - blocks.length)) {
    blocks.push({
      type: "input",
      block_id: `${FIELD_PREFIX}${f.name}`,
      label: plain(f.label, limits.inputLabel),
      optional: !f.required,
      element: element(f),
      ...(f.hint ? { hint: plain(f.hint, limits.hint) } : {}),
    });
  }
  const metadata = opts.metadata ?? "";
  return {
    type: "modal",
    callback_id: `${FORM_PREFIX}${form.token}`,
    title: plain(form.title, limits.modalTitle),
    submit: plain(form.submitLabel ?? "Submit", limits.modalButton),
    close: plain(opts.closeLabel, limits.modalButton),
    private_metadata: metadata.length <= limits.privateMetadata ? metadata : "",
    blocks,
  };
}

type StateValue = { type?: string; value?: string | null; selected_date?: string | null; selected_option?: { value?: string } | null; files?: { id?: string }[] | null };

/** The Slack file ids attached to each file input of a submitted modal, by field name. */
export function formFileIds(state: Record<string, Record<string, StateValue>> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [blockId, actions] of Object.entries(state ?? {})) {
    const v = actions[INPUT_ACTION];
    if (!blockId.startsWith(FIELD_PREFIX) || v?.type !== "file_input") continue;
    out[blockId.slice(FIELD_PREFIX.length)] = (v.files ?? []).map((f) => f.id).filter((id): id is string => typeof id === "string" && /^F[A-Z0-9]{4,20}$/.test(id));
  }
  return out;
}

/** Modal state (`view.state.values`) → form values by field name; empty inputs become "". */
export function formValues(state: Record<string, Record<string, StateValue>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state ?? {})) {
    if (!blockId.startsWith(FIELD_PREFIX)) continue;
    const v = actions[INPUT_ACTION];
    if (!v) continue;
    out[blockId.slice(FIELD_PREFIX.length)] = v.selected_option?.value ?? v.selected_date ?? v.value ?? "";
  }
  return out;
}

/**
 * Field errors → `response_action: errors` keyed by block id. An error for a name that has no
 * input (a form-level problem) is shown on the first input, so it is never silently dropped.
 */
export function viewErrors(errors: Record<string, string>, fieldNames: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const first = fieldNames[0];
  for (const [name, message] of Object.entries(errors)) {
    const target = fieldNames.includes(name) ? name : first;
    if (target === undefined) continue;
    const key = `${FIELD_PREFIX}${target}`;
    const text = target === name ? message : `${name}: ${message}`;
    out[key] = truncate(out[key] ? `${out[key]}; ${text}` : text, limits.hint);
  }
  return out;
}

/** Home tab view for the blocks the core gathered about a person. */
export function renderHome(blocks: readonly RenderedBlock[]): { type: "home"; blocks: SlackBlock[] } {
  return { type: "home", blocks: renderBlocks(blocks, limits.viewBlocks) };
}
