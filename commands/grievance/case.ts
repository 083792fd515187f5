// Looking at a case and acting on it: show, mine, list, and the step actions (record a
// management response, advance, extend, note, close, reassign) as commands, buttons and forms.
// Every action: permission checked (again at click time), validated before anything is written,
// written with its history entry in one transaction, audited (ids only), reminders re-planned.
import { z } from "zod";
import {
  addExtension,
  addNote,
  changeCase,
  extensionsFor,
  grievanceById,
  grievanceByRef,
  listCases,
  namesOf,
  recordCaseDate,
  type GrievanceRow,
} from "../../db/grievances.ts";
import { holidayDates } from "../../db/holidays.ts";
import { displayName, personByNumber } from "../../db/people.ts";
import { activeRoles } from "../../db/roles.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, defineForm, type AutocompleteDef, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { localStamp } from "../core/format.ts";
import { reply, type Block, type Button, type Form, type Notice, type Reply } from "../core/reply.ts";
import { notice, type NoticeKind } from "../core/notice.ts";
import { advancedNotice, assignedNotice, closedNotice } from "./notices.ts";
import {
  DEADLINE_KINDS,
  LAST_STEP,
  STEPS,
  addDays,
  businessDaysLeft,
  caseDeadlines,
  daysBetween,
  firstStep,
  isIsoDate,
  isOverdue,
  nextStep,
  urgency,
  type ContractRules,
  type Deadline,
  type DeadlineKind,
  type HolidaySet,
} from "./deadlines.ts";
import {
  OUTCOMES,
  caseScope,
  deadlinesOf,
  ensureDefaults,
  events,
  fmtDate,
  fmtStamp,
  loadCase,
  stepLabel,
  today,
  type LoadedCase,
} from "./model.ts";
import { listScope, mayOnCase, seesInternals, type GrievanceAction } from "./permissions.ts";
import { syncReminders } from "./reminders.ts";
import { historyBlocks } from "./history.ts";

const refArg = () => arg.string("grievance.args.ref", { maxLength: 20, autocomplete: "grievance.ref" });

/** References the caller may open: their own cases plus what `/grievance list` would show them. */
export const refSearch: AutocompleteDef = {
  id: "grievance.ref",
  access: { linked: true },
  async suggest(ctx, partial) {
    const q = partial.trim();
    const scope = listScope(ctx.roles, ctx.person.id);
    const own = await listCases(ctx.db, { scope: null, grievantId: ctx.person.id, refContains: q, limit: 25 });
    const scoped = scope.all || scope.subLocals.length + scope.employerGroups.length + scope.regions.length > 0 || scope.stewardId !== null
      ? await listCases(ctx.db, { scope: scope.all ? null : scope, refContains: q, limit: 25 })
      : [];
    const seen = new Set<number>();
    return [...own, ...scoped]
      .filter((g) => !seen.has(g.id) && seen.add(g.id))
      .slice(0, 25)
      .map((g) => ({ value: g.ref, label: `${g.ref} · ${g.category.replace(/_/g, " ")} · ${stepLabel(ctx.t, g.stepNo)} · ${g.subLocalCode}${g.status === "closed" ? " · closed" : ""}` }));
  },
};
const OPS = ["show", "respond", "advance", "extend", "dates", "note", "close", "reassign"] as const;
type Op = (typeof OPS)[number];
// Recording when things really happened is part of running the case, like recording a response.
const opAction: Record<Op, GrievanceAction> = { show: "view", respond: "respond", advance: "advance", extend: "extend", dates: "respond", note: "note", close: "close", reassign: "reassign" };

/** The permission an advance needs: moving to arbitration is a bigger decision than the next step. */
function advanceAction(rules: ContractRules, stepNo: number): GrievanceAction {
  return nextStep(rules, stepNo) === LAST_STEP ? "arbitrate" : "advance";
}

// ---- Rendering --------------------------------------------------------------------------------

function deadlineTitle(ctx: LinkedCtx, d: Deadline): string {
  if (d.kind === "filing") return ctx.t("grievance.deadline.filing");
  if (d.kind === "response") return ctx.t("grievance.deadline.response", { step: stepLabel(ctx.t, d.stepNo) });
  if (d.kind === "meeting") return ctx.t("grievance.deadline.meeting", { step: stepLabel(ctx.t, d.stepNo) });
  const to = d.toStep ?? Math.min(d.stepNo + 1, LAST_STEP);
  return to >= LAST_STEP ? ctx.t("grievance.deadline.arbitration") : ctx.t("grievance.deadline.appeal", { step: stepLabel(ctx.t, to) });
}

export function deadlineLine(ctx: LinkedCtx, c: LoadedCase, d: Deadline): { text: string; detail: string } {
  const now = ctx.clock.now();
  const day = today(ctx);
  const when = `${fmtDate(d.dueDate, ctx.fmt)} ${d.cutoff}`;
  const ext = d.extended ? ` ${ctx.t("grievance.deadline.extendedFrom", { date: d.baseDate })}` : "";
  const count = ctx.t(`grievance.deadline.from.${d.anchor}`);
  const title = deadlineTitle(ctx, d);
  if (d.state === "met") {
    if (d.kind === "filing") {
      const late = c.g.filedOn > d.dueDate;
      return { text: `${late ? "⚠️" : "✅"} ${title}: ${when}`, detail: ctx.t(late ? "grievance.deadline.filedLate" : "grievance.deadline.filedOnTime", { date: c.g.filedOn }) + ext };
    }
    return { text: `✅ ${title}: ${when}`, detail: ctx.t("grievance.deadline.met") + ext };
  }
  const u = urgency(d, now, day, c.holidays);
  const left = businessDaysLeft(d, day, c.holidays);
  const leftText = isOverdue(d, now) ? ctx.t("grievance.deadline.overdue") : left <= 0 ? ctx.t("grievance.deadline.today") : ctx.t("grievance.deadline.left", { count: left });
  const icon = u === "overdue" ? "🚨" : u === "critical" ? "‼️" : u === "warning" ? "⚠️" : "🗓️";
  let consequence = "";
  if (d.party === "management" && u === "overdue") consequence = ctx.t("grievance.deadline.mayAdvance", { step: stepLabel(ctx.t, nextStep(c.rules, d.stepNo)) });
  else if (d.party === "union" && u === "overdue") consequence = ctx.t("grievance.deadline.unionMissed");
  else if (d.party === "union" && (u === "critical" || u === "warning")) consequence = ctx.t("grievance.deadline.unionLoud");
  return { text: `${icon} ${title}: ${when} — ${leftText}`, detail: `${count}${ext}${consequence ? ` ${consequence}` : ""}` };
}

