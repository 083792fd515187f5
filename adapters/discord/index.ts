// The Discord adapter: a discord.js client that turns interactions into the core's neutral events
// and the core's RenderedReply back into Discord responses. No rules live here: identity,
// permission, validation and once-only buttons are the core's; this file only translates.
import {
  Client,
  Events,
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
import { directMessageWorkspace } from "../../commands/core/identity.ts";
import { handleAction, handleAutocomplete, handleCommand, handleForm, type Outcome } from "../../commands/core/dispatch.ts";
import type { RenderedForm, RenderedReply } from "../../commands/core/reply.ts";
import { buildCommands, discordLocalized, choicesViaAutocomplete, DiscordCommandError, discordSpelling, parseInvocation, type OptionLike } from "./commands.ts";
import { createDiscordPoster, postingRest } from "./poster.ts";
import { fetchDiscordUploads } from "./files.ts";
import { BUTTON_PREFIX, COMPONENTS, FORM_PREFIX, REOPEN_PREFIX, mapReplyText, modalFiles, modalValues, renderMessage, renderModal, type DiscordMessage, type SubmittedField } from "./render.ts";
import { discordT } from "./strings.ts";
import { createDiscordAgent } from "./agent.ts";
import { malformedInteraction } from "./payloads.ts";
import { usageLine } from "../../commands/core/usage.ts";
import { refusalText } from "../../commands/core/intake.ts";
import { registerChannelCheck } from "../../commands/core/channels.ts";
import { DISCORD_INTENTS, discordInviteUrl } from "./permissions.ts";

export interface DiscordOptions {
  /** Answer at once when the core is this quick; otherwise defer and follow up (Discord allows 3 s). 0: always defer. */
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

/** Forms shown recently, so a rejected submission can reopen the modal with what was typed. */
class FormCache {
  private readonly items = new Map<string, { form: RenderedForm; values: Record<string, string> }>();
  constructor(private readonly limit = 500) {}
  put(form: RenderedForm, values: Record<string, string> = {}) {
    this.items.delete(form.token);
    this.items.set(form.token, { form, values });
    while (this.items.size > this.limit) this.items.delete(this.items.keys().next().value!);
  }
  get(token: string) {
    return this.items.get(token);
  }
}

function editOptions(m: DiscordMessage) {
  return {
    content: m.content,
    embeds: m.embeds,
    components: m.components,
    files: m.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })),
    allowedMentions: m.allowed_mentions,
  };
}

