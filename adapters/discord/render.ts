// Pure renderer: RenderedReply → a Discord message (embeds with fields, action rows of buttons,
// attachments, the ephemeral flag) and RenderedForm → a Discord modal. No I/O; every Discord limit
// is respected here so a long reply is split or cut, never rejected by Discord.
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackComponent,
} from "discord.js";
import type { FormField, RenderedBlock, RenderedForm, RenderedReply } from "../../commands/core/reply.ts";
import { cutText } from "../../commands/core/cut.ts";
import { markdownToDiscord } from "../../commands/core/markdown.ts";

export const EMBED = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, total: 6000, embeds: 10 } as const;
export const COMPONENTS = { buttonsPerRow: 5, rows: 5, label: 80, customId: 100 } as const;
export const MODAL = { title: 45, components: 5, label: 45, description: 100, placeholder: 100, textMax: 4000, selectOptions: 25, optionLabel: 100 } as const;

export const BUTTON_PREFIX = "uh:b:";
export const FORM_PREFIX = "uh:f:";
/** "Correct the form" button on a form-error message: reopens the modal with what was typed. */
export const REOPEN_PREFIX = "uh:m:";

const COLOR = 0x5b2a86;

export interface DiscordFile {
  name: string;
  data: Buffer;
  description?: string;
}

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files: DiscordFile[];
  /** MessageFlags.Ephemeral for only-you replies. */
  flags?: number;
  allowed_mentions: { parse: [] };
}

const cut = (s: string, n: number) => cutText(s, n);

/** The replies' small markdown (Slack style: *bold*, _italic_, `code`, <@U|name>) as Discord markdown. */
/**
 * A link always shows where it goes: no masked link ("[the union portal](https://evil…)") from
 * anyone's words, typed in Discord's form or in Slack's (`<https://…|label>`, converted above).
 */
const MASKED_LINK = /\[([^\]\n]*)\]\(\s*<?(https?:\/\/[^)\s>]+)>?\s*\)/g;

export function unmaskLinks(s: string): string {
  return s.replace(MASKED_LINK, "$1 (<$2>)");
}

export function toDiscordMarkdown(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/(^|[^*\w])\*([^*\s](?:[^*\n]*[^*\s])?)\*(?=[^*\w]|$)/g, "$1**$2**")
            .replace(/<@([A-Za-z0-9]+)\|[^>]*>/g, "<@$1>")
            .replace(/<#([A-Za-z0-9]+)\|[^>]*>/g, "<#$1>")
            .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, "$2 (<$1>)")
            .replace(MASKED_LINK, "$1 (<$2>)"),
    )
    .join("");
}

function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function buildEmbeds(reply: RenderedReply): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let cur: APIEmbed | undefined;
  const fresh = (): APIEmbed => {
    cur = { color: COLOR };
    embeds.push(cur);
    return cur;
  };
  const hasContent = (e: APIEmbed | undefined) => Boolean(e && (e.title || e.description || e.fields?.length));
  const open = (title?: string): APIEmbed => {
    const e = title !== undefined && hasContent(cur) ? fresh() : (cur ?? fresh());
    if (title) e.title = cut(toDiscordMarkdown(title), EMBED.title);
    return e;
  };
  const addLines = (text: string) => {
    let e = cur ?? fresh();
    for (const line of text.split("\n")) {
      const sep = e.description ? "\n" : "";
      if ((e.description?.length ?? 0) + sep.length + line.length > EMBED.description) {
        e = fresh();
        e.description = cut(line, EMBED.description);
      } else e.description = `${e.description ?? ""}${sep}${line}`;
    }
  };
  for (const b of reply.blocks) {
    switch (b.type) {
      case "text":
        addLines(toDiscordMarkdown(b.text));
        break;
      case "context":
        addLines(
          toDiscordMarkdown(b.text)
            .split("\n")
            .map((l) => `-# ${l}`)
            .join("\n"),
        );
        break;
      case "markdown":
        addLines(markdownToDiscord(b.text));
        break;
      case "divider":
        if (hasContent(cur)) fresh();
        break;
      case "section": {
        open(b.title ?? "");
        if (b.text) addLines(toDiscordMarkdown(b.text));
        for (const f of b.fields ?? []) {
          let e = cur!;
          if ((e.fields?.length ?? 0) >= EMBED.fields) e = fresh();
          const value = cut(toDiscordMarkdown(f.value) || "—", EMBED.fieldValue);
          (e.fields ??= []).push({ name: cut(f.label || "—", EMBED.fieldName), value, inline: value.length <= 40 });
        }
        break;
      }
      case "list": {
        open(b.title ?? "");
        const lines = b.items.length === 0 ? [`_${toDiscordMarkdown(b.empty ?? "—")}_`] : b.items.map((i) => `• ${toDiscordMarkdown(i.text)}${i.detail ? ` — ${toDiscordMarkdown(i.detail)}` : ""}`);
        addLines(lines.join("\n"));
        break;
      }
      case "buttons":
        break;
    }
  }
  return embeds.filter(hasContent);
}