function buttonsFor(ctx: LinkedCtx, g: GrievanceRow, rules: ContractRules): Button[] {
  const s = caseScope(g);
  const out: Button[] = [];
  const add = (op: Op, style?: "primary" | "danger") => {
    const action = op === "advance" ? advanceAction(rules, g.stepNo) : opAction[op];
    if (mayOnCase(ctx.roles, ctx.person.id, action, s)) out.push({ label: ctx.t(`grievance.buttons.${op}`), action: "grievance.act", payload: { id: g.id, op }, style });
  };
  if (g.status === "open") {
    if (g.stepNo < LAST_STEP && !g.responseReceivedOn) add("respond", "primary");
    if (g.stepNo < LAST_STEP) add("advance");
    add("extend");
    add("dates");
  }
  add("note");
  if (g.status === "open") {
    add("reassign");
    add("close", "danger");
  }
  return out;
}

export async function renderCase(ctx: LinkedCtx, c: LoadedCase): Promise<Reply> {
  const { g } = c;
  const internal = seesInternals(ctx.roles, ctx.person.id, caseScope(g));
  const names = await namesOf(ctx.db, [g.grievantId, ...(g.stewardId ? [g.stewardId] : [])]);
  const status = g.status === "closed" ? ctx.t("grievance.show.closedAs", { outcome: ctx.t(`grievance.outcomes.${g.outcome}`), date: g.closedOn }) : ctx.t("grievance.show.open");
  const blocks: Block[] = [
    reply.section(
      ctx.t("grievance.show.title", { ref: g.ref, category: ctx.t(`grievance.categories.${g.category}`) }),
      [
        { label: ctx.t("grievance.fields.grievant"), value: names.get(g.grievantId) ?? "—" },
        { label: ctx.t("grievance.fields.steward"), value: g.stewardId ? (names.get(g.stewardId) ?? "—") : ctx.t("grievance.show.noSteward") },
        { label: ctx.t("grievance.fields.step"), value: stepLabel(ctx.t, g.stepNo) },
        { label: ctx.t("grievance.fields.status"), value: status },
        { label: ctx.t("grievance.fields.subLocal"), value: g.subLocalCode },
        { label: ctx.t("grievance.fields.employer"), value: `${g.employer}${g.worksite ? ` — ${g.worksite}` : ""}` },
        { label: ctx.t("grievance.fields.contract"), value: c.contract.code },
        { label: ctx.t("grievance.fields.articles"), value: g.articles },
        { label: ctx.t("grievance.fields.dates"), value: ctx.t("grievance.show.dates", { incident: g.incidentDate, learned: g.learnedDate, filed: g.filedOn }) },
      ],
    ),
  ];
  if (internal) blocks.push(reply.section(undefined, [], `*${ctx.t("grievance.fields.narrative")}:* ${g.narrative}\n*${ctx.t("grievance.fields.remedy")}:* ${g.remedy}`));
  blocks.push(reply.list(ctx.t("grievance.show.deadlines"), c.deadlines.map((d) => deadlineLine(ctx, c, d)), ctx.t("grievance.show.noDeadlines")));
  // The latest page of the history; older entries a click away (a long history costs no more).
  blocks.push(...(await historyBlocks(ctx, g)));
  const buttons = buttonsFor(ctx, g, c.rules);
  if (buttons.length) blocks.push(reply.buttons(...buttons));
  return reply.private(...blocks);
}

// ---- show, mine, list -------------------------------------------------------------------------

export const show = defineCommand({
  path: ["grievance", "show"],
  description: "grievance.show.description",
  args: { ref: refArg() },
  access: { linked: true },
  async run(ctx, args) {
    const c = await loadCase(ctx, args.ref, "view");
    await ctx.audit("grievance.view", { type: "grievance", id: c.g.id });
    return renderCase(ctx, c);
  },
});

async function caseItems(ctx: LinkedCtx, rows: GrievanceRow[], opts: { dueBy?: string; overdueOnly?: boolean } = {}) {
  const holidays = await holidayDates(ctx.db);
  const exts = await extensionsFor(ctx.db, rows.map((r) => r.id));
  const names = await namesOf(ctx.db, rows.flatMap((r) => [r.grievantId, ...(r.stewardId ? [r.stewardId] : [])]));
  const now = ctx.clock.now();
  const day = today(ctx);
  const items: { text: string; detail: string; due: string }[] = [];
  const contracts = new Map<number, ContractRules>();
  for (const g of rows) {
    if (!contracts.has(g.contractId)) contracts.set(g.contractId, (await deadlinesOf(ctx.db, g, holidays)).rules);
    const ds = caseDeadlines({ ...g }, contracts.get(g.contractId)!, holidays, exts.get(g.id) ?? []).filter((d) => d.state === "open");
    const next = ds.sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    if (opts.overdueOnly && !ds.some((d) => isOverdue(d, now))) continue;
    if (opts.dueBy && !(next && next.dueDate <= opts.dueBy && !isOverdue(next, now))) continue;
    const nextText = next
      ? ctx.t("grievance.list.next", {
          what: ctx.t(`grievance.deadline.short.${next.kind}`),
          date: fmtDate(next.dueDate, ctx.fmt),
          flag: isOverdue(next, now) ? " 🚨" : urgency(next, now, day, holidays) === "critical" ? " ‼️" : "",
        })
      : g.status === "closed"
        ? ctx.t(`grievance.outcomes.${g.outcome}`)
        : ctx.t("grievance.list.noDeadline");
    items.push({
      text: `${g.ref} · ${stepLabel(ctx.t, g.stepNo)} · ${ctx.t(`grievance.categories.${g.category}`)} · ${names.get(g.grievantId) ?? ""}`,
      detail: `${nextText}${g.stewardId ? ` · ${ctx.t("grievance.fields.steward")}: ${names.get(g.stewardId) ?? ""}` : ""}`,
      due: next?.dueDate ?? "9999",
    });
  }
  return items;
}

