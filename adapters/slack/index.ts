// The Slack adapter: a Bolt app that turns slash commands, button clicks, modal submissions and
// App Home visits into the core's neutral events, and the core's replies into Block Kit.
// No business rule lives here. HTTP mode mounts POST /slack/events on the bot's own server;
// Socket Mode (SLACK_APP_TOKEN) connects out instead, for development behind a firewall.
import crypto from "node:crypto";
import { App, LogLevel, SocketModeReceiver, webApi, type AuthorizeResult, type Receiver } from "@slack/bolt";
import type { AdapterHandle, AdapterHost as Bot } from "../../commands/core/host.ts";
import type { Actor, UploadedFile } from "../../commands/core/command.ts";
import { fetchSlackUploads, UploadTooLarge } from "./files.ts";
import { commandOpensForm, handleAction, handleCommand, handleForm, type FormOutcome, type Outcome } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { refusalText, type WorkLabels } from "../../commands/core/intake.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { deepFreeze, isKept } from "../../commands/core/reply-memo.ts";
import { boltLogger, MountedReceiver, SLACK_EVENTS_PATH } from "./receiver.ts";
import { checkSlackPayload, socketPayloadKind } from "./payloads.ts";
import { dmChannel, slackCall, slackPoster } from "./poster.ts";
import { fileNames, uploadEach } from "./answer-files.ts";
import { BUTTON_PREFIX, escapeMrkdwn, FIELD_PREFIX, FORM_PREFIX, formFileIds, formValues, renderHome, renderMessage, renderMessageChecked, renderModal, viewErrors, type SlackBlock, type SlackMessage } from "./render.ts";
import { registerChannelCheck } from "../../commands/core/channels.ts";
import { answerTheRest } from "./unanswered.ts";
import { SlackProfiles } from "./profiles.ts";
import { knownChatUser } from "../../commands/core/identity.ts";
import { postToResponseUrl, responderFor, type Respond } from "./response-url.ts";
import { warmFetch } from "./warm-fetch.ts";
import { createSlackInbox, type AckedRequest } from "./inbox.ts";

type WebClient = webApi.WebClient;

export interface SlackOptions {
  /** Hold each HTTP answer until the work is done (deterministic tests). Production acks at once. */
  processBeforeResponse?: boolean;
}

/** What travels in a modal's private_metadata: where the command was typed and how to answer there. */
interface ModalMeta {
  c?: string;
  r?: string;
}

