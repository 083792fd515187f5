// How the core's outcome reaches Discord once an interaction was deferred: through the
// interaction's webhook, replacing the "thinking…" placeholder, editing the clicked message, or a
// private follow-up. One path for the live interaction and for one taken over from the inbox after
// its process died (./inbox.ts), so the two answer alike.
import { MessageFlags, type InteractionReplyOptions, type InteractionWebhook } from "discord.js";
import type { AdapterHost } from "../../commands/core/host.ts";
import type { Outcome } from "../../commands/core/dispatch.ts";
import type { RenderedForm, RenderedReply } from "../../commands/core/reply.ts";
import { REOPEN_PREFIX, mapReplyText, renderMessage, renderModal, type DiscordMessage } from "./render.ts";
import { discordT } from "./strings.ts";

/** Forms shown recently, so a rejected submission can reopen the modal with what was typed. */
export class FormCache {
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

export function editOptions(m: DiscordMessage) {
  return {
    content: m.content,
    embeds: m.embeds,
    components: m.components,
    files: m.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })),
    allowedMentions: m.allowed_mentions,
  };
}

export function replyOptions(m: DiscordMessage): InteractionReplyOptions {
  return { ...editOptions(m), ...(m.flags ? { flags: MessageFlags.Ephemeral as const } : {}) };
}

/** A private message: a follow-up after a deferral, or a first reply. */
export type SendPrivately = (m: { content: string; components?: InteractionReplyOptions["components"]; flags: MessageFlags.Ephemeral; allowedMentions: { parse: [] } }) => Promise<unknown>;

/** Where a deferred interaction's answer goes: its webhook, live or rebuilt from a kept row. */
export interface Deferred {
  webhook: Pick<InteractionWebhook, "send" | "editMessage" | "deleteMessage">;
  locale: string;
  userId: string;
  /** Acknowledged with deferUpdate: `@original` is the message clicked on, not a placeholder. */
  onMessage: boolean;
  /** Whether people other than the one acting read the message clicked on. */
  seenByOthers: boolean;
}

export interface DiscordAnswersOptions {
  core: AdapterHost["core"];
  forms: FormCache;
  /** Commands in replies are spelled as Discord shows them ("/unionhall admin role-grant"). */
  respell: (text: string) => string;
  notify: (notices: Outcome["notices"]) => Promise<void>;
}

export function discordAnswers({ core, forms, respell, notify }: DiscordAnswersOptions) {
  function message(reply: RenderedReply, locale: string): DiscordMessage {
    return renderMessage(mapReplyText(reply, respell), { truncatedNote: discordT(locale)("discord.truncated") });
  }

  /**
   * The edited message after a decision: the core's answer, plus who decided and when where others
   * read it. A private answer or a direct message is read only by the person who clicked: their
   * own action is not announced back to them.
   */
  function decided(r: RenderedReply, by: { userId: string; seenByOthers: boolean }, locale: string): DiscordMessage {
    const when = `<t:${Math.floor(core.clock.now().getTime() / 1000)}:f>`;
    const who = { type: "context" as const, text: discordT(locale)("discord.decidedBy", { user: `<@${by.userId}>`, when }) };
    const m = message(by.seenByOthers ? { ...r, blocks: [...r.blocks, who] } : r, locale);
    // An update keeps the message's visibility; the flag cannot change on an edit.
    delete m.flags;
    return m;
  }

  /**
   * A modal can only open as the first answer to a command or a click: offer a button that opens
   * it (or, when it can't fit, say how to use the command's options instead).
   */
  async function offerForm(send: SendPrivately, locale: string, form: RenderedForm, values: Record<string, string>, usage: string) {
    if (!renderModal(form, values)) {
      await send({ content: `⚠️ ${discordT(locale)("discord.formTooBig", { usage })}`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    forms.put(form, values);
    await send({
      content: `📝 ${form.title}`,
      components: [{ type: 1, components: [{ type: 2, style: 1, label: discordT(locale)("discord.openForm"), custom_id: `${REOPEN_PREFIX}${form.token}` }] }],
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  }

  /** Answers a deferred interaction with its outcome. */
  async function answerDeferred(at: Deferred, out: Outcome, usage: string): Promise<void> {
    const r = out.reply;
    if (r.form) {
      await offerForm((m) => at.webhook.send(m), at.locale, r.form, {}, usage);
      if (!at.onMessage) await at.webhook.deleteMessage("@original").catch(() => undefined);
    } else if (at.onMessage) {
      if (r.update) await at.webhook.editMessage("@original", editOptions(decided(r, at, at.locale)));
      else await at.webhook.send(replyOptions(message(r, at.locale)));
    } else if (r.visibility === "private") {
      await at.webhook.editMessage("@original", editOptions(message(r, at.locale)));
    } else {
      await at.webhook.send(replyOptions(message(r, at.locale)));
      await at.webhook.deleteMessage("@original").catch(() => undefined);
    }
    await notify(out.notices);
  }

  return { message, decided, offerForm, answerDeferred };
}
