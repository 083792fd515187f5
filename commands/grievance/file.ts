// Intake: `/grievance file` opens a form; the case gets its reference, its steward and its
// deadlines. A likely duplicate (same grievant, article, incident within 14 days) is shown with
// a link and needs a confirm click.
import { z } from "zod";
import {
  createGrievance,
  grievanceById,
  contractByCode,
  listContracts,
  memberById,
  memberByNumber,
  possibleDuplicates,
  searchMembers,
  type MemberHit,
  type NewGrievance,
} from "../../db/grievances.ts";
import { holidayDates } from "../../db/holidays.ts";
import { holdersOf } from "../../db/roles.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, defineForm, type AutocompleteDef, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { reply, type Form, type Notice, type Reply } from "../core/reply.ts";
import { notice } from "../core/notice.ts";
import { assignedNotice, filedNotice } from "./notices.ts";
import { renderCase } from "./case.ts";
import { isIsoDate } from "./deadlines.ts";
import { CATEGORIES, deadlinesOf, ensureDefaults, firstStep, parseRules, stepLabel, today } from "./model.ts";
import { listScope, mayFileFor } from "./permissions.ts";
import { audiencesFor, writeReminderPlan } from "./reminders.ts";
import { crashPoint } from "../core/crash-point.ts";

const FILERS = ["steward", "chief_steward", "staff", "executive_director"] as const;

/** The sub-locals whose members this person may file for (null: all). */
function fileScope(ctx: LinkedCtx): string[] | null {
  const s = listScope(ctx.roles, ctx.person.id);
  if (s.all) return null;
  return ctx.roles.filter((r) => (r.role === "steward" || r.role === "chief_steward") && r.scopeType === "sublocal" && r.scopeId).map((r) => r.scopeId!);
}

const label = (m: MemberHit) => `${m.preferredName ?? m.firstName} ${m.lastName} (${m.memberNumber}${m.subLocalCode ? `, ${m.subLocalCode}` : ""})`;

/** Member search by name or number, within the sub-locals the caller may file for. */
export const memberSearch: AutocompleteDef = {
  id: "grievance.member",
  access: { roles: FILERS },
  async suggest(ctx, partial) {
    if (partial.trim().length < 2) return [];
    return (await searchMembers(ctx.db, partial, fileScope(ctx), 10)).map((m) => ({ value: m.memberNumber, label: label(m) }));
  },
};

/**
 * The intake is two short forms, so it fits everywhere (a Discord modal holds five fields):
 * who and what first; then, with the grievant known, the dates, the story and the remedy.
 */
