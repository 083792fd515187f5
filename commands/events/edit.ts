// `/event edit ID [all]`: the create form's two pages, filled in with the event as it is; Save
// changes it in place (for `all`, that date and every later one of the series), edits the channel
// announcement in place, and tells everyone who had answered what changed, once each, in their
// own language (a notice rendered for each reader).
import { z } from "zod";
import { announcedAs, editEvent, eventById, subLocalAudience, type EventPatch, type EventRow } from "../../db/events.ts";
import { localParts, zonedToUtc, addLocalDays } from "../../db/cron.ts";
import { data } from "../../db/data.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { defineNotice, scheduleNoticeIn } from "../core/notice.ts";
import { reply, type Reply } from "../core/reply.ts";
import { basicsForm, draftSchema, editSchema, type Draft } from "./create.ts";
import { capacityProblem, editedDates } from "./edit-rules.ts";
import { changeable } from "./organise.ts";
import { audienceLabel } from "./render.ts";
import { mayOrganise, type Kind } from "./rules.ts";

/** What a reader is told changed, field by field (times as ISO instants, "start/end" for when). */
const FIELDS = ["title", "when", "link", "place", "audience", "kind", "description", "capacity", "deadline", "visibility"] as const;
type FieldName = (typeof FIELDS)[number];
const value = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const change = z.object({ field: z.enum(FIELDS), from: value, to: value });
type Change = z.infer<typeof change>;

/** The draft an edit starts from: the event as it is (how a series repeats is its first date's). */
async function draftOf(ctx: LinkedCtx, e: EventRow): Promise<Draft> {
  const head = e.seriesId !== null ? await eventById(ctx.db, e.seriesId) : e;
  return {
    title: e.title,
    startsAt: new Date(e.startsAt).toISOString(),
    endsAt: new Date(e.endsAt).toISOString(),
    link: e.link,
    place: e.place,
    audienceType: e.audienceType as Draft["audienceType"],
    audienceId: e.audienceId,
    kind: e.kind as Kind,
    description: e.description,
    capacity: e.capacity,
    rsvpDeadline: e.rsvpDeadline ? new Date(e.rsvpDeadline).toISOString() : null,
    repeat: (head?.repeat ?? null) as Draft["repeat"],
    isPublic: e.isPublic === 1,
    language: e.language,
  };
}

/** The fields the draft changes, with the event's value before and the draft's after. */
function changesOf(e: EventRow, d: Draft): Change[] {
  const iso = (s: string | null) => (s ? new Date(s).toISOString() : null);
  const pairs: [FieldName, string | number | boolean | null, string | number | boolean | null][] = [
    ["title", e.title, d.title],
    ["when", `${iso(e.startsAt)}/${iso(e.endsAt)}`, `${iso(d.startsAt)}/${iso(d.endsAt)}`],
    ["link", e.link, d.link],
    ["place", e.place, d.place],
    ["audience", `${e.audienceType}:${e.audienceId ?? ""}`, `${d.audienceType}:${d.audienceId ?? ""}`],
    ["kind", e.kind, d.kind],
    ["description", e.description, d.description],
    ["capacity", e.capacity, d.capacity],
    ["deadline", iso(e.rsvpDeadline), iso(d.rsvpDeadline)],
    ["visibility", e.isPublic === 1, d.isPublic],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([field, from, to]) => ({ field, from, to }));
}

/**
 * One date's new values: the draft's for the date edited; for a later date of the series, each
 * changed field, with a new time moved the same way on that date's own day (same local clock
 * time, the same number of days later or earlier) and its answer-by time as far before its start.
 */
