// Notices: messages for someone other than the caller (a card to approve, "your request was
// approved", a statement with its PDF, a case assigned). The core renders each one for its
// RECIPIENT, person or channel, in the recipient's language and formats; an area never hands over
// text it rendered itself for someone else, because it would be in the sender's language.
//
// How an area uses it:
//   1. Declare the notice once, beside the code that sends it, and list it in `Feature.notices`:
//        export const approvedNotice = defineNotice({
//          id: "contacts.approved",                          // "area.name", unique
//          values: z.object({ id: z.number(), until: z.string() }),  // ids, codes, numbers, ISO dates: never text
//          example: { id: 7, until: "2026-12-31" },          // the notices test renders every kind with it
//          render: (n, v) => reply.private(reply.text(n.t("contacts.request.youApproved", { id: v.id, until: n.fmt.date(v.until) }))),
//        });
//      `render` gets the recipient's `t`, `fmt` and `locale` (and the store, to read records by id);
//      it may be async (a PDF) and may return files and buttons.
//   2. Send it from a handler: `return { ...reply.private(…), notices: [notice(approvedNotice, personId, { id, until })] }`.
//      The dispatcher validates the values, looks up the person's language (saved choice, else the
//      language their chat app was last seen in, else English) and renders it for them.
//   3. To a channel (or to a person later), schedule it: `await scheduleNotice(store, target, approvedNotice, values, …)`
//      (`scheduleNoticeIn(tx, store, …)` inside the transaction of the work it tells of, committed with it).
//      The scheduler renders it when it falls due, in the channel's configured language.
import { z } from "zod";
import { data, type Tx } from "../../db/data.ts";
import { scheduleJob, scheduleJobNowIn, type JobTarget, type ScheduleJobInput } from "../../db/jobs.ts";
import { channelLocale, deliveryLocale, personLocale } from "../../db/locales.ts";
import type { Store } from "../../db/store.ts";
import type { Clock, Logger } from "./command.ts";
import { createFormatter, type Formatter } from "./format.ts";
import { resolveLocale, type Locale, type Translate, type Translator } from "./i18n.ts";
import { defineJobKind, type JobKind } from "./jobs.ts";
import type { Json, Notice, Reply } from "./reply.ts";

/** Who a notice is rendered for. */
export type NoticeRecipient = { personId: number } | { channel: { platform: string; workspaceId: string; channelId: string } };

/** What a notice's render() gets: the RECIPIENT's language and formats, never the sender's. */
export interface NoticeCtx {
  store: Store;
  t: Translate;
  locale: Locale;
  fmt: Formatter;
  clock: Clock;
  log: Logger;
  timeZone: string;
  recipient: NoticeRecipient;
}

export interface NoticeKind<V = any> {
  /** "area.name", e.g. "grievance.assigned". */
  id: string;
  /** The values a sender hands over: ids, codes, numbers, ISO dates. The core checks them before rendering. */
  values: z.ZodType<V>;
  /** Values for a realistic notice, used by the tests that render every notice in every language. */
  example: V;
  render(ctx: NoticeCtx, values: V): Reply | Promise<Reply>;
}

export function defineNotice<V>(def: NoticeKind<V>): NoticeKind<V> {
  return def;
}

/** A notice for one person, by kind and values (typed by the kind). */
export function notice<V>(kind: NoticeKind<V>, personId: number, values: V): Notice {
  return { personId, notice: kind.id, values: values as Json };
}

/** The language a recipient reads: a person's saved choice (else their app's), a channel's setting; else English. */
export async function recipientLocale(store: Store, to: NoticeRecipient): Promise<Locale> {
  const db = data(store);
  return resolveLocale("personId" in to ? await personLocale(db, to.personId) : await channelLocale(db, to.channel));
}

export interface NoticeEnv {
  store: Store;
  translator: Translator;
  clock: Clock;
  log: Logger;
  timeZone: string;
  notice(id: string): NoticeKind | undefined;
}

/** The context a notice is rendered in for `to`, in `locale` (the recipient's unless a test says otherwise). */
export function noticeCtx(env: NoticeEnv, to: NoticeRecipient, locale: Locale): NoticeCtx {
  return {
    store: env.store,
    t: env.translator.forLocale(locale),
    locale,
    fmt: createFormatter(locale, env.timeZone),
    clock: env.clock,
    log: env.log,
    timeZone: env.timeZone,
    recipient: to,
  };
}