function readMeta(s: string | undefined): ModalMeta {
  try {
    const v = JSON.parse(s ?? "") as ModalMeta;
    return { c: typeof v.c === "string" ? v.c : undefined, r: typeof v.r === "string" && /^https?:\/\//.test(v.r) ? v.r : undefined };
  } catch {
    return {};
  }
}

export async function startSlack(bot: Bot, opts: SlackOptions = {}): Promise<AdapterHandle> {
  const { config, core, log } = bot;
  const clientOptions = {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL.endsWith("/") ? config.SLACK_API_URL : `${config.SLACK_API_URL}/` } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
  };
  const logger = boltLogger(log);
  const socket = Boolean(config.SLACK_APP_TOKEN);
  const mounted = socket ? undefined : new MountedReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, log, processBeforeResponse: opts.processBeforeResponse, onAcknowledged: (ms) => bot.intake.acknowledged(ms) });
  const receiver: Receiver = mounted ?? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, logLevel: LogLevel.ERROR, installerOptions: { clientOptions } });
  const token = config.SLACK_BOT_TOKEN!;
  const client = new webApi.WebClient(token, { ...clientOptions, logger, logLevel: webApi.LogLevel.ERROR });
  // The app's slash commands escape channels (should_escape in the manifest): a channel Slack knows
  // arrives as <#C123|name>, so a bare "#name" is one Slack could not find, refused when it is set.
  // A real channel is asked about: the bot posts there only as a member, or into a public channel
  // when the admin granted chat:write.public (a private channel it is not in is "not found" to it).
  registerChannelCheck(core, "slack", async (_team, channelId) => {
    if (!/^[CG][A-Z0-9]{6,}$/.test(channelId)) return "missing";
    try {
      const res = await client.conversations.info({ channel: channelId });
      const ch = res.channel;
      if (ch?.is_member) return "ok";
      const isPublic = ch?.is_channel === true && ch.is_private !== true;
      return isPublic && res.response_metadata?.scopes?.includes("chat:write.public") ? "ok" : "not_member";
    } catch (e) {
      const code = (e as { data?: { error?: string } }).data?.error;
      if (code === "channel_not_found") return "not_member";
      log.warn("slack.channel_check.failed", { error: code ?? (e instanceof Error ? e.name : "unknown") });
      return null;
    }
  });
  // Bolt's own single-token mode calls auth.test while constructing the app and never recovers
  // (an unreachable Slack at start-up crashes the process). This asks lazily and asks again
  // after a failure.
  let authTest: Promise<AuthorizeResult> | undefined;
  const authorize = (): Promise<AuthorizeResult> => {
    if (!authTest) {
      authTest = client.auth.test().then((r) => ({ botToken: token, botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }));
      authTest.catch(() => {
        authTest = undefined;
      });
    }
    return authTest;
  };
  // No conversation store: nothing reads Bolt's per-conversation state, and its middleware would
  // run on every event, click and submission.
  const app = new App({ authorize, receiver, socketMode: socket, logger, logLevel: LogLevel.ERROR, clientOptions, convoStore: false });
  if (socket) {
    checkSocketPayloads(app, log);
    keepSocketReadingPastMalformed(receiver as SocketModeReceiver, log);
  }
  // Messages that are not answers: no hidden retries, so the outbox sees rate limits at once.
  const posterClient = new webApi.WebClient(token, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger,
    logLevel: webApi.LogLevel.ERROR,
  });
  // Scheduled posts and notices are read by many: notes under them are in the local's language.
  const poster = slackPoster(posterClient, { t: core.translator.forLocale(undefined) });
  // Asked without waiting out a rate limit: a refused profile is answered without, at once.
  const profiles = new SlackProfiles(posterClient, log, (teamId, userId) => knownChatUser(core.store, { platform: "slack", workspaceId: teamId, userId }));
  const actorOf = Object.assign((teamId: string, userId: string, channelId?: string) => profiles.actor(teamId, userId, channelId), {
    cachedLocale: (teamId: string, userId: string) => profiles.cachedLocale(teamId, userId),
  });
  const closeLabel = (a: Actor) => core.translator.forLocale(a.locale)("core.form.cancel");

  // Kept replies' renderings, by the language's translate function (one per language).
  const fittedKept = new WeakMap<RenderedReply, WeakMap<object, { reply: RenderedReply; message?: SlackMessage }>>();

  /**
   * A reply longer than one Slack message (50 blocks) keeps what fits, says how much more there
   * is, and carries the whole text as a file, so nothing is lost to the cap.
   */
  function fitted(r: RenderedReply, t: (key: string, vars?: Record<string, unknown>) => string): { reply: RenderedReply; message?: SlackMessage } {
    if (!isKept(r)) return fitting(r, t);
    // A kept reply (the same object for everyone who asks alike) is rendered once per language.
    let byLanguage = fittedKept.get(r);
    if (!byLanguage) fittedKept.set(r, (byLanguage = new WeakMap()));
    const known = byLanguage.get(t);
    if (known) return known;
    const made = deepFreeze(fitting(r, t));
    byLanguage.set(t, made);
    return made;
  }

  function fitting(r: RenderedReply, t: (key: string, vars?: Record<string, unknown>) => string): { reply: RenderedReply; message?: SlackMessage } {
    if (r.form) return { reply: r };
    // Rendered once here; the message is sent as it is unless the reply did not fit.
    const { message, overflowed } = renderMessageChecked(r, { droppedNote: (count) => t("core.load.more", { count }) });
    if (!overflowed) return { reply: r, message };
    const name = "unionhall-answer.md";
    return {
      reply: {
        ...r,
        blocks: [{ type: "context", text: t("core.load.continuedInFile", { name }) }, ...r.blocks],
        files: [...r.files, { name, mime: "text/markdown", data: r.fallbackText }],
      },
    };
  }

  /** Sends an outcome back to where the person acted. */
  async function deliver(
    out: Outcome,
    where: { actor: Actor; channelId?: string; triggerId?: string; respond?: Respond; responseUrl?: string; fromButton?: boolean },
  ): Promise<void> {
    const t = core.translator.forLocale(where.actor.locale);
    const { reply: r, message } = fitted(out.reply, t);
    if (r.form) {
      if (!where.triggerId) {
        log.warn("slack.form.no_trigger", { userId: where.actor.userId });
      } else {
        const view = renderModal(r.form, { closeLabel: closeLabel(where.actor), metadata: JSON.stringify({ c: where.channelId, r: where.responseUrl }) });
        await client.views.open({ trigger_id: where.triggerId, view: view as never });
      }
    } else if (r.files.length > 0 && !(r.visibility === "channel" && where.channelId)) {
      await deliverPrivateWithFiles(r, where, t);
      await bot.notify(out.notices, "slack");
      return;
    } else if (r.blocks.length > 0 || r.fallbackText) {
      await answerInPlace(r, where, t, message);
    }
    if (r.files.length > 0 && where.channelId) {
      const missing = await uploadEach(client, where.channelId, r.files);
      if (missing.length) await tellPrivately(where, `⚠️ ${t("core.load.filesMissing", { files: missing.join(", ") })}`);
    }
    await bot.notify(out.notices, "slack");
  }

  type Where = Parameters<typeof deliver>[1];
  type T = (key: string, vars?: Record<string, unknown>) => string;

  /** The answer where the person acted: by response_url, or in a direct message when there is none. */
  async function answerInPlace(r: RenderedReply, where: Where, t: T, rendered?: SlackMessage): Promise<void> {
    const msg = rendered ?? renderMessage(r, { droppedNote: (count) => t("core.load.more", { count }) });
    const body = {
      ...msg,
      response_type: r.visibility === "channel" ? ("in_channel" as const) : ("ephemeral" as const),
      replace_original: Boolean(where.fromButton && r.update),
    };
    if (where.respond) await where.respond(body);
    else if (where.responseUrl) await postToResponseUrl(where.responseUrl, body);
    else await poster.post({ platform: "slack", workspaceId: where.actor.workspaceId, userId: where.actor.userId, channelId: null }, { ...r, files: [] });
  }

  /** A short private note where the person acted (ephemeral), or in their direct messages. */
  async function tellPrivately(where: Where, text: string): Promise<void> {
    const body = { response_type: "ephemeral" as const, replace_original: false, text: escapeMrkdwn(text) };
    if (where.respond) await where.respond(body);
    else if (where.responseUrl) await postToResponseUrl(where.responseUrl, body);
    else await poster.post({ platform: "slack", workspaceId: where.actor.workspaceId, userId: where.actor.userId, channelId: null }, { visibility: "private", blocks: [{ type: "text", text }], files: [], update: false, fallbackText: text });
  }

  /**
   * A private answer with files: an ephemeral message carries no files, so unless the person is
   * already in their direct messages with the bot, the whole answer goes there with its files
   * under it, and where they asked they read where it went.
   */
  async function deliverPrivateWithFiles(r: RenderedReply, where: Where, t: T): Promise<void> {
    const dm = await dmChannel(client, where.actor.userId);
    const inDm = where.channelId === dm;
    if (inDm) await answerInPlace(r, where, t);
    else await slackCall(() => posterClient.chat.postMessage({ channel: dm, ...renderMessage(r, { droppedNote: (count) => t("core.load.more", { count }) }) } as never));
    const missing = await uploadEach(client, dm, r.files);
    const attached = r.files.filter((f) => !missing.includes(f.name));
    if (!inDm && (where.respond || where.responseUrl) && attached.length) await tellPrivately(where, t("core.load.sentToDm", { files: fileNames(attached) }));
    if (missing.length) await tellPrivately(where, `⚠️ ${t("core.load.filesMissing", { files: missing.join(", ") })}`);
  }

  /**
   * Work after the ack that fails outside the core (Slack refused a call, a trigger expired): log it
   * with an incident code and tell the person politely, where there is still a way to reach them.
   */
  async function guarded(actor: () => Actor | undefined, respond: Respond | undefined, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      const incident = crypto.randomBytes(3).toString("hex").toUpperCase();
      log.error("slack.delivery.failed", { incident, userId: actor()?.userId ?? null, error: e instanceof Error ? e.name : "unknown", code: (e as { code?: string }).code ?? null });
      if (!respond) return;
      const t = core.translator.forLocale(actor()?.locale);
      await respond({ response_type: "ephemeral", replace_original: false, text: `⚠️ ${t("core.errors.unexpected", { incident })}` }).catch(() => undefined);
    }
  }

  /**
   * The acknowledgement never waits for the work: refuse at once (privately) when this person
   * sends too fast or the queue is full; otherwise acknowledge, then run the work in the bounded
   * queue behind it.
   */
  async function ackFirst(
    teamId: string,
    userId: string,
    labels: WorkLabels,
    refuse: (text: string) => Promise<unknown>,
    accept: () => Promise<unknown>,
    work: () => Promise<void>,
    held?: AckedRequest,
  ): Promise<void> {
    const refusal = bot.intake.admit({ platform: "slack", workspaceId: teamId, userId });
    if (refusal) {
      await refuse(refusalText(core.translator.forLocale(actorOf.cachedLocale(teamId, userId)), refusal));
      return;
    }
    // Written before Slack hears "received": from then on Slack never sends it again, and only
    // this row remembers it if the process dies before the answer.
    const key = held ? await inbox.hold(held) : undefined;
    await accept();
    const done = bot.intake
      .run(async () => {
        await work();
        if (key) await inbox.settle(key);
      }, { platform: "slack", ...labels })
      .catch((e: unknown) => {
        log.warn("slack.queue.dropped", { userId, error: e instanceof Error ? e.name : "unknown" });
        if (key) return inbox.lapse(key);
      });
    if (opts.processBeforeResponse) await done;
  }

  /** One slash command's work and answer: the same whether it just arrived or is taken over after a crash. */
  function commandWork(req: Extract<AckedRequest, { kind: "command" }>, takenOver: boolean): () => Promise<void> {
    const respond = responderFor(req.responseUrl);
    let actor: Actor | undefined;
    const text = `${req.command.slice(1)} ${req.text}`.trim();
    return () =>
      guarded(() => actor, respond, async () => {
        actor = await actorOf(req.teamId, req.userId, req.channelId);
        const out = await handleCommand(core, { actor, text, deliveryId: req.triggerId, takenOver });
        await deliver(out, { actor, channelId: req.channelId, triggerId: req.triggerId, respond, responseUrl: req.responseUrl });
      });
  }

  /** One button click's work and answer, likewise. */
  function buttonWork(req: Omit<Extract<AckedRequest, { kind: "button" }>, "responseUrl"> & { responseUrl?: string }, takenOver: boolean): () => Promise<void> {
    const reply = req.responseUrl ? responderFor(req.responseUrl) : undefined;
    let actor: Actor | undefined;
    return () =>
      guarded(() => actor, reply, async () => {
        actor = await actorOf(req.teamId, req.userId, req.channelId);
        const token = req.actionId.slice(BUTTON_PREFIX.length);
        const out = await handleAction(core, { actor, token, deliveryId: `${req.userId}:${req.actionTs}`, takenOver });
        await deliver(out, { actor, channelId: req.channelId, triggerId: req.triggerId, respond: reply, responseUrl: req.responseUrl, fromButton: true });
        if (req.home) await publishHome(actor);
      });
  }

  const inbox = createSlackInbox(bot, {
    run: (req, takenOver) => (req.kind === "command" ? commandWork(req, takenOver) : buttonWork(req, takenOver))(),
    textFor: async (teamId, userId) => core.translator.forLocale((await actorOf(teamId, userId)).locale),
  });

  // Slash commands: one per feature area; the command's name is the area's first word.
  app.command(/^\/[a-z][a-z0-9-]*$/, async ({ command, ack }) => {
    const req = {
      kind: "command" as const,
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      command: command.command,
      text: command.text ?? "",
      triggerId: command.trigger_id,
      responseUrl: command.response_url,
    };
    const run = commandWork(req, false);
    const text = `${command.command.slice(1)} ${command.text ?? ""}`.trim();
    if (commandOpensForm(core.registry, text)) {
      // A form's trigger_id is good for 3 s: it opens on the request path, never behind slow work
      // in the queue (the person's rate limit still applies).
      const refusal = bot.intake.admitDirect({ platform: "slack", workspaceId: command.team_id, userId: command.user_id });
      if (refusal) return void (await ack({ response_type: "ephemeral", text: refusalText(core.translator.forLocale(actorOf.cachedLocale(command.team_id, command.user_id)), refusal) }));
      await ack();
      const done = run();
      if (opts.processBeforeResponse) await done;
      return;
    }
    await ackFirst(
      command.team_id,
      command.user_id,
      { area: command.command.slice(1), kind: "command" },
      (text) => ack({ response_type: "ephemeral", text }),
      () => ack(),
      run,
      req,
    );
  });

  // Buttons: the token after the prefix names the stored action; the core checks permission again.
  app.action({ type: "block_actions", action_id: new RegExp(`^${BUTTON_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }, async ({ ack, body, action }) => {
    if (action.type !== "button") return void (await ack());
    const teamId = body.team?.id ?? body.user.team_id ?? "";
    const channelId = body.channel?.id;
    const reply = body.response_url ? responderFor(body.response_url) : undefined;
    const req = { kind: "button" as const, teamId, userId: body.user.id, channelId, actionId: action.action_id, actionTs: action.action_ts, triggerId: body.trigger_id, home: body.view?.type === "home" };
    // Only a click with a response_url can be answered later (an App Home click has none).
    const held = body.response_url ? { ...req, responseUrl: body.response_url } : undefined;
    await ackFirst(
      teamId,
      body.user.id,
      { kind: "button" },
      // A click's acknowledgement carries no message: say it privately after.
      async (text) => {
        await ack();
        // Sent after the ack without holding the listener: the ack path stays all loop work.
        const told = reply?.({ response_type: "ephemeral", replace_original: false, text }).catch(() => undefined);
        if (opts.processBeforeResponse) await told;
      },
      () => ack(),
      buttonWork(held ?? req, false),
      held,
    );
  });

  // Modal submissions: bad fields go back inline on the field; a good one closes the modal. Slack
  // waits 3 s for the answer: work that takes longer (downloading an attached file, a slow
  // handler) is answered with a "working…" page of the same modal, then views.update shows the
  // outcome. A repeat of the same submission has the same delivery id and changes nothing twice.
  app.view({ type: "view_submission", callback_id: new RegExp(`^${FORM_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }, async ({ ack, body, view }) => {
    const meta = readMeta(view.private_metadata);
    const teamId = body.team?.id ?? body.user.team_id ?? "";
    const t = core.translator.forLocale(actorOf.cachedLocale(teamId, body.user.id));
    const names = (view.blocks as SlackBlock[]).filter((b) => b.type === "input" && b.block_id?.startsWith(FIELD_PREFIX)).map((b) => b.block_id!.slice(FIELD_PREFIX.length));
    let actor: Actor | undefined;
    type Answer = { errors: Record<string, string> } | { out: FormOutcome & { ok: true } };
    const work = (async (): Promise<Answer> => {
      actor = await actorOf(teamId, body.user.id, meta.c);
      const token = view.callback_id.slice(FORM_PREFIX.length);
      const values = formValues(view.state?.values as never);
      const fileIds = formFileIds(view.state?.values as never);
      let files: Record<string, UploadedFile[]> | undefined;
      if (Object.keys(fileIds).length) {
        try {
          files = await fetchSlackUploads(client, config.SLACK_BOT_TOKEN!, fileIds);
        } catch (e) {
          const field = e instanceof UploadTooLarge ? e.message : Object.keys(fileIds)[0]!;
          log.warn("slack.upload.failed", { error: e instanceof Error ? e.name : "unknown" });
          const ta = core.translator.forLocale(actor.locale);
          return { errors: { [field]: ta(e instanceof UploadTooLarge ? "core.errors.uploadTooLarge" : "core.errors.uploadFailed") } };
        }
        for (const k of Object.keys(fileIds)) values[k] = (files[k] ?? []).map((f) => f.name).join(", ");
      }
      const out = await handleForm(core, { actor, token, values, files, deliveryId: submissionId(view, values) });
      return out.ok ? { out } : { errors: out.errors };
    })();
    work.catch(() => undefined); // a failure is handled where `work` is awaited
    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([work, new Promise<null>((r) => (timer = setTimeout(() => r(null), FORM_ACK_BUDGET_MS)))]);
    clearTimeout(timer);
    if (early) {
      if ("errors" in early) return void (await ack({ response_action: "errors", errors: viewErrors(early.errors, names) }));
      const out = early.out;
      if (out.reply.form) {
        await ack({ response_action: "update", view: renderModal(out.reply.form, { closeLabel: closeLabel(actor!), metadata: view.private_metadata }) as never });
        await bot.notify(out.notices, "slack");
        return;
      }
      await ack();
      await guarded(() => actor, undefined, () => deliver(out, { actor: actor!, channelId: meta.c, responseUrl: meta.r }));
      return;
    }
    // Too slow for Slack's window: answer now with a "working…" page of the same modal.
    await ack({ response_action: "update", view: workingView(view, t) as never });
    const late = async () => {
      const answer = await work;
      if ("errors" in answer) {
        await client.views.update({ view_id: view.id, view: resubmitView(view, answer.errors, core.translator.forLocale(actor?.locale)) as never });
        return;
      }
      const out = answer.out;
      if (out.reply.form) {
        await client.views.update({ view_id: view.id, view: renderModal(out.reply.form, { closeLabel: closeLabel(actor!), metadata: view.private_metadata }) as never });
        await bot.notify(out.notices, "slack");
        return;
      }
      await client.views.update({ view_id: view.id, view: doneView(view, out.reply, core.translator.forLocale(actor?.locale)) as never });
      await deliver(out, { actor: actor!, channelId: meta.c, responseUrl: meta.r });
    };
    const done = guarded(() => actor, meta.r ? responderFor(meta.r) : undefined, late);
    if (opts.processBeforeResponse) await done;
  });

  answerTheRest(app, {
    log,
    textFor: async (teamId, userId) => core.translator.forLocale((await actorOf(teamId, userId)).locale),
    knownTextFor: (teamId, userId) => core.translator.forLocale(actorOf.cachedLocale(teamId, userId)),
    refreshHome: async (teamId, userId) => publishHome(await actorOf(teamId, userId)),
  });

  async function publishHome(actor: Actor): Promise<void> {
    const home = await handleHome(core, actor);
    await client.views.publish({ user_id: actor.userId, view: renderHome(home.blocks) as never });
  }

  app.event("app_home_opened", async ({ event, body }) => {
    if (event.tab !== "home") return;
    // Events are acknowledged by Bolt before this runs; the page is built in the queue like any
    // work (not counted against the person's command limit; dropped only when the queue is full).
    const done = bot.intake.run(async () => publishHome(await actorOf(body.team_id, event.user)), { platform: "slack", kind: "home" });
    if (opts.processBeforeResponse) await done;
    else done.catch((e: unknown) => log.warn("slack.home.failed", { userId: event.user, error: e instanceof Error ? e.name : "unknown" }));
  });

  app.error(async (e) => {
    log.error("slack.listener.failed", { error: e.name, code: (e as { code?: string }).code ?? null });
  });

  bot.posters.set("slack", poster);
  await warmFetch();
  inbox.start();
  if (mounted) bot.http.mount(SLACK_EVENTS_PATH, mounted.handle);
  else await app.start();
  log.info("slack.started", { mode: socket ? "socket" : "http" });

  return {
    name: socket ? "slack-socket" : "slack",
    async stop() {
      inbox.stop();
      bot.posters.delete("slack");
      await app.stop().catch(() => undefined);
    },
  };
}

/**
 * What identifies one submission of a modal. Slack keeps a view's id while it moves to its next
 * page (`response_action: "update"`) and while a person corrects it after `"errors"`; the hash
 * changes with each version of the view, and the values say what was sent. A repeat of the very
 * same submission gets the same id; the next page or a corrected form is a new one.
 */
export function submissionId(view: { id: string; hash?: string }, values: Record<string, string>): string {
  const sorted = Object.keys(values)
    .sort()
    .map((k) => [k, values[k]]);
  const digest = crypto.createHash("sha256").update(JSON.stringify(sorted)).digest("base64url").slice(0, 16);
  return `${view.id}:${view.hash ?? ""}:${digest}`;
}

/**
 * Socket Mode does not pass through our HTTP receiver: the same schema check sits in front of
 * Bolt. A malformed payload is acknowledged (so Slack does not redeliver it) and dropped with a
 * warning naming the bad fields.
 */
/**
 * The Socket Mode client reads some fields of an envelope (an event's type) before anything of ours
 * sees it; a malformed envelope would reject there, unhandled. Its message handler is wrapped so
 * such an envelope is dropped with a warning and the connection keeps going.
 */
function keepSocketReadingPastMalformed(receiver: SocketModeReceiver, log: Bot["log"]): void {
  const client = receiver.client as unknown as { onWebSocketMessage(data: unknown, isBinary: boolean): Promise<void> } & SocketModeReceiver["client"];
  client.removeAllListeners("ws_message");
  client.on("ws_message", (data: unknown, isBinary: boolean) => {
    client.onWebSocketMessage(data, isBinary).catch((e: unknown) => log.warn("slack.request.malformed", { kind: "socket", fields: [], error: e instanceof Error ? e.name : "unknown" }));
  });
}

function checkSocketPayloads(app: App, log: Bot["log"]): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const checked = checkSlackPayload(event.body, socketPayloadKind(event.body));
    if (checked.ok) return processEvent(event);
    log.warn("slack.request.malformed", { kind: checked.kind, fields: checked.fields });
    await event.ack();
  };
}

