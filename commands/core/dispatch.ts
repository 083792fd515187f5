// The single entry point for every adapter: a command, a button click, a form submission or an
// autocomplete arrives as a neutral event and leaves as a RenderedReply. Identity, permission,
// validation, idempotency and error replies all happen here, once, for every platform.
import { z } from "zod";
import { appendAuditAsync, appendAuditIn, type AuditInput } from "../../db/audit.ts";
import { data, transaction as transactionAsync } from "../../db/data.ts";
import { CLAIM_LEASE_MS, claimKey, DONE_WITHOUT_ANSWER, markKeyDoneIn, recall, releaseKey, renewClaim, storeResult } from "../../db/idempotency.ts";
import type { Store } from "../../db/store.ts";
import { consumeToken, consumedInGroup, getToken, markTokenDoneIn, renewTokenUse, setTokenResult, unconsumeToken, type TokenRow } from "../../db/tokens.ts";
import { crashPoint } from "./crash-point.ts";
import { readsOnlyCtx } from "./reads-only.ts";
import { yieldTurn } from "./turn.ts";
import { argsSchema } from "./args.ts";
import type { Actor, Clock, CommandDef, Ctx, Feature, LinkedCtx, Logger, Suggestion, UploadedFile } from "./command.ts";
import { FieldErrors, UserError } from "./errors.ts";
import { createFormatter, localStamp, unionTimeZone } from "./format.ts";
import { localeSubject, savedLocale } from "../../db/locales.ts";
import { findIdentityWithLocales } from "../../db/identities.ts";
import { createTranslator, resolveLocale, DEFAULT_LOCALE, type Locale, type Strings, type Translate, type Translator } from "./i18n.ts";
import { resolveCaller, type Caller } from "./identity.ts";
import { issuesByField } from "./issues.ts";
import { choicesAsValues, choiceValue } from "./choices.ts";
import { formTitle } from "./form-title.ts";
import { formTitleStrings } from "./form-title-strings.ts";
import { punctuationStrings } from "./punctuation-strings.ts";
import { createRegistry, pathKey, type Registry } from "./registry.ts";
import { deserializeRendered, materialize, materializeAll, serializeRendered, type ToRender } from "./render.ts";
import type { RenderedReply, Reply } from "./reply.ts";
import { allows, type Access } from "./roles.ts";
import { parseTextArgs, tokenizeQuoted, type Token } from "./text.ts";
import { typingHint } from "./typing-hints.ts";
import { argFormFields, usageLine, visibleCommands } from "./usage.ts";
import { coreLocales } from "./locales/index.ts";
import { attentionStrings } from "./attention-strings.ts";
import { auditActionStrings } from "./audit-action-strings.ts";
import { auditSubjectStrings } from "./audit-subject-strings.ts";
import { auditDetailStrings } from "./audit-detail-strings.ts";
import { renderNotice, type NoticeEnv } from "./notice.ts";
import { loadStrings } from "./load-strings.ts";
import { disclosureStrings } from "./disclosure-strings.ts";
import { channelStrings } from "./channel-strings.ts";
import { memberStrings } from "./member-strings.ts";
import { contentLanguageStrings } from "./content-language-strings.ts";

export interface Core {
  store: Store;
  registry: Registry;
  translator: Translator;
  clock: Clock;
  log: Logger;
  /** The local's time zone (UNION_TIME_ZONE): every date and time a person sees is in it. */
  timeZone: string;
}

/** The core's own strings (outside any feature area), every language; the parity tests read this list too. */
export const coreBundles: readonly Record<string, Strings>[] = [coreLocales, attentionStrings, auditActionStrings, auditSubjectStrings, auditDetailStrings, loadStrings, disclosureStrings, channelStrings, formTitleStrings, memberStrings, contentLanguageStrings, punctuationStrings];

export const systemClock: Clock = { now: () => new Date() };

export const silentLog: Logger = { info() {}, warn() {}, error() {} };

