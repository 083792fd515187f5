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
/** Discord shows at most five rows of buttons under a message; each item keeps its buttons on its own row. */
const DISCORD_ROWS = 5;

const rowsOf = (item: PendingItem) => item.blocks.reduce((n, b) => n + (b.type === "buttons" && b.buttons.length ? Math.ceil(b.buttons.length / 5) : 0), 0);

/** The list cut into pages: eight items, or on Discord as many as fit five rows of buttons. */
export function pendingPages(items: readonly PendingItem[], platform: string): PendingItem[][] {
  const pages: PendingItem[][] = [];
  let cur: PendingItem[] = [];
  let rows = 0;
  for (const item of items) {
    const need = rowsOf(item);
    const full = platform === "discord" ? cur.length > 0 && rows + need > DISCORD_ROWS : cur.length >= PENDING_PAGE;
    if (full) {
      pages.push(cur);
      cur = [];
      rows = 0;
    }
    cur.push(item);
    rows += need;
  }
  if (cur.length) pages.push(cur);
  return pages;
}

/**
 * An item as shown in the list: numbered, and each of its buttons carries the number
 * ("Approve · 2"), so a button can never be taken for another item's, whatever the platform does
 * with the layout.
 */
function numbered(item: PendingItem, n: number): Block[] {
  let titled = false;
  const blocks = item.blocks.map((b): Block => {
    if (b.type === "buttons") return { ...b, buttons: b.buttons.map((x) => ({ ...x, label: `${x.label} · ${n}` })) };
    if (!titled && (b.type === "section" || b.type === "list") && b.title) {
      titled = true;
      return { ...b, title: `${n}. ${b.title}` };
    }
    return b;
  });
  return titled ? blocks : [{ type: "text", text: `${n}. ${item.summary}` }, ...blocks];
}

/**
 * The list as blocks: a title, then each item with its buttons and how long it has waited, a page
 * at a time (oldest first), and how to see the rest.
 */
export function pendingBlocks(ctx: LinkedCtx, list: PendingList, opts: { whenEmpty: boolean; page?: number }): Block[] {
  const { t } = ctx;
  const blocks: Block[] = [];
  if (list.items.length === 0 && !opts.whenEmpty && list.failed.length === 0) return blocks;
  const paged = pendingPages(list.items, ctx.platform);
  const pages = Math.max(1, paged.length);
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const shown = paged[page - 1] ?? [];
  const before = paged.slice(0, page - 1).reduce((n, p) => n + p.length, 0);
  const title = t("core.punct.aside", { text: t("core.pending.title"), aside: ctx.fmt.number(list.items.length) });
  blocks.push(list.items.length === 0 ? { type: "section", title, text: t("core.pending.none") } : { type: "section", title });
  shown.forEach((item, i) => {
    if (i > 0) blocks.push({ type: "divider" });
    blocks.push(...numbered(item, before + i + 1), { type: "context", text: t("core.pending.since", { date: ctx.fmt.dateTime(item.since) }) });
  });
  if (page < pages) blocks.push({ type: "context", text: t("core.pending.more", { page: page + 1, pages }) });
  if (list.failed.length > 0) blocks.push({ type: "context", text: `⚠️ ${t("core.pending.failed", { areas: list.failed.map((a) => `/${a}`).join(", ") })}` });
  return blocks;
}
