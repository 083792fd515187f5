// Staff settings: contract timelines, the holiday calendar, and each sub-local's steward channel.
import { addHoliday, clearStewardChannel, contractByCode, listContracts, listHolidays, openCases, removeHoliday, setStewardChannel, updateContractRules } from "../../db/grievances.ts";
import { subLocalByCode } from "../../db/sublocals.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { STEPS, contractRulesSchema, formatWindow, parseWindow, type ContractRules } from "./deadlines.ts";
import { ensureDefaults, parseRules, today } from "./model.ts";
import { syncReminders } from "./reminders.ts";

/** Re-plans reminders of every open case after a rule or calendar change. */
async function replanAll(ctx: LinkedCtx, contractId?: number): Promise<number> {
  let n = 0;
  for (const g of openCases(ctx.store)) {
    if (contractId !== undefined && g.contractId !== contractId) continue;
    try {
      await syncReminders(ctx.store, g.id, ctx.clock.now());
      n++;
    } catch (e) {
      ctx.log.warn("grievance.reminders.failed", { grievanceId: g.id, error: e instanceof Error ? e.name : "unknown" });
    }
  }
  return n;
}

function describeRules(ctx: LinkedCtx, r: ContractRules) {
  const items = [{ text: ctx.t("grievance.contract.filing"), detail: formatWindow(r.filing) }];
  for (const s of STEPS) {
    const st = r.steps[s];
    if (st?.response) items.push({ text: `${s}.response`, detail: formatWindow(st.response) });
    if (st?.appeal) items.push({ text: `${s}.appeal`, detail: formatWindow(st.appeal) });
  }
  items.push({ text: ctx.t("grievance.contract.weekendRule"), detail: r.weekendRule }, { text: ctx.t("grievance.contract.cutoff"), detail: `${r.cutoff} ${r.timeZone}` });
  return items;
}

export const contractList = defineCommand({
  path: ["grievance", "contract", "list"],
  description: "grievance.contract.listDescription",
  args: {},
  access: { roles: ["steward", "chief_steward", "sublocal_officer", "board_director", "staff", "executive_director"] },
  run(ctx) {
    ensureDefaults(ctx.store);
    const blocks = listContracts(ctx.store).map((c) => reply.list(`${c.code} — ${c.name}`, describeRules(ctx, parseRules(c))));
    return reply.private(...blocks, reply.context(ctx.t("grievance.contract.howToEdit")));
  },
});

export const contractSet = defineCommand({
  path: ["grievance", "contract", "set"],
  description: "grievance.contract.setDescription",
  args: {
    code: arg.string("grievance.args.contract", { maxLength: 40 }),
    rule: arg.string("grievance.args.rule", { maxLength: 40 }),
    value: arg.string("grievance.args.ruleValue", { maxLength: 120, rest: true }),
  },
  access: { roles: STAFF },
  async run(ctx, args) {
    ensureDefaults(ctx.store);
    const c = contractByCode(ctx.store, args.code);
    if (!c) throw userError.notFound("grievance.contract.unknown", { code: args.code });
    const rules = parseRules(c);
    const key = args.rule.toLowerCase();
    const next: ContractRules = structuredClone(rules);
    if (key === "filing") {
      const w = parseWindow(args.value);
      if (!w) throw userError.invalid("grievance.contract.badWindow", { value: args.value.slice(0, 60) });
      next.filing = w;
    } else if (key === "cutoff") {
      next.cutoff = args.value.trim();
    } else if (key === "weekend") {
      next.weekendRule = args.value.trim() as ContractRules["weekendRule"];
    } else {
      const m = /^(informal|step1|step2|step3)\.(response|appeal)$/.exec(key);
      if (!m) throw userError.invalid("grievance.contract.badRule", { rule: args.rule.slice(0, 40) });
      const step = m[1] as (typeof STEPS)[number];
      const which = m[2] as "response" | "appeal";
      const st = { ...(next.steps[step] ?? {}) };
      if (/^(none|off)$/i.test(args.value.trim())) delete st[which];
      else {
        const w = parseWindow(args.value);
        if (!w) throw userError.invalid("grievance.contract.badWindow", { value: args.value.slice(0, 60) });
        st[which] = w;
      }
      next.steps[step] = st;
    }
    const ok = contractRulesSchema.safeParse(next);
    if (!ok.success) throw userError.invalid("grievance.contract.badValue", { rule: key });
    updateContractRules(ctx.store, c.id, ok.data, ctx.person.id, ctx.clock.now());
    ctx.audit("grievance.contract.update", { type: "grievanceContract", id: c.id }, { rule: key });
    const n = await replanAll(ctx, c.id);
    return reply.private(reply.text(`✅ ${ctx.t("grievance.contract.updated", { code: c.code, rule: key, count: n })}`), reply.list(c.code, describeRules(ctx, ok.data)));
  },
});