/** Renders notice `id` with `values` for `to`. Unknown kinds and values that fail their schema throw. */
export async function renderNotice(env: NoticeEnv, to: NoticeRecipient, id: string, values: unknown, locale?: Locale): Promise<Reply> {
  const kind = env.notice(id);
  if (!kind) throw new Error(`unknown notice "${id}"`);
  const parsed = kind.values.safeParse(values);
  if (!parsed.success) throw new Error(`notice "${id}" has values that do not fit its schema`);
  const out = await kind.render(noticeCtx(env, to, locale ?? (await recipientLocale(env.store, to))), parsed.data);
  if (out.notices?.length) throw new Error(`notice "${id}" may not carry notices of its own`);
  return out;
}

export const NOTICE_JOB = "core.notice";

const noticeJobPayload = z.object({ notice: z.string().min(1).max(100), values: z.unknown() });

/**
 * Schedules a notice for a channel or a person (delivered by the scheduler, durable, retried):
 * rendered when it falls due, for the job's target, in its language.
 */
export async function scheduleNotice<V>(
  store: Store,
  target: JobTarget,
  kind: NoticeKind<V>,
  values: V,
  opts: Omit<ScheduleJobInput, "kind" | "target" | "payload">,
): Promise<{ id: number; created: boolean }> {
  return scheduleJob(store, noticeJob(target, kind, values, opts));
}

/** The same, inside an asynchronous transaction (db/data.ts): the notice commits with the work it tells of. */
export function scheduleNoticeIn<V>(
  tx: Tx,
  store: Store,
  target: JobTarget,
  kind: NoticeKind<V>,
  values: V,
  opts: Omit<ScheduleJobInput, "kind" | "target" | "payload">,
): Promise<{ id: number; created: boolean }> {
  return scheduleJobNowIn(tx, store, noticeJob(target, kind, values, opts));
}

/** A notice's job, its values checked against the kind's schema first. */
function noticeJob<V>(target: JobTarget, kind: NoticeKind<V>, values: V, opts: Omit<ScheduleJobInput, "kind" | "target" | "payload">): ScheduleJobInput {
  const checked = kind.values.safeParse(values);
  if (!checked.success) throw new Error(`notice "${kind.id}" has values that do not fit its schema`);
  return { ...opts, kind: NOTICE_JOB, target, payload: { notice: kind.id, values } };
}

/** The scheduler's job kind for scheduled notices: the job context is already the target's language. */
export function noticeJobKind(notices: (id: string) => NoticeKind | undefined): JobKind<unknown> {
  return defineJobKind<unknown>({
    kind: NOTICE_JOB,
    async render(ctx, payload) {
      const p = noticeJobPayload.parse(payload);
      const kind = notices(p.notice);
      if (!kind) throw new Error(`unknown notice "${p.notice}"`);
      const values = kind.values.parse(p.values);
      const to: NoticeRecipient =
        ctx.job.personId !== null
          ? { personId: ctx.job.personId }
          : { channel: { platform: ctx.job.platform, workspaceId: "", channelId: ctx.job.channelId ?? "" } };
      return kind.render({ store: ctx.store, t: ctx.t, locale: resolveLocale(ctx.locale), fmt: ctx.fmt, clock: ctx.clock, log: ctx.log, timeZone: ctx.timeZone, recipient: to }, values);
    },
  });
}

/** The language, words and formats of a message's reader. */
export interface Reader {
  t: Translate;
  fmt: Formatter;
  locale: Locale;
}

/**
 * The reader of a message a click edits in place when it is not the clicker's own (a reminder card
 * posted in a channel): the channel's configured language (English until one is set, as the
 * scheduler posted it), or the person's. A shared card never switches to the clicker's language.
 */
export async function readerOf(ctx: { store: Store; translator: Translator; fmt: Formatter }, to: NoticeRecipient): Promise<Reader> {
  const locale = await recipientLocale(ctx.store, to);
  return { t: ctx.translator.forLocale(locale), fmt: createFormatter(locale, ctx.fmt.timeZone), locale };
}

/** The reader of a message a scheduled job delivered: the same language the scheduler rendered it in. */
export async function readerOfDelivery(
  ctx: { store: Store; translator: Translator; fmt: Formatter },
  job: { platform: string; workspaceId: string | null; channelId: string | null; userId: string | null; personId: number | null },
): Promise<Reader> {
  const locale = resolveLocale(await deliveryLocale(data(ctx.store), job));
  return { t: ctx.translator.forLocale(locale), fmt: createFormatter(locale, ctx.fmt.timeZone), locale };
}