function replyOptions(m: DiscordMessage): InteractionReplyOptions {
  return { ...editOptions(m), ...(m.flags ? { flags: MessageFlags.Ephemeral as const } : {}) };
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

  /** Interactions in DMs have no guild: the user's linked guild stands in (Discord user ids are global). */
  async function actorOf(i: Interaction): Promise<Actor> {
    let workspaceId = i.guildId;
    if (!workspaceId) {
      workspaceId = (await directMessageWorkspace(core.store, "discord", i.user.id)) ?? "dm";
    }
    return { platform: "discord", workspaceId, userId: i.user.id, locale: i.locale, channelId: i.channelId ?? undefined };
  }

  /** Commands in replies are spelled as Discord shows them ("/unionhall admin role-grant"). */
  const respell = discordSpelling(core.registry);

  function message(reply: RenderedReply, locale: string): DiscordMessage {
    return renderMessage(mapReplyText(reply, respell), { truncatedNote: discordT(locale)("discord.truncated") });
  }

  /** Shows a form as a modal; when it can't fit, says how to use the command's options instead. */
  async function showForm(i: Repliable, form: RenderedForm, values: Record<string, string> = {}, usage = "") {
    const modal = renderModal(form, values);
    if (!modal) {
      const content = `⚠️ ${discordT(i.locale)("discord.formTooBig", { usage })}`;
      if (i.deferred || i.replied) await i.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      else await i.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    forms.put(form, values);
    if (!i.isModalSubmit() && !i.deferred && !i.replied) {
      await i.showModal(modal);
      return;
    }
    // A modal can only open as the first answer to a command or a click: offer a button that opens it.
    const opener = {
      content: `📝 ${form.title}`,
      components: [{ type: 1, components: [{ type: 2, style: 1, label: discordT(i.locale)("discord.openForm"), custom_id: `${REOPEN_PREFIX}${form.token}` }] }],
      flags: MessageFlags.Ephemeral as const,
      allowedMentions: { parse: [] as [] },
    };
    if (i.deferred || i.replied) await i.followUp(opener);
    else await i.reply(opener);
  }

  /**
   * Admits an interaction's work into the bounded queue (answered after, or deferred by
   * `respond`), or refuses it privately at once when this person sends too fast or the queue is
   * full. Null when refused.
   */
  async function queued<T>(i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction, work: () => Promise<T>): Promise<{ work: Promise<T> } | null> {
    const refusal = bot.intake.admit({ platform: "discord", workspaceId: i.guildId ?? "dm", userId: i.user.id });
    if (!refusal) return { work: bot.intake.run(work, { platform: "discord", area: i.isChatInputCommand() ? i.commandName : undefined, kind: i.isChatInputCommand() ? "command" : i.isButton() ? "button" : "form" }) };
    await i.reply({ content: refusalText(core.translator.forLocale(i.locale), refusal), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return null;
  }

  /**
   * Runs `work` and answers with its outcome: directly when it is quick, otherwise after a
   * deferral. `onMessage` says whether the interaction sits on a message that `update` may edit.
   */
  async function respond(i: Repliable, work: Promise<Outcome | Rejected>, onMessage: boolean, usage = ""): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    work.catch(() => undefined); // a failure is handled where `work` is awaited, not left unhandled meanwhile
    // 0 means "always defer" (tests use it to take the slow path deterministically).
    const early = deferAfterMs <= 0 ? null : await Promise.race([work.then((o) => ({ o })), new Promise<null>((r) => (timer = setTimeout(() => r(null), deferAfterMs)))]);
    clearTimeout(timer);
    const locale = i.locale;
    let out: Outcome;
    if (early) {
      if ("rejected" in early.o) return void (await i.reply({ ...early.o.rejected, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }));
      out = early.o;
      const r = out.reply;
      if (r.form) await showForm(i, r.form, {}, usage);
      else if (r.update && onMessage && (i.isButton() || (i.isModalSubmit() && i.isFromMessage()))) await i.update(editOptions(decided(r, i, locale)));
      else await i.reply(replyOptions(message(r, locale)));
    } else {
      // Slow (files, big lookups): acknowledge now, answer when the core is done.
      if (onMessage && (i.isButton() || i.isModalSubmit())) await i.deferUpdate();
      else await i.deferReply({ flags: MessageFlags.Ephemeral });
      const done = await work;
      if ("rejected" in done) {
        // After deferUpdate the fix is a new private message; after deferReply it replaces the placeholder.
        if (onMessage) await i.followUp({ ...done.rejected, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
        else await i.editReply({ ...done.rejected, allowedMentions: { parse: [] } });
        return;
      }
      out = done;
      const r = out.reply;
      if (r.form) {
        await showForm(i, r.form, {}, usage);
        if (!onMessage) await i.deleteReply().catch(() => undefined);
      } else if (onMessage && (i.isButton() || i.isModalSubmit())) {
        if (r.update) await i.editReply(editOptions(decided(r, i, locale)));
        else await i.followUp(replyOptions(message(r, locale)));
      } else if (r.visibility === "private") {
        await i.editReply(editOptions(message(r, locale)));
      } else {
        await i.followUp(replyOptions(message(r, locale)));
        await i.deleteReply().catch(() => undefined);
      }
    }
    await bot.notify(out.notices, "discord");
  }

  /**
   * The edited message after a decision: the core's answer, plus who decided and when where others
   * read it. A private answer or a direct message is read only by the person who clicked: their
   * own action is not announced back to them.
   */
  function decided(r: RenderedReply, i: Repliable, locale: string): DiscordMessage {
    const when = `<t:${Math.floor(core.clock.now().getTime() / 1000)}:f>`;
    const who = { type: "context" as const, text: discordT(locale)("discord.decidedBy", { user: `<@${i.user.id}>`, when }) };
    const m = message(seenByOthers(i) ? { ...r, blocks: [...r.blocks, who] } : r, locale);
    // An update keeps the message's visibility; the flag cannot change on an edit.
    delete m.flags;
    return m;
  }

  /** Whether people other than the one acting read the message a click or form sits on. */
  function seenByOthers(i: Repliable): boolean {
    const m = i.isButton() ? i.message : i.isModalSubmit() ? i.message : null;
    return Boolean(m && i.inGuild() && !m.flags.has(MessageFlags.Ephemeral));
  }

  async function onChatInput(i: ChatInputCommandInteraction) {
    const parsed = parseInvocation(core.registry, i.commandName, i.options.data as readonly OptionLike[]);
    const names = [i.commandName, i.options.getSubcommandGroup(false), i.options.getSubcommand(false)].filter((x): x is string => Boolean(x));
    const admitted = await queued(i, async (): Promise<Outcome> => {
      const actor = await actorOf(i);
      if (!parsed) return handleCommand(core, { actor, path: names, options: {}, deliveryId: i.id });
      if (Object.keys(parsed.options).length === 0 && Object.values(parsed.cmd.args).some((a) => a.required))
        // Run without any option: the core offers its form, shown as a modal (like typing it alone on Slack).
        return handleCommand(core, { actor, text: parsed.path.join(" "), deliveryId: i.id });
      return handleCommand(core, { actor, path: parsed.path, options: parsed.options, deliveryId: i.id });
    });
    if (admitted) await respond(i, admitted.work, false, parsed ? `\`${respell(usageLine(parsed.cmd))}\`` : "");
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
      const actor = await actorOf(i);
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
    const admitted = await queued(i, async () => handleAction(core, { actor: await actorOf(i), token: i.customId.slice(BUTTON_PREFIX.length), deliveryId: i.id }));
    if (admitted) await respond(i, admitted.work, true);
  }

  async function onModal(i: ModalSubmitInteraction) {
    if (!i.customId.startsWith(FORM_PREFIX)) return noLongerWorks(i, "core.errors.formExpired");
    const formToken = i.customId.slice(FORM_PREFIX.length);
    const submitted = [...(i.fields.fields.values() as Iterable<SubmittedField>)];
    const values = modalValues(submitted);
    const attached = modalFiles(submitted);
    const queuedForm = await queued(i, async () =>
      handleForm(core, { actor: await actorOf(i), token: formToken, values, files: await fetchDiscordUploads(attached), deliveryId: i.id }),
    );
    if (!queuedForm) return;
    const work = queuedForm.work.then((r): Outcome | Rejected => {
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
  // The link that adds the bot with exactly the permissions it needs (./permissions.ts).
  log.info("discord.ready", { application: client.application?.id ?? null, invite: client.application ? discordInviteUrl(client.application.id) : null });

  return {
    name: "discord",
    stop: async () => {
      if (!opts.gatewayOnly) bot.posters.delete("discord");
      await client.destroy();
      await agent.close().catch(() => undefined);
    },
  };
}