export function createCore(opts: { store: Store; features: readonly Feature[]; clock?: Clock; log?: Logger; timeZone?: string }): Core {
  const registry = createRegistry(opts.features);
  return {
    store: opts.store,
    registry,
    translator: createTranslator([...coreBundles, ...registry.strings], { log: opts.log }),
    clock: opts.clock ?? systemClock,
    log: opts.log ?? silentLog,
    timeZone: opts.timeZone ?? unionTimeZone(),
  };
}

export interface RenderedNotice {
  personId: number;
  message: RenderedReply;
}

export interface Outcome {
  reply: RenderedReply;
  notices: RenderedNotice[];
}

export type FormOutcome = ({ ok: true } & Outcome) | { ok: false; errors: Record<string, string> };

export type CommandEvent = {
  actor: Actor;
  /** Delivery id from the platform; a repeat with the same id changes nothing and gets the same answer. */
  deliveryId?: string;
  /** Run again from the acknowledged-work table after its process died (not a repeat the person sent). */
  takenOver?: boolean;
} & (
  | { text: string }
  | { path: readonly string[]; options: Record<string, unknown> }
);

export interface ActionEvent {
  actor: Actor;
  token: string;
  deliveryId?: string;
  /** Run again from the acknowledged-work table after its process died (not a repeat the person sent). */
  takenOver?: boolean;
}

export interface FormEvent {
  actor: Actor;
  token: string;
  values: Record<string, unknown>;
  /** Files attached to the form's file fields, fetched by the adapter. */
  files?: Record<string, UploadedFile[]>;
  deliveryId?: string;
}

// ---------------------------------------------------------------------------------------------

/** What this event has claimed (its delivery's idempotency key, a once-only button): settled by `ctx.commitAsync`. */
interface Claims {
  key?: string;
  token?: string;
}
const claimsOf = new WeakMap<Ctx, Claims>();

/** The context a handler sees: who is asking, their roles, translations, clock and audit. */
export function makeCtx(core: Core, actor: Actor, caller: Caller): Ctx {
  const ctx = makeBareCtx(core, actor, caller);
  const claims: Claims = {};
  claimsOf.set(ctx, claims);
  // The handler's writes and the settling of this event's claims commit as one transaction: a
  // crash leaves either nothing (the retry runs the work) or both (the retry is told it was done).
  ctx.commitAsync = (work) =>
    transactionAsync(core.store, async (tx) => {
      const out = await work(tx);
      if (claims.key) await markKeyDoneIn(tx, claims.key, core.clock.now());
      if (claims.token) await markTokenDoneIn(tx, claims.token);
      return out;
    });
  return ctx;
}

/**
 * The language a person reads on their screen: their saved choice, then the platform's (the
 * playground's switcher), then English. The same rule as every handler's ctx.locale, so an adapter
 * labels the page around a reply ("only you can see this", buttons) in the reply's language.
 */
export async function readerLocale(core: Core, actor: Actor): Promise<Locale> {
  const db = data(core.store);
  const identity = await findIdentityWithLocales(db, { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId });
  return resolveLocale(identity ? (identity.savedLocale ?? undefined) : await savedLocale(db, localeSubject({ personId: null, ...actor })), actor.locale);
}

