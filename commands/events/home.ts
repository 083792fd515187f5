// Upcoming events on a person's Home, and in a sub-local's handoff packet (no names: titles,
// times and how many gave each answer, exact only for an event the reader organises or, for
// staff, manages; released through disclosure control otherwise).
import { audienceOf, counts, subLocalAudience, upcomingFor, upcomingForAudience } from "../../db/events.ts";
import type { HandoffSection, HandoffSubLocal, LinkedCtx } from "../core/command.ts";
import { reply, type Block } from "../core/reply.ts";
import { answersFor, answersText, whenText } from "./render.ts";
import { mayManage } from "./rules.ts";

export async function eventsHome(ctx: LinkedCtx): Promise<Block[]> {
  const rows = await upcomingFor(ctx.db, ctx.person.id, await audienceOf(ctx.db, ctx.person.id), ctx.clock.now(), 5);
  if (rows.length === 0) return [];
  return [
    reply.list(ctx.t("event.home.title"), rows.map((e) => ({ text: `#${e.id} ${e.title}`, detail: `${whenText(ctx.fmt, e)} · ${ctx.t(`event.mine.${e.mine ?? "none"}`)}` }))),
    reply.context(ctx.t("event.list.hint")),
  ];
}

export async function eventsHandoff(ctx: LinkedCtx, s: HandoffSubLocal): Promise<HandoffSection | null> {
  const a = await subLocalAudience(ctx.db, s.code);
  if (!a) return null;
  const rows = await upcomingForAudience(ctx.db, a, ctx.clock.now(), 20);
  const title = ctx.t("event.handoff.title");
  if (rows.length === 0) return { area: "events", title, blocks: [reply.text(ctx.t("event.handoff.none"))], markdown: `## ${title}\n\n${ctx.t("event.handoff.none")}\n` };
  const items = [];
  for (const e of rows) {
    const answers = answersFor(await counts(ctx.db, e.id), mayManage(ctx.roles, ctx.person.id, e));
    items.push({ text: `#${e.id} ${e.title}`, detail: `${whenText(ctx.fmt, e)} · ${answersText(ctx.t, ctx.fmt, answers)}` });
  }
  const md = items.map((i) => `- **${i.text.replace(/[*_`[\]]/g, "\\$&")}** — ${i.detail}`).join("\n");
  return { area: "events", title, blocks: [reply.list(title, items)], markdown: `## ${title}\n\n${md}\n` };
}