/**
 * Action rows. The buttons of one block belong together (an item's Approve and Deny): a block starts
 * its own row and is never split across rows unless it has more than a row holds. Single-button
 * blocks share a row, as before. What passes Discord's five rows is the core's to page.
 */
function buttonRows(reply: RenderedReply): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: { single: boolean; buttons: APIButtonComponent[] }[] = [];
  for (const b of reply.blocks) {
    if (b.type !== "buttons" || b.buttons.length === 0) continue;
    const group = b.buttons.map((x): APIButtonComponent => {
      const custom_id = `${BUTTON_PREFIX}${x.token}`;
      if (custom_id.length > COMPONENTS.customId) throw new Error(`button custom_id is longer than ${COMPONENTS.customId} characters`);
      return {
        type: ComponentType.Button,
        style: x.style === "danger" ? ButtonStyle.Danger : x.style === "primary" ? ButtonStyle.Primary : ButtonStyle.Secondary,
        label: cut(x.label, COMPONENTS.label),
        custom_id,
      };
    });
    const last = rows.at(-1);
    if (group.length === 1 && last?.single && last.buttons.length < COMPONENTS.buttonsPerRow) {
      last.buttons.push(group[0]!);
      continue;
    }
    for (let i = 0; i < group.length; i += COMPONENTS.buttonsPerRow) rows.push({ single: group.length === 1, buttons: group.slice(i, i + COMPONENTS.buttonsPerRow) });
  }
  return rows.slice(0, COMPONENTS.rows).map((r) => ({ type: ComponentType.ActionRow, components: r.buttons }));
}

/** The same reply with `f` applied to every piece of text people read (not to button tokens). */
export function mapReplyText(r: RenderedReply, f: (s: string) => string): RenderedReply {
  const blocks = r.blocks.map((b): RenderedBlock => {
    switch (b.type) {
      case "text":
      case "context":
      case "markdown":
        return { ...b, text: f(b.text) };
      case "section":
        return { ...b, title: b.title && f(b.title), text: b.text && f(b.text), fields: b.fields?.map((x) => ({ label: x.label, value: f(x.value) })) };
      case "list":
        return { ...b, title: b.title && f(b.title), empty: b.empty && f(b.empty), items: b.items.map((i) => ({ text: f(i.text), detail: i.detail && f(i.detail) })) };
      default:
        return b;
    }
  });
  return { ...r, blocks, fallbackText: f(r.fallbackText) };
}

/**
 * A RenderedReply as a Discord message. When the embeds would pass Discord's 6000-character or
 * ten-embed limits, they are cut and the whole reply rides along as a text file, with `note`
 * (translated by the caller) saying so.
 */
export function renderMessage(reply: RenderedReply, opts: { truncatedNote?: string } = {}): DiscordMessage {
  let embeds = buildEmbeds(reply);
  const files: DiscordFile[] = reply.files.map((f) => ({
    name: f.name,
    data: Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, "utf8"),
    // Discord reads an attachment's description as its alt text.
    description: (f.alt ?? f.title) ? cut(f.alt ?? f.title!, 1024) : undefined,
  }));
  const total = embeds.reduce((n, e) => n + embedSize(e), 0);
  if (total > EMBED.total || embeds.length > EMBED.embeds) {
    const note = `-# ${opts.truncatedNote ?? "…"}`;
    const kept: APIEmbed[] = [];
    let used = note.length;
    for (const e of embeds) {
      if (kept.length >= EMBED.embeds - 1) break;
      const room = EMBED.total - used;
      if (embedSize(e) <= room) {
        kept.push(e);
        used += embedSize(e);
        continue;
      }
      // Keep what fits of this embed: its title and the start of its description, no fields.
      const title = e.title ? cut(e.title, Math.min(EMBED.title, Math.max(room, 1))) : undefined;
      const left = room - (title?.length ?? 0);
      if (left > 20 && e.description) kept.push({ color: e.color, title, description: cut(e.description, left) });
      break;
    }
    kept.push({ color: COLOR, description: note });
    embeds = kept;
    files.push({ name: "reply.txt", data: Buffer.from(reply.fallbackText, "utf8") });
  }
  const png = files.find((f) => f.name.toLowerCase().endsWith(".png"));
  if (png && embeds.length > 0 && !embeds[0]!.image) embeds[0]!.image = { url: `attachment://${png.name}` };
  const msg: DiscordMessage = { embeds, components: buttonRows(reply), files, allowed_mentions: { parse: [] } };
  if (embeds.length === 0 && files.length === 0) msg.content = cut(unmaskLinks(reply.fallbackText) || "✓", 2000);
  if (reply.visibility === "private") msg.flags = MessageFlags.Ephemeral;
  return msg;
}

