// The Discord adapter: a discord.js client that turns interactions into the core's neutral events
// and the core's RenderedReply back into Discord responses. No rules live here: identity,
// permission, validation and once-only buttons are the core's; this file only translates.
import {
  Client,
  Events,
  InteractionWebhook,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from "discord.js";
import type { AdapterHandle, AdapterHost as Bot } from "../../commands/core/host.ts";
import type { Actor } from "../../commands/core/command.ts";
import { directMessageWorkspace, knownChatUser } from "../../commands/core/identity.ts";
import { handleAction, handleAutocomplete, handleCommand, handleForm, type Outcome } from "../../commands/core/dispatch.ts";
import type { RenderedForm } from "../../commands/core/reply.ts";
import { buildCommands, discordLocalized, choicesViaAutocomplete, DiscordCommandError, discordSpelling, invokedPath, parseInvocation, plainOptions, type OptionLike } from "./commands.ts";
import { createDiscordPoster, postingRest } from "./poster.ts";
import { fetchDiscordUploads } from "./files.ts";
import { BUTTON_PREFIX, COMPONENTS, FORM_PREFIX, REOPEN_PREFIX, modalFiles, modalValues, renderModal, type SubmittedField } from "./render.ts";
import { discordT } from "./strings.ts";
import { createDiscordAgent } from "./agent.ts";
import { malformedInteraction } from "./payloads.ts";
import { usageLine } from "../../commands/core/usage.ts";
import { refusalText } from "../../commands/core/intake.ts";
import { QueueClosedError, QueueFullError } from "../../commands/core/work-queue.ts";
import { crashPoint } from "../../commands/core/crash-point.ts";
import { registerChannelCheck } from "../../commands/core/channels.ts";
import { DISCORD_INTENTS, discordInviteUrl } from "./permissions.ts";
import { createDiscordInbox, webhookAddress, type DiscordAckedRequest } from "./inbox.ts";
import { discordAnswers, editOptions, FormCache, replyOptions, type Deferred } from "./answer.ts";

export interface DiscordOptions {
  /**
   * Answer at once when the core is this quick; otherwise defer and follow up (Discord allows 3 s).
   * 0: always defer, before the work starts (as Slack is acknowledged first).
   */
  deferAfterMs?: number;
  /** Autocomplete must answer within Discord's 3 s; after this many ms an empty list is sent. */
  autocompleteBudgetMs?: number;
  /**
   * The gateway only: posting is started on its own (startDiscordPosting), because every process
   * posts reminders and notices while only one holds the gateway.
   */
  gatewayOnly?: boolean;
}

/** Posting (reminders, notices, reports) through Discord's REST API, with no gateway connection. */
export function startDiscordPosting(bot: Bot): AdapterHandle {
  const token = bot.config.DISCORD_TOKEN;
  if (!token) throw new Error("DISCORD_TOKEN is not set");
  const agent = createDiscordAgent();
  bot.posters.set("discord", createDiscordPoster(postingRest(token, apiBase(bot.config.DISCORD_API_URL), agent), discordSpelling(bot.core.registry)));
  return {
    name: "discord-posting",
    stop: async () => {
      bot.posters.delete("discord");
      await agent.close().catch(() => undefined);
    },
  };
}

/** The REST base for discord.js: DISCORD_API_URL without a trailing slash (e.g. http://127.0.0.1:PORT/api). */
export function apiBase(url: string | undefined): string | undefined {
  return url ? url.replace(/\/+$/, "") : undefined;
}

type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** A form submission the core refused: the ephemeral answer saying what to fix. */
interface Rejected {
  rejected: { content: string; components: NonNullable<InteractionReplyOptions["components"]> };
}

/**
 * Every interaction is schema-checked before discord.js builds its objects from the packet: a
 * malformed one is dropped with a warning naming the bad fields. (discord.js offers no hook before
 * it parses; its InteractionCreate action is the one place every interaction passes through.)
 */
function checkInteractionsAtTheEdge(client: Client, log: Bot["log"]): void {
  const action = (client as unknown as { actions: { InteractionCreate: { handle(data: unknown): unknown } } }).actions.InteractionCreate;
  const handle = action.handle.bind(action);
  action.handle = (data: unknown) => {
    const bad = malformedInteraction(data);
    if (bad) {
      log.warn("discord.interaction.malformed", { fields: bad });
      return undefined;
    }
    return handle(data);
  };
}

export async function startDiscord(bot: Bot, opts: DiscordOptions = {}): Promise<AdapterHandle> {
  const token = bot.config.DISCORD_TOKEN;
  if (!token) throw new Error("DISCORD_TOKEN is not set");
  const api = apiBase(bot.config.DISCORD_API_URL);
  const deferAfterMs = opts.deferAfterMs ?? 1500;
  const autocompleteBudgetMs = opts.autocompleteBudgetMs ?? 2500;
  const { core, log } = bot;
  const forms = new FormCache();

  // The same check registration makes: a broken Discord limit is worth knowing at start, not only at registration.
  try {
    buildCommands(core.registry, core.translator.forLocale("en"), discordLocalized(core.translator));
  } catch (e) {
    if (!(e instanceof DiscordCommandError)) throw e;
    log.warn("discord.commands.invalid", { problems: e.problems.length, first: e.problems[0]?.slice(0, 200) });
  }

  const agent = createDiscordAgent();
  // No message of ours may ping @everyone, @here, a role or a user: people's text is quoted, never a call.
  const client = new Client({ intents: [...DISCORD_INTENTS], allowedMentions: { parse: [], repliedUser: false }, rest: { agent, ...(api ? { api } : {}) } });
  // A channel set up for posts is checked when it is set. Each interaction carries the bot's own
  // permissions in the channel it came from (app_permissions), the exact answer for "here"; for
  // another channel Discord answers "Unknown Channel" (10003) for one that is gone and "Missing
  // Access" (50001) for one the bot may not see.
  const appPermissions = new Map<string, bigint>();
  const POSTING = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
  registerChannelCheck(core, "discord", async (_guild, channelId) => {
    // Discord names channels by snowflake only: a typed "#name" is no channel the bot can post in.
    if (!/^\d{15,21}$/.test(channelId)) return "missing";
    const known = appPermissions.get(channelId);
    if (known !== undefined) return (known & POSTING) === POSTING ? "ok" : "no_permission";
    try {
      await client.channels.fetch(channelId, { allowUnknownGuild: true, force: true });
      return "ok";
    } catch (e) {
      const code = (e as { code?: number }).code;
      return code === 10003 ? "missing" : code === 50001 || code === 50013 ? "no_permission" : null;
    }
  });
  if (!opts.gatewayOnly) bot.posters.set("discord", createDiscordPoster(postingRest(token, api, agent), discordSpelling(core.registry)));
  checkInteractionsAtTheEdge(client, log);

  /** Who asked and where, as an interaction names them and a kept interaction keeps them. */
  interface Asker {
    guildId: string | null;
    userId: string;
    locale: string;
    channelId: string | null;
  }
  const askerOf = (i: Interaction): Asker => ({ guildId: i.guildId, userId: i.user.id, locale: i.locale, channelId: i.channelId });

  /** Interactions in DMs have no guild: the user's linked guild stands in (Discord user ids are global). */
  async function actorOf(who: Asker): Promise<Actor> {
    let workspaceId = who.guildId;
    if (!workspaceId) {
      workspaceId = (await directMessageWorkspace(core.store, "discord", who.userId)) ?? "dm";
    }
    return { platform: "discord", workspaceId, userId: who.userId, locale: who.locale, channelId: who.channelId ?? undefined };
  }

  /** Commands in replies are spelled as Discord shows them ("/unionhall admin role-grant"). */
  const respell = discordSpelling(core.registry);
  const { message, decided, offerForm, answerDeferred } = discordAnswers({ core, forms, respell, notify: (notices) => bot.notify(notices, "discord") });

  /** Shows a form as a modal; when it can't fit, says how to use the command's options instead. */
  async function showForm(i: Repliable, form: RenderedForm, values: Record<string, string> = {}, usage = "") {
    const modal = renderModal(form, values);
    if (modal && !i.isModalSubmit() && !i.deferred && !i.replied) {
      forms.put(form, values);
      await i.showModal(modal);
      return;
    }
    await offerForm(i.deferred || i.replied ? (m) => i.followUp(m) : (m) => i.reply(m), i.locale, form, values, usage);
  }

  /**
   * Admits an interaction's work into the bounded queue (started by `respond`), or refuses it
   * privately at once when this person sends too fast or the queue is full. Null when refused.
   */
  async function queued<T>(i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction, work: () => Promise<T>): Promise<{ start: () => Promise<T> } | null> {
    const refusal = bot.intake.admit({ platform: "discord", workspaceId: i.guildId ?? "dm", userId: i.user.id });
    const labels = { platform: "discord", area: i.isChatInputCommand() ? i.commandName : undefined, kind: i.isChatInputCommand() ? ("command" as const) : i.isButton() ? ("button" as const) : ("form" as const) };
    if (!refusal) return { start: () => bot.intake.run(work, labels) };
    await i.reply({ content: refusalText(core.translator.forLocale(i.locale), refusal), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return null;
  }

  /**
   * Runs the work and answers with its outcome: directly when it is quick, otherwise after a
   * deferral. `onMessage` says whether the interaction sits on a message that `update` may edit.
   * `keep` (commands and clicks) names what its inbox row holds: written before the deferral, so
   * a process killed before the answer leaves the work to another (or to its next life).
   */
  async function respond(i: Repliable, start: () => Promise<Outcome | Rejected>, onMessage: boolean, usage = "", keep?: (deferred: "reply" | "update") => DiscordAckedRequest): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    // 0 means "always defer": acknowledged (its row held) before the work starts, as on Slack.
    const running = deferAfterMs <= 0 ? undefined : start();
    running?.catch(() => undefined); // a failure is handled where it is awaited, not left unhandled meanwhile
    const early = running ? await Promise.race([running.then((o) => ({ o })), new Promise<null>((r) => (timer = setTimeout(() => r(null), deferAfterMs)))]) : null;
    clearTimeout(timer);
    const locale = i.locale;
    if (early) {
      if ("rejected" in early.o) return void (await i.reply({ ...early.o.rejected, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }));
      const r = early.o.reply;
      if (r.form) await showForm(i, r.form, {}, usage);
      else if (r.update && onMessage && (i.isButton() || (i.isModalSubmit() && i.isFromMessage()))) await i.update(editOptions(decided(r, { userId: i.user.id, seenByOthers: seenByOthers(i) }, locale)));
      else await i.reply(replyOptions(message(r, locale)));
      await bot.notify(early.o.notices, "discord");
      return;
    }
    // Slow (files, big lookups): acknowledge now, answer when the core is done.
    const update = onMessage && (i.isButton() || i.isModalSubmit());
    // Written before Discord hears the deferral: Discord never sends an interaction again, and only
    // this row remembers it if the process dies before the answer.
    const key = keep ? await inbox.hold(keep(update ? "update" : "reply")) : undefined;
    crashPoint("discord.beforeDefer");
    try {
      if (update) await i.deferUpdate();
      else await i.deferReply({ flags: MessageFlags.Ephemeral });
    } catch (e) {
      // Not acknowledged (too late, or refused): there is no answer to keep.
      if (key) await inbox.settle(key);
      throw e;
    }
    let done: Outcome | Rejected;
    try {
      done = await (running ?? start());
    } catch (e) {
      if (key && (e instanceof QueueClosedError || e instanceof QueueFullError)) {
        // The queue refused it (closing, or full): the next sweep, here or in another process, runs it.
        log.warn("discord.queue.dropped", { error: e.name });
        return void (await inbox.lapse(key));
      }
      if (key) await inbox.settle(key);
      throw e;
    }
    try {
      if (!("rejected" in done)) await answerDeferred({ webhook: i.webhook, locale, userId: i.user.id, onMessage: update, seenByOthers: seenByOthers(i) }, done, usage);
      // After deferUpdate the fix is a new private message; after deferReply it replaces the placeholder.
      else if (onMessage) await i.followUp({ ...done.rejected, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      else await i.editReply({ ...done.rejected, allowedMentions: { parse: [] } });
    } finally {
      // Answered, or told it failed (by the interaction's catch): never answered a second time.
      if (key) await inbox.settle(key);
    }
  }

  /** Whether people other than the one acting read the message a click or form sits on. */
  function seenByOthers(i: Repliable): boolean {
    const m = i.isButton() ? i.message : i.isModalSubmit() ? i.message : null;
    return Boolean(m && i.inGuild() && !m.flags.has(MessageFlags.Ephemeral));
  }

  /** What every kept interaction names, from the live one. */
  function keptOf(i: Repliable, deferred: "reply" | "update") {
    return { ...askerOf(i), teamId: i.guildId ?? "dm", interactionId: i.id, applicationId: i.applicationId, token: i.token, responseUrl: webhookAddress(i.applicationId, i.token), deferred };
  }

  type KeptCommand = Extract<DiscordAckedRequest, { kind: "command" }>;
  type KeptButton = Extract<DiscordAckedRequest, { kind: "button" }>;

  /** A slash command's work: the same whether it just arrived or is taken over after a crash. */
  function commandWork(req: Asker & Pick<KeptCommand, "commandName" | "options" | "interactionId">, takenOver: boolean): { run: () => Promise<Outcome>; usage: string } {
    const parsed = parseInvocation(core.registry, req.commandName, req.options);
    const run = async (): Promise<Outcome> => {
      const actor = await actorOf(req);
      const deliveryId = req.interactionId;
      if (!parsed) return handleCommand(core, { actor, path: invokedPath(req.commandName, req.options), options: {}, deliveryId, takenOver });
      if (Object.keys(parsed.options).length === 0 && Object.values(parsed.cmd.args).some((a) => a.required))
        // Run without any option: the core offers its form, shown as a modal (like typing it alone on Slack).
        return handleCommand(core, { actor, text: parsed.path.join(" "), deliveryId, takenOver });
      return handleCommand(core, { actor, path: parsed.path, options: parsed.options, deliveryId, takenOver });
    };
    return { run, usage: parsed ? `\`${respell(usageLine(parsed.cmd))}\`` : "" };
  }

  /** A button click's work, likewise. */
  function buttonWork(req: Asker & Pick<KeptButton, "customId" | "interactionId">, takenOver: boolean): () => Promise<Outcome> {
    return async () => handleAction(core, { actor: await actorOf(req), token: req.customId.slice(BUTTON_PREFIX.length), deliveryId: req.interactionId, takenOver });
  }

  /** An interaction's webhook rebuilt from its kept token (the inbox sweeps only once the client is ready). */
  const interactionWebhook = (applicationId: string, interactionToken: string) => new InteractionWebhook(client as Client<true>, applicationId, interactionToken);

  /** Whether Discord heard the deferral: only then is there an original response (a placeholder, or the clicked message). */
  async function acknowledged(webhook: InteractionWebhook): Promise<boolean> {
    try {
      await webhook.fetchMessage("@original");
      return true;
    } catch (e) {
      const code = (e as { code?: number }).code;
      // Anything else (Discord busy, the network): try to answer rather than leave the person waiting.
      return code !== 10015 && code !== 10008;
    }
  }

  /** A kept interaction taken over after its process died: run again, answered through its webhook. */
  async function runKept(req: DiscordAckedRequest, takenOver: boolean): Promise<void> {
    const webhook = interactionWebhook(req.applicationId, req.token);
    if (!(await acknowledged(webhook))) {
      // Kept just before its deferral, by a process that died before Discord heard it: Discord
      // told the person the bot did not respond, so the work is not done behind their back now.
      log.warn("discord.inbox.unacknowledged", { interaction: req.interactionId, kind: req.kind });
      return;
    }
    const at: Deferred = { webhook, locale: req.locale, userId: req.userId, onMessage: req.deferred === "update", seenByOthers: req.kind === "button" && req.seenByOthers };
    try {
      const work = req.kind === "command" ? commandWork(req, takenOver) : { run: buttonWork(req, takenOver), usage: "" };
      await answerDeferred(at, await work.run(), work.usage);
    } catch (e) {
      const code = (e as { code?: number }).code;
      // Unknown Webhook or Message: its process died before Discord heard the deferral (the person
      // was shown "did not respond"), or the clicked message is gone. Nothing is left to answer.
      if (code === 10015 || code === 10008) return void log.warn("discord.inbox.unanswerable", { interaction: req.interactionId, kind: req.kind, code });
      log.error("discord.inbox.answer_failed", { interaction: req.interactionId, kind: req.kind, error: e instanceof Error ? e.name : "unknown", code: code ?? null });
      await webhook.send({ content: `⚠️ ${discordT(req.locale)("discord.unexpected")}`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }).catch(() => undefined);
    }
  }

  const inbox = createDiscordInbox(bot, {
    run: runKept,
    async tellLost(row, where) {
      const known = await knownChatUser(core.store, { platform: "discord", workspaceId: row.workspaceId, userId: row.userId }).catch(() => null);
      const content = `⚠️ ${core.translator.forLocale(known?.appLocale)("core.errors.requestLost")}`;
      const webhook = interactionWebhook(where.applicationId, where.token);
      if (where.placeholder) await webhook.editMessage("@original", { content, allowedMentions: { parse: [] } });
      else await webhook.send({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    },
  });

  async function onChatInput(i: ChatInputCommandInteraction) {
    const options = plainOptions(i.options.data);
    const { run, usage } = commandWork({ ...askerOf(i), commandName: i.commandName, options, interactionId: i.id }, false);
    const admitted = await queued(i, run);
    if (admitted) await respond(i, admitted.start, false, usage, (deferred) => ({ ...keptOf(i, deferred), kind: "command", commandName: i.commandName, options }));
  }

  async function onAutocomplete(i: AutocompleteInteraction) {
    const parsed = parseInvocation(core.registry, i.commandName, i.options.data as readonly OptionLike[]);
    const focused = i.options.getFocused(true);
    const spec = parsed?.cmd.args[focused.name];
    let suggestions: { value: string; label: string }[] = [];
    if (parsed && spec && choicesViaAutocomplete(spec)) {
      const q = String(focused.value).toLowerCase();
      const t = core.translator.forLocale(i.locale);
      suggestions = (spec.choices ?? []).map((c) => ({ value: c.value, label: t(c.label) })).filter((c) => !q || c.label.toLowerCase().includes(q) || c.value.includes(q));
    } else if (parsed && spec?.autocomplete) {
      const actor = await actorOf(askerOf(i));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<[]>((r) => (timer = setTimeout(() => r([]), autocompleteBudgetMs)));
      suggestions = await Promise.race([handleAutocomplete(core, { actor, path: parsed.path, arg: focused.name, partial: String(focused.value) }), late]);
      clearTimeout(timer);
    }
    await i.respond(suggestions.slice(0, 25).map((s) => ({ name: s.label.length > 100 ? `${s.label.slice(0, 99)}…` : s.label || s.value, value: s.value.slice(0, 100) })));
  }

  /** A component or form the bot no longer knows: answered privately, in the person's language. */
  async function noLongerWorks(i: RepliableInteraction, key: string) {
    log.info("discord.interaction.unknown", { type: i.type });
    await i.reply({ content: `⚠️ ${core.translator.forLocale(i.locale)(key)}`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }

  async function onButton(i: ButtonInteraction) {
    if (i.customId.startsWith(REOPEN_PREFIX)) {
      const cached = forms.get(i.customId.slice(REOPEN_PREFIX.length));
      if (cached) return showForm(i, cached.form, cached.values);
      await i.reply({ content: `⚠️ ${discordT(i.locale)("discord.modalGone")}`, flags: MessageFlags.Ephemeral });
      return;
    }
    // Discord sends a click only to the app whose message holds the button: one without our prefix
    // is from an older version of the bot. Answered, so the person never sees "interaction failed".
    if (!i.customId.startsWith(BUTTON_PREFIX)) return noLongerWorks(i, "core.load.clickGone");
    const admitted = await queued(i, buttonWork({ ...askerOf(i), customId: i.customId, interactionId: i.id }, false));
    if (admitted) await respond(i, admitted.start, true, "", (deferred) => ({ ...keptOf(i, deferred), kind: "button", customId: i.customId, seenByOthers: seenByOthers(i) }));
  }

  async function onModal(i: ModalSubmitInteraction) {
    if (!i.customId.startsWith(FORM_PREFIX)) return noLongerWorks(i, "core.errors.formExpired");
    const formToken = i.customId.slice(FORM_PREFIX.length);
    const submitted = [...(i.fields.fields.values() as Iterable<SubmittedField>)];
    const values = modalValues(submitted);
    const attached = modalFiles(submitted);
    const queuedForm = await queued(i, async () =>
      handleForm(core, { actor: await actorOf(askerOf(i)), token: formToken, values, files: await fetchDiscordUploads(attached), deliveryId: i.id }),
    );
    if (!queuedForm) return;
    // Not kept in the inbox: a submission's attachments are fetched from Discord's short-lived URLs.
    const work = () => queuedForm.start().then((r): Outcome | Rejected => {
      if (r.ok) return r;
      // Rejected: nothing changed. Say what to fix, and offer the same form again with what was typed.
      const t = discordT(i.locale);
      const cached = forms.get(formToken);
      if (cached) forms.put(cached.form, values);
      const label = (name: string) => cached?.form.fields.find((f) => f.name === name)?.label ?? name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
      const problems = Object.entries(r.errors).map(([k, v]) => `• **${label(k)}**: ${v}`);
      const reopen = `${REOPEN_PREFIX}${formToken}`;
      return {
        rejected: {
          content: [`⚠️ ${t("discord.fixForm")}`, ...problems].join("\n").slice(0, 2000),
          components: cached && reopen.length <= COMPONENTS.customId ? [{ type: 1, components: [{ type: 2, style: 1, label: t("discord.reopen"), custom_id: reopen }] }] : [],
        },
      };
    });
    await respond(i, work, i.isFromMessage());
  }

  client.on(Events.InteractionCreate, (i) => {
    if (i.channelId && i.guildId && i.appPermissions) {
      if (appPermissions.size > 5000) appPermissions.clear();
      appPermissions.set(i.channelId, i.appPermissions.bitfield);
    }
    const run = i.isChatInputCommand()
      ? onChatInput(i)
      : i.isAutocomplete()
        ? onAutocomplete(i)
        : i.isButton()
          ? onButton(i)
          : i.isModalSubmit()
            ? onModal(i)
            : i.isRepliable()
              ? noLongerWorks(i, "core.load.clickGone") // a select menu or other component the bot no longer sends
              : Promise.resolve();
    run.catch(async (e: unknown) => {
      log.error("discord.interaction.failed", { interaction: i.id, type: i.type, error: e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : "unknown" });
      if (!i.isRepliable()) return;
      const content = `⚠️ ${discordT(i.locale)("discord.unexpected")}`;
      try {
        if (i.replied || i.deferred) await i.followUp({ content, flags: MessageFlags.Ephemeral });
        else await i.reply({ content, flags: MessageFlags.Ephemeral });
      } catch {
        // The interaction is gone (token expired); nothing more we can do.
      }
    });
  });
  client.on(Events.Error, (e) => log.error("discord.client.error", { error: e.name }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  // Only the gateway's holder keeps interactions, so only it renews rows and takes over lapsed ones.
  inbox.start();
  // The link that adds the bot with exactly the permissions it needs (./permissions.ts).
  log.info("discord.ready", { application: client.application?.id ?? null, invite: client.application ? discordInviteUrl(client.application.id) : null });

  return {
    name: "discord",
    stop: async () => {
      inbox.stop();
      if (!opts.gatewayOnly) bot.posters.delete("discord");
      await client.destroy();
      await agent.close().catch(() => undefined);
    },
  };
}