export const mine = defineCommand({
  path: ["grievance", "mine"],
  description: "grievance.mine.description",
  args: {},
  access: { linked: true },
  async run(ctx) {
    await ensureDefaults(ctx.store);
    const holidays = await holidayDates(ctx.db);
    const own = await listCases(ctx.db, { scope: null, grievantId: ctx.person.id, limit: 50 });
    const assigned = ctx.roles.some((r) => r.role === "steward" || r.role === "chief_steward")
      ? await listCases(ctx.db, { scope: null, stewardId: ctx.person.id, status: "open", limit: 200 })
      : [];
    const standing = await Promise.all(own.map((g) => (g.status === "closed" ? "" : whereItStands(ctx, g, holidays))));
    const blocks: Block[] = [];
    // The member's own cases: only what the grievant sees (no stewards' notes, no other names).
    blocks.push(
      reply.list(
        ctx.t("grievance.mine.own"),
        own.map((g, i) => ({
          text: `${g.ref} · ${ctx.t(`grievance.categories.${g.category}`)} · ${stepLabel(ctx.t, g.stepNo)}`,
          detail: g.status === "closed" ? ctx.t("grievance.show.closedAs", { outcome: ctx.t(`grievance.outcomes.${g.outcome}`), date: g.closedOn }) : standing[i]!,
        })),
        ctx.t("grievance.mine.noneOwn"),
      ),
    );
    if (assigned.length || ctx.roles.some((r) => r.role === "steward" || r.role === "chief_steward"))
      blocks.push(reply.list(ctx.t("grievance.mine.assigned"), (await caseItems(ctx, assigned)).sort((a, b) => a.due.localeCompare(b.due)), ctx.t("grievance.mine.noneAssigned")));
    blocks.push(reply.context(ctx.t("grievance.mine.hint")));
    return reply.private(...blocks);
  },
});

/** "Where is my case?" in plain words for the grievant: the step and what happens next. */
async function whereItStands(ctx: LinkedCtx, g: GrievanceRow, holidays: HolidaySet): Promise<string> {
  const next = (await deadlinesOf(ctx.db, g, holidays))
    .deadlines.filter((d) => d.state === "open")
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  const since = ctx.t("grievance.mine.openSince", { date: g.filedOn });
  if (!next) return since;
  const key = next.party === "management" ? "grievance.mine.waitingManagement" : "grievance.mine.appealWindow";
  return `${since} — ${ctx.t(key, { date: fmtDate(next.dueDate, ctx.fmt), step: stepLabel(ctx.t, next.toStep ?? Math.min(next.stepNo + 1, LAST_STEP)) })}`;
}

/** The grievance part of a person's home page: their own cases, and the deadlines of cases they steward. */
export async function home(ctx: LinkedCtx): Promise<Block[]> {
  await ensureDefaults(ctx.store);
  const holidays = await holidayDates(ctx.db);
  const blocks: Block[] = [];
  const own = await listCases(ctx.db, { scope: null, grievantId: ctx.person.id, status: "open", limit: 10 });
  if (own.length) {
    const standing = await Promise.all(own.map((g) => whereItStands(ctx, g, holidays)));
    blocks.push(reply.list(ctx.t("grievance.mine.own"), own.map((g, i) => ({ text: `${g.ref} · ${stepLabel(ctx.t, g.stepNo)}`, detail: standing[i]! }))));
  }
  if (ctx.roles.some((r) => r.role === "steward" || r.role === "chief_steward")) {
    const assigned = await listCases(ctx.db, { scope: null, stewardId: ctx.person.id, status: "open", limit: 200 });
    if (assigned.length) {
      const items = (await caseItems(ctx, assigned)).sort((a, b) => a.due.localeCompare(b.due));
      blocks.push(reply.list(ctx.t("grievance.mine.assigned"), items.slice(0, 10).map(({ text, detail }) => ({ text, detail }))));
    }
  }
  return blocks;
}

const LIST_VIEWS = ["open", "due", "overdue", "closed", "all"] as const;

