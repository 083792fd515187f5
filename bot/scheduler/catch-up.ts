// Reminders that fell due while the bot was not running. Delivered at start-up, they must not look
// current ("in 5 business days" six days late) nor arrive as a burst: each person (or channel)
// gets one "while the bot was down" message holding everything that fell due for them, and a
// single late reminder says when it was due.
import type { Formatter } from "../../commands/core/format.ts";
import type { Translate } from "../../commands/core/i18n.ts";
import type { Block, Reply } from "../../commands/core/reply.ts";

/** Later than this after its due time, a job delivered at start-up counts as caught up after downtime. */
export const LATE_AFTER_MS = 60_000;
/** Items shown in full (with their buttons) in one summary; the rest are listed one line each. */
export const SUMMARY_FULL_ITEMS = 10;

export interface LateItem {
  reply: Reply;
  dueAt: Date;
}

/** Who one summary is for: the person, or the channel / user on its platform. */
export function recipientGroup(job: { personId: number | null; platform: string; workspaceId: string | null; channelId: string | null; userId: string | null }): string {
  return job.personId !== null ? `person:${job.personId}` : `${job.platform}:${job.workspaceId ?? ""}:${job.channelId ?? ""}:${job.userId ?? ""}`;
}

/** One late reminder: as rendered for now, with when it was due. */
export function withLateNote(item: LateItem, t: Translate, fmt: Formatter): Reply {
  return { ...item.reply, blocks: [...item.reply.blocks, { type: "context", text: t("core.late.note", { when: fmt.dateTime(item.dueAt) }) }] };
}

function firstLine(r: Reply): string {
  for (const b of r.blocks) {
    if (b.type === "text") return b.text.split("\n")[0]!;
    if (b.type === "section" && (b.title || b.text)) return (b.title ?? b.text)!.split("\n")[0]!;
  }
  return "";
}

/** Everything that fell due for one recipient while the bot was down, as one message, oldest first. */
export function downtimeSummary(items: readonly LateItem[], t: Translate, fmt: Formatter): Reply {
  const sorted = [...items].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const blocks: Block[] = [
    { type: "text", text: `*${t("core.late.summaryTitle", { count: fmt.number(sorted.length) })}*` },
    { type: "context", text: t("core.late.summarySince", { from: fmt.dateTime(sorted[0]!.dueAt), to: fmt.dateTime(sorted.at(-1)!.dueAt) }) },
  ];
  for (const item of sorted.slice(0, SUMMARY_FULL_ITEMS)) {
    blocks.push({ type: "divider" }, ...item.reply.blocks.filter((b) => b.type !== "context"), { type: "context", text: t("core.late.wasDue", { when: fmt.dateTime(item.dueAt) }) });
  }
  const rest = sorted.slice(SUMMARY_FULL_ITEMS);
  if (rest.length > 0) {
    blocks.push({ type: "divider" }, { type: "list", title: t("core.late.more", { count: fmt.number(rest.length) }), items: rest.map((i) => ({ text: firstLine(i.reply), detail: fmt.dateTime(i.dueAt) })) });
  }
  const visibility = sorted.some((i) => i.reply.visibility === "channel") ? "channel" : sorted[0]!.reply.visibility;
  return { visibility, blocks };
}
