// `/kb search QUERY [kind]`: ranked full-text search, five at a time with a "More" button. Any
// text is a valid query: it is turned into a safe expression, never passed through as syntax.
import { z } from "zod";
import { searchDocuments } from "../../db/kb.ts";
import { titlesLike } from "../../db/kb-access.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type AutocompleteDef, type LinkedCtx } from "../core/command.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { docDetail, viewerOf } from "./common.ts";
import { hitsForReader } from "./languages.ts";
import { LANGUAGE_NAMES, type Locale } from "../core/i18n.ts";
import { KINDS } from "./rules.ts";
import { parseQuery, snippet } from "./text.ts";

export const PAGE = 5;

async function results(ctx: LinkedCtx, query: string, kind: string | undefined, offset: number): Promise<Reply> {
  const { match, terms, tokens } = parseQuery(query);
  if (!match) return reply.private(reply.text(ctx.t("kb.search.nothingToSearch")));
  const { hits, total, more } = await searchDocuments(ctx.db, { match, tokens }, await viewerOf(ctx), { kind, limit: PAGE, offset });
  if (hits.length === 0) return reply.private(reply.text(ctx.t("kb.search.none", { query: query.slice(0, 100) })), reply.context(ctx.t("kb.search.tips")));
  const items = (await hitsForReader(ctx, hits)).map(({ hit: h, fallback }) => {
    const s = snippet(h.body, terms);
    const where = s.heading ? ` — ${ctx.t("kb.search.section", { heading: s.heading })}` : "";
    // Not yet in the reader's language: the list says which language they will read it in.
    const language = fallback ? ` · 🌐 ${LANGUAGE_NAMES[h.language as Locale] ?? h.language}` : "";
    return { text: `*${h.title}*${where}`, detail: `${s.text}\n${docDetail(ctx, { ...h, audience: "" })}${language} · /kb show ${h.id}` };
  });
  const title = total === null ? ctx.t("kb.search.titleSome") : ctx.t("kb.search.title", { count: total });
  const range = total === null || total > hits.length ? ` (${ctx.t("kb.search.range", { from: offset + 1, to: offset + hits.length })})` : "";
  const blocks: Block[] = [reply.list(`${title}${range}`, items)];
  if (more) blocks.push(reply.buttons({ label: ctx.t("kb.search.more"), action: "kb.search.more", payload: { query: query.slice(0, 300), kind: kind ?? null, offset: offset + PAGE } }));
  return reply.private(...blocks);
}

export const searchCommand = defineCommand({
  path: ["kb", "search"],
  description: "kb.search.description",
  args: {
    kind: arg.optional(arg.choice("kb.args.kind", KINDS, "kb.kinds")),
    query: arg.string("kb.args.query", { maxLength: 5000, rest: true, keepQuotes: true }),
  },
  access: { linked: true },
  examples: ["kb.search.example"],
  run(ctx, { query, kind }) {
    return results(ctx, query, kind, 0);
  },
});

export const moreAction = defineAction({
  id: "kb.search.more",
  payload: z.object({ query: z.string().max(300), kind: z.enum(KINDS).nullable(), offset: z.number().int().min(0).max(10_000) }),
  access: { linked: true },
  run(ctx, p) {
    return results(ctx, p.query, p.kind ?? undefined, p.offset);
  },
});

/** Document titles the person may see, for `/kb show` on Discord. */
export const titleSuggestions: AutocompleteDef = {
  id: "kb.title",
  access: { linked: true },
  async suggest(ctx, partial) {
    return (await titlesLike(ctx.db, partial.slice(0, 100), await viewerOf(ctx), 25)).map((d) => ({ value: String(d.id), label: `${d.title}`.slice(0, 100) }));
  },
};
