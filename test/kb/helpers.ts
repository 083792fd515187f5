// A fresh demo database with the real core, and documents added through the real db module.
import { createCore, handleAction, handleCommand, handleForm, type Core } from "../../commands/core/dispatch.ts";
import { features } from "../../commands/index.ts";
import { fallbackText, type RenderedReply } from "../../commands/core/reply.ts";
import { contentHashOf, indexTextOf } from "../../commands/kb/content.ts";
import { audienceRank, type Audience } from "../../commands/kb/rules.ts";
import { data, transaction } from "../../db/data.ts";
import { addDocument } from "../../db/kb.ts";
import { subLocalIdByCode } from "../../db/kb-sublocals.ts";
import { tempStore, testClock, web } from "../helpers/store.ts";
import type { Store } from "../../db/store.ts";

export async function kbWorld() {
  const store = await tempStore({ seed: true });
  const clock = testClock(new Date("2026-11-23T17:00:00Z"));
  const core: Core = createCore({ store, features, clock });
  return {
    store,
    core,
    clock,
    run: (who: string, text: string, locale = "en") => handleCommand(core, { actor: { ...web(who), locale }, text }),
    click: (who: string, token: string) => handleAction(core, { actor: web(who), token }),
    submit: (who: string, token: string, values: Record<string, string>) => handleForm(core, { actor: web(who), token, values }),
  };
}

export async function addDoc(
  store: Store,
  d: { title: string; body: string; kind?: string; audience?: Audience; subLocal?: string; tags?: string; ownerId?: number | null; reviewBy?: string },
  now = new Date("2026-11-01T12:00:00Z"),
): Promise<number> {
  const subLocalId = d.subLocal ? ((await subLocalIdByCode(data(store), d.subLocal)) ?? fail(`no sub-local ${d.subLocal}`)) : null;
  const doc = {
    title: d.title,
    body: d.body,
    kind: d.kind ?? "officer_guide",
    audience: d.audience ?? "everyone",
    audienceRank: audienceRank(d.audience ?? "everyone"),
    subLocalId,
    ownerId: d.ownerId ?? null,
    reviewBy: d.reviewBy ?? "2027-11-01",
    language: "en",
    tags: d.tags ?? "",
    sourceLink: null,
    file: null,
  };
  return transaction(store, (tx) => addDocument(tx, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), now));
}

export const textOf = (r: RenderedReply) => fallbackText(r.blocks);
export const buttons = (r: RenderedReply) => r.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));

function fail(why: string): never {
  throw new Error(why);
}