function makeBareCtx(core: Core, actor: Actor, caller: Caller): Ctx {
  // The person's saved choice (read with who is asking), then the platform's (Slack user locale,
  // Discord interaction locale, the playground's switcher or browser), then English.
  const locale = resolveLocale(caller.savedLocale, actor.locale);
  const actorLabel = caller.person ? `person:${caller.person.id}` : `${actor.platform}:${actor.workspaceId}:${actor.userId}`;
  const t = core.translator.forLocale(locale);
  const entry = (action: AuditInput["action"], subject?: { type: string; id: string | number }, details?: Record<string, unknown>): AuditInput => ({
    actorPersonId: caller.person?.id ?? null,
    actor: actorLabel,
    action,
    subjectType: subject?.type ?? null,
    subjectId: subject ? String(subject.id) : null,
    details: { platform: actor.platform, ...details },
    at: core.clock.now(),
  });
  return {
    store: core.store,
    platform: actor.platform,
    actor,
    person: caller.person,
    roles: caller.roles,
    locale,
    t,
    fmt: createFormatter(locale, core.timeZone),
    translator: core.translator,
    clock: core.clock,
    log: core.log,
    registry: core.registry,
    commitAsync: (work) => transactionAsync(core.store, work),
    db: data(core.store),
    async audit(action, subject, details) {
      await appendAuditAsync(core.store, entry(action, subject, details));
    },
    async auditIn(tx, action, subject, details) {
      await appendAuditIn(tx, entry(action, subject, details));
    },
  };
}

function errorReply(t: Translate, key: string, vars: Record<string, unknown> = {}, hint?: string): Reply {
  const blocks: Reply["blocks"] = [{ type: "text", text: `⚠️ ${t(key, vars)}` }];
  if (hint) blocks.push({ type: "context", text: hint });
  return { visibility: "private", blocks };
}

/** The core as notices need it: where to find a kind and everything to render it for its recipient. */
export function noticeEnv(core: Core): NoticeEnv {
  return { store: core.store, translator: core.translator, clock: core.clock, log: core.log, timeZone: core.timeZone, notice: core.registry.notice };
}

async function outcome(core: Core, ctx: Ctx, reply: Reply): Promise<Outcome> {
  const createdBy = ctx.person?.id ?? null;
  const notices: { personId: number; message: ToRender }[] = [];
  for (const n of reply.notices ?? []) {
    // Rendered here, for the recipient: their language, their formats (never the sender's).
    // The handler's work is already committed: a notice that cannot be rendered is logged and left
    // out, never turned into a failure that would undo a decision the caller has made.
    try {
      // Only a kind and its values are accepted: anything else (text an area rendered itself) is refused.
      if (typeof (n as { notice?: unknown }).notice !== "string") throw new Error("a notice must name its kind; ready-made text is refused");
      const r = await renderNotice(noticeEnv(core), { personId: n.personId }, n.notice, n.values);
      notices.push({ personId: n.personId, message: { reply: r, createdById: createdBy } });
    } catch (e) {
      core.log.error("notice.renderFailed", { notice: typeof n.notice === "string" ? n.notice : "none", error: e instanceof Error ? e.message.slice(0, 200) : "unknown" });
    }
  }
  // The reply's and every notice's buttons are stored by one statement.
  const [rendered, ...messages] = await materializeAll(data(core.store), [{ reply, createdById: createdBy }, ...notices.map((n) => n.message)], core.clock.now());
  return { reply: rendered!, notices: notices.map((n, i) => ({ personId: n.personId, message: messages[i]! })) };
}

function checkAccess(ctx: Ctx, access: Access, what: string): void {
  if (!allows(access, ctx.person !== null, ctx.roles)) {
    if (!ctx.person && !("anyone" in access)) throw new UserError("notLinked", "core.errors.notLinked");
    const needed = "roles" in access ? access.roles.map((r) => ctx.t(`core.roles.${r}`)).join(", ") : "";
    throw new UserError("notAllowed", "core.errors.notAllowed", { what, roles: needed });
  }
}

/**
 * Runs `work` at most once per delivery id; a repeat gets the stored answer. The claim is a short
 * lease: a repeat while the work runs is told "still working", a claim whose process died lapses
 * within seconds and the retry runs the work again. Work that committed (ctx.commitAsync) is never rerun.
 */
