// Job kinds: how a feature turns a scheduled job's payload into a message when it falls due.
// Features list them in `Feature.jobs`; the scheduler (bot/scheduler) looks them up by `kind`.
// Schedule jobs with scheduleJob / upsertRule from db/jobs.ts.
import type { Store } from "../../db/store.ts";
import type { Clock, Logger } from "./command.ts";
import type { Formatter } from "./format.ts";
import type { Translate } from "./i18n.ts";
import type { Reply } from "./reply.ts";

/** What a job kind's render() gets: no caller, so no person or roles; the job it renders. */
export interface JobCtx {
  store: Store;
  t: Translate;
  locale: string;
  /** Dates, times, money in the message's language and the local's time zone. */
  fmt: Formatter;
  clock: Clock;
  log: Logger;
  /** The local's time zone (UNION_TIME_ZONE), for formatting times. */
  timeZone: string;
  /** Every area, for the hooks a message may draw on (core/hooks.ts). */
  features: readonly import("./command.ts").Feature[];
  job: {
    id: number;
    kind: string;
    dueAt: Date;
    /** Time zone of the local that scheduled the job. */
    timeZone: string;
    /** "slack" | "discord" | "web", or "any" for a person target on every platform. */
    platform: string;
    channelId: string | null;
    userId: string | null;
    personId: number | null;
    /** 1 on the first delivery attempt. */
    attempt: number;
    /** Set for an occurrence of a recurring rule. */
    ruleId: number | null;
    createdById: number | null;
  };
}

export interface JobKind<P = unknown> {
  /** "area.name", e.g. "grievance.deadline". */
  kind: string;
  /**
   * The message to deliver now, or null when there is nothing to send any more (the case was
   * closed, the reminder is obsolete): the job is then closed without a message.
   * Throwing counts as a failed attempt (retried with backoff, parked after repeated failures).
   */
  render(ctx: JobCtx, payload: P): Promise<Reply | null> | Reply | null;
}

export function defineJobKind<P>(def: JobKind<P>): JobKind<P> {
  return def;
}

/** The job's formatter (kept for callers written before `fmt` was always set). */
export function jobFormatter(ctx: JobCtx): Formatter {
  return ctx.fmt;
}
