// The confidentiality agreement: shown in chat, acknowledged with a button (version and time
// recorded). A new version needs a new acknowledgement before any access to member contacts.
import { z } from "zod";
import { acknowledge, acknowledgement, currentAgreement, publishAgreement } from "../../db/contacts.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type Ctx, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { fmt, withEndReminders } from "./common.ts";
import { announceAgreementAcknowledged } from "../core/hooks.ts";

// The standard text is stored in English, the version everyone acknowledges; each reader sees it in
// their own language. A version staff publish with their own words is shown as they wrote it.
const standardBody = (ctx: Ctx) => ctx.translator.forLocale("en")("contacts.agreement.body");

export async function agreementNow(ctx: Ctx) {
  return currentAgreement(ctx.db, standardBody(ctx));
}

function agreementBlocks(ctx: Ctx, a: { version: number; body: string }, ack: { acknowledgedAt: Date } | null): Block[] {
  const body = a.body === standardBody(ctx) ? ctx.t("contacts.agreement.body") : a.body;
  const blocks: Block[] = [reply.section(ctx.t("contacts.agreement.title", { version: a.version }), [], body)];
  if (ack) blocks.push(reply.context(ctx.t("contacts.agreement.acked", { version: a.version, when: fmt(ack.acknowledgedAt) })));
  else {
    blocks.push(reply.context(ctx.t("contacts.agreement.notAcked")));
    blocks.push(reply.buttons({ label: ctx.t("contacts.agreement.ackButton", { version: a.version }), action: "contacts.agreement.ack", payload: { version: a.version }, style: "primary", once: true }));
  }
  return blocks;
}

/** null when the caller has acknowledged the current version; otherwise the reply to show instead of data. */
export async function requireAgreement(ctx: LinkedCtx): Promise<Reply | null> {
  const a = await agreementNow(ctx);
  if (await acknowledgement(ctx.db, ctx.person.id, a.version)) return null;
  await ctx.audit("contacts.denied", { type: "person", id: ctx.person.id }, { reason: "agreement_not_acknowledged", version: a.version });
  return reply.private(reply.text(`⚠️ ${ctx.t("contacts.agreement.required", { version: a.version })}`), ...agreementBlocks(ctx, a, null));
}

export const agreementCommand = defineCommand({
  path: ["contacts", "agreement"],
  description: "contacts.agreement.description",
  args: {},
  access: { linked: true },
  run: withEndReminders(async (ctx) => {
    const a = await agreementNow(ctx);
    const ack = await acknowledgement(ctx.db, ctx.person.id, a.version);
    return reply.private(...agreementBlocks(ctx, a, ack));
  }),
});

export const acknowledgeAction = defineAction({
  id: "contacts.agreement.ack",
  payload: z.object({ version: z.number().int().positive() }),
  access: { linked: true },
  async run(ctx, { version }) {
    const a = await agreementNow(ctx);
    if (a.version !== version) throw userError.conflict("contacts.agreement.outdated", { version: a.version });
    const now = ctx.clock.now();
    if (!(await acknowledge(ctx.db, ctx.person.id, version, now, ctx.platform))) {
      return { ...reply.private(reply.text(ctx.t("contacts.agreement.already", { version }))), update: true };
    }
    await ctx.audit("contacts.agreement.ack", { type: "person", id: ctx.person.id }, { version });
    return { ...reply.private(reply.text(`✅ ${ctx.t("contacts.agreement.done", { version, when: fmt(now) })}`), ...(await announceAgreementAcknowledged(ctx.registry.features, ctx))), update: true };
  },
});

export const publishAgreementCommand = defineCommand({
  path: ["contacts", "agreement-publish"],
  description: "contacts.agreement.publish.description",
  args: { text: arg.string("contacts.agreement.publish.argText", { maxLength: 4000, rest: true, min: 40 }) },
  access: { roles: STAFF },
  async run(ctx, { text }) {
    await agreementNow(ctx); // version 1 exists before version 2
    const version = await ctx.commitAsync((tx) => publishAgreement(tx, text, ctx.person.id, ctx.clock.now()));
    await ctx.audit("contacts.agreement.publish", { type: "agreement", id: version }, { version });
    return reply.private(reply.text(`✅ ${ctx.t("contacts.agreement.publish.done", { version })}`));
  },
});
