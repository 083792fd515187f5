// The platform-neutral reply model. Handlers return a Reply; adapters turn a RenderedReply
// (the same thing with buttons and forms bound to stored tokens) into Block Kit, Discord
// embeds/components or HTML. Nothing here knows about any platform.

import { markdownToPlain } from "./markdown.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Who sees the reply: only the person who asked, or everyone in the channel. */
export type Visibility = "private" | "channel";

export interface Field {
  label: string;
  value: string;
}

export interface ListItem {
  text: string;
  detail?: string;
}

export interface Button {
  label: string;
  /** Id of the action handler that runs when the button is clicked. */
  action: string;
  /** Small serialisable context for the handler; kept server-side, never sent to the platform. */
  payload?: Json;
  style?: "primary" | "danger";
  /** Single use: the first click wins; later clicks only hear that it was already done. */
  once?: boolean;
  /**
   * Once-only buttons of one block with the same group decide together: Approve and Deny on a
   * card share a group, so after either is clicked neither works again.
   */
  group?: string;
}

export type Block =
  | { type: "text"; text: string }
  | { type: "section"; title?: string; text?: string; fields?: Field[] }
  | { type: "list"; title?: string; items: ListItem[]; empty?: string }
  | { type: "buttons"; buttons: Button[] }
  | { type: "context"; text: string }
  /** Text the union wrote in Markdown (a document, a lesson, a note): each platform renders it (core/markdown.ts). */
  | { type: "markdown"; text: string }
  | { type: "divider" };

/** The file types a reply may carry. SVG and HTML are never shown inline where they could run script. */
export type FileMime =
  | "text/csv"
  | "image/png"
  | "image/jpeg"
  | "image/svg+xml"
  | "text/markdown"
  | "text/calendar"
  | "application/pdf"
  | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
  | "application/octet-stream";

export interface FileAttachment {
  name: string;
  mime: FileMime;
  /** Text files as strings, binary files as Buffers. */
  data: string | Buffer;
  title?: string;
  /** An image's text alternative for screen readers, whole (the title stays short). */
  alt?: string;
}

/** A "file" field lets a person attach one file (Slack file input, Discord file upload, a file picker on the web). */
export type FormFieldKind = "text" | "textarea" | "number" | "date" | "select" | "file";

export interface FormField {
  name: string;
  label: string;
  kind: FormFieldKind;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  initial?: string;
  maxLength?: number;
  options?: { value: string; label: string }[];
  /** For a "file" field: the file extensions offered ("pdf", "png" …); the bytes are checked anyway. */
  accept?: string[];
}

export interface Form {
  /** Id of the form handler that receives the submission. */
  form: string;
  title: string;
  submitLabel?: string;
  intro?: string;
  fields: FormField[];
  payload?: Json;
}

/**
 * A message for someone other than the caller (e.g. "your request was approved"): a notice kind and
 * its values, rendered by the core in the recipient's language (see core/notice.ts; build one with
 * `notice(kind, personId, values)`).
 */
// There is deliberately no form that carries a ready-made Reply: text rendered by the sender is in
// the sender's language, so the dispatcher renders nothing it is not given as a kind and values.
export type Notice = { personId: number; notice: string; values: Json };

export interface Reply {
  visibility: Visibility;
  blocks: Block[];
  files?: FileAttachment[];
  /** Open this form (a modal on Slack/Discord) instead of posting a message. */
  form?: Form;
  /** On a button click: replace the message the button was on, instead of posting a new one. */
  update?: boolean;
  /**
   * From a scheduled job: edit, in place, the message the bot posted earlier with this id (as the
   * poster returned it) instead of posting a new one (an announcement's counts kept current).
   */
  replaces?: string;
  notices?: Notice[];
}

// ---- Rendered: what adapters receive. Buttons and forms carry only an opaque token id.

export interface RenderedButton {
  label: string;
  style?: "primary" | "danger";
  /** Opaque id (≤ 24 chars) to send back on click; adapters prefix it (`uh:b:` / `uh:f:`). */
  token: string;
}

export type RenderedBlock =
  | Exclude<Block, { type: "buttons" }>
  | { type: "buttons"; buttons: RenderedButton[] };

export interface RenderedForm extends Omit<Form, "form" | "payload"> {
  token: string;
}

export interface RenderedReply {
  visibility: Visibility;
  blocks: RenderedBlock[];
  files: FileAttachment[];
  form?: RenderedForm;
  update: boolean;
  /** The id of an earlier message of the bot's to edit in place (see Reply.replaces). */
  replaces?: string;
  /** Plain-text rendering of the whole reply, for notifications and platforms without rich layout. */
  fallbackText: string;
}

// ---- Small builders used by handlers.

export const reply = {
  private(...blocks: Block[]): Reply {
    return { visibility: "private", blocks };
  },
  channel(...blocks: Block[]): Reply {
    return { visibility: "channel", blocks };
  },
  text(text: string): Block {
    return { type: "text", text };
  },
  context(text: string): Block {
    return { type: "context", text };
  },
  markdown(text: string): Block {
    return { type: "markdown", text };
  },
  section(title: string | undefined, fields: Field[] = [], text?: string): Block {
    return { type: "section", title, fields, text };
  },
  list(title: string | undefined, items: ListItem[], empty?: string): Block {
    return { type: "list", title, items, empty };
  },
  buttons(...buttons: Button[]): Block {
    return { type: "buttons", buttons };
  },
};

/** Plain text for a reply: used as notification text and by platforms without rich layout. */
export function fallbackText(blocks: readonly (Block | RenderedBlock)[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "text":
      case "context":
        out.push(b.text);
        break;
      case "section":
        if (b.title) out.push(b.title);
        if (b.text) out.push(b.text);
        for (const f of b.fields ?? []) out.push(`${f.label}: ${f.value}`);
        break;
      case "list":
        if (b.title) out.push(b.title);
        if (b.items.length === 0 && b.empty) out.push(b.empty);
        for (const i of b.items) out.push(`• ${i.text}${i.detail ? ` — ${i.detail}` : ""}`);
        break;
      case "buttons":
        out.push(b.buttons.map((x) => `[${x.label}]`).join(" "));
        break;
      case "markdown":
        out.push(markdownToPlain(b.text));
        break;
      case "divider":
        break;
    }
  }
  return out.join("\n");
}