export const list = defineCommand({
  path: ["grievance", "list"],
  description: "grievance.list.description",
  args: {
    view: arg.optional(arg.choice("grievance.args.view", LIST_VIEWS)),
    sublocal: arg.optional(arg.string("grievance.args.sublocal", { maxLength: 20 })),
  },
  access: { roles: ["steward", "chief_steward", "sublocal_officer", "board_director", "staff", "executive_director"] },
  async run(ctx, args) {
    await ensureDefaults(ctx.store);
    const view = args.view ?? "open";
    const scope = listScope(ctx.roles, ctx.person.id);
    const sub = args.sublocal?.toUpperCase();
    if (sub && !scope.all && !scope.subLocals.includes(sub) && scope.employerGroups.length === 0 && scope.regions.length === 0)
      throw userError.notAllowed("grievance.list.notYourSublocal", { code: sub });
    const rows = await listCases(ctx.db, {
      scope: scope.all ? null : { subLocals: scope.subLocals, employerGroups: scope.employerGroups, regions: scope.regions, stewardId: scope.stewardId },
      subLocalCode: sub,
      status: view === "closed" ? "closed" : view === "all" ? undefined : "open",
      limit: 500,
    });
    const weekEnd = (() => {
      const d = new Date(`${today(ctx)}T00:00:00Z`);
      return new Date(d.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    })();
    const items = await caseItems(ctx, rows, { dueBy: view === "due" ? weekEnd : undefined, overdueOnly: view === "overdue" });
    if (view !== "closed" && view !== "all") items.sort((a, b) => a.due.localeCompare(b.due));
    await ctx.audit("grievance.list", undefined, { view, sublocal: sub ?? null, count: items.length });
    return reply.private(
      reply.list(ctx.t(`grievance.list.title.${view}`, { scope: sub ?? ctx.t("grievance.list.yourScope"), count: items.length }), items.slice(0, 50).map(({ text, detail }) => ({ text, detail })), ctx.t("grievance.list.empty")),
      ...(items.length > 50 ? [reply.context(ctx.t("grievance.list.more", { count: items.length - 50 }))] : []),
    );
  },
});

// ---- Step actions -----------------------------------------------------------------------------

interface ActionResult {
  text: string;
  c: LoadedCase;
  notices?: Notice[];
}

async function after(ctx: LinkedCtx, id: number, text: string, notices: Notice[] = []): Promise<ActionResult> {
  const g = (await grievanceById(ctx.db, id))!;
  const c = { g, ...(await deadlinesOf(ctx.db, g, await holidayDates(ctx.db))) };
  try {
    await syncReminders(ctx.store, id, ctx.clock.now());
  } catch (e) {
    // The change is made; a reminder problem must not hide that. The next change re-plans them.
    ctx.log.warn("grievance.reminders.failed", { grievanceId: id, error: e instanceof Error ? e.name : "unknown" });
  }
  return { text, c, notices };
}

async function finish(ctx: LinkedCtx, r: ActionResult, update = false): Promise<Reply> {
  const view = await renderCase(ctx, r.c);
  return { ...view, blocks: [reply.text(`✅ ${r.text}`), ...view.blocks], notices: r.notices, update };
}

function checkDay(day: string | undefined, field: string, ctx: LinkedCtx, notBefore: string): string {
  const d = day ?? today(ctx);
  if (!isIsoDate(d)) throw new FieldErrors({ [field]: "core.args.notADate" });
  if (d > today(ctx)) throw new FieldErrors({ [field]: "grievance.errors.future" });
  if (d < notBefore) throw new FieldErrors({ [field]: { key: "grievance.errors.beforeStep", vars: { date: notBefore } } });
  return d;
}

function conflictIfMoved(ok: boolean, ref: string): void {
  if (!ok) throw userError.conflict("grievance.errors.changedMeanwhile", { ref });
}

/** A notice to the grievant (rendered by the core in their own language), unless they are the one acting. */
function grievantNotice<V>(ctx: LinkedCtx, g: GrievanceRow, kind: NoticeKind<V>, values: V): Notice[] {
  return g.grievantId === ctx.person.id ? [] : [notice(kind, g.grievantId, values)];
}

export async function doRespond(ctx: LinkedCtx, ref: string, v: { received?: string; summary: string }): Promise<ActionResult> {
  const c = await loadCase(ctx, ref, "respond");
  const { g } = c;
  if (g.stepNo >= LAST_STEP) throw userError.conflict("grievance.errors.noResponseAtArbitration", { ref: g.ref });
  if (g.responseReceivedOn) throw userError.conflict("grievance.errors.responseRecorded", { ref: g.ref, date: g.responseReceivedOn });
  const received = checkDay(v.received, "received", ctx, g.stepStartedOn);
  // The change and its audit entry commit together (the reminders are re-planned next, and
  // completed at start-up if a crash comes between).
  const ok = await ctx.commitAsync(async (tx) => {
    const changed = await changeCase(
      tx,
      g.id,
      { responseReceivedOn: received },
      { at: ctx.clock.now(), actorId: ctx.person.id, kind: "response", stepNo: g.stepNo, text: v.summary, details: { received } },
      { stepNo: g.stepNo, status: "open" },
    );
    if (changed) await ctx.auditIn(tx, "grievance.respond", { type: "grievance", id: g.id }, { stepNo: g.stepNo, received });
    return changed;
  });
  conflictIfMoved(ok, g.ref);
  const res = await after(ctx, g.id, ctx.t("grievance.respond.done", { ref: g.ref, step: stepLabel(ctx.t, g.stepNo), date: received }));
  const appeal = res.c.deadlines.find((d) => d.kind === "appeal" && d.state === "open");
  if (appeal) res.text += ` ${ctx.t("grievance.respond.appealBy", { date: fmtDate(appeal.dueDate, ctx.fmt) })}`;
  return res;
}

export async function doAdvance(ctx: LinkedCtx, ref: string, v: { on?: string; note?: string }): Promise<ActionResult> {
  const pre = await loadCase(ctx, ref, "view");
  if (pre.g.status === "closed") throw userError.conflict("grievance.errors.closed", { ref: pre.g.ref });
  if (pre.g.stepNo >= LAST_STEP) throw userError.conflict("grievance.errors.atLastStep", { ref: pre.g.ref });
  // The contract's next step: a step the contract does not have is skipped.
  const next = nextStep(pre.rules, pre.g.stepNo);
  const c = await loadCase(ctx, ref, advanceAction(pre.rules, pre.g.stepNo));
  const { g } = c;
  const on = checkDay(v.on, "on", ctx, g.stepStartedOn);
  const appeal = c.deadlines.find((d) => d.kind === "appeal");
  const late = appeal && on > appeal.dueDate;
  // The change and its audit entry commit together (the reminders are re-planned next, and
  // completed at start-up if a crash comes between).
  const ok = await ctx.commitAsync(async (tx) => {
    const changed = await changeCase(
      tx,
      g.id,
      { stepNo: next, stepStartedOn: on, stepReceivedOn: null, meetingHeldOn: null, responseReceivedOn: null },
      { at: ctx.clock.now(), actorId: ctx.person.id, kind: "advanced", stepNo: next, text: v.note ?? null, details: { from: STEPS[g.stepNo], to: STEPS[next], on, late: !!late } },
      { stepNo: g.stepNo, status: "open" },
    );
    if (changed) await ctx.auditIn(tx, "grievance.advance", { type: "grievance", id: g.id }, { from: g.stepNo, to: next, late: !!late });
    return changed;
  });
  conflictIfMoved(ok, g.ref);
  let text = ctx.t("grievance.advance.done", { ref: g.ref, step: stepLabel(ctx.t, next), date: on });
  if (late) text += ` ${ctx.t("grievance.advance.late", { date: appeal!.dueDate })}`;
  return await after(ctx, g.id, text, grievantNotice(ctx, g, advancedNotice, { ref: g.ref, step: next }));
}

/**
 * Records an agreed extension of any deadline of the case: the filing deadline (also after the
 * grievance was filed, when the agreement came first), or the current step's meeting, response
 * or appeal deadline. Without a named deadline, the next open one is extended.
 */
export async function doExtend(ctx: LinkedCtx, ref: string, v: { deadline?: DeadlineKind; until: string; reason: string; agreedWith?: string }): Promise<ActionResult> {
  const c = await loadCase(ctx, ref, "extend");
  const { g } = c;
  const byDate = (a: Deadline, b: Deadline) => a.dueDate.localeCompare(b.dueDate);
  const named = c.deadlines.filter((d) => d.kind === v.deadline && (d.kind === "filing" || d.stepNo === g.stepNo));
  const target = v.deadline
    ? (named.filter((d) => d.state === "open").sort(byDate)[0] ?? named.sort(byDate)[0])
    : c.deadlines.filter((d) => d.state === "open").sort(byDate)[0];
  if (!target) throw userError.conflict("grievance.extend.nothingOpen", { ref: g.ref, deadline: v.deadline ? ctx.t(`grievance.deadline.short.${v.deadline}`) : "" });
  if (!isIsoDate(v.until)) throw new FieldErrors({ until: "core.args.notADate" });
  if (v.until <= target.dueDate) throw new FieldErrors({ until: { key: "grievance.extend.notLater", vars: { date: target.dueDate } } });
  if (daysBetween(today(ctx), v.until) > 365) throw new FieldErrors({ until: "grievance.extend.tooFar" });
  // The change and its audit entry commit together (the reminders are re-planned next, and
  // completed at start-up if a crash comes between).
  const ok = await ctx.commitAsync(async (tx) => {
    const changed = await addExtension(
      tx,
      { grievanceId: g.id, stepNo: target.stepNo, deadline: target.kind, untilDate: v.until, reason: v.reason, agreedWith: v.agreedWith ?? null, byId: ctx.person.id, at: ctx.clock.now() },
      { stepNo: g.stepNo, status: "open" },
    );
    if (changed) await ctx.auditIn(tx, "grievance.extend", { type: "grievance", id: g.id }, { stepNo: target.stepNo, deadline: target.kind, from: target.dueDate, until: v.until });
    return changed;
  });
  conflictIfMoved(ok, g.ref);
  const res = await after(ctx, g.id, "");
  const now = res.c.deadlines.find((d) => d.kind === target.kind && d.stepNo === target.stepNo)!;
  res.text = ctx.t("grievance.extend.done", { ref: g.ref, deadline: ctx.t(`grievance.deadline.short.${target.kind}`), from: fmtDate(target.dueDate, ctx.fmt), to: fmtDate(now.dueDate, ctx.fmt) });
  if (target.kind === "filing") res.text += ` ${ctx.t(g.filedOn > now.dueDate ? "grievance.deadline.filedLate" : "grievance.deadline.filedOnTime", { date: fmtDate(g.filedOn, ctx.fmt) })}`;
  return res;
}

export const DATE_EVENTS = ["filed", "received", "meeting", "responded"] as const;
export type DateEvent = (typeof DATE_EVENTS)[number];
/** How far back a real date may be recorded: a case typed in late, not a typo of the year. */
const MAX_BACKDATE_DAYS = 366;

/**
 * The steward records when something really happened at the current step (the grievance filed
 * with management, received by management, the step meeting, management's response); windows
 * are counted from these dates from then on. Each change is checked against a sane range,
 * written with a history entry and audited.
 */
export async function doDate(ctx: LinkedCtx, ref: string, event: DateEvent, date: string): Promise<ActionResult> {
  const c = await loadCase(ctx, ref, "respond");
  const { g } = c;
  if (g.status !== "open") throw userError.conflict("grievance.errors.closed", { ref: g.ref });
  if (!isIsoDate(date)) throw new FieldErrors({ date: "core.args.notADate" });
  const day = today(ctx);
  if (date > day) throw new FieldErrors({ date: "grievance.errors.future" });
  const earliest = addDays(day, -MAX_BACKDATE_DAYS);
  if (date < earliest) throw new FieldErrors({ date: { key: "grievance.dates.tooOld", vars: { date: earliest } } });
  const atFirst = g.stepNo === firstStep(c.rules);
  const filedNow = event === "filed" ? date : g.stepStartedOn;
  // A filing can't come before the events it grieves; an appeal can't come before the step it leaves.
  const floor = event === "filed" ? (atFirst ? g.incidentDate : g.filedOn) : filedNow;
  if (date < floor) throw new FieldErrors({ date: { key: "grievance.dates.beforeFloor", vars: { date: floor } } });
  if (event === "filed") {
    for (const later of [g.stepReceivedOn, g.meetingHeldOn, g.responseReceivedOn])
      if (later && later < date) throw new FieldErrors({ date: { key: "grievance.dates.afterLater", vars: { date: later } } });
  }
  if (event === "responded" && g.stepNo >= LAST_STEP) throw userError.conflict("grievance.errors.noResponseAtArbitration", { ref: g.ref });
  const column = { filed: "stepStartedOn", received: "stepReceivedOn", meeting: "meetingHeldOn", responded: "responseReceivedOn" } as const;
  const from = g[column[event]];
  if (from === date) throw userError.conflict("grievance.dates.same", { ref: g.ref, date });
  const change = { [column[event]]: date, ...(event === "filed" && atFirst ? { filedOn: date } : {}) };
  const ok = await ctx.commitAsync(async (tx) => {
    const changed = await recordCaseDate(tx, g.id, change, { at: ctx.clock.now(), actorId: ctx.person.id, stepNo: g.stepNo, details: { event, from, to: date } }, { stepNo: g.stepNo, status: "open" });
    if (changed) await ctx.auditIn(tx, "grievance.date", { type: "grievance", id: g.id }, { event, stepNo: g.stepNo, from, to: date });
    return changed;
  });
  conflictIfMoved(ok, g.ref);
  const res = await after(ctx, g.id, ctx.t("grievance.dates.done", { ref: g.ref, event: ctx.t(`grievance.dates.event.${event}`), date }));
  const next = res.c.deadlines.filter((d) => d.state === "open").sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  if (next) res.text += ` ${ctx.t("grievance.dates.nextDue", { what: ctx.t(`grievance.deadline.short.${next.kind}`), date: fmtDate(next.dueDate, ctx.fmt) })}`;
  return res;
}

/**
 * A note changes no deadline, so no reminder is re-planned and the answer is only what changed:
 * the line added to the history (as the case card shows it) and a button to open the case.
 * Rebuilding the whole card for one line cost a history page, the names and every deadline.
 */
export async function doNote(ctx: LinkedCtx, ref: string, text: string): Promise<Reply> {
  const c = await loadCase(ctx, ref, "note");
  const at = ctx.clock.now();
  await ctx.commitAsync(async (tx) => {
    await addNote(tx, c.g.id, c.g.stepNo, ctx.person.id, text, at);
    await ctx.auditIn(tx, "grievance.note", { type: "grievance", id: c.g.id }, { length: text.length });
  });
  const line = { text: `${fmtStamp(at, ctx.fmt)} — ${ctx.t("grievance.events.note", { step: stepLabel(ctx.t, c.g.stepNo) })}`, detail: `${displayName(ctx.person)} — ${text}` };
  return reply.private(
    reply.text(`✅ ${ctx.t("grievance.note.done", { ref: c.g.ref })}`),
    reply.list(undefined, [line]),
    reply.buttons({ label: ctx.t("grievance.buttons.show"), action: "grievance.act", payload: { id: c.g.id, op: "show" } }),
  );
}

export async function doClose(ctx: LinkedCtx, ref: string, v: { outcome: (typeof OUTCOMES)[number]; on?: string; note?: string }): Promise<ActionResult> {
  const c = await loadCase(ctx, ref, "close");
  const { g } = c;
  const on = checkDay(v.on, "on", ctx, g.filedOn);
  // The change and its audit entry commit together (the reminders are re-planned next, and
  // completed at start-up if a crash comes between).
  const ok = await ctx.commitAsync(async (tx) => {
    const changed = await changeCase(
      tx,
      g.id,
      { status: "closed", outcome: v.outcome, closedOn: on, daysToResolve: daysBetween(g.filedOn, on) },
      { at: ctx.clock.now(), actorId: ctx.person.id, kind: "closed", stepNo: g.stepNo, text: v.note ?? null, details: { outcome: v.outcome, on } },
      { stepNo: g.stepNo, status: "open" },
    );
    if (changed) await ctx.auditIn(tx, "grievance.close", { type: "grievance", id: g.id }, { outcome: v.outcome, stepNo: g.stepNo });
    return changed;
  });
  conflictIfMoved(ok, g.ref);
  return await after(
    ctx,
    g.id,
    ctx.t("grievance.close.done", { ref: g.ref, outcome: ctx.t(`grievance.outcomes.${v.outcome}`) }),
    grievantNotice(ctx, g, closedNotice, { ref: g.ref, outcome: v.outcome }),
  );
}

export async function doReassign(ctx: LinkedCtx, ref: string, memberNumber: string): Promise<ActionResult> {
  const c = await loadCase(ctx, ref, "reassign");
  const { g } = c;
  const p = await personByNumber(ctx.db, memberNumber.trim());
  if (!p) throw new FieldErrors({ steward: { key: "grievance.errors.noMember", vars: { ref: memberNumber.slice(0, 20) } } });
  const roles = await activeRoles(ctx.db, p.id, ctx.clock.now());
  const fits = roles.some((r) => (r.role === "steward" || r.role === "chief_steward") && r.scopeType === "sublocal" && r.scopeId === g.subLocalCode) || roles.some((r) => r.role === "staff");
  if (!fits) throw new FieldErrors({ steward: { key: "grievance.reassign.notSteward", vars: { code: g.subLocalCode } } });
  if (g.stewardId === p.id) throw userError.conflict("grievance.reassign.same", { ref: g.ref });
  // The change and its audit entry commit together (the reminders are re-planned next, and
  // completed at start-up if a crash comes between).
  const ok = await ctx.commitAsync(async (tx) => {
    const changed = await changeCase(
      tx,
      g.id,
      { stewardId: p.id },
      { at: ctx.clock.now(), actorId: ctx.person.id, kind: "reassigned", stepNo: g.stepNo, text: null, details: { from: g.stewardId, to: p.id } },
      { stepNo: g.stepNo, status: "open" },
    );
    if (changed) await ctx.auditIn(tx, "grievance.reassign", { type: "grievance", id: g.id }, { from: g.stewardId, to: p.id });
    return changed;
  });
  conflictIfMoved(ok, g.ref);
  return await after(ctx, g.id, ctx.t("grievance.reassign.done", { ref: g.ref, name: `${p.preferredName ?? p.firstName} ${p.lastName}` }), p.id === ctx.person.id ? [] : [notice(assignedNotice, p.id, { id: g.id, ref: g.ref })]);
}

// ---- Commands ---------------------------------------------------------------------------------

/** Typed as a command there is no form to show field errors next to: they become a polite reply. */
export async function commandErrors(work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof FieldErrors) {
      const first = Object.values(e.errors)[0]!;
      throw userError.invalid(typeof first === "string" ? first : first.key, typeof first === "string" ? {} : first.vars);
    }
    throw e;
  }
}

