// Staff settings: contract timelines, the holiday calendar, and each sub-local's steward channel.
import { clearStewardChannel, contractByCode, createContract, listContracts, openCases, setStewardChannel, updateContractRules } from "../../db/grievances.ts";
import { addHoliday, holidayDates, listHolidays, removeHoliday } from "../../db/holidays.ts";
import { subLocalByCode } from "../../db/sublocals.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { channelMention, requirePostable } from "../core/channels.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import {
  DEADLINE_KINDS,
  LAST_STEP,
  STEPS,
  contractRulesSchema,
  contractSteps,
  daySpecSchema,
  formatWindow,
  parseWindow,
  previewDeadlines,
  type ContractRules,
} from "./deadlines.ts";
import { TIME_ZONE, ensureDefaults, fmtDate, parseRules, stepLabel, today } from "./model.ts";
import { syncReminders } from "./reminders.ts";

/** Re-plans reminders of every open case after a rule or calendar change. */
async function replanAll(ctx: LinkedCtx, contractId?: number): Promise<number> {
  let n = 0;
  for (const g of await openCases(ctx.db)) {
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
  const items = [
    { text: ctx.t("grievance.contract.steps"), detail: contractSteps(r).map((s) => stepLabel(ctx.t, s)).join(" → ") },
    { text: ctx.t("grievance.contract.filing"), detail: formatWindow(r.filing) },
  ];
  for (const s of STEPS) {
    const st = r.steps[s];
    for (const kind of ["meeting", "response", "appeal"] as const) if (st?.[kind]) items.push({ text: `${s}.${kind}`, detail: formatWindow(st[kind]) });
  }
  items.push({ text: ctx.t("grievance.contract.weekendRule"), detail: r.weekendRule }, { text: ctx.t("grievance.contract.cutoff"), detail: `${r.cutoff} ${r.timeZone}` });
  for (const [kind, at] of Object.entries(r.cutoffs ?? {})) items.push({ text: `cutoff.${kind}`, detail: at });
  for (const e of r.calendar?.add ?? []) items.push({ text: ctx.t("grievance.contract.closes", { day: e.day }), detail: e.name });
  for (const e of r.calendar?.remove ?? []) items.push({ text: ctx.t("grievance.contract.works", { day: e.day }), detail: e.name });
  return items;
}

/** The contract's windows applied to a sample date, for staff to check against the article by hand. */
async function previewBlocks(ctx: LinkedCtx, code: string, rules: ContractRules, sample: string) {
  const rows = previewDeadlines(rules, await holidayDates(ctx.db), sample);
  return [
    reply.list(
      ctx.t("grievance.contract.previewTitle", { code, date: fmtDate(sample, ctx.fmt) }),
      rows.map((p) => ({ text: `${p.window}: ${fmtDate(p.due, ctx.fmt)} ${p.cutoff}`, detail: ctx.t("grievance.contract.previewFrom", { date: fmtDate(p.from, ctx.fmt) }) })),
    ),
    reply.context(ctx.t("grievance.contract.previewHint", { code })),
  ];
}

export const contractList = defineCommand({
  path: ["grievance", "contract", "list"],
  description: "grievance.contract.listDescription",
  args: {},
  access: { roles: ["steward", "chief_steward", "sublocal_officer", "board_director", "staff", "executive_director"] },
  async run(ctx) {
    await ensureDefaults(ctx.store);
    const blocks = (await listContracts(ctx.db)).map((c) => reply.list(`${c.code} — ${c.name}`, describeRules(ctx, parseRules(c))));
    return reply.private(...blocks, reply.context(ctx.t("grievance.contract.howToEdit")));
  },
});

const STEP_KEYS = STEPS.slice(0, LAST_STEP).join("|");
const stepRuleRe = new RegExp(`^(${STEP_KEYS})(?:\\.(meeting|response|appeal))?$`);

/** One rule change as staff type it; throws a polite error for anything it doesn't understand. */
export function applyRule(rules: ContractRules, rule: string, value: string): ContractRules {
  const key = rule.toLowerCase();
  const v = value.trim();
  const off = /^(none|off)$/i.test(v);
  const next: ContractRules = structuredClone(rules);
  const window = () => {
    const w = parseWindow(v);
    if (!w) throw userError.invalid("grievance.contract.badWindow", { value: v.slice(0, 60) });
    return w;
  };
  const cut = /^cutoff\.([a-z]+)$/.exec(key);
  const step = stepRuleRe.exec(key);
  if (key === "filing") next.filing = window();
  else if (key === "cutoff") next.cutoff = v;
  else if (key === "weekend") next.weekendRule = v as ContractRules["weekendRule"];
  else if (cut && (DEADLINE_KINDS as readonly string[]).includes(cut[1]!)) {
    const kind = cut[1] as (typeof DEADLINE_KINDS)[number];
    const cutoffs = { ...(next.cutoffs ?? {}) };
    if (off) delete cutoffs[kind];
    else cutoffs[kind] = v;
    next.cutoffs = cutoffs;
  } else if (step) {
    const name = step[1] as (typeof STEPS)[number];
    const which = step[2] as "meeting" | "response" | "appeal" | undefined;
    if (!which) {
      // "step2 none": the contract has no such step; anything else names a window.
      if (!off) throw userError.invalid("grievance.contract.badStepValue", { rule: key });
      delete next.steps[name];
    } else {
      const st = { ...(next.steps[name] ?? {}) };
      if (off) delete st[which];
      else st[which] = window();
      // A step left with no window at all is no step: the contract doesn't have it.
      if (Object.keys(st).length === 0) delete next.steps[name];
      else next.steps[name] = st;
    }
  } else throw userError.invalid("grievance.contract.badRule", { rule: rule.slice(0, 40) });
  const ok = contractRulesSchema.safeParse(next);
  if (!ok.success) throw userError.invalid("grievance.contract.badValue", { rule: key });
  return ok.data;
}

async function saveRules(ctx: LinkedCtx, c: { id: number; code: string }, rules: ContractRules, what: Record<string, unknown>) {
  await updateContractRules(ctx.db, c.id, rules, ctx.person.id, ctx.clock.now());
  await ctx.audit("grievance.contract.update", { type: "grievanceContract", id: c.id }, what);
  return replanAll(ctx, c.id);
}

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
    await ensureDefaults(ctx.store);
    const c = await contractByCode(ctx.db, args.code);
    if (!c) throw userError.notFound("grievance.contract.unknown", { code: args.code });
    const key = args.rule.toLowerCase();
    const next = applyRule(parseRules(c), args.rule, args.value);
    const n = await saveRules(ctx, c, next, { rule: key });
    return reply.private(
      reply.text(`✅ ${ctx.t("grievance.contract.updated", { code: c.code, rule: key, count: n })}`),
      reply.list(c.code, describeRules(ctx, next)),
      ...(await previewBlocks(ctx, c.code, next, today(ctx))),
    );
  },
});

