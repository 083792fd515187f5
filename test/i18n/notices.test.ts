// Notices (a card to approve, "your case was assigned", a statement with its files) are rendered by
// the core for their recipient from a kind and values: this walks every notice every area declares,
// with the sender in one language and the recipient in another, and then sends real ones through the
// dispatcher.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, handleCommand, noticeEnv, type Core } from "../../commands/core/dispatch.ts";
import { createTranslator, LOCALES, type Locale } from "../../commands/core/i18n.ts";
import { defineNotice, notice, renderNotice } from "../../commands/core/notice.ts";
import { defineCommand, type Feature } from "../../commands/core/command.ts";
import { materialize } from "../../commands/core/render.ts";
import { reply } from "../../commands/core/reply.ts";
import { features } from "../../commands/index.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { saveLocale } from "../../db/locales.ts";
import { createRequest, decideRequest } from "../../db/contacts.ts";
import { data, transaction } from "../../db/data.ts";
import { addQuestion, answerQuestion } from "../../db/project.ts";
import { personByNumber } from "../../db/people.ts";
import type { Store } from "../../db/store.ts";
import { z } from "zod";
import { ourEnglishIn, replyText } from "./english.ts";
import { tempStore, testClock, web } from "../helpers/store.ts";
import { Feed } from "../../adapters/web/feed.ts";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { handleAction } from "../../commands/core/dispatch.ts";
import { coreBundles } from "../../commands/core/dispatch.ts";

let store: Store & { dir: string };
let core: Core;
let recipientId: number;
beforeAll(async () => {
  store = await tempStore({ seed: true });
  core = createCore({ store, features });
  recipientId = (await personByNumber(data(store), "100001"))!.id;
  // The records the areas' example notices point at (request 1 and its grant 1, question 1), made
  // the way the areas make them.
  const now = new Date("2026-11-23T17:00:00Z");
  const sam = (await personByNumber(data(store), "100002"))!.id;
  const r = await createRequest(store, { scopeType: "sublocal", scopeId: "SL-083", requesterId: recipientId, purpose: "phone_bank", justification: "Calling members about the bargaining survey", days: 30, route: "sublocal", status: "pending", flags: "{}", attestedAt: now, createdAt: now } as never);
  await transaction(store, (tx) => decideRequest(tx, r.id, sam, true, now));
  const q = await addQuestion(data(store), { askerId: recipientId, anonymous: false, question: "When does the new system start?" }, now);
  await answerQuestion(data(store), q, "In March, after training.", sam, now);
});
afterAll(async () => {
  await store.close();
});

/** Every (sender, recipient) pair of two different languages. */
const pairs: [Locale, Locale][] = LOCALES.flatMap((s) => LOCALES.filter((r) => r !== s).map((r) => [s, r] as [Locale, Locale]));