// Who can ever run a command that changes a case: help lists it only for them; the case itself is checked again.
const CASE_WORKERS = ["steward", "chief_steward", "staff", "executive_director"] as const;
const REASSIGNERS = ["chief_steward", "staff", "executive_director"] as const;

export const respond = defineCommand({
  path: ["grievance", "respond"],
  description: "grievance.respond.description",
  args: { ref: refArg(), received: arg.optional(arg.date("grievance.args.received")), summary: arg.string("grievance.args.summary", { maxLength: 2000, rest: true }) },
  access: { roles: CASE_WORKERS },
  run: async (ctx, a) => commandErrors(async () => finish(ctx, await doRespond(ctx, a.ref, { received: a.received, summary: a.summary }))),
});

export const advance = defineCommand({
  path: ["grievance", "advance"],
  description: "grievance.advance.description",
  args: { ref: refArg(), on: arg.optional(arg.date("grievance.args.appealedOn")), note: arg.optional(arg.string("grievance.args.note", { maxLength: 2000, rest: true })) },
  access: { roles: CASE_WORKERS },
  run: async (ctx, a) => commandErrors(async () => finish(ctx, await doAdvance(ctx, a.ref, { on: a.on, note: a.note }))),
});

export const extend = defineCommand({
  path: ["grievance", "extend"],
  description: "grievance.extend.description",
  args: {
    ref: refArg(),
    until: arg.date("grievance.args.until"),
    reason: arg.string("grievance.args.reason", { maxLength: 1000, rest: true }),
    deadline: arg.optional(arg.choice("grievance.args.deadline", DEADLINE_KINDS, "grievance.deadline.short")),
  },
  access: { roles: CASE_WORKERS },
  run: async (ctx, a) => commandErrors(async () => finish(ctx, await doExtend(ctx, a.ref, { until: a.until, reason: a.reason, deadline: a.deadline }))),
});