function patchFor(ctx: LinkedCtx, date: EventRow, edited: EventRow, d: Draft, changed: ReadonlySet<FieldName>): EventPatch {
  const tz = ctx.fmt.timeZone;
  const pick = <T>(field: FieldName, mine: T, theirs: T): T => (date.id === edited.id || changed.has(field) ? theirs : mine);
  let startsAt = new Date(date.startsAt);
  let endsAt = new Date(date.endsAt);
  const newStart = new Date(d.startsAt);
  if (date.id === edited.id) [startsAt, endsAt] = [newStart, new Date(d.endsAt)];
  else if (changed.has("when")) {
    const day = (x: Date) => {
      const p = localParts(x, tz);
      return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;
    };
    const shift = day(newStart) - day(new Date(edited.startsAt));
    const at = localParts(newStart, tz);
    const moved = addLocalDays(localParts(startsAt, tz), shift);
    startsAt = zonedToUtc({ ...moved, hour: at.hour, minute: at.minute }, tz);
    endsAt = new Date(startsAt.getTime() + (new Date(d.endsAt).getTime() - newStart.getTime()));
  }
  const deadline = changed.has("deadline") || changed.has("when") || date.id === edited.id
    ? d.rsvpDeadline ? new Date(startsAt.getTime() - (newStart.getTime() - new Date(d.rsvpDeadline).getTime())) : null
    : date.rsvpDeadline ? new Date(date.rsvpDeadline) : null;
  return {
    title: pick("title", date.title, d.title),
    description: pick("description", date.description, d.description),
    kind: pick("kind", date.kind, d.kind),
    startsAt,
    endsAt,
    link: pick("link", date.link, d.link),
    place: pick("place", date.place, d.place),
    audienceType: pick("audience", date.audienceType, d.audienceType),
    audienceId: pick("audience", date.audienceId, d.audienceId),
    capacity: pick("capacity", date.capacity, d.capacity),
    rsvpDeadline: deadline,
    isPublic: pick("visibility", date.isPublic === 1, d.isPublic),
  };
}

export const editCommand = defineCommand({
  path: ["event", "edit"],
  opensForm: true,
  description: "event.edit.description",
  args: { id: arg.integer("event.argId", { min: 1 }), which: arg.optional(arg.choice("event.cancel.argWhich", ["all"] as const)) },
  access: { linked: true },
  async run(ctx, { id, which }): Promise<Reply> {
    const e = await changeable(ctx, id, "edit");
    if (e.status !== "scheduled") throw userError.invalid("event.rsvp.cancelled", { title: e.title });
    if (new Date(e.endsAt) <= ctx.clock.now()) throw userError.invalid("event.edit.over", { title: e.title });
    if (which === "all" && e.seriesId === null) throw userError.invalid("event.edit.notSeries", { id: e.id });
    return { visibility: "private", blocks: [], form: basicsForm(ctx, await draftOf(ctx, e), { eventId: e.id, all: which === "all" }) };
  },
});

export const saveAction = defineAction({
  id: "event.edit.save",
  payload: z.object({ draft: draftSchema, edit: editSchema }),
  access: { linked: true },
  async run(ctx, { draft: d, edit }): Promise<Reply> {
    const e = await changeable(ctx, edit.eventId, "edit");
    const now = ctx.clock.now();
    if (e.status !== "scheduled") throw userError.invalid("event.rsvp.cancelled", { title: e.title });
    if (new Date(e.endsAt) <= now) throw userError.invalid("event.edit.over", { title: e.title });
    const changes = changesOf(e, d);
    if (changes.length === 0) return { ...reply.private(reply.text(ctx.t("event.edit.nothing"))), update: true };
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("when") && new Date(d.startsAt) <= now) throw userError.invalid("event.create.past");
    if (changed.has("audience")) {
      const sub = d.audienceType === "sublocal" ? await subLocalAudience(ctx.db, d.audienceId!) : undefined;
      if (!mayOrganise(ctx.roles, d, sub)) throw userError.notAllowed("event.create.notYourAudienceNow");
    }
    const dates = await editedDates(ctx, e, edit.all);
    const problem = changed.has("capacity") ? await capacityProblem(ctx, dates, d.capacity) : undefined;
    if (problem) {
      await ctx.audit("event.edit.refused", { type: "event", id: e.id }, { reason: "capacity_below_going" });
      throw userError.invalid(problem.key, problem.vars);
    }
    const told = await ctx.commitAsync(async (tx) => {
      const people = new Set<number>();
      for (const date of dates) {
        const r = await editEvent(tx, ctx.store, date.id, patchFor(ctx, date, e, d, changed), ctx.person.id, now, ctx.fmt.timeZone);
        // Someone went Going in between: nothing of the edit is kept.
        if (r.refused) throw userError.invalid("event.edit.capacityBelow", { count: r.refused.going, capacity: d.capacity, when: ctx.fmt.dateTime(new Date(date.startsAt)) });
        r.answered.forEach((p) => people.add(p));
      }
      for (const [i, personId] of [...people].entries())
        await scheduleNoticeIn(tx, ctx.store, { personId }, changedNotice, { eventId: e.id, dates: dates.length, changes }, {
          dueAt: new Date(now.getTime() + i * 250),
          timeZone: ctx.fmt.timeZone,
          idempotencyKey: `event.changed:${e.id}:${now.getTime()}:${personId}`,
          createdById: ctx.person.id,
        });
      return people.size;
    });
    await ctx.audit("event.edit", { type: "event", id: e.id }, { fields: [...changed], dates: dates.length, told, series: e.seriesId, announcement: announcedAs(e) });
    const text = dates.length > 1 ? ctx.t("event.edit.savedSeries", { title: d.title, dates: dates.length, count: told }) : ctx.t("event.edit.saved", { title: d.title, count: told });
    return { ...reply.private(reply.text(`✏️ ${text}`)), update: true };
  },
});

