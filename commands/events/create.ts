// `/event create`: two short forms (a Discord modal holds five fields), a preview, then Publish,
// which records the event (or the series, for a repeating one) and announces it in every channel
// following its audience, in one transaction.
import { z } from "zod";
import { createEvent, knownEmployerGroup, knownRegion, subLocalAudience } from "../../db/events.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { reply, type Form, type Reply } from "../core/reply.ts";
import { eventBlocks } from "./render.ts";
import { audienceText, defaultAudience, isOrganiser, KINDS, mayOrganise, parseAudience, parseWhere, REPEATS, type Target } from "./rules.ts";
import { readInstant, readWhen, whenExamples } from "./when.ts";
import { checkEditDetails } from "./edit-rules.ts";

const ORGANISERS = ["sublocal_officer", "board_director", "staff", "executive_director", "statewide_president"] as const;

export const draftSchema = z.object({
  title: z.string().max(120),
  startsAt: z.string().max(40),
  endsAt: z.string().max(40),
  link: z.string().max(400).nullable(),
  place: z.string().max(300).nullable(),
  audienceType: z.enum(["sublocal", "employer_group", "region", "statewide"]),
  audienceId: z.string().max(80).nullable(),
  kind: z.enum(KINDS),
  description: z.string().max(2000).nullable(),
  capacity: z.number().int().min(1).max(100_000).nullable(),
  rsvpDeadline: z.string().max(40).nullable(),
  repeat: z.enum(["weekly", "monthly"]).nullable(),
  isPublic: z.boolean(),
  language: z.string().max(10),
});
export type Draft = z.infer<typeof draftSchema>;

/** A draft that changes an existing event (`/event edit ID`, `all`: that date and every later one). */
export const editSchema = z.object({ eventId: z.number().int().positive(), all: z.boolean() });
export type Edit = z.infer<typeof editSchema>;

