// Everything waiting for one person's decision, gathered from every area's `Feature.pending`
// (contact requests to approve, disputes to answer …), oldest first. Home shows it and
// `/unionhall pending` lists it. Items are re-read and their buttons bound afresh on every look,
// so nothing is lost when the bot restarts. One failing area is named and logged; the rest shows.
import type { LinkedCtx, PendingItem } from "./command.ts";
import type { Block } from "./reply.ts";

export interface PendingList {
  items: PendingItem[];
  /** Areas whose list could not be read just now. */
  failed: string[];
}

export async function collectPending(ctx: LinkedCtx): Promise<PendingList> {
  const items: PendingItem[] = [];
  const failed: string[] = [];
  for (const f of ctx.registry.features) {
    if (!f.pending) continue;
    try {
      items.push(...(await f.pending(ctx)));
    } catch (e) {
      failed.push(f.area);
      ctx.log.warn("pending.area.failed", { area: f.area, error: e instanceof Error ? e.name : "unknown" });
    }
  }
  items.sort((a, b) => a.since.getTime() - b.since.getTime());
  return { items, failed };
}

/** Items shown at once: a Slack message holds 50 blocks, an App Home 100. */
export const PENDING_PAGE = 8;

/**
 * The list as blocks: a title, then each item with its buttons and how long it has waited, a page
 * at a time (oldest first), and how to see the rest.
 */
export function pendingBlocks(ctx: LinkedCtx, list: PendingList, opts: { whenEmpty: boolean; page?: number }): Block[] {
  const { t } = ctx;
  const blocks: Block[] = [];
  if (list.items.length === 0 && !opts.whenEmpty && list.failed.length === 0) return blocks;
  const pages = Math.max(1, Math.ceil(list.items.length / PENDING_PAGE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const shown = list.items.slice((page - 1) * PENDING_PAGE, page * PENDING_PAGE);
  const title = `${t("core.pending.title")} (${ctx.fmt.number(list.items.length)})`;
  blocks.push(list.items.length === 0 ? { type: "section", title, text: t("core.pending.none") } : { type: "section", title });
  shown.forEach((item, i) => {
    if (i > 0) blocks.push({ type: "divider" });
    blocks.push(...item.blocks, { type: "context", text: t("core.pending.since", { date: ctx.fmt.dateTime(item.since) }) });
  });
  if (page < pages) blocks.push({ type: "context", text: t("core.pending.more", { page: page + 1, pages }) });
  if (list.failed.length > 0) blocks.push({ type: "context", text: `⚠️ ${t("core.pending.failed", { areas: list.failed.map((a) => `/${a}`).join(", ") })}` });
  return blocks;
}