export async function intakeForm(ctx: LinkedCtx, initial: Record<string, string> = {}): Promise<Form> {
  await ensureDefaults(ctx.store);
  const t = ctx.t;
  const contracts = await listContracts(ctx.db);
  const f = (name: string) => (initial[name] !== undefined ? { initial: initial[name] } : {});
  return {
    form: "grievance.file",
    title: t("grievance.file.title"),
    intro: t("grievance.file.intro"),
    submitLabel: t("grievance.file.next"),
    fields: [
      { name: "grievant", label: t("grievance.fields.grievant"), kind: "text", required: true, hint: t("grievance.file.grievantHint"), maxLength: 80, ...f("grievant") },
      { name: "contract", label: t("grievance.fields.contract"), kind: "select", required: true, options: contracts.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` })), ...f("contract") },
      { name: "category", label: t("grievance.fields.category"), kind: "select", required: true, options: CATEGORIES.map((c) => ({ value: c, label: t(`grievance.categories.${c}`) })), ...f("category") },
      { name: "articles", label: t("grievance.fields.articles"), kind: "text", required: true, hint: t("grievance.file.articlesHint"), maxLength: 120, ...f("articles") },
      { name: "incident", label: t("grievance.fields.incident"), kind: "date", required: true, ...f("incident") },
    ],
  };
}

function detailsForm(ctx: LinkedCtx, first: Page1, member: MemberHit): Form {
  const t = ctx.t;
  return {
    form: "grievance.file2",
    title: t("grievance.file.title2"),
    intro: t("grievance.file.intro2", { name: `${member.preferredName ?? member.firstName} ${member.lastName}` }),
    submitLabel: t("grievance.file.submit"),
    payload: { ...first, grievant: member.memberNumber },
    fields: [
      { name: "learned", label: t("grievance.fields.learned"), kind: "date", required: true, initial: first.incident },
      { name: "discipline", label: t("grievance.fields.discipline"), kind: "date", hint: t("grievance.file.disciplineHint") },
      { name: "narrative", label: t("grievance.fields.narrative"), kind: "textarea", required: true, maxLength: 4000 },
      { name: "remedy", label: t("grievance.fields.remedy"), kind: "textarea", required: true, maxLength: 2000 },
      { name: "workplace", label: t("grievance.fields.workplace"), kind: "text", required: true, hint: t("grievance.file.workplaceHint"), maxLength: 200, initial: [member.employer, member.worksite].filter(Boolean).join(" — ") },
    ],
  };
}

export const fileCommand = defineCommand({
  path: ["grievance", "file"],
  description: "grievance.file.description",
  args: { grievant: arg.optional(arg.string("grievance.args.grievant", { maxLength: 80, rest: true, autocomplete: "grievance.member" })) },
  access: { roles: FILERS },
  async run(ctx, args): Promise<Reply> {
    if (!args.grievant) return { visibility: "private", blocks: [], form: await intakeForm(ctx) };
    // `/grievance file 100001` or a name picked from the member search: the form opens filled in.
    let hit: MemberHit;
    try {
      hit = await resolveGrievant(ctx, args.grievant);
    } catch (e) {
      if (e instanceof FieldErrors) {
        const first = Object.values(e.errors)[0]!;
        throw userError.invalid(typeof first === "string" ? first : first.key, typeof first === "string" ? {} : first.vars);
      }
      throw e;
    }
    if (!mayFileFor(ctx.roles, hit.subLocalCode)) throw userError.notAllowed("grievance.file.notYourMember", { code: hit.subLocalCode ?? "—" });
    const contracts = await listContracts(ctx.db);
    const member = (await memberById(ctx.db, hit.id))!;
    const contract = contracts.find((c) => c.employerGroup && c.employerGroup === member.employerGroup) ?? contracts[0];
    return { visibility: "private", blocks: [], form: await intakeForm(ctx, { grievant: label(hit), ...(contract ? { contract: contract.code } : {}) }) };
  },
});

const day = z.string().trim().refine(isIsoDate, "core.args.notADate");
const page1Fields = z.object({
  grievant: z.string().trim().min(1, "core.args.missing").max(80),
  contract: z.string().trim().min(1, "core.args.missing").max(40),
  category: z.enum(CATEGORIES),
  articles: z.string().trim().min(1, "core.args.missing").max(120),
  incident: day,
});
type Page1 = z.infer<typeof page1Fields>;
const page2Fields = z.object({
  learned: day,
  discipline: day.optional(),
  narrative: z.string().trim().min(1, "core.args.missing").max(4000),
  remedy: z.string().trim().min(1, "core.args.missing").max(2000),
  workplace: z.string().trim().min(1, "core.args.missing").max(200),
});
const intakeFields = page1Fields.extend({
  employer: z.string().trim().max(120).optional(),
  worksite: z.string().trim().max(120).optional(),
  learned: day,
  discipline: day.optional(),
  narrative: z.string().trim().min(1, "core.args.missing").max(4000),
  remedy: z.string().trim().min(1, "core.args.missing").max(2000),
});
type Intake = z.infer<typeof intakeFields>;

/** "Art. 21.1, 18" → first article "21.1", the one reports count. */
export function primaryArticle(articles: string): string | null {
  const m = /(\d+(?:\.\d+)*[a-z]?)/i.exec(articles);
  return m ? m[1]!.toLowerCase() : null;
}

async function resolveGrievant(ctx: LinkedCtx, raw: string): Promise<MemberHit> {
  const scope = fileScope(ctx);
  const q = raw.replace(/\(.*\)$/, "").trim();
  const number = /\((\d{3,10})[,)]/.exec(raw)?.[1] ?? (/^\d{3,10}$/.test(q) ? q : null);
  if (number) {
    const m = await memberByNumber(ctx.db, number);
    // A member outside the caller's sub-locals reads as no match: member data is not probed this way.
    if (!m || (scope && !scope.includes(m.subLocalCode ?? ""))) throw new FieldErrors({ grievant: { key: "grievance.file.noMatch", vars: { q: number } } });
    return m;
  }
  const hits = await searchMembers(ctx.db, q, scope, 6);
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) throw new FieldErrors({ grievant: { key: "grievance.file.noMatch", vars: { q: q.slice(0, 40) } } });
  throw new FieldErrors({ grievant: { key: "grievance.file.ambiguous", vars: { options: hits.slice(0, 5).map(label).join("; ") } } });
}

interface Prepared {
  input: NewGrievance;
  contractCode: string;
}

async function prepare(ctx: LinkedCtx, v: Intake): Promise<Prepared> {
  await ensureDefaults(ctx.store);
  const hit = await resolveGrievant(ctx, v.grievant);
  const member = (await memberById(ctx.db, hit.id))!;
  if (!member.subLocalCode) throw new FieldErrors({ grievant: "grievance.file.noSublocal" });
  if (!mayFileFor(ctx.roles, member.subLocalCode)) throw new FieldErrors({ grievant: { key: "grievance.file.notYourMember", vars: { code: member.subLocalCode } } });
  const contract = await contractByCode(ctx.db, v.contract);
  if (!contract) throw new FieldErrors({ contract: "grievance.file.unknownContract" });
  const article = primaryArticle(v.articles);
  if (!article) throw new FieldErrors({ articles: "grievance.file.badArticles" });
  const now = today(ctx);
  if (v.incident > now) throw new FieldErrors({ incident: "grievance.errors.future" });
  if (v.learned > now) throw new FieldErrors({ learned: "grievance.errors.future" });
  if (v.learned < v.incident) throw new FieldErrors({ learned: "grievance.file.learnedBeforeIncident" });
  if (v.discipline && v.discipline > addYear(now)) throw new FieldErrors({ discipline: "grievance.file.disciplineTooFar" });
  // A workplace the filer stated is taken as stated (a worksite left out stays out); only without
  // one do the member's employer and worksite stand in, together.
  const stated = Boolean(v.employer);
  const employer = stated ? v.employer : member.employer;
  if (!employer) throw new FieldErrors({ workplace: "core.args.missing" });
  const rules = parseRules(contract);
  const steward = await assignSteward(ctx, member.subLocalCode);
  return {
    contractCode: contract.code,
    input: {
      grievantId: member.id,
      stewardId: steward,
      subLocalCode: member.subLocalCode,
      employer,
      employerGroup: member.employerGroup,
      region: member.region,
      worksite: stated ? (v.worksite ?? null) : member.worksite,
      contractId: contract.id,
      articles: v.articles,
      article,
      category: v.category,
      incidentDate: v.incident,
      learnedDate: v.learned,
      disciplineDate: v.discipline ?? null,
      narrative: v.narrative,
      remedy: v.remedy,
      stepNo: firstStep(rules),
      filedOn: now,
      createdById: ctx.person.id,
    },
  };
}

function addYear(d: string): string {
  return `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
}

/** The filer when they steward that sub-local; otherwise its first steward, then its chief steward. */
async function assignSteward(ctx: LinkedCtx, subLocal: string): Promise<number | null> {
  if (ctx.roles.some((r) => (r.role === "steward" || r.role === "chief_steward") && r.scopeType === "sublocal" && r.scopeId === subLocal)) return ctx.person.id;
  const now = ctx.clock.now();
  const scope = { scopeType: "sublocal", scopeId: subLocal };
  const stewards = await holdersOf(ctx.db, "steward", now, scope);
  if (stewards[0]) return stewards[0].personId;
  const chiefs = await holdersOf(ctx.db, "chief_steward", now, scope);
  return chiefs[0]?.personId ?? null;
}

async function create(ctx: LinkedCtx, p: Prepared): Promise<Reply> {
  const now = ctx.clock.now();
  const who = await audiencesFor(ctx.store, p.input, now);
  const holidays = await holidayDates(ctx.db);
  // The case, its audit entry and its whole reminder plan commit together, or not at all.
  const { id, ref } = await ctx.commitAsync(async (tx) => {
    const made = await createGrievance(tx, p.input, now);
    crashPoint("grievance.afterCase");
    await ctx.auditIn(tx, "grievance.file", { type: "grievance", id: made.id }, { stepNo: p.input.stepNo, contract: p.contractCode, category: p.input.category, stewardId: p.input.stewardId });
    await writeReminderPlan(tx, ctx.store, made.id, who, holidays, now);
    return made;
  });
  const g = (await grievanceById(ctx.db, id))!;
  const c = { g, ...(await deadlinesOf(ctx.db, g, holidays)) };
  const view = await renderCase(ctx, c);
  const notices: Notice[] = [];
  // Each person told reads it in their own language.
  if (g.stewardId && g.stewardId !== ctx.person.id) notices.push(notice(assignedNotice, g.stewardId, { id, ref }));
  if (g.grievantId !== ctx.person.id) notices.push(notice(filedNotice, g.grievantId, { ref, step: g.stepNo }));
  const filing = c.deadlines.find((d) => d.kind === "filing");
  // Typed in late is not filed late: the steward can record the real day, or an agreed extension.
  const late = filing && g.filedOn > filing.dueDate ? [reply.text(`⚠️ ${ctx.t("grievance.file.late", { date: filing.dueDate })}`), reply.context(ctx.t("grievance.file.lateHint", { ref }))] : [];
  return { ...view, blocks: [reply.text(`✅ ${ctx.t("grievance.file.done", { ref, step: stepLabel(ctx.t, g.stepNo) })}`), ...late, ...view.blocks], notices };
}

/** Page 1: who and what. Checked now, so page 2 can be filled in from the member's record. */
export const fileForm = defineForm({
  id: "grievance.file",
  fields: page1Fields,
  payload: z.unknown(),
  access: { roles: FILERS },
  async submit(ctx, v) {
    await ensureDefaults(ctx.store);
    const hit = await resolveGrievant(ctx, v.grievant);
    if (!hit.subLocalCode) throw new FieldErrors({ grievant: "grievance.file.noSublocal" });
    if (!mayFileFor(ctx.roles, hit.subLocalCode)) throw new FieldErrors({ grievant: { key: "grievance.file.notYourMember", vars: { code: hit.subLocalCode } } });
    if (!(await contractByCode(ctx.db, v.contract))) throw new FieldErrors({ contract: "grievance.file.unknownContract" });
    if (!primaryArticle(v.articles)) throw new FieldErrors({ articles: "grievance.file.badArticles" });
    if (v.incident > today(ctx)) throw new FieldErrors({ incident: "grievance.errors.future" });
    return { visibility: "private", blocks: [], form: detailsForm(ctx, v, hit) };
  },
});

/** "Employer — worksite" as typed (an em dash, or " - "). */
export function splitWorkplace(s: string): { employer: string; worksite?: string } {
  const m = /^(.*?)\s+(?:—|–|-)\s+(.*)$/.exec(s.trim());
  return m ? { employer: m[1]!.trim(), worksite: m[2]!.trim() || undefined } : { employer: s.trim() };
}

/** Page 2: the rest; then the duplicate check and the case. */
export const fileDetailsForm = defineForm({
  id: "grievance.file2",
  fields: page2Fields,
  payload: page1Fields,
  access: { roles: FILERS },
  async submit(ctx, v, first) {
    const { workplace, ...rest } = v;
    const intake: Intake = { ...first, ...rest, ...splitWorkplace(workplace) };
    const p = await prepare(ctx, intake);
    const dups = await possibleDuplicates(ctx.db, p.input.grievantId, p.input.article, p.input.incidentDate);
    if (dups.length > 0) {
      return reply.private(
        reply.text(`⚠️ ${ctx.t("grievance.file.duplicate", { count: dups.length })}`),
        reply.list(
          undefined,
          dups.map((d) => ({ text: `${d.ref} — ${ctx.t("grievance.file.dupLine", { article: d.article, incident: d.incidentDate, filed: d.filedOn })}`, detail: `/grievance show ${d.ref}` })),
        ),
        reply.buttons(
          ...dups.slice(0, 3).map((d) => ({ label: ctx.t("grievance.buttons.openRef", { ref: d.ref }), action: "grievance.act", payload: { id: d.id, op: "show" } })),
          { label: ctx.t("grievance.file.fileAnyway"), action: "grievance.file.confirm", payload: { intake }, style: "primary", once: true, group: "decision" },
          { label: ctx.t("grievance.file.dontFile"), action: "grievance.file.cancel", payload: {}, once: true, group: "decision" },
        ),
      );
    }
    return create(ctx, p);
  },
});

/** "File anyway" after a duplicate warning: everything is checked again now. */
export const confirmFile = defineAction({
  id: "grievance.file.confirm",
  payload: z.object({ intake: intakeFields }),
  access: { roles: FILERS },
  async run(ctx, { intake }) {
    let p: Prepared;
    try {
      p = await prepare(ctx, intake);
    } catch (e) {
      if (e instanceof FieldErrors) {
        const first = Object.values(e.errors)[0]!;
        throw userError.invalid(typeof first === "string" ? first : first.key, typeof first === "string" ? {} : first.vars);
      }
      throw e;
    }
    return { ...(await create(ctx, p)), update: true };
  },
});

export const cancelFile = defineAction({
  id: "grievance.file.cancel",
  payload: z.object({}),
  access: { roles: FILERS },
  run(ctx) {
    return { ...reply.private(reply.text(ctx.t("grievance.file.cancelled"))), update: true };
  },
});