export const contractAdd = defineCommand({
  path: ["grievance", "contract", "add"],
  description: "grievance.contract.addDescription",
  args: {
    code: arg.string("grievance.args.newContract", { maxLength: 40 }),
    name: arg.string("grievance.args.contractName", { maxLength: 120, rest: true }),
  },
  access: { roles: STAFF },
  async run(ctx, args) {
    await ensureDefaults(ctx.store);
    const code = args.code.trim().toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9_-]{1,39}$/.test(code)) throw userError.invalid("grievance.contract.badCode", { code: code.slice(0, 40) });
    // A new contract starts with a filing window and no steps: staff enter its article step by step.
    const rules: ContractRules = { filing: { days: 30, count: "calendar", from: ["knew"] }, steps: {}, weekendRule: "next_business_day", cutoff: "17:00", timeZone: TIME_ZONE };
    const id = await createContract(ctx.store, { code, name: args.name.trim(), employerGroup: null, rules }, ctx.person.id, ctx.clock.now());
    if (id === null) throw userError.conflict("grievance.contract.exists", { code });
    await ctx.audit("grievance.contract.add", { type: "grievanceContract", id }, { code });
    return reply.private(reply.text(`✅ ${ctx.t("grievance.contract.added", { code })}`), reply.list(code, describeRules(ctx, rules)), reply.context(ctx.t("grievance.contract.howToEdit")));
  },
});

export const contractPreview = defineCommand({
  path: ["grievance", "contract", "preview"],
  description: "grievance.contract.previewDescription",
  args: { code: arg.string("grievance.args.contract", { maxLength: 40 }), date: arg.optional(arg.date("grievance.args.sampleDate")) },
  access: { roles: ["steward", "chief_steward", "sublocal_officer", "board_director", "staff", "executive_director"] },
  async run(ctx, args) {
    await ensureDefaults(ctx.store);
    const c = await contractByCode(ctx.db, args.code);
    if (!c) throw userError.notFound("grievance.contract.unknown", { code: args.code });
    return reply.private(...(await previewBlocks(ctx, c.code, parseRules(c), args.date ?? today(ctx))));
  },
});

const CALENDAR_OPS = ["add", "remove", "reset"] as const;

/**
 * A contract's own calendar on top of the state's: `add` a closure day (a university's day after
 * Thanksgiving), `remove` a state holiday the employer works, `reset` a day back to the state's.
 */