export const dateCommand = defineCommand({
  path: ["grievance", "date"],
  description: "grievance.dates.description",
  args: { ref: refArg(), event: arg.choice("grievance.args.dateEvent", DATE_EVENTS, "grievance.dates.event"), date: arg.date("grievance.args.eventDate") },
  access: { roles: CASE_WORKERS },
  run: async (ctx, a) => commandErrors(async () => finish(ctx, await doDate(ctx, a.ref, a.event, a.date))),
});

export const note = defineCommand({
  path: ["grievance", "note"],
  description: "grievance.note.description",
  args: { ref: refArg(), text: arg.string("grievance.args.noteText", { maxLength: 4000, rest: true }) },
  access: { roles: CASE_WORKERS },
  run: async (ctx, a) => commandErrors(async () => doNote(ctx, a.ref, a.text)),
});

export const close = defineCommand({
  path: ["grievance", "close"],
  description: "grievance.close.description",
  args: { ref: refArg(), outcome: arg.choice("grievance.args.outcome", OUTCOMES, "grievance.outcomes"), note: arg.optional(arg.string("grievance.args.note", { maxLength: 2000, rest: true })) },
  access: { roles: CASE_WORKERS },
  run: async (ctx, a) => commandErrors(async () => finish(ctx, await doClose(ctx, a.ref, { outcome: a.outcome, note: a.note }))),
});