export const holidayList = defineCommand({
  path: ["grievance", "holiday", "list"],
  description: "grievance.holiday.listDescription",
  args: { year: arg.optional(arg.integer("grievance.args.year", { min: 2000, max: 2100 })) },
  access: { linked: true },
  run(ctx, args) {
    ensureDefaults(ctx.store);
    const y = args.year ?? Number(today(ctx).slice(0, 4));
    const rows = listHolidays(ctx.store, `${y}-01-01`, `${y}-12-31`);
    return reply.private(reply.list(ctx.t("grievance.holiday.title", { year: y }), rows.map((h) => ({ text: h.date, detail: h.name })), ctx.t("grievance.holiday.none")));
  },
});

export const holidayAdd = defineCommand({
  path: ["grievance", "holiday", "add"],
  description: "grievance.holiday.addDescription",
  args: { date: arg.date("grievance.args.holidayDate"), name: arg.string("grievance.args.holidayName", { maxLength: 80, rest: true }) },
  access: { roles: STAFF },
  async run(ctx, args) {
    ensureDefaults(ctx.store);
    if (!addHoliday(ctx.store, args.date, args.name, ctx.person.id, ctx.clock.now())) throw userError.conflict("grievance.holiday.exists", { date: args.date });
    ctx.audit("grievance.holiday.add", { type: "holiday", id: args.date });
    const n = await replanAll(ctx);
    return reply.private(reply.text(`✅ ${ctx.t("grievance.holiday.added", { date: args.date, count: n })}`));
  },
});

export const holidayRemove = defineCommand({
  path: ["grievance", "holiday", "remove"],
  description: "grievance.holiday.removeDescription",
  args: { date: arg.date("grievance.args.holidayDate") },
  access: { roles: STAFF },
  async run(ctx, args) {
    ensureDefaults(ctx.store);
    if (!removeHoliday(ctx.store, args.date)) throw userError.notFound("grievance.holiday.notFound", { date: args.date });
    ctx.audit("grievance.holiday.remove", { type: "holiday", id: args.date });
    const n = await replanAll(ctx);
    return reply.private(reply.text(`✅ ${ctx.t("grievance.holiday.removed", { date: args.date, count: n })}`));
  },
});

export const channelSet = defineCommand({
  path: ["grievance", "channel"],
  description: "grievance.channel.description",
  args: { sublocal: arg.string("grievance.args.sublocal", { maxLength: 20 }), channel: arg.string("grievance.args.channelOrDm", { maxLength: 80 }) },
  access: { roles: ["chief_steward", "staff", "executive_director"] },
  async run(ctx, args) {
    const code = args.sublocal.toUpperCase();
    if (!(await subLocalByCode(ctx.store, code))) throw userError.notFound("grievance.errors.unknownSublocal", { code });
    const staff = ctx.roles.some((r) => STAFF.includes(r.role));
    if (!staff && !ctx.roles.some((r) => r.role === "chief_steward" && r.scopeType === "sublocal" && r.scopeId === code))
      throw userError.notAllowed("grievance.channel.notYours", { code });
    const raw = args.channel.trim();
    if (/^(dm|direct|off|none)$/i.test(raw)) {
      clearStewardChannel(ctx.store, code);
      ctx.audit("grievance.channel.clear", { type: "sublocal", id: code });
      await replanSublocal(ctx, code);
      return reply.private(reply.text(`✅ ${ctx.t("grievance.channel.cleared", { code })}`));
    }
    const m = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(raw) ?? /^#?([A-Za-z0-9_-]+)$/.exec(raw);
    if (!m) throw userError.invalid("core.args.notAChannel");
    if (ctx.platform === "cli") throw userError.invalid("grievance.schedule.noChannelHere");
    setStewardChannel(ctx.store, { subLocalCode: code, platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: m[1]! }, ctx.person.id, ctx.clock.now());
    ctx.audit("grievance.channel.set", { type: "sublocal", id: code }, { channelId: m[1]! });
    await replanSublocal(ctx, code);
    return reply.private(reply.text(`✅ ${ctx.t("grievance.channel.set", { code, channel: m[1]! })}`));
  },
});

async function replanSublocal(ctx: LinkedCtx, code: string) {
  for (const g of openCases(ctx.store)) if (g.subLocalCode === code) await syncReminders(ctx.store, g.id, ctx.clock.now());
}
