// How a feature declares its commands, button actions, forms and autocomplete sources.
import type { z } from "zod";
import type { Store } from "../../db/store.ts";
import type { Db, Tx } from "../../db/data.ts";
import type { AuditAction } from "../../db/audit-actions.ts";
import type { PersonRecord } from "../../db/people.ts";
import type { ArgSpecs, ArgValues } from "./args.ts";
import type { Formatter } from "./format.ts";
import type { Strings, Translate, Translator } from "./i18n.ts";
import type { Json, Reply } from "./reply.ts";
import type { Access, ActiveRole } from "./roles.ts";

export type Platform = "slack" | "discord" | "web" | "cli";

/** Who is acting, as the platform told us. */
export interface Actor {
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName?: string;
  /** An e-mail the platform has verified (Slack `users:read.email`); used to auto-link once. */
  verifiedEmail?: string;
  locale?: string;
  channelId?: string;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface Ctx {
  store: Store;
  platform: Platform;
  actor: Actor;
  /** The linked member record; null only for commands open to anyone. */
  person: PersonRecord | null;
  roles: ActiveRole[];
  locale: string;
  t: Translate;
  /** Dates, times, numbers, money and lists in the caller's language and the local's time zone. */
  fmt: Formatter;
  /** Every language's strings, for a reply in another language than the caller's (a language just chosen). */
  translator: Translator;
  // No translator for anyone else: a message for another person is a notice (core/notice.ts),
  // rendered by the core in that person's language.
  clock: Clock;
  log: Logger;
  /**
   * Writes an audit entry as this actor, as a transaction of its own: await it. Details: ids and
   * codes only, never personal data. An entry that must commit with its work is `auditIn`.
   */
  audit(action: AuditAction, subject?: { type: string; id: string | number }, details?: Record<string, unknown>): Promise<void>;
  /** The same entry written inside `commitAsync`'s transaction: it commits with what it records, or not at all. */
  auditIn(tx: Tx, action: AuditAction, subject?: { type: string; id: string | number }, details?: Record<string, unknown>): Promise<void>;
  /**
   * Runs `work` as ONE transaction (db/data.ts, either engine) together with settling this event's
   * claims (its delivery, its once-only button): a crash leaves all of it or none, so a retry
   * neither loses nor repeats it. Every multi-step write a handler makes goes through here. `work`
   * runs its statements through `tx` (database statements only, no other waits).
   */
  commitAsync<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** The asynchronous data layer outside any transaction (reads, single statements). */
  db: Db;
  /** Everything registered, for help and lookups. */
  registry: import("./registry.ts").Registry;
  /**
   * Files a person attached to a submitted form, by field name (fields of kind "file"): already
   * fetched by the adapter from the platform. Empty for commands and clicks.
   */
  uploads?: Readonly<Record<string, readonly UploadedFile[]>>;
}

/** A file as a person sent it: its name as given and its bytes. Its type is judged from the bytes. */
export interface UploadedFile {
  name: string;
  data: Buffer;
}

/** A ctx whose caller is linked (every command not open to anyone). */
export type LinkedCtx = Ctx & { person: PersonRecord };

export interface CommandDef<A extends ArgSpecs = ArgSpecs> {
  /** Words after the slash: ["unionhall", "admin", "role", "grant"]. The first word is the feature area. */
  path: readonly string[];
  /** i18n key. */
  description: string;
  args: A;
  access: Access;
  /** i18n keys of example invocations shown in help and usage errors. */
  examples?: readonly string[];
  /**
   * The command answers with a form (a modal). It runs on the request path, never behind the work
   * queue, because a platform's form trigger is good for only 3 s; its handler must stay quick.
   */
  opensForm?: boolean;
  /**
   * The command changes nothing and records nothing (help, who am I): a repeat of its delivery
   * simply runs it again, so it takes no once-only claim (two statements fewer per request). Its
   * ctx holds it to that: `commitAsync`, `audit`, `auditIn` and `db.run` throw.
   */
  readsOnly?: boolean;
  run(ctx: LinkedCtx, args: ArgValues<A>): Promise<Reply> | Reply;
}

export interface ClickInfo {
  /** The token of the clicked button (stable for this button on this message). */
  token: string;
}

export interface ActionDef<P = unknown> {
  id: string;
  payload: z.ZodType<P>;
  access: Access;
  run(ctx: LinkedCtx, payload: P, click: ClickInfo): Promise<Reply> | Reply;
}

export interface FormDef<V = unknown, P = unknown> {
  id: string;
  /** zod schema of the submitted fields (values arrive as strings). */
  fields: z.ZodType<V>;
  payload: z.ZodType<P>;
  access: Access;
  submit(ctx: LinkedCtx, values: V, payload: P): Promise<Reply> | Reply;
}

export interface Suggestion {
  value: string;
  label: string;
}

export interface AutocompleteDef {
  id: string;
  access: Access;
  suggest(ctx: LinkedCtx, partial: string): Promise<Suggestion[]> | Suggestion[];
}

/** One feature area (grievance, contacts, …): its top-level command and everything under it. */
export interface Feature {
  area: string;
  /** i18n key describing the area (Slack slash command / Discord top-level description). */
  description: string;
  commands: CommandDef<any>[];
  actions?: ActionDef<any>[];
  forms?: FormDef<any, any>[];
  autocompletes?: AutocompleteDef[];
  /** Scheduled job kinds this feature delivers (reminders, digests), see core/jobs.ts. */
  jobs?: import("./jobs.ts").JobKind<any>[];
  home?: (ctx: LinkedCtx) => Promise<import("./reply.ts").Block[]> | import("./reply.ts").Block[]; // personal home page (Slack App Home), see core/home.ts
  /**
   * What waits for this person's decision in this area (requests to approve, disputes to answer…),
   * each with the buttons to decide it. Home lists them and one command lists them all.
   */
  pending?: (ctx: LinkedCtx) => Promise<PendingItem[]> | PendingItem[];
  /**
   * This area's part of a sub-local's handoff packet for an incoming officer: only what the caller
   * may see, aggregates only, never a member's personal data. Null when the area has nothing.
   */
  handoff?: (ctx: LinkedCtx, subLocal: HandoffSubLocal) => Promise<HandoffSection | null> | HandoffSection | null;
  /**
   * Start-up repair: completes what a crash between this area's writes may have left unfinished
   * (an open case without its whole reminder plan…). Runs before the bot takes requests; returns
   * counts for the log (ids and numbers only).
   */
  repair?: (store: Store, now: Date) => Promise<Record<string, number>> | Record<string, number>;
  /**
   * A role is being granted (core/hooks.ts): read what it brings before the grant's transaction,
   * and return the writes (a welcome, a training reminder) that commit inside that transaction with
   * the role itself, through its `tx`; nothing when it brings nothing.
   */
  onRoleGranted?: (
    env: import("./hooks.ts").HookEnv,
    granting: import("./hooks.ts").RoleGranting,
  ) => Promise<import("./hooks.ts").RoleGrantedWrite | void> | import("./hooks.ts").RoleGrantedWrite | void;
  /**
   * This area's part of the welcome someone gets when they take an office (the training their role
   * needs, with buttons to start it), rendered for them. Empty when the area asks nothing of them.
   */
  onboarding?: (ctx: import("./jobs.ts").JobCtx, personId: number) => Promise<import("./reply.ts").Block[]> | import("./reply.ts").Block[];
  /**
   * A knowledge-base document as the caller may read it (their language's version when there is
   * one), through the knowledge base's own access rule; null when they may not or it doesn't exist.
   * Lets another area (a lesson that shows a document) read one without importing the knowledge base.
   */
  readDocument?: (ctx: LinkedCtx, id: number) => Promise<{ title: string; body: string } | null> | { title: string; body: string } | null;
  /** The caller just acknowledged the contacts confidentiality agreement: blocks to add to the answer. */
  onAgreementAcknowledged?: (ctx: LinkedCtx) => Promise<import("./reply.ts").Block[]> | import("./reply.ts").Block[];
  /**
   * Pages this area serves to anyone on the web (core/public-page.ts): the area answers with a
   * neutral model and decides what each reader may see; the public adapter only renders it.
   */
  publicPages?: import("./public-page.ts").PublicPage[];
  /** Messages this area sends to someone other than the caller, rendered for the recipient (core/notice.ts). */
  notices?: import("./notice.ts").NoticeKind<any>[];
  /** Translations by language: { en: { area: { … } } }. */
  strings: Record<string, Strings>;
}

/** One thing waiting for a person's decision. */
export interface PendingItem {
  area: string;
  /** One line: what is waiting ("Contact request from Tom Haddad: SL-083 stewards"). */
  summary: string;
  /** When it started waiting, to sort oldest first and show its age. */
  since: Date;
  /** The item as it should be shown, with its decision buttons. */
  blocks: import("./reply.ts").Block[];
}

export interface HandoffSubLocal {
  id: number;
  code: string;
  name: string;
}

/** One area's section of a handoff packet: shown in chat and written into the Markdown and PDF files. */
export interface HandoffSection {
  area: string;
  title: string;
  blocks: import("./reply.ts").Block[];
  /** The same content as Markdown, for the packet file. */
  markdown: string;
  files?: import("./reply.ts").FileAttachment[];
}

export function defineCommand<A extends ArgSpecs>(def: CommandDef<A>): CommandDef<A> {
  return def;
}
export function defineAction<P>(def: ActionDef<P>): ActionDef<P> {
  return def;
}
export function defineForm<V, P>(def: FormDef<V, P>): FormDef<V, P> {
  return def;
}

export type { Json };
