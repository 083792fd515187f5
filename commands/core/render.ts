// Binds a handler's Reply to stored tokens: each button and form gets an opaque id, and the
// buttons of one card that decide something share a group so only the first click counts.
// The ids are made in memory and every token of the replies is written by one INSERT.
import type { Db } from "../../db/data.ts";
import { createTokens, newTokenId, type NewToken } from "../../db/tokens.ts";
import { fallbackText, type Button, type RenderedBlock, type RenderedReply, type Reply } from "./reply.ts";
import { deepFreeze, isKept } from "./reply-memo.ts";

type Draft = { block: RenderedBlock } | { buttons: Button[]; places: number[] };

/** A reply to render, with who its buttons are created by. */
export interface ToRender {
  reply: Reply;
  createdById: number | null;
}

/**
 * Renders replies and stores all their tokens with one multi-row INSERT (in `db`'s transaction
 * when it is one). `now` is the core's clock, so token expiry agrees with the clock that later checks it.
 */
export async function materializeAll(db: Db, replies: readonly ToRender[], now: Date): Promise<RenderedReply[]> {
  const tokens: NewToken[] = [];
  // Each button and form takes a place in `tokens`; its id is known once they are written.
  const place = (t: NewToken) => tokens.push(t) - 1;
  const drafts = replies.map(({ reply, createdById }) => ({
    reply,
    blocks: reply.blocks.map((b): Draft => {
      if (b.type !== "buttons") return { block: b };
      const groups = new Map<string, string>();
      const groupOf = (name: string) => groups.get(name) ?? groups.set(name, newTokenId()).get(name)!;
      const places = b.buttons.map((x) =>
        place({ kind: "button", handler: x.action, payload: x.payload ?? null, once: x.once, groupId: x.once && x.group ? groupOf(x.group) : null, createdById, now }),
      );
      return { buttons: b.buttons, places };
    }),
    formPlace: reply.form ? place({ kind: "form", handler: reply.form.form, payload: reply.form.payload ?? null, createdById, ttlMs: 24 * 3600_000, now }) : -1,
  }));
  const ids = tokens.length > 0 ? await createTokens(db, tokens) : [];
  return drafts.map(({ reply, blocks: drafted, formPlace }) => {
    // A kept reply with nothing to store renders the same every time: once.
    const keep = isKept(reply) && !reply.form && drafted.every((d) => "block" in d);
    const known = keep ? renderedKept.get(reply) : undefined;
    if (known) return known;
    const rendered = renderDrafted(reply, drafted, formPlace, ids);
    if (keep) renderedKept.set(reply, deepFreeze(rendered));
    return rendered;
  });
}

/** What kept replies (commands/core/reply-memo.ts) without buttons or a form rendered to. */
const renderedKept = new WeakMap<Reply, RenderedReply>();

function renderDrafted(reply: Reply, drafted: Draft[], formPlace: number, ids: string[]): RenderedReply {
  const blocks = drafted.map((d): RenderedBlock =>
    "block" in d ? d.block : { type: "buttons", buttons: d.buttons.map((x, i) => ({ label: x.label, style: x.style, token: ids[d.places[i]!]! })) },
  );
  const form = reply.form ? (({ form: _handler, payload: _payload, ...rest }) => ({ ...rest, token: ids[formPlace]! }))(reply.form) : undefined;
  return {
    visibility: reply.visibility,
    blocks,
    files: reply.files ?? [],
    form,
    update: reply.update ?? false,
    ...(reply.replaces ? { replaces: reply.replaces } : {}),
    fallbackText: fallbackText(blocks) || (form ? form.title : ""),
  };
}

/** One reply: its buttons and form stored with one INSERT. */
export async function materialize(db: Db, reply: Reply, createdById: number | null, now: Date): Promise<RenderedReply> {
  return (await materializeAll(db, [{ reply, createdById }], now))[0]!;
}

// Stored replies (idempotent repeats) keep binary files as base64.
export function serializeRendered(r: RenderedReply): string {
  return JSON.stringify({ ...r, files: r.files.map((f) => ({ ...f, data: Buffer.isBuffer(f.data) ? { b64: f.data.toString("base64") } : f.data })) });
}

export function deserializeRendered(s: string): RenderedReply {
  const r = JSON.parse(s) as Omit<RenderedReply, "files"> & { files: (Omit<RenderedReply["files"][number], "data"> & { data: string | { b64: string } })[] };
  return { ...r, files: r.files.map((f) => ({ ...f, data: typeof f.data === "string" ? f.data : Buffer.from(f.data.b64, "base64") })) };
}
