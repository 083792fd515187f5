// Every text a platform limits fits, in every language: modal titles, submit labels, field labels,
// placeholders, hints, select options and button labels, against Slack's and Discord's published
// limits. Nothing is listed by hand: every command of the registry is typed alone (a command with
// required arguments opens its form) by each persona allowed to run it, every persona's Home is
// shown, and every button those answers offer is clicked once by the person it was offered to
// (a decline or denial form, a correction form…), in each of the five languages. A label added
// later is covered by the same walk. The renderers would cut a text that does not fit; this test
// makes sure none has to be.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordT } from "../../adapters/discord/strings.ts";
import { renderMessage as discordMessage } from "../../adapters/discord/render.ts";
import type { Actor } from "../../commands/core/command.ts";
import { handleAction, handleCommand, type Core } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { resolveCaller } from "../../commands/core/identity.ts";
import { allows } from "../../commands/core/roles.ts";
import { personas } from "../../db/demo.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";

const LANGS = ["en", "es", "vi", "zh-Hans", "ru"] as const;

/** Slack: "Modals" (title, submit, close 24), "Button element" (75), "Option object" (75), "Select menus" (placeholder 150), "Input block" (label and hint 2,000). */
const SLACK = { modalTitle: 24, modalButton: 24, button: 75, option: 75, placeholder: 150, inputLabel: 2000, hint: 2000 };
/** Discord: "Message components" (button 80, select option 100, placeholder 100), "Modal" (title 45), "Label" (label 45, description 100), message content 2,000. */
const DISCORD = { button: 80, option: 100, placeholder: 100, modalTitle: 45, label: 45, description: 100, content: 2000 };

const length = (s: string) => [...s].length;

/** What one language's walk saw: each platform-limited text, where it was, and which limits apply. */
class Texts {
  readonly problems: string[] = [];
  count = 0;
  /** One problem per text and limit, wherever else the same text shows. */
  private seen = new Set<string>();
  constructor(readonly lng: string) {}

  check(where: string, what: string, text: string | undefined, limits: Record<string, number>) {
    if (text === undefined) return;
    this.count++;
    for (const [platform, max] of Object.entries(limits))
      if (length(text) > max && !this.seen.has(`${what} ${platform} ${text}`) && this.seen.add(`${what} ${platform} ${text}`)) this.problems.push(`${this.lng} ${where} — ${what} (${platform} ≤ ${max}, has ${length(text)}): “${text}”`);
  }

  reply(where: string, r: RenderedReply) {
    for (const b of r.blocks) if (b.type === "buttons") for (const x of b.buttons) this.check(where, "button", x.label, { slack: SLACK.button, discord: DISCORD.button });
    const content = discordMessage(r).content;
    if (content) this.check(where, "Discord message content", content, { discord: DISCORD.content });
    const f = r.form;
    if (!f) return;
    this.check(where, "form title", f.title, { slack: SLACK.modalTitle, discord: DISCORD.modalTitle });
    this.check(where, "submit label", f.submitLabel, { slack: SLACK.modalButton });
    for (const field of f.fields) {
      const at = `${where} field ${field.name}`;
      this.check(at, "label", field.label, { slack: SLACK.inputLabel, discord: DISCORD.label });
      this.check(at, "placeholder", field.placeholder, { slack: SLACK.placeholder, discord: DISCORD.placeholder });
      this.check(at, "hint", field.hint, { slack: SLACK.hint, discord: DISCORD.description });
      for (const o of field.options ?? []) this.check(at, `option ${o.value}`, o.label, { slack: SLACK.option, discord: DISCORD.option });
    }
  }
}

const actor = (handle: string, locale: string): Actor => ({ ...web(handle), locale, channelId: "stewards" });

/** One language: every command typed alone by everyone allowed, every Home, then every button offered, clicked once. */
async function walk(lng: string): Promise<Texts> {
  const { core, store } = await demoCore(testClock());
  try {
    return await walkCore(core, store, lng);
  } finally {
    await store.close();
  }
}

async function walkCore(core: Core, store: Store, lng: string): Promise<Texts> {
  const texts = new Texts(lng);
  const offered: { who: string; where: string; token: string }[] = [];
  const see = (who: string, where: string, r: RenderedReply) => {
    texts.reply(where, r);
    for (const b of r.blocks) if (b.type === "buttons") for (const x of b.buttons) offered.push({ who, where: `${where} → ${x.label}`, token: x.token });
  };
  const callers = await Promise.all(personas.map(async (p) => ({ handle: p.handle, caller: await resolveCaller(store, web(p.handle), core.clock.now()) })));
  for (const cmd of core.registry.commands) {
    const text = `/${cmd.path.join(" ")}`;
    for (const { handle, caller } of callers) {
      if (!allows(cmd.access, caller.person !== null, caller.roles)) continue;
      see(handle, `${text} (${handle})`, (await handleCommand(core, { actor: actor(handle, lng), text })).reply);
    }
  }
  for (const { handle } of callers) see(handle, `Home (${handle})`, await handleHome(core, actor(handle, lng)));
  for (const b of offered) texts.reply(b.where, (await handleAction(core, { actor: actor(b.who, lng), token: b.token })).reply);
  // The few buttons and labels the adapters add themselves.
  const d = discordT(lng);
  for (const key of ["discord.openForm", "discord.reopen"]) texts.check("Discord adapter", "button", d(key), { discord: DISCORD.button });
  texts.check("Slack adapter", "modal close", core.translator.forLocale(lng)("core.form.cancel"), { slack: SLACK.modalButton });
  return texts;
}

describe("every platform-limited text fits, in every language", () => {
  const results = new Map<string, Texts>();
  beforeAll(async () => {
    for (const lng of LANGS) results.set(lng, await walk(lng));
  }, 600_000);
  afterAll(() => results.clear());

  it("the walk reaches forms, fields, options and buttons in every language", () => {
    for (const lng of LANGS) expect(results.get(lng)!.count, lng).toBeGreaterThan(1000);
  });

  for (const lng of LANGS)
    it(`${lng}: nothing passes Slack's or Discord's limits`, () => {
      expect(results.get(lng)!.problems).toEqual([]);
    });

  it("catches a text over a limit", () => {
    const t = new Texts("en");
    t.check("here", "button", "x".repeat(76), { slack: SLACK.button, discord: DISCORD.button });
    expect(t.problems).toEqual(["en here — button (slack ≤ 75, has 76): “" + "x".repeat(76) + "”"]);
  });
});