/** How long a submission may take before Slack is answered with a "working…" page (Slack allows 3 s). */
const FORM_ACK_BUDGET_MS = 2000;

type SubmittedView = { title?: unknown; close?: unknown; callback_id: string; private_metadata?: string; blocks: unknown[] };
const plainText = (text: string) => ({ type: "plain_text", text: [...text].length > 24 ? `${[...text].slice(0, 23).join("")}…` : text });
const sectionOf = (text: string) => ({ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(text).slice(0, 3000) } });

/** The same modal saying it is working; no submit button, so it cannot be sent twice meanwhile. */
function workingView(view: SubmittedView, t: (k: string) => string) {
  return { type: "modal", callback_id: view.callback_id, title: plainText(t("core.load.workingTitle")), close: view.close, private_metadata: view.private_metadata, blocks: [sectionOf(`⏳ ${t("core.load.working")}`)] };
}

/** The submitted form again, what to fix above it (views.update cannot mark fields inline). */
function resubmitView(view: SubmittedView & { submit?: unknown }, errors: Record<string, string>, t: (k: string) => string) {
  const lines = Object.entries(errors).map(([k, v]) => `• ${k.replace(/_/g, " ")}: ${v}`);
  return { type: "modal", callback_id: view.callback_id, title: view.title, submit: view.submit, close: view.close, private_metadata: view.private_metadata, blocks: [sectionOf(`⚠️ ${t("core.load.fixAndSend")}\n${lines.join("\n")}`), ...view.blocks].slice(0, 100) };
}

/** The outcome, shown where "working…" was; it also comes as a message. */
function doneView(view: SubmittedView, reply: RenderedReply, t: (k: string) => string) {
  return { type: "modal", callback_id: view.callback_id, title: view.title, close: plainText(t("core.form.cancel")), private_metadata: view.private_metadata, blocks: [sectionOf(reply.fallbackText || "✓")] };
}