async function once(core: Core, scope: string, deliveryId: string | undefined, ctx: Ctx, work: () => Promise<Outcome>, takenOver = false): Promise<Outcome> {
  if (!deliveryId) return work();
  const key = `${scope}:${deliveryId}`;
  const db = data(core.store);
  if (!(await claimKey(db, key, scope, core.clock.now()))) {
    const prior = await recall(db, key);
    const answer =
      prior?.result === DONE_WITHOUT_ANSWER
        ? // Taken over after a crash, the person never saw an answer: say the work was done, once.
          errorReply(ctx.t, takenOver ? "core.errors.doneAnswerLost" : "core.errors.alreadyDecided", { when: ctx.fmt.dateTime(new Date(prior.createdAt)) })
        : errorReply(ctx.t, "core.errors.inProgress");
    const reply = prior?.result ? deserializeRendered(prior.result) : await materialize(db, answer, null, core.clock.now());
    return { reply, notices: [] };
  }
  claimsOf.get(ctx)!.key = key;
  crashPoint("dispatch.afterClaim");
  const stop = keepClaimsAlive(core, claimsOf.get(ctx)!);
  try {
    const out = await work();
    crashPoint("dispatch.afterWork");
    await storeResult(db, key, serializeRendered(out.reply), core.clock.now());
    return out;
  } catch (e) {
    await releaseKey(db, key);
    throw e;
  } finally {
    stop();
  }
}