const pad = (n: number) => String(n).padStart(2, "0");
export function localInput(ctx: LinkedCtx, iso: string): string {
  const d = new Date(iso);
  const p = new Intl.DateTimeFormat("en-CA", { timeZone: ctx.fmt.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(d);
  const g = (k: string) => p.find((x) => x.type === k)!.value;
  return `${g("year")}-${g("month")}-${g("day")} ${g("hour")}:${g("minute")}`;
}

export function basicsForm(ctx: LinkedCtx, d?: Draft, edit?: Edit): Form {
  const t = ctx.t;
  // An event that ends on another day shows the end's date too, so it reads back the same.
  const [start, end] = d ? [localInput(ctx, d.startsAt), localInput(ctx, d.endsAt)] : ["", ""];
  const when = d ? (start.slice(0, 10) === end.slice(0, 10) ? `${start}-${end.slice(11)}` : `${start} - ${end}`) : undefined;
  const where = d ? [d.link, d.place].filter(Boolean).join(" | ") : undefined;
  const ex = whenExamples(ctx.clock.now(), ctx.fmt.timeZone, ctx.locale);
  return {
    form: "event.create",
    title: edit ? t("event.edit.formTitle", { id: edit.eventId }) : t("event.create.formTitle"),
    intro: t("event.create.intro", { zone: ctx.fmt.zoneName(ctx.clock.now()) }),
    submitLabel: t("event.create.preview"),
    payload: d ? { draft: d, ...(edit ? { edit } : {}) } : null,
    fields: [
      { name: "title", label: t("event.create.fieldTitle"), kind: "text", required: true, maxLength: 120, initial: d?.title },
      { name: "when", label: t("event.create.fieldWhen"), kind: "text", required: true, maxLength: 60, placeholder: ex.iso, hint: t("event.create.when.hint", ex), initial: when },
      { name: "where", label: t("event.create.fieldWhere"), kind: "text", required: true, maxLength: 400, hint: t("event.create.hintWhere"), initial: where },
      { name: "audience", label: t("event.create.fieldAudience"), kind: "text", required: true, maxLength: 90, hint: t("event.create.hintAudience"), initial: audienceText(d ?? defaultAudience(ctx.roles)) },
      { name: "kind", label: t("event.create.fieldKind"), kind: "select", required: true, options: KINDS.map((k) => ({ value: k, label: t(`event.kinds.${k}`) })), initial: d?.kind ?? "meeting" },
    ],
  };
}

function detailsForm(ctx: LinkedCtx, d: Draft, edit?: Edit): Form {
  const t = ctx.t;
  return {
    form: "event.details",
    title: t("event.create.detailsTitle"),
    submitLabel: t("event.create.preview"),
    payload: { draft: d, ...(edit ? { edit } : {}) },
    fields: [
      { name: "description", label: t("event.create.fieldDescription"), kind: "textarea", maxLength: 2000, initial: d.description ?? undefined },
      { name: "capacity", label: t("event.create.fieldCapacity"), kind: "number", hint: t("event.create.hintCapacity"), initial: d.capacity === null ? undefined : String(d.capacity) },
      { name: "deadline", label: t("event.create.fieldDeadline"), kind: "text", maxLength: 40, placeholder: whenExamples(ctx.clock.now(), ctx.fmt.timeZone, ctx.locale).deadline, initial: d.rsvpDeadline ? localInput(ctx, d.rsvpDeadline) : undefined },
      { name: "repeat", label: t("event.create.fieldRepeat"), kind: "select", options: REPEATS.map((r) => ({ value: r, label: t(`event.repeat.${r}`) })), initial: d.repeat ?? "none" },
      { name: "visibility", label: t("event.create.fieldVisibility"), kind: "select", options: ["members", "public"].map((v) => ({ value: v, label: t(`event.visibility.${v}`) })), initial: d.isPublic ? "public" : "members" },
    ],
  };
}

/** Checks the audience exists and the caller may organise for it; returns it normalised. */
export async function checkAudience(ctx: LinkedCtx, raw: string): Promise<Target> {
  const a = parseAudience(raw);
  if (!a) throw new FieldErrors({ audience: "event.create.badAudience" });
  if (a.audienceType === "sublocal" && !(await subLocalAudience(ctx.db, a.audienceId!))) throw new FieldErrors({ audience: { key: "event.create.unknownAudience", vars: { name: a.audienceId } } });
  if (a.audienceType === "employer_group") a.audienceId = (await knownEmployerGroup(ctx.db, a.audienceId!)) ?? fieldError("event.create.unknownAudience", a.audienceId!);
  if (a.audienceType === "region") a.audienceId = (await knownRegion(ctx.db, a.audienceId!)) ?? fieldError("event.create.unknownAudience", a.audienceId!);
  const sub = a.audienceType === "sublocal" ? await subLocalAudience(ctx.db, a.audienceId!) : undefined;
  if (!mayOrganise(ctx.roles, a, sub)) throw new FieldErrors({ audience: "event.create.notYourAudience" });
  return a;
}

/**
 * The form's "when" read in the local's zone, or the reason it can't be, with examples of what
 * works (dated a week ahead, so an example is never itself in the past).
 */
export function readWhenField(ctx: LinkedCtx, raw: string): { startsAt: Date; endsAt: Date } {
  const now = ctx.clock.now();
  const ex = whenExamples(now, ctx.fmt.timeZone, ctx.locale);
  const when = readWhen(raw, { timeZone: ctx.fmt.timeZone, now, locale: ctx.locale });
  if ("problem" in when) throw new FieldErrors({ when: { key: `event.create.when.${when.problem}`, vars: { text: raw.trim(), zone: ctx.fmt.zoneName(now), ...ex } } });
  if (when.startsAt <= now) throw new FieldErrors({ when: { key: "event.create.when.past", vars: { when: ctx.fmt.dateTime(when.startsAt), ...ex } } });
  return when;
}

/** A number of places: "10", "1,000" or "1 000"; a word ("ten") is asked to be written as a number. */
function readCapacity(raw: string): number {
  const digits = raw.trim().replace(/[\s,.\u00a0\u202f]/g, "");
  if (!/^\d+$/.test(digits)) throw new FieldErrors({ capacity: { key: "event.create.capacityNumber", vars: { text: raw.trim() } } });
  const n = Number(digits);
  if (n < 1 || n > 100_000) throw new FieldErrors({ capacity: "event.create.capacityRange" });
  return n;
}

function fieldError(key: string, name: string): never {
  throw new FieldErrors({ audience: { key, vars: { name } } });
}

function preview(ctx: LinkedCtx, d: Draft, edit?: Edit): Reply {
  const e = { ...d, id: 0, isPublic: d.isPublic ? 1 : 0 };
  const p = { draft: d, ...(edit ? { edit } : {}) };
  return reply.private(
    reply.text(ctx.t(edit ? (edit.all ? "event.edit.previewTitleSeries" : "event.edit.previewTitle") : "event.create.previewTitle")),
    ...eventBlocks(ctx.t, ctx.fmt, e),
    reply.buttons(
      edit
        ? { label: ctx.t("event.edit.save"), action: "event.edit.save", payload: p, style: "primary", once: true, group: "publish" }
        : { label: ctx.t("event.create.publish"), action: "event.create.publish", payload: p, style: "primary", once: true, group: "publish" },
      { label: ctx.t("event.create.more"), action: "event.create.details", payload: p },
      { label: ctx.t("event.create.change"), action: "event.create.change", payload: p },
    ),
  );
}

export const createCommand = defineCommand({
  path: ["event", "create"],
  opensForm: true,
  description: "event.create.description",
  args: {},
  access: { roles: ORGANISERS },
  run(ctx): Reply {
    if (!isOrganiser(ctx.roles)) throw userError.notAllowed("event.create.notAllowed");
    return { visibility: "private", blocks: [], form: basicsForm(ctx) };
  },
});

export const createForm = defineForm({
  id: "event.create",
  fields: z.object({ title: z.string().trim().min(3).max(120), when: z.string().trim().max(60), where: z.string().trim().min(2).max(400), audience: z.string().trim().max(90), kind: z.enum(KINDS) }),
  payload: z.object({ draft: draftSchema, edit: editSchema.optional() }).nullable(),
  access: { roles: ORGANISERS },
  async submit(ctx, v, p) {
    const when = readWhenField(ctx, v.when);
    const a = await checkAudience(ctx, v.audience);
    const where = parseWhere(v.where);
    const base: Draft = p?.draft ?? { description: null, capacity: null, rsvpDeadline: null, repeat: null, isPublic: false, language: ctx.locale } as Draft;
    const draft: Draft = { ...base, title: v.title, startsAt: when.startsAt.toISOString(), endsAt: when.endsAt.toISOString(), ...where, ...a, kind: v.kind };
    if (draft.rsvpDeadline && draft.rsvpDeadline > draft.startsAt) draft.rsvpDeadline = null;
    return preview(ctx, draft, p?.edit);
  },
});

export const detailsForm_ = defineForm({
  id: "event.details",
  fields: z.object({
    description: z.string().trim().max(2000).optional(),
    // Read here rather than by zod, so "ten" is told to write a number, not that it is required.
    capacity: z.string().trim().max(20).optional(),
    deadline: z.string().trim().max(40).optional(),
    repeat: z.enum(REPEATS).optional(),
    visibility: z.enum(["members", "public"]).optional(),
  }),
  payload: z.object({ draft: draftSchema, edit: editSchema.optional() }),
  access: { roles: ORGANISERS },
  async submit(ctx, v, { draft, edit }) {
    const capacity = v.capacity ? readCapacity(v.capacity) : null;
    const repeat = v.repeat && v.repeat !== "none" ? v.repeat : null;
    if (edit) await checkEditDetails(ctx, edit, draft, { capacity, repeat });
    let deadline: Date | null = null;
    if (v.deadline) {
      const d = readInstant(v.deadline, { timeZone: ctx.fmt.timeZone, now: ctx.clock.now(), locale: ctx.locale });
      if ("problem" in d) throw new FieldErrors({ deadline: { key: d.problem === "impossible" ? "event.create.when.impossible" : "event.create.when.deadlineFormat", vars: { text: v.deadline, ...whenExamples(ctx.clock.now(), ctx.fmt.timeZone, ctx.locale) } } });
      deadline = d;
      if (deadline.toISOString() > draft.startsAt || deadline <= ctx.clock.now()) throw new FieldErrors({ deadline: "event.create.deadlineOrder" });
    }
    const next: Draft = { ...draft, description: v.description ?? null, capacity, rsvpDeadline: deadline?.toISOString() ?? null, repeat, isPublic: v.visibility === "public" };
    return preview(ctx, next, edit);
  },
});

const draftPayload = z.object({ draft: draftSchema, edit: editSchema.optional() });

export const changeAction = defineAction({
  id: "event.create.change",
  payload: draftPayload,
  access: { roles: ORGANISERS },
  run: (ctx, p): Reply => ({ visibility: "private", blocks: [], form: basicsForm(ctx, p.draft, p.edit) }),
});

export const moreAction = defineAction({
  id: "event.create.details",
  payload: draftPayload,
  access: { roles: ORGANISERS },
  run: (ctx, p): Reply => ({ visibility: "private", blocks: [], form: detailsForm(ctx, p.draft, p.edit) }),
});

export const publishAction = defineAction({
  id: "event.create.publish",
  payload: draftPayload,
  access: { roles: ORGANISERS },
  async run(ctx, { draft: d }) {
    const sub = d.audienceType === "sublocal" ? await subLocalAudience(ctx.db, d.audienceId!) : undefined;
    if (!mayOrganise(ctx.roles, d, sub)) throw userError.notAllowed("event.create.notYourAudienceNow");
    if (new Date(d.startsAt) <= ctx.clock.now()) throw userError.invalid("event.create.past");
    const { ids, channels } = await ctx.commitAsync((tx) =>
      createEvent(
        tx,
        ctx.store,
        { ...d, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt), rsvpDeadline: d.rsvpDeadline ? new Date(d.rsvpDeadline) : null, organiserId: ctx.person.id },
        ctx.clock.now(),
        ctx.fmt.timeZone,
      ),
    );
    await ctx.audit("event.create", { type: "event", id: ids[0]! }, { audienceType: d.audienceType, series: ids.length, channels });
    const lines = [ctx.t("event.create.published", { id: ids[0], count: channels })];
    if (ids.length > 1) lines.push(ctx.t("event.create.series", { count: ids.length }));
    return { ...reply.private(reply.text(`📅 ${lines.join("\n")}`)), update: true };
  },
});