export const contractCalendar = defineCommand({
  path: ["grievance", "contract", "calendar"],
  description: "grievance.contract.calendarDescription",
  args: {
    code: arg.string("grievance.args.contract", { maxLength: 40 }),
    op: arg.choice("grievance.args.calendarOp", CALENDAR_OPS),
    day: arg.string("grievance.args.daySpec", { maxLength: 20 }),
    name: arg.optional(arg.string("grievance.args.holidayName", { maxLength: 80, rest: true })),
  },
  access: { roles: STAFF },
  async run(ctx, args) {
    await ensureDefaults(ctx.store);
    const c = await contractByCode(ctx.db, args.code);
    if (!c) throw userError.notFound("grievance.contract.unknown", { code: args.code });
    const day = args.day.trim().toLowerCase();
    if (!daySpecSchema.safeParse(day).success) throw userError.invalid("grievance.contract.badDay", { day: day.slice(0, 20) });
    const rules = parseRules(c);
    const cal = { add: [...(rules.calendar?.add ?? [])], remove: [...(rules.calendar?.remove ?? [])] };
    const had = cal.add.some((e) => e.day === day) || cal.remove.some((e) => e.day === day);
    cal.add = cal.add.filter((e) => e.day !== day);
    cal.remove = cal.remove.filter((e) => e.day !== day);
    if (args.op === "reset" && !had) throw userError.notFound("grievance.contract.noSuchDay", { code: c.code, day });
    const entry = { day, name: args.name?.trim() || day };
    if (args.op === "add") cal.add.push(entry);
    if (args.op === "remove") cal.remove.push(entry);
    const ok = contractRulesSchema.safeParse({ ...rules, calendar: cal });
    if (!ok.success) throw userError.invalid("grievance.contract.calendarFull");
    const n = await saveRules(ctx, c, ok.data, { calendar: args.op, day });
    return reply.private(
      reply.text(`✅ ${ctx.t(`grievance.contract.calendar.${args.op}`, { code: c.code, day, count: n })}`),
      ...(await previewBlocks(ctx, c.code, ok.data, today(ctx))),
    );
  },
});

export const holidayList = defineCommand({
  path: ["grievance", "holiday", "list"],
  description: "grievance.holiday.listDescription",
  args: { year: arg.optional(arg.integer("grievance.args.year", { min: 2000, max: 2100 })) },
  access: { linked: true },
  async run(ctx, args) {
    await ensureDefaults(ctx.store);
    const y = args.year ?? Number(today(ctx).slice(0, 4));
    const rows = await listHolidays(ctx.db, `${y}-01-01`, `${y}-12-31`);
    return reply.private(reply.list(ctx.t("grievance.holiday.title", { year: y }), rows.map((h) => ({ text: fmtDate(h.date, ctx.fmt), detail: h.name })), ctx.t("grievance.holiday.none")));
  },
});

export const holidayAdd = defineCommand({
  path: ["grievance", "holiday", "add"],
  description: "grievance.holiday.addDescription",
  args: { date: arg.date("grievance.args.holidayDate"), name: arg.string("grievance.args.holidayName", { maxLength: 80, rest: true }) },
  access: { roles: STAFF },
  async run(ctx, args) {
    await ensureDefaults(ctx.store);
    if (!(await addHoliday(ctx.db, args.date, args.name, ctx.person.id, ctx.clock.now()))) throw userError.conflict("grievance.holiday.exists", { date: args.date });
    await ctx.audit("grievance.holiday.add", { type: "holiday", id: args.date });
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
    await ensureDefaults(ctx.store);
    if (!(await removeHoliday(ctx.db, args.date))) throw userError.notFound("grievance.holiday.notFound", { date: args.date });
    await ctx.audit("grievance.holiday.remove", { type: "holiday", id: args.date });
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
      await clearStewardChannel(ctx.db, code);
      await ctx.audit("grievance.channel.clear", { type: "sublocal", id: code });
      await replanSublocal(ctx, code);
      return reply.private(reply.text(`✅ ${ctx.t("grievance.channel.cleared", { code })}`));
    }
    const m = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(raw) ?? /^#?([A-Za-z0-9_-]+)$/.exec(raw);
    if (!m) throw userError.invalid("core.args.notAChannel");
    if (ctx.platform === "cli") throw userError.invalid("grievance.schedule.noChannelHere");
    await requirePostable(ctx, m[1]!);
    await setStewardChannel(ctx.db, { subLocalCode: code, platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: m[1]! }, ctx.person.id, ctx.clock.now());
    await ctx.audit("grievance.channel.set", { type: "sublocal", id: code }, { channelId: m[1]! });
    await replanSublocal(ctx, code);
    return reply.private(reply.text(`✅ ${ctx.t("grievance.channel.set", { code, channel: channelMention(ctx.platform, m[1]!) })}`));
  },
});

async function replanSublocal(ctx: LinkedCtx, code: string) {
  for (const g of await openCases(ctx.db)) if (g.subLocalCode === code) await syncReminders(ctx.store, g.id, ctx.clock.now());
}