/** While work runs, its claims are renewed: only the claims of a process that died lapse. */
function keepClaimsAlive(core: Core, claims: Claims): () => void {
  const db = data(core.store);
  // A busy database: the next beat tries again, well within the lease.
  const ignore = () => undefined;
  const timer = setInterval(() => {
    if (claims.key) renewClaim(db, claims.key, core.clock.now()).catch(ignore);
    if (claims.token) renewTokenUse(db, claims.token, core.clock.now()).catch(ignore);
  }, CLAIM_LEASE_MS / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/** Turns a thrown error into the reply the user sees; unexpected ones are logged without personal data. */
async function failure(core: Core, ctx: Ctx, e: unknown, usage?: string): Promise<Outcome> {
  // A handler that names the field at fault (so a form can show it inline) is, typed as text, a
  // polite reply naming that field.
  if (e instanceof FieldErrors) {
    const problems = Object.entries(e.errors)
      .map(([name, v]) => `\`${name}\`: ${typeof v === "string" ? ctx.t(v) : ctx.t(v.key, v.vars)}`)
      .join("; ");
    return failure(core, ctx, new UserError("badArguments", "core.errors.badArguments", { problems }), usage);
  }
  if (e instanceof UserError) {
    const hint =
      e.code === "notLinked"
        ? ctx.t("core.hints.notLinked", { platform: ctx.platform, user: ctx.actor.userId })
        : e.code === "badArguments" && usage
          ? ctx.t(typingHint(ctx.platform, "core.hints.usage"), { usage })
          : e.code === "notAllowed"
            ? ctx.t("core.hints.notAllowed")
            : undefined;
    return { reply: await materialize(data(core.store), errorReply(ctx.t, e.key, e.vars, hint), null, core.clock.now()), notices: [] };
  }
  const incident = Math.random().toString(36).slice(2, 8).toUpperCase();
  core.log.error("handler.failed", { incident, error: e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : "unknown" });
  return { reply: await materialize(data(core.store), errorReply(ctx.t, "core.errors.unexpected", { incident }), null, core.clock.now()), notices: [] };
}

// ---- Commands ----------------------------------------------------------------------------------

const aliases: Record<string, readonly string[]> = {
  help: ["unionhall", "help"],
  whoami: ["unionhall", "whoami"],
  admin: ["unionhall", "admin"],
};

type Resolved =
  | { kind: "command"; cmd: CommandDef; rest: Token[] }
  | { kind: "partial"; words: string[] }
  | { kind: "unknown"; word: string };

/** Finds the command a line of text names: the longest registered path that prefixes it. */
export function resolveText(registry: Registry, text: string): Resolved {
  const tokens = tokenizeQuoted(text.trim().replace(/^\//, ""));
  if (tokens.length === 0) return { kind: "unknown", word: "" };
  let words = tokens.map((w, i) => (i < 4 ? w.text.toLowerCase() : w.text));
  const areas = new Set(registry.features.map((f) => f.area));
  if (!areas.has(words[0]!) && aliases[words[0]!]) {
    const expanded = aliases[words[0]!]!;
    words = [...expanded, ...words.slice(1)];
    tokens.splice(0, 1, ...expanded.map((w) => ({ text: w, quoted: false })));
  }
  if (!areas.has(words[0]!)) return { kind: "unknown", word: tokens[0]!.text };
  for (let n = Math.min(4, words.length); n >= 2; n--) {
    const cmd = registry.command(words.slice(0, n));
    if (cmd) return { kind: "command", cmd, rest: tokens.slice(n) };
  }
  // Longest prefix that some command starts with.
  let n = Math.min(3, words.length);
  while (n > 1 && !registry.commands.some((c) => pathKey(c.path).startsWith(`${pathKey(words.slice(0, n))} `))) n--;
  return { kind: "partial", words: words.slice(0, n) };
}

/**
 * Whether a typed command answers with a form: typed alone when it needs arguments (the core's own
 * form), or declared `opensForm`. Adapters run such a command on the request path, not behind the
 * work queue, so the form opens within the platform's trigger window however busy the queue is.
 */
export function commandOpensForm(registry: Registry, text: string): boolean {
  const r = resolveText(registry, text);
  if (r.kind !== "command") return false;
  return Boolean(r.cmd.opensForm) || (r.rest.length === 0 && Object.values(r.cmd.args).some((a) => a.required));
}

/** Slack's own limit for a slash command's text; longer text belongs in the command's form. */
export const MAX_COMMAND_TEXT = 4000;

export async function handleCommand(core: Core, ev: CommandEvent): Promise<Outcome> {
  await yieldTurn();
  const now = core.clock.now();
  const caller = await resolveCaller(core.store, ev.actor, now, core.log);
  const ctx = makeCtx(core, ev.actor, caller);
  const t = ctx.t;
  const en = core.translator.forLocale("en");
  let cmd: CommandDef | undefined;
  let raw: Record<string, unknown>;
  if ("text" in ev) {
    if (ev.text.length > MAX_COMMAND_TEXT)
      return failure(core, ctx, new UserError("invalid", "core.errors.tooLong", { length: ctx.fmt.number(ev.text.length), max: ctx.fmt.number(MAX_COMMAND_TEXT) }));
    const r = resolveText(core.registry, ev.text);
    if (r.kind === "unknown") return failure(core, ctx, new UserError("unknownCommand", "core.errors.unknownCommand", { command: `/${r.word}` }), undefined);
    if (r.kind === "partial") return { reply: await materialize(ctx.db, subcommandMenu(core, ctx, r.words), null, core.clock.now()), notices: [] };
    cmd = r.cmd;
    if (!allows(cmd.access, ctx.person !== null, ctx.roles)) return failure(core, ctx, accessError(ctx, cmd));
    if (r.rest.length === 0 && Object.values(cmd.args).some((a) => a.required)) {
      // Typed alone: offer a form with a field per argument (a modal on Slack and Discord).
      return outcome(core, ctx, commandForm(ctx, cmd));
    }
    const parsed = parseTextArgs(cmd.args, r.rest, (spec, text) => choiceValue(spec, text, t, en) !== undefined);
    if (!parsed.ok) return failure(core, ctx, new UserError("badArguments", parsed.problem === "tooMany" ? typingHint(ctx.platform, "core.errors.tooMany") : `core.errors.${parsed.problem}`, { token: parsed.token }), usageLine(cmd));
    raw = parsed.raw;
  } else {
    cmd = core.registry.command(ev.path);
    if (!cmd) return failure(core, ctx, new UserError("unknownCommand", "core.errors.unknownCommand", { command: `/${ev.path.join(" ")}` }));
    if (!allows(cmd.access, ctx.person !== null, ctx.roles)) return failure(core, ctx, accessError(ctx, cmd));
    raw = ev.options;
  }
  const parsed = argsSchema(cmd.args).safeParse(choicesAsValues(cmd.args, raw, t, en));
  if (!parsed.success) {
    const problems = Object.entries(issuesByField(t, parsed.error, cmd.args, raw))
      .map(([name, msg]) => `\`${name}\`: ${msg}`)
      .join("; ");
    return failure(core, ctx, new UserError("badArguments", "core.errors.badArguments", { problems }), usageLine(cmd));
  }
  const command = cmd;
  const run = async (runCtx: Ctx): Promise<Outcome> => {
    try {
      const reply = await command.run(runCtx as LinkedCtx, parsed.data as never);
      return await outcome(core, runCtx, reply);
    } catch (e) {
      return failure(core, runCtx, e, usageLine(command));
    }
  };
  // Nothing to do twice: a repeat runs it again rather than claiming its delivery.
  if (command.readsOnly) return run(readsOnlyCtx(ctx, `/${command.path.join(" ")}`));
  return once(core, `cmd:${ev.actor.platform}`, ev.deliveryId, ctx, () => run(ctx), ev.takenOver);
}

function accessError(ctx: Ctx, cmd: CommandDef): UserError {
  if (!ctx.person && !("anyone" in cmd.access)) return new UserError("notLinked", "core.errors.notLinked");
  const needed = "roles" in cmd.access ? cmd.access.roles.map((r) => ctx.t(`core.roles.${r}`)).join(", ") : "";
  return new UserError("notAllowed", "core.errors.notAllowed", { what: `/${cmd.path.join(" ")}`, roles: needed });
}

function subcommandMenu(core: Core, ctx: Ctx, words: string[]): Reply {
  const prefix = pathKey(words);
  const mine = visibleCommands(core.registry, ctx.person !== null, ctx.roles).filter((c) => pathKey(c.path).startsWith(`${prefix} `));
  if (mine.length === 0) return errorReply(ctx.t, "core.errors.nothingHere", { command: `/${prefix}` }, ctx.t("core.hints.help"));
  return {
    visibility: "private",
    blocks: [
      { type: "text", text: ctx.t("core.menu.title", { command: `/${prefix}` }) },
      { type: "list", items: mine.map((c) => ({ text: `\`${usageLine(c)}\``, detail: ctx.t(c.description) })) },
    ],
  };
}

// ---- Buttons -----------------------------------------------------------------------------------

async function loadToken(core: Core, id: string, kind: "button" | "form"): Promise<TokenRow | undefined> {
  const tok = await getToken(data(core.store), id);
  if (!tok || tok.kind !== kind) return undefined;
  if (tok.expiresAt && new Date(tok.expiresAt) < core.clock.now()) return undefined;
  return tok;
}

export async function handleAction(core: Core, ev: ActionEvent): Promise<Outcome> {
  await yieldTurn();
  const now = core.clock.now();
  const caller = await resolveCaller(core.store, ev.actor, now, core.log);
  const ctx = makeCtx(core, ev.actor, caller);
  const tok = await loadToken(core, ev.token, "button");
  const action = tok ? core.registry.action(tok.handler) : undefined;
  if (!tok || !action) return failure(core, ctx, new UserError("expired", "core.errors.buttonExpired"));
  try {
    // Permission is checked again now, at click time: roles may have changed since the card was posted.
    checkAccess(ctx, action.access, ctx.t("core.things.button"));
  } catch (e) {
    return failure(core, ctx, e);
  }
  const payload = action.payload.safeParse(JSON.parse(tok.payload));
  if (!payload.success) return failure(core, ctx, new UserError("expired", "core.errors.buttonExpired"));
  return once(core, `act:${ev.actor.platform}`, ev.deliveryId, ctx, async () => {
    if (tok.once && !(await consumeToken(ctx.db, tok, ctx.person!.id, now))) return alreadyDecided(core, ctx, tok);
    if (tok.once) {
      claimsOf.get(ctx)!.token = tok.id;
      crashPoint("dispatch.afterConsume");
    }
    const stop = tok.once && !ev.deliveryId ? keepClaimsAlive(core, claimsOf.get(ctx)!) : () => undefined;
    try {
      const out = await outcome(core, ctx, await action.run(ctx as LinkedCtx, payload.data, { token: tok.id }));
      if (tok.once) await setTokenResult(ctx.db, tok.id, serializeRendered(out.reply));
      return out;
    } catch (e) {
      if (tok.once) await unconsumeToken(ctx.db, tok.id);
      return failure(core, ctx, e);
    } finally {
      stop();
    }
  }, ev.takenOver);
}

async function alreadyDecided(core: Core, ctx: Ctx, tok: TokenRow): Promise<Outcome> {
  const used = await consumedInGroup(ctx.db, tok);
  const reply = errorReply(ctx.t, "core.errors.alreadyDecided", { when: used?.consumedAt ? localStamp(new Date(used.consumedAt), core.timeZone) : "" });
  return { reply: await materialize(ctx.db, reply, null, core.clock.now()), notices: [] };
}

// ---- Forms -------------------------------------------------------------------------------------

export async function handleForm(core: Core, ev: FormEvent): Promise<FormOutcome> {
  await yieldTurn();
  const now = core.clock.now();
  const caller = await resolveCaller(core.store, ev.actor, now, core.log);
  const ctx = makeCtx(core, ev.actor, caller);
  const tok = await loadToken(core, ev.token, "form");
  if (ev.files) ctx.uploads = ev.files;
  if (tok?.handler === COMMAND_FORM) return submitCommandForm(core, ctx, tok, ev);
  const form = tok ? core.registry.form(tok.handler) : undefined;
  if (!tok || !form) return { ok: true, ...(await failure(core, ctx, new UserError("expired", "core.errors.formExpired"))) };
  try {
    checkAccess(ctx, form.access, ctx.t("core.things.form"));
  } catch (e) {
    return { ok: true, ...(await failure(core, ctx, e)) };
  }
  const values = Object.fromEntries(Object.entries(ev.values).map(([k, v]) => [k, typeof v === "string" && v.trim() === "" ? undefined : v]));
  const parsed = form.fields.safeParse(values);
  if (!parsed.success) return { ok: false, errors: issuesByField(ctx.t, parsed.error) };
  const payload = form.payload.safeParse(JSON.parse(tok.payload));
  if (!payload.success) return { ok: true, ...(await failure(core, ctx, new UserError("expired", "core.errors.formExpired"))) };
  try {
    const out = await once(core, `form:${ev.actor.platform}`, ev.deliveryId, ctx, async () =>
      outcome(core, ctx, await form.submit(ctx as LinkedCtx, parsed.data, payload.data)),
    );
    return { ok: true, ...out };
  } catch (e) {
    if (e instanceof FieldErrors) {
      return {
        ok: false,
        errors: Object.fromEntries(Object.entries(e.errors).map(([k, v]) => [k, typeof v === "string" ? ctx.t(v) : ctx.t(v.key, v.vars)])),
      };
    }
    return { ok: true, ...(await failure(core, ctx, e)) };
  }
}

// ---- A command as a form ----------------------------------------------------------------------

const COMMAND_FORM = "core.command";

function commandForm(ctx: Ctx, cmd: CommandDef): Reply {
  return {
    visibility: "private",
    blocks: [],
    form: {
      form: COMMAND_FORM,
      title: formTitle(ctx.t, cmd.path),
      intro: ctx.t(cmd.description),
      submitLabel: ctx.t("core.form.submit"),
      fields: argFormFields(cmd, ctx.t, (name) => (ctx.translator.has(`core.argNames.${name}`) ? ctx.t(`core.argNames.${name}`) : undefined)),
      payload: { path: [...cmd.path] },
    },
  };
}

async function submitCommandForm(core: Core, ctx: Ctx, tok: TokenRow, ev: FormEvent): Promise<FormOutcome> {
  const path = z.object({ path: z.array(z.string()) }).safeParse(JSON.parse(tok.payload));
  const cmd = path.success ? core.registry.command(path.data.path) : undefined;
  if (!cmd) return { ok: true, ...(await failure(core, ctx, new UserError("expired", "core.errors.formExpired"))) };
  if (!allows(cmd.access, ctx.person !== null, ctx.roles)) return { ok: true, ...(await failure(core, ctx, accessError(ctx, cmd))) };
  const values = Object.fromEntries(Object.keys(cmd.args).map((k) => [k, ev.values[k]]));
  const parsed = argsSchema(cmd.args).safeParse(choicesAsValues(cmd.args, values, ctx.t, ctx.translator.forLocale("en")));
  if (!parsed.success) return { ok: false, errors: issuesByField(ctx.t, parsed.error, cmd.args, values) };
  const out = await once(core, `form:${ev.actor.platform}`, ev.deliveryId, ctx, async () => {
    try {
      return await outcome(core, ctx, await cmd.run(ctx as LinkedCtx, parsed.data as never));
    } catch (e) {
      if (e instanceof FieldErrors) throw e;
      return failure(core, ctx, e, usageLine(cmd));
    }
  }).catch((e: unknown) => e);
  if (out instanceof FieldErrors)
    return { ok: false, errors: Object.fromEntries(Object.entries(out.errors).map(([k, v]) => [k, typeof v === "string" ? ctx.t(v) : ctx.t(v.key, v.vars)])) };
  if (out instanceof Error) throw out;
  return { ok: true, ...(out as Outcome) };
}

// ---- Autocomplete ------------------------------------------------------------------------------

/** Suggestions for an argument with an autocomplete source; empty when the caller may not see any. */
export async function handleAutocomplete(core: Core, ev: { actor: Actor; path: readonly string[]; arg: string; partial: string }): Promise<Suggestion[]> {
  const cmd = core.registry.command(ev.path);
  const source = cmd?.args[ev.arg]?.autocomplete ? core.registry.autocomplete(cmd.args[ev.arg]!.autocomplete!) : undefined;
  if (!cmd || !source) return [];
  const caller = await resolveCaller(core.store, ev.actor, core.clock.now(), core.log);
  const ctx = makeCtx(core, ev.actor, caller);
  if (!allows(cmd.access, caller.person !== null, caller.roles) || !allows(source.access, caller.person !== null, caller.roles)) return [];
  try {
    return (await source.suggest(ctx as LinkedCtx, ev.partial)).slice(0, 25);
  } catch (e) {
    core.log.warn("autocomplete.failed", { source: source.id, error: e instanceof Error ? e.name : "unknown" });
    return [];
  }
}

/** At start-up, before any request: each area completes what a crash may have left half-done. */
export async function repairAtStartup(core: Core): Promise<Record<string, Record<string, number>>> {
  const done: Record<string, Record<string, number>> = {};
  for (const f of core.registry.features) {
    if (!f.repair) continue;
    const counts = await f.repair(core.store, core.clock.now());
    if (Object.values(counts).some((n) => n > 0)) done[f.area] = counts;
  }
  if (Object.keys(done).length > 0) core.log.warn("store.repaired", done);
  return done;
}

/** Renders a reply produced outside an interaction (scheduler, notices) with the core's tokens. */
export function renderStandalone(core: Core, reply: Reply, createdById: number | null = null): Promise<RenderedReply> {
  return materialize(data(core.store), reply, createdById, core.clock.now());
}

export { z };