export const reassign = defineCommand({
  path: ["grievance", "reassign"],
  description: "grievance.reassign.description",
  args: { ref: refArg(), steward: arg.string("grievance.args.steward", { maxLength: 20 }) },
  access: { roles: REASSIGNERS },
  run: async (ctx, a) => commandErrors(async () => finish(ctx, await doReassign(ctx, a.ref, a.steward))),
});

// ---- Buttons and their forms ------------------------------------------------------------------

function opForm(ctx: LinkedCtx, c: LoadedCase, op: Exclude<Op, "show">): Form {
  const { g } = c;
  const t = ctx.t;
  const day = today(ctx);
  const base = { form: `grievance.${op}`, submitLabel: t(`grievance.buttons.${op}`), payload: { ref: g.ref, stepNo: g.stepNo, status: g.status } };
  switch (op) {
    case "respond":
      return { ...base, title: t("grievance.respond.title", { ref: g.ref }), fields: [
        { name: "received", label: t("grievance.args.received"), kind: "date", required: true, initial: day },
        { name: "summary", label: t("grievance.args.summary"), kind: "textarea", required: true, maxLength: 2000 },
      ] };
    case "advance":
      return { ...base, title: t("grievance.advance.title", { ref: g.ref, step: stepLabel(t, nextStep(c.rules, g.stepNo)) }), fields: [
        { name: "on", label: t("grievance.args.appealedOn"), kind: "date", required: true, initial: day },
        { name: "note", label: t("grievance.args.note"), kind: "textarea", maxLength: 2000 },
      ] };
    case "extend":
      return { ...base, title: t("grievance.extend.title", { ref: g.ref }), fields: [
        // Any deadline of the case: an agreement may have come before the thing was done (a filing).
        { name: "deadline", label: t("grievance.args.deadline"), kind: "select", required: true, options: c.deadlines.filter((d) => d.kind === "filing" || d.stepNo === g.stepNo).map((d) => ({ value: d.kind, label: `${t(`grievance.deadline.short.${d.kind}`)} (${d.dueDate})` })) },
        { name: "until", label: t("grievance.args.until"), kind: "date", required: true },
        { name: "agreedWith", label: t("grievance.args.agreedWith"), kind: "text", maxLength: 200 },
        { name: "reason", label: t("grievance.args.reason"), kind: "textarea", required: true, maxLength: 1000 },
      ] };
    case "dates":
      return { ...base, title: t("grievance.dates.title", { ref: g.ref }), intro: t("grievance.dates.intro"), fields: [
        { name: "event", label: t("grievance.args.dateEvent"), kind: "select", required: true, options: DATE_EVENTS.map((e) => ({ value: e, label: t(`grievance.dates.event.${e}`) })) },
        { name: "date", label: t("grievance.args.eventDate"), kind: "date", required: true, initial: day },
      ] };
    case "note":
      return { ...base, title: t("grievance.note.title", { ref: g.ref }), fields: [{ name: "text", label: t("grievance.args.noteText"), kind: "textarea", required: true, maxLength: 4000 }] };
    case "close":
      return { ...base, title: t("grievance.close.title", { ref: g.ref }), fields: [
        { name: "outcome", label: t("grievance.args.outcome"), kind: "select", required: true, options: OUTCOMES.map((o) => ({ value: o, label: t(`grievance.outcomes.${o}`) })) },
        { name: "on", label: t("grievance.args.closedOn"), kind: "date", required: true, initial: day },
        { name: "note", label: t("grievance.args.note"), kind: "textarea", maxLength: 2000 },
      ] };
    case "reassign":
      return { ...base, title: t("grievance.reassign.title", { ref: g.ref }), fields: [{ name: "steward", label: t("grievance.args.steward"), kind: "text", required: true, hint: t("grievance.reassign.hint", { code: g.subLocalCode }) }] };
  }
}