// ---- Modals ---------------------------------------------------------------------------------------

/** Whether a form fits a Discord modal: at most five fields. */
export function modalFits(form: RenderedForm): boolean {
  return form.fields.length <= MODAL.components;
}

/** A select Discord can show: 1 to 25 options. Others are typed as text (the core validates them). */
const selectFits = (f: FormField) => f.kind === "select" && (f.options?.length ?? 0) >= 1 && (f.options?.length ?? 0) <= MODAL.selectOptions;

function modalField(f: FormField, value: string | undefined): APIModalInteractionResponseCallbackComponent {
  const label = cut(f.label, MODAL.label);
  const description = f.hint ? cut(f.hint, MODAL.description) : undefined;
  const initial = value ?? f.initial;
  if (selectFits(f)) {
    return {
      type: ComponentType.Label,
      label,
      description,
      component: {
        type: ComponentType.StringSelect,
        custom_id: f.name,
        required: Boolean(f.required),
        min_values: f.required ? 1 : 0,
        max_values: 1,
        placeholder: f.placeholder ? cut(f.placeholder, MODAL.placeholder) : undefined,
        options: (f.options ?? []).map((o) => ({ label: cut(o.label, MODAL.optionLabel), value: o.value, default: o.value === initial })),
      },
    };
  }
  if (f.kind === "file") {
    return {
      type: ComponentType.Label,
      label,
      description,
      component: { type: ComponentType.FileUpload, custom_id: f.name, required: Boolean(f.required), min_values: f.required ? 1 : 0, max_values: 1 },
    } as unknown as APIModalInteractionResponseCallbackComponent;
  }
  const max = Math.min(f.maxLength ?? MODAL.textMax, MODAL.textMax);
  const placeholder = f.placeholder ?? (f.kind === "date" ? "YYYY-MM-DD" : undefined);
  return {
    type: ComponentType.Label,
    label,
    description,
    component: {
      type: ComponentType.TextInput,
      custom_id: f.name,
      style: f.kind === "textarea" ? TextInputStyle.Paragraph : TextInputStyle.Short,
      required: Boolean(f.required),
      max_length: max,
      placeholder: placeholder ? cut(placeholder, MODAL.placeholder) : undefined,
      value: initial ? initial.slice(0, max) : undefined,
    },
  };
}

/** A RenderedForm as a modal; `values` refills it after a rejected submission. Undefined if it doesn't fit. */
export function renderModal(form: RenderedForm, values: Record<string, string> = {}): APIModalInteractionResponseCallbackData | undefined {
  if (!modalFits(form)) return undefined;
  const custom_id = `${FORM_PREFIX}${form.token}`;
  if (custom_id.length > COMPONENTS.customId) throw new Error(`modal custom_id is longer than ${COMPONENTS.customId} characters`);
  const components = form.fields.map((f) => modalField(f, values[f.name]));
  if (form.intro && components.length < MODAL.components) components.unshift({ type: ComponentType.TextDisplay, content: cut(toDiscordMarkdown(form.intro), 4000) });
  return { custom_id, title: cut(form.title || "unionhall", MODAL.title), components };
}

/** What a submitted modal holds, as discord.js exposes it (`interaction.fields.fields`). */
export interface SubmittedField {
  customId: string;
  type: number;
  value?: string | null;
  values?: readonly string[];
  /** For a file upload: the attachments, by id (discord.js resolves them from the interaction). */
  attachments?: ReadonlyMap<string, { name: string; url: string; size: number }>;
}

/** The files attached to each file-upload field of a submitted modal. */
export function modalFiles(fields: Iterable<SubmittedField>): Record<string, { name: string; url: string; size: number }[]> {
  const out: Record<string, { name: string; url: string; size: number }[]> = {};
  for (const f of fields) if (f.type === ComponentType.FileUpload) out[f.customId] = [...(f.attachments?.values() ?? [])].slice(0, 1);
  return out;
}

/** Submitted modal fields → the core's form values (strings; an unpicked select is empty). */
export function modalValues(fields: Iterable<SubmittedField>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (f.type === ComponentType.TextInput) out[f.customId] = f.value ?? "";
    else if (f.type === ComponentType.StringSelect) out[f.customId] = f.values?.[0] ?? "";
    else if (f.type === ComponentType.FileUpload) out[f.customId] = [...(f.attachments?.values() ?? [])].map((a) => a.name).join(", ");
  }
  return out;
}
