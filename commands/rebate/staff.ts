// Treasury staff settings: where approval cards go, and which sub-locals receive their statement
// automatically each month (a recurring scheduler rule, to the treasurer's direct messages).
import { deactivateRule, upsertRuleIn } from "../../db/jobs.ts";
import { ensureAccount, setAutoStatement, signersOf } from "../../db/rebate.ts";
import { clearTreasuryChannel, setTreasuryChannel } from "../../db/rebate-requests.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { unionTimeZone } from "../core/format.ts";
import { reply } from "../core/reply.ts";
import { TREASURY_STAFF } from "./access.ts";
import { pickSubLocal } from "./common.ts";
import { botMention } from "../core/mention.ts";
import { requirePostable } from "../core/channels.ts";

export const AUTO_JOB = "rebate.monthly_statement";
/** The 1st of each month at 08:00 local: last month's statement. */
export const AUTO_CRON = "0 8 1 * *";
export const autoKey = (code: string) => `rebate:auto:${code}`;

export const channelCommand = defineCommand({
  path: ["rebate", "channel"],
  description: "rebate.channel.description",
  args: { channel: arg.string("rebate.args.channelOrDm", { maxLength: 80 }) },
  access: { roles: TREASURY_STAFF },
  async run(ctx, args) {
    const raw = args.channel.trim();
    if (/^(dm|direct|off|none)$/i.test(raw)) {
      await ctx.commitAsync(async (tx) => {
        await clearTreasuryChannel(tx, ctx.platform);
        await ctx.auditIn(tx, "rebate.channel.clear", undefined, { platform: ctx.platform });
      });
      return reply.private(reply.text(`✅ ${ctx.t("rebate.channel.cleared")}`));
    }
    const m = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(raw) ?? /^#?([A-Za-z0-9_-]+)$/.exec(raw);
    if (!m) throw userError.invalid("core.args.notAChannel");
    if (ctx.platform === "cli") throw userError.invalid("rebate.channel.notHere");
    await requirePostable(ctx, m[1]!);
    await ctx.commitAsync(async (tx) => {
      await setTreasuryChannel(tx, { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: m[1]! }, ctx.person.id, ctx.clock.now());
      await ctx.auditIn(tx, "rebate.channel.set", undefined, { platform: ctx.platform, channelId: m[1]! });
    });
    return reply.private(reply.text(`✅ ${ctx.t("rebate.channel.set", { channel: botMention(ctx.platform, "channel", m[1]!) })}`));
  },
});

export const autoCommand = defineCommand({
  path: ["rebate", "auto"],
  description: "rebate.auto.description",
  args: { sublocal: arg.string("rebate.args.sublocal", { maxLength: 30 }), state: arg.choice("rebate.args.onOff", ["on", "off"] as const) },
  access: { roles: TREASURY_STAFF },
  async run(ctx, args) {
    const sl = await pickSubLocal(ctx, args.sublocal);
    const account = await ensureAccount(ctx.db, sl.code, ctx.clock.now());
    const now = ctx.clock.now();
    if (args.state === "off") {
      await deactivateRule(ctx.store, autoKey(sl.code));
      await ctx.commitAsync(async (tx) => {
        await setAutoStatement(tx, account.id, false);
        await ctx.auditIn(tx, "rebate.auto.off", { type: "sublocal", id: sl.code });
      });
      return reply.private(reply.text(`✅ ${ctx.t("rebate.auto.off", { code: sl.code })}`));
    }
    const treasurer = (await signersOf(ctx.db, sl.code, now)).find((s) => s.office === "treasurer");
    if (!treasurer) throw userError.notFound("rebate.auto.noTreasurer", { code: sl.code });
    // The monthly rule, the account's setting and the audit entry commit together.
    const rule = await ctx.commitAsync(async (tx) => {
      const rule = await upsertRuleIn(
        tx,
        ctx.store,
        { kind: AUTO_JOB, name: `Monthly rebate statement ${sl.code}`, cron: AUTO_CRON, timeZone: unionTimeZone(), target: { personId: treasurer.personId }, payload: { code: sl.code }, idempotencyKey: autoKey(sl.code), createdById: ctx.person.id },
        now,
      );
      await setAutoStatement(tx, account.id, true);
      await ctx.auditIn(tx, "rebate.auto.on", { type: "sublocal", id: sl.code }, { treasurerId: treasurer.personId, ruleId: rule.id });
      return rule;
    });
    return reply.private(reply.text(`✅ ${ctx.t("rebate.auto.on", { code: sl.code, next: rule.nextAt ? ctx.fmt.dateTime(rule.nextAt) : "—" })}`));
  },
});