/** Every case button: open the case, or open the form of one step action (permission checked now). */
export const caseButton = defineAction({
  id: "grievance.act",
  payload: z.object({ id: z.number().int(), op: z.enum(OPS) }),
  access: { linked: true },
  async run(ctx, { id, op }) {
    await ensureDefaults(ctx.store);
    const g = await grievanceById(ctx.db, id);
    if (!g) throw userError.notFound("grievance.errors.notFound", { ref: String(id) });
    const pre = await loadCase(ctx, g.ref, "view");
    const c = await loadCase(ctx, g.ref, op === "advance" ? advanceAction(pre.rules, g.stepNo) : opAction[op]);
    if (op === "show") {
      await ctx.audit("grievance.view", { type: "grievance", id: g.id });
      return renderCase(ctx, c);
    }
    return { visibility: "private", blocks: [], form: opForm(ctx, c, op) };
  },
});

const refPayload = z.object({ ref: z.string().max(20), stepNo: z.number().int(), status: z.enum(["open", "closed"]) });

/** A form opened before the case moved on (another step, closed) acts on nothing. */
async function fresh(ctx: LinkedCtx, p: z.infer<typeof refPayload>): Promise<string> {
  const g = await grievanceByRef(ctx.db, p.ref);
  if (g && (g.stepNo !== p.stepNo || g.status !== p.status)) throw userError.conflict("grievance.errors.changedMeanwhile", { ref: g.ref });
  return p.ref;
}
const text = (max: number) => z.string().trim().min(1, "core.args.missing").max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const date = z.string().trim().refine(isIsoDate, "core.args.notADate");

export const forms = [
  defineForm({
    id: "grievance.respond",
    fields: z.object({ received: date, summary: text(2000) }),
    payload: refPayload,
    access: { linked: true },
    submit: async (ctx, v, p) => finish(ctx, await doRespond(ctx, await fresh(ctx, p), v)),
  }),
  defineForm({
    id: "grievance.advance",
    fields: z.object({ on: date, note: optText(2000) }),
    payload: refPayload,
    access: { linked: true },
    submit: async (ctx, v, p) => finish(ctx, await doAdvance(ctx, await fresh(ctx, p), v)),
  }),
  defineForm({
    id: "grievance.extend",
    fields: z.object({ deadline: z.enum(DEADLINE_KINDS), until: date, agreedWith: optText(200), reason: text(1000) }),
    payload: refPayload,
    access: { linked: true },
    submit: async (ctx, v, p) => finish(ctx, await doExtend(ctx, await fresh(ctx, p), v)),
  }),
  defineForm({
    id: "grievance.dates",
    fields: z.object({ event: z.enum(DATE_EVENTS), date }),
    payload: refPayload,
    access: { linked: true },
    submit: async (ctx, v, p) => finish(ctx, await doDate(ctx, await fresh(ctx, p), v.event, v.date)),
  }),
  defineForm({
    id: "grievance.note",
    fields: z.object({ text: text(4000) }),
    payload: refPayload,
    access: { linked: true },
    submit: async (ctx, v, p) => doNote(ctx, p.ref, v.text),
  }),
  defineForm({
    id: "grievance.close",
    fields: z.object({ outcome: z.enum(OUTCOMES), on: date, note: optText(2000) }),
    payload: refPayload,
    access: { linked: true },
    submit: async (ctx, v, p) => finish(ctx, await doClose(ctx, await fresh(ctx, p), v)),
  }),
  defineForm({
    id: "grievance.reassign",
    fields: z.object({ steward: text(20) }),
    payload: refPayload,
    access: { linked: true },
    submit: async (ctx, v, p) => finish(ctx, await doReassign(ctx, await fresh(ctx, p), v.steward)),
  }),
];

