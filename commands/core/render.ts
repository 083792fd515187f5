// Binds a handler's Reply to stored tokens: each button and form gets an opaque id, and the
// buttons of one card that decide something share a group so only the first click counts.
import { createToken, newTokenId } from "../../db/tokens.ts";
import type { Store } from "../../db/store.ts";
import { fallbackText, type RenderedBlock, type RenderedReply, type Reply } from "./reply.ts";

/** `now` is the core's clock, so token expiry agrees with the clock that later checks it. */
export function materialize(store: Store, reply: Reply, createdById: number | null, now: Date): RenderedReply {
  const blocks: RenderedBlock[] = reply.blocks.map((b) => {
    if (b.type !== "buttons") return b;
    const groups = new Map<string, string>();
    const groupOf = (name: string) => groups.get(name) ?? groups.set(name, newTokenId()).get(name)!;
    return {
      type: "buttons",
      buttons: b.buttons.map((x) => ({
        label: x.label,
        style: x.style,
        token: createToken(store, {
          kind: "button",
          handler: x.action,
          payload: x.payload ?? null,
          once: x.once,
          groupId: x.once && x.group ? groupOf(x.group) : null,
          createdById,
          now,
        }),
      })),
    };
  });
  const form = reply.form
    ? (({ form: handler, payload, ...rest }) => ({ ...rest, token: createToken(store, { kind: "form", handler, payload: payload ?? null, createdById, ttlMs: 24 * 3600_000, now }) }))(reply.form)
    : undefined;
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

// Stored replies (idempotent repeats) keep binary files as base64.
export function serializeRendered(r: RenderedReply): string {
  return JSON.stringify({ ...r, files: r.files.map((f) => ({ ...f, data: Buffer.isBuffer(f.data) ? { b64: f.data.toString("base64") } : f.data })) });
}

export function deserializeRendered(s: string): RenderedReply {
  const r = JSON.parse(s) as Omit<RenderedReply, "files"> & { files: (Omit<RenderedReply["files"][number], "data"> & { data: string | { b64: string } })[] };
  return { ...r, files: r.files.map((f) => ({ ...f, data: typeof f.data === "string" ? f.data : Buffer.from(f.data.b64, "base64") })) };
}