/** One changed field as its reader reads it: times in the local zone, names of kinds and audiences in their words. */
function shown(n: { t: (k: string, v?: Record<string, unknown>) => string; fmt: import("../core/format.ts").Formatter }, field: FieldName, v: string | number | boolean | null): string {
  if (v === null || v === "") return n.t(field === "capacity" ? "event.changed.noLimit" : "event.changed.none");
  switch (field) {
    case "when": {
      const [s, e] = String(v).split("/");
      const start = new Date(s!);
      const end = new Date(e!);
      return n.fmt.localDay(start) === n.fmt.localDay(end) ? `${n.fmt.dateTime(start)} – ${n.fmt.timeWithZone(end)}` : `${n.fmt.dateTime(start)} – ${n.fmt.dateTime(end)}`;
    }
    case "deadline":
      return n.fmt.dateTime(new Date(String(v)));
    case "capacity":
      return n.fmt.number(Number(v));
    case "kind":
      return n.t(`event.kinds.${String(v)}`);
    case "visibility":
      return n.t(`event.visibility.${v ? "public" : "members"}`);
    case "audience": {
      const [type, ...id] = String(v).split(":");
      return audienceLabel(n.t, { audienceType: type!, audienceId: id.join(":") || null });
    }
    default:
      return String(v);
  }
}

const LABELS: Record<FieldName, string> = {
  title: "event.create.fieldTitle",
  when: "event.field.when",
  link: "event.field.online",
  place: "event.field.place",
  audience: "event.field.audience",
  kind: "event.field.kind",
  description: "event.create.fieldDescription",
  capacity: "event.field.capacity",
  deadline: "event.field.deadline",
  visibility: "event.create.fieldVisibility",
};

/** "What changed", for one person who had answered: rendered in their language. */
export const changedNotice = defineNotice({
  id: "event.changed",
  values: z.object({ eventId: z.number().int().positive(), dates: z.number().int().min(1), changes: z.array(change).min(1).max(FIELDS.length) }),
  example: { eventId: 1, dates: 1, changes: [{ field: "when", from: "2026-12-03T02:00:00.000Z/2026-12-03T03:30:00.000Z", to: "2026-12-03T03:00:00.000Z/2026-12-03T04:30:00.000Z" }, { field: "place", from: "Union hall, room 2", to: "Union hall, room 5" }] },
  async render(n, v) {
    const e = await eventById(data(n.store), v.eventId);
    const title = e?.title ?? String(v.changes.find((c) => c.field === "title")?.to ?? "");
    const head = v.dates > 1 ? n.t("event.changed.titleSeries", { title, count: v.dates, from: e ? n.fmt.dateTime(new Date(e.startsAt)) : "" }) : n.t("event.changed.title", { title });
    return reply.private(
      reply.section(`✏️ ${head}`, v.changes.map((c) => ({ label: n.t(LABELS[c.field]), value: n.t("event.changed.fromTo", { before: shown(n, c.field, c.from), after: shown(n, c.field, c.to) }) }))),
      reply.context(n.t("event.changed.footer", { id: v.eventId })),
    );
  },
});