describe("every notice in the registry", () => {
  it("is declared by the areas that tell other people things", () => {
    const areas = new Set(core.registry.notices.map((n) => n.id.split(".")[0]));
    expect([...areas].sort()).toEqual(expect.arrayContaining(["contacts", "grievance", "project", "rebate"]));
  });

  it("takes its example values and is rendered in the recipient's language, whatever the sender reads", async () => {
    const problems: string[] = [];
    const warnings: string[] = [];
    const env = { ...noticeEnv(core), translator: createTranslator([...coreBundles, ...core.registry.strings], { log: { warn: (e, f) => void warnings.push(`${e} ${String(f?.key)}`) } }) };
    for (const kind of core.registry.notices) {
      expect(kind.values.safeParse(kind.example).success, kind.id).toBe(true);
      for (const [sender, recipient] of pairs) {
        // The recipient saved their language; the sender's language is nowhere in what the core is given.
        await saveLocale(data(store), `person:${recipientId}`, recipient, new Date());
        warnings.length = 0;
        const got = await renderNotice(env, { personId: recipientId }, kind.id, kind.example);
        const asRecipient = await renderNotice(env, { personId: recipientId }, kind.id, kind.example, recipient);
        const asSender = await renderNotice(env, { personId: recipientId }, kind.id, kind.example, sender);
        const texts = replyText(await materialize(data(store), got, null, new Date()));
        const same = (a: typeof got, b: typeof got) => JSON.stringify(a.blocks) === JSON.stringify(b.blocks);
        if (!same(got, asRecipient)) problems.push(`${kind.id}: not rendered in the recipient's ${recipient}`);
        if (same(got, asSender)) problems.push(`${kind.id}: reads the same in ${sender} and ${recipient}`);
        if (warnings.length) problems.push(`${kind.id} in ${recipient}: ${warnings.join("; ")}`);
        // Member-written text (a question, a justification) stays as written; our own English must not leak.
        if (recipient !== "en") for (const e of ourEnglishIn(texts, [...coreBundles, ...core.registry.strings])) problems.push(`${kind.id} in ${recipient}: “${e}”`);
        for (const f of got.files ?? []) if (!f.name) problems.push(`${kind.id}: a file without a name`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("notices through the dispatcher", () => {
  const fixture: Feature = {
    area: "noticetest",
    description: "noticetest.description",
    strings: {
      en: { noticetest: { description: "x", hello: "Hello from the union, {{name}}" } },
      es: { noticetest: { description: "x", hello: "Saludos del sindicato, {{name}}" } },
      ru: { noticetest: { description: "x", hello: "Привет от профсоюза, {{name}}" } },
    },
    notices: [
      defineNotice({
        id: "noticetest.hello",
        values: z.object({ name: z.string() }),
        example: { name: "Maria" },
        render: ({ t }, v) => reply.private(reply.text(t("noticetest.hello", { name: v.name }))),
      }),
    ],
    commands: [
      defineCommand({
        path: ["noticetest", "tell"],
        description: "noticetest.description",
        args: {},
        access: { linked: true },
        async run(ctx) {
          const maria = (await personByNumber(ctx.db, "100001"))!;
          return { ...reply.private(reply.text(ctx.t("noticetest.hello", { name: "Sam" }))), notices: [notice(fixture.notices![0]!, maria.id, { name: "Maria" })] };
        },
      }),
    ],
  };

  it("reach a Russian reader in Russian when a Spanish reader sends them", async () => {
    const s = await tempStore({ seed: true });
    try {
      const c = createCore({ store: s, features: [unionhallFeature, fixture] });
      await handleCommand(c, { actor: web("maria"), text: "/unionhall language ru" });
      const told = await handleCommand(c, { actor: { ...web("sam"), locale: "es" }, text: "/noticetest tell" });
      expect(JSON.stringify(told.reply.blocks)).toContain("Saludos del sindicato, Sam");
      expect(JSON.stringify(told.notices[0]!.message.blocks)).toContain("Привет от профсоюза, Maria");
    } finally {
      await s.close();
    }
  });

  it("with values that do not fit their kind are left out and logged, never sent half-made", async () => {
    const s = await tempStore({ seed: true });
    const errors: string[] = [];
    try {
      const bad: Feature = {
        ...fixture,
        commands: [
          defineCommand({
            path: ["noticetest", "tell"],
            description: "noticetest.description",
            args: {},
            access: { linked: true },
            run: () => ({ ...reply.private(reply.text("ok")), notices: [{ personId: 1, notice: "noticetest.hello", values: { name: 42 } }] }),
          }),
        ],
      };
      const c = createCore({ store: s, features: [unionhallFeature, bad], log: { info() {}, warn() {}, error: (e) => void errors.push(e) } });
      const told = await handleCommand(c, { actor: web("sam"), text: "/noticetest tell" });
      expect(told.notices).toEqual([]);
      expect(errors).toEqual(["notice.renderFailed"]);
    } finally {
      await s.close();
    }
  });

  it("cannot carry text the sender rendered: only a kind and its values are delivered", async () => {
    const s = await tempStore({ seed: true });
    const errors: string[] = [];
    try {
      const prerendered: Feature = {
        ...fixture,
        commands: [
          defineCommand({
            path: ["noticetest", "tell"],
            description: "noticetest.description",
            args: {},
            access: { linked: true },
            // The old way: a reply made in the sender's language, handed over for someone else.
            run: (ctx) => ({ ...reply.private(reply.text("ok")), notices: [{ personId: 1, reply: reply.private(reply.text(ctx.t("noticetest.hello", { name: "Maria" }))) } as never] }),
          }),
        ],
      };
      const c = createCore({ store: s, features: [unionhallFeature, prerendered], log: { info() {}, warn() {}, error: (e) => void errors.push(e) } });
      const told = await handleCommand(c, { actor: { ...web("sam"), locale: "es" }, text: "/noticetest tell" });
      expect(told.notices).toEqual([]);
      expect(errors).toEqual(["notice.renderFailed"]);
    } finally {
      await s.close();
    }
  });
});

describe("a card in a channel, edited by a click", () => {
  it("stays in the channel's language whatever the clicker reads", async () => {
    const s = await tempStore({ seed: true });
    const clock = testClock();
    const c = createCore({ store: s, features, clock });
    const feed = new Feed();
    const scheduler = createScheduler({ store: s, core: c, posters: new Map([["web", feed.poster()]]), log: { info() {}, warn() {}, error() {} }, clock });
    try {
      const inStewards = (handle: string, locale: string) => ({ ...web(handle), locale, channelId: "stewards" });
      await handleCommand(c, { actor: inStewards("sam", "en"), text: "/unionhall channel-language es" });
      const set = await handleCommand(c, { actor: inStewards("sam", "en"), text: "/unionhall remind in 1 minute here Check the grievance log" });
      expect(set.reply.fallbackText).not.toContain("⚠️");
      await scheduler.start();
      clock.advance(61_000);
      await scheduler.runDue();
      const [card] = feed.read("sam", "#stewards");
      const tokens = [...card!.html.matchAll(/data-token="([^"]+)"/g)].map((m) => m[1]!);
      // carla reads Russian; the card everyone in the channel sees stays Spanish.
      await handleCommand(c, { actor: inStewards("carla", "ru"), text: "/unionhall language ru" });
      const snoozed = await handleAction(c, { actor: inStewards("carla", "ru"), token: tokens[0]! });
      expect(snoozed.reply.update).toBe(true);
      const es = createTranslator([...coreBundles, ...c.registry.strings]).forLocale("es");
      expect(snoozed.reply.fallbackText).toContain(es("unionhall.remind.card.title"));
      expect(snoozed.reply.fallbackText).not.toMatch(/[а-яё]/i);
    } finally {
      await scheduler.stop();
      await s.close();
    }
  });
});
