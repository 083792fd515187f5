// Access requests: a form, routed to the approver the policy names as a card with Approve / Deny.
// The first decision wins (atomically, across every approver's card); the requester is told.
import { z } from "zod";
import { contactsInScope, createRequest, decideRequest, requestById, type ScopeRef } from "../../db/contacts.ts";
import { displayName, personById } from "../../db/people.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { reply, type Block, type Form, type Notice, type Reply } from "../core/reply.ts";
import { candidacyOn } from "../../db/contacts-elections.ts";
import { unionDay } from "./election.ts";
import { screenForElection } from "./election-screen.ts";
import { requireAgreement } from "./agreement.ts";
import { scheduleGrantEndIn } from "./jobs.ts";
import { crashPoint } from "../core/crash-point.ts";
import { fmt, purposeText, scopeText, withEndReminders } from "./common.ts";
import { approversOf, candidateRoute, DEFAULT_DAYS, fieldsFor, isOfficerElectionPurpose, MAX_DAYS, mayDecide, PURPOSES, requestableScopes, routeFor, scopeValue } from "./policy.ts";
import { defineNotice, notice } from "../core/notice.ts";
import type { Translate } from "../core/i18n.ts";
import { data } from "../../db/data.ts";

/** Campaign lists offered as variants of a scope ("sublocal:SL-083#cape"). */
const CAMPAIGN_VARIANTS = { "#organizing": "organizing", "#cape": "cape" } as const;
type CampaignVariant = (typeof CAMPAIGN_VARIANTS)[keyof typeof CAMPAIGN_VARIANTS];

function splitVariant(value: string): { base: string; variant: CampaignVariant | null } {
  for (const [suffix, variant] of Object.entries(CAMPAIGN_VARIANTS)) if (value.endsWith(suffix)) return { base: value.slice(0, -suffix.length), variant };
  return { base: value, variant: null };
}

function routeText(ctx: LinkedCtx, route: string): string {
  const m = /^sublocal_president:(.+)$/.exec(route);
  const first = m ? ctx.t("contacts.request.route.sublocal_president", { id: m[1] }) : ctx.t(`contacts.request.route.${route}`);
  // A declared candidate's request goes to the executive director (or designee) only.
  if (route === "executive_director" || route === "statewide") return first;
  return `${first}; ${ctx.t("contacts.request.route.fallback")}`;
}

export const requestCommand = defineCommand({
  path: ["contacts", "request"],
  opensForm: true,
  description: "contacts.request.description",
  args: {},
  access: { linked: true },
  run: withEndReminders(async (ctx) => {
    const scopes = requestableScopes(ctx.roles);
    if (scopes.length === 0) {
      await ctx.audit("contacts.denied", { type: "person", id: ctx.person.id }, { reason: "not_eligible_to_request" });
      throw userError.notAllowed("contacts.request.notEligible");
    }
    const gate = await requireAgreement(ctx);
    if (gate) return gate;
    const t = ctx.t;
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "contacts.request",
        title: t("contacts.request.formTitle"),
        intro: t("contacts.request.intro"),
        submitLabel: t("contacts.request.submit"),
        fields: [
          {
            name: "scope",
            label: t("contacts.request.fieldScope"),
            kind: "select",
            required: true,
            initial: scopeValue(scopes[0]!),
            options: scopes.flatMap((s) => [
              { value: scopeValue(s), label: scopeText(ctx, s) },
              ...Object.entries(CAMPAIGN_VARIANTS).map(([suffix, campaign]) => ({ value: `${scopeValue(s)}${suffix}`, label: scopeText(ctx, { ...s, campaign }) })),
            ]),
          },
          { name: "purpose", label: t("contacts.request.fieldPurpose"), kind: "select", required: true, options: PURPOSES.map((p) => ({ value: p, label: purposeText(ctx, p) })) },
          { name: "classification", label: t("contacts.request.fieldClassification"), kind: "text", maxLength: 100, hint: t("contacts.request.hintClassification") },
          { name: "justification", label: t("contacts.request.fieldJustification"), kind: "textarea", required: true, maxLength: 1000, hint: t("contacts.request.hintJustification") },
          { name: "days", label: t("contacts.request.fieldDays"), kind: "number", initial: String(DEFAULT_DAYS), hint: t("contacts.request.hintDays") },
        ],
      },
    };
  }),
});

const requestFields = z.object({
  scope: z.string().max(200),
  purpose: z.enum(PURPOSES),
  classification: z.string().trim().max(100).optional(),
  justification: z.string().trim().max(1000),
  days: z.string().trim().max(4).optional(),
});
type RequestValues = z.infer<typeof requestFields>;

interface Checked {
  scope: ScopeRef;
  days: number;
}

/**
 * A real explanation: 20 characters, or 8 in Chinese, where one character is a word (a sentence
 * that says who and why is far shorter than in the alphabetic languages).
 */
export function explainsEnough(text: string): boolean {
  const chars = [...text.trim()];
  const han = chars.filter((c) => /\p{Script=Han}/u.test(c)).length;
  return chars.length >= 20 || han >= 8;
}

/** Everything the form says, checked against the caller's roles now (they may have changed). */
async function checkRequest(ctx: LinkedCtx, v: RequestValues): Promise<Checked | { reply: Reply }> {
  const scopes = requestableScopes(ctx.roles);
  if (scopes.length === 0) throw userError.notAllowed("contacts.request.notEligible");
  const gate = await requireAgreement(ctx);
  if (gate) return { reply: gate };
  // Five fields at most (Discord modals): organizing and CAPE campaigns are variants of the
  // scope, a selective campaign is the classification field filled in.
  const { base, variant } = splitVariant(v.scope);
  const chosen = scopes.find((s) => scopeValue(s) === base);
  const errors: Record<string, string> = {};
  if (!chosen) errors.scope = "contacts.request.badScope";
  const days = v.days === undefined ? DEFAULT_DAYS : /^\d+$/.test(v.days) ? Number(v.days) : NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) errors.days = "contacts.request.daysRange";
  if (!explainsEnough(v.justification)) errors.justification = "contacts.request.justificationShort";
  const campaign = variant ?? (v.classification ? "classification" : null);
  if (variant && v.classification) errors.classification = "contacts.request.classificationOrOrganizing";
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  const scope: ScopeRef = { scopeType: chosen!.scopeType, scopeId: chosen!.scopeId, campaign, campaignDetail: campaign === "classification" ? v.classification! : null };
  if (campaign === "classification" && (await contactsInScope(ctx.store, scope, [], { limit: 1 })).total === 0)
    throw new FieldErrors({ classification: { key: "contacts.request.classificationUnknown", vars: { name: v.classification } } });
  return { scope, days };
}

/** The requester's own promise, in their language: a required choice on the second page. */
function attestForm(ctx: LinkedCtx, v: RequestValues, c: Checked): Form {
  const t = ctx.t;
  return {
    form: "contacts.request.attest",
    title: t("contacts.attest.title"),
    intro: t("contacts.attest.intro", { scope: scopeText(ctx, c.scope), purpose: purposeText(ctx, v.purpose), days: c.days }),
    submitLabel: t("contacts.request.submit"),
    payload: v,
    fields: [
      {
        name: "attest",
        label: t("contacts.attest.label"),
        kind: "select",
        required: true,
        options: [
          { value: "confirm", label: t("contacts.attest.confirm") },
          { value: "decline", label: t("contacts.attest.decline") },
        ],
      },
    ],
  };
}

/** Page 1: what and why. Only the explicit officer-election purpose is refused outright. */
export const requestForm = defineForm({
  id: "contacts.request",
  fields: requestFields,
  payload: z.null(),
  access: { linked: true },
  async submit(ctx, v) {
    const checked = await checkRequest(ctx, v);
    if ("reply" in checked) return checked.reply;
    const { scope, days } = checked;
    if (isOfficerElectionPurpose(v.purpose)) {
      const row = await createRequest(ctx.store, { ...scope, requesterId: ctx.person.id, purpose: v.purpose, justification: v.justification, days, route: routeFor(scope), status: "refused", createdAt: ctx.clock.now() });
      await ctx.audit("contacts.request.refused", { type: "contact_request", id: row.id }, { reason: "officer_election", scopeType: scope.scopeType, scopeId: scope.scopeId });
      return reply.private(reply.section(`⛔ ${ctx.t("contacts.request.refusedTitle")}`, [], ctx.t("contacts.request.refusedElection")));
    }
    return { visibility: "private", blocks: [], form: attestForm(ctx, v, checked) };
  },
});

/**
 * Page 2: the attestation; then the screen, the candidate check and the routing. A flagged
 * request still goes to its approver, with the words that matched; a declared candidate's
 * request during their election's window goes to the executive director (or designee).
 */
export const attestRequestForm = defineForm({
  id: "contacts.request.attest",
  fields: z.object({ attest: z.enum(["confirm", "decline"]) }),
  payload: requestFields,
  access: { linked: true },
  async submit(ctx, { attest }, v) {
    if (attest !== "confirm") throw new FieldErrors({ attest: "contacts.attest.required" });
    const checked = await checkRequest(ctx, v);
    if ("reply" in checked) return checked.reply;
    const { scope, days } = checked;
    if (isOfficerElectionPurpose(v.purpose)) throw userError.notAllowed("contacts.request.refusedElection");
    const now = ctx.clock.now();
    const screen = screenForElection(v.justification, v.classification);
    const candidacy = await candidacyOn(ctx.db, ctx.person.id, unionDay(now));
    const route = candidacy.length ? candidateRoute(ctx.roles) : routeFor(scope);
    const flags: RequestFlags = {};
    if (screen.flagged) flags.screen = screen.hits.map((h) => h.text);
    if (candidacy.length) flags.candidate = { electionId: candidacy[0]!.id, name: candidacy[0]!.name };
    const row = await createRequest(ctx.store, {
      ...scope,
      requesterId: ctx.person.id,
      purpose: v.purpose,
      justification: v.justification,
      days,
      route,
      status: "pending",
      flags: JSON.stringify(flags),
      attestedAt: now,
      createdAt: now,
    });
    const approvers = await approversOf(ctx.store, row, now);
    await ctx.audit(
      "contacts.request",
      { type: "contact_request", id: row.id },
      {
        scopeType: scope.scopeType,
        scopeId: scope.scopeId,
        campaign: scope.campaign,
        purpose: v.purpose,
        days,
        route,
        approverIds: approvers.map((a) => a.id),
        attested: true,
        screenFlagged: screen.flagged,
        candidateElectionId: flags.candidate?.electionId ?? null,
      },
    );
    // Each approver reads the card in their own language (rendered by the core for each of them).
    const notices: Notice[] = approvers.map((a) => notice(requestCardNotice, a.id, { requestId: row.id }));
    const text = approvers.length ? ctx.t("contacts.request.sent", { id: row.id, approvers: routeText(ctx, route) }) : ctx.t("contacts.request.sentNoApprover", { id: row.id });
    const warnings = [
      ...(flags.screen ? [reply.context(`⚠️ ${ctx.t("contacts.screen.toRequester", { words: quoteWords(flags.screen) })}`)] : []),
      ...(flags.candidate ? [reply.context(`⚠️ ${ctx.t("contacts.election.toRequester", { election: flags.candidate.name })}`)] : []),
    ];
    return { ...reply.private(reply.text(`📨 ${text}`), ...warnings, reply.context(ctx.t("contacts.policyNote"))), notices };
  },
});

export interface RequestFlags {
  screen?: string[];
  candidate?: { electionId: number; name: string };
}

export function parseFlags(raw: string | null | undefined): RequestFlags {
  try {
    return raw ? (JSON.parse(raw) as RequestFlags) : {};
  } catch {
    return {};
  }
}

const quoteWords = (words: string[]) => words.map((w) => `“${w}”`).join(", ");

/** The decision card an approver sees: in their messages, on Home and in `/unionhall pending`. */
export function requestCard(
  ctx: { t: Translate },
  id: number,
  requester: { firstName: string; lastName: string; preferredName: string | null; memberNumber: string },
  r: ScopeRef & { purpose: string; justification: string; days: number; flags?: string | null },
) {
  const fields = fieldsFor(r.purpose, r.campaign).map((f) => ctx.t(`contacts.fields.${f}`));
  const flags = parseFlags(r.flags);
  const warnings: Block[] = [];
  if (flags.candidate) warnings.push(reply.text(`🚩 ${ctx.t("contacts.election.toApprover", { election: flags.candidate.name })}`));
  if (flags.screen?.length) warnings.push(reply.text(`⚠️ ${ctx.t("contacts.screen.toApprover", { words: quoteWords(flags.screen) })}`));
  return reply.private(
    ...warnings,
    reply.section(
      ctx.t("contacts.request.cardTitle", { id }),
      [
        { label: ctx.t("contacts.request.cardJustification"), value: r.justification },
        { label: ctx.t("contacts.request.cardFields"), value: fields.join(", ") },
      ],
      ctx.t("contacts.request.cardText", { name: displayName(requester), number: requester.memberNumber, scope: scopeText(ctx, r), purpose: purposeText(ctx, r.purpose), days: r.days }),
    ),
    reply.context(ctx.t("contacts.attest.onCard")),
    reply.buttons(
      { label: ctx.t("contacts.request.approve"), action: "contacts.request.decide", payload: { requestId: id, approve: true }, style: "primary", once: true, group: "decision" },
      { label: ctx.t("contacts.request.deny"), action: "contacts.request.decide", payload: { requestId: id, approve: false }, style: "danger", once: true, group: "decision" },
    ),
  );
}

export const decideAction = defineAction({
  id: "contacts.request.decide",
  payload: z.object({ requestId: z.number().int().positive(), approve: z.boolean() }),
  access: { roles: ["sublocal_officer", "staff", "executive_director", "statewide_president"] },
  async run(ctx, { requestId, approve }) {
    const now = ctx.clock.now();
    const req = await requestById(ctx.store, requestId);
    if (!req) throw userError.notFound("contacts.request.notFound", { id: requestId });
    // The finer check: is this person the right approver for THIS request, right now?
    if (req.requesterId === ctx.person.id) throw userError.notAllowed("contacts.request.ownRequest", { id: requestId });
    if (!mayDecide(ctx.roles, ctx.person.id, req)) {
      await ctx.audit("contacts.denied", { type: "contact_request", id: requestId }, { reason: "not_the_approver", route: req.route });
      throw userError.notAllowed("contacts.request.notApprover", { id: requestId, who: routeText(ctx, req.route) });
    }
    // The decision, its grant, the grant's end-of-access reminder, its audit entry and the use of
    // this Approve/Deny button commit together: a crash leaves the request pending and decidable,
    // or decided with everything that goes with it.
    const d = await ctx.commitAsync(async (tx) => {
      const d = await decideRequest(tx, requestId, ctx.person.id, approve, now);
      // The audit entry commits with the decision it records: a grant of access is never unaudited.
      if (d.ok && d.status === "denied") await ctx.auditIn(tx, "contacts.request.deny", { type: "contact_request", id: requestId }, { requesterId: req.requesterId });
      if (d.ok && d.status === "approved") await scheduleGrantEndIn(tx, ctx.store, { grantId: d.grantId, granteeId: req.requesterId, expiresAt: d.expiresAt, approvedById: ctx.person.id });
      if (d.ok && d.status === "approved")
        await ctx.auditIn(tx, "contacts.request.approve", { type: "contact_request", id: requestId }, { grantId: d.grantId, requesterId: req.requesterId, scopeType: req.scopeType, scopeId: req.scopeId, purpose: req.purpose, expiresAt: d.expiresAt.toISOString() });
      crashPoint("contacts.afterDecision");
      return d;
    });
    const by = displayName(ctx.person);
    if (!d.ok) {
      const decider = d.decidedById ? await personById(ctx.db, d.decidedById) : null;
      return {
        ...reply.private(reply.text(ctx.t("contacts.request.alreadyDecided", { id: requestId, status: d.status, by: decider ? displayName(decider) : "—", when: d.decidedAt ? fmt(d.decidedAt) : "" }))),
        update: true,
      };
    }
    const requester = await personById(ctx.db, req.requesterId);
    const vars = { id: requestId, by, name: requester ? displayName(requester) : `#${req.requesterId}`, scope: scopeText(ctx, req), purpose: purposeText(ctx, req.purpose) };
    // The requester is told in their own language: the core renders the notice for them.
    const told = notice(decidedNotice, req.requesterId, { requestId, byId: ctx.person.id, until: d.status === "approved" ? d.expiresAt.toISOString() : null });
    if (d.status === "denied") return { ...reply.private(reply.text(ctx.t("contacts.request.denied", vars))), update: true, notices: [told] };
    const until = fmt(d.expiresAt);
    return { ...reply.private(reply.text(ctx.t("contacts.request.approved", { ...vars, until, grant: d.grantId }))), update: true, notices: [told] };
  },
});

/** The card an approver gets for a new request, in the approver's language. */
export const requestCardNotice = defineNotice({
  id: "contacts.request",
  values: z.object({ requestId: z.number().int().positive() }),
  example: { requestId: 1 },
  async render(n, v) {
    const req = await requestById(n.store, v.requestId);
    const requester = req ? await personById(data(n.store), req.requesterId) : null;
    if (!req || !requester) throw new Error("request not found");
    return requestCard(n, req.id, requester, { ...req, scopeType: req.scopeType as ScopeRef["scopeType"], campaign: req.campaign as ScopeRef["campaign"] });
  },
});

/** "Your request was approved / denied", in the requester's language. */
export const decidedNotice = defineNotice({
  id: "contacts.decided",
  values: z.object({ requestId: z.number().int().positive(), byId: z.number().int().positive(), until: z.string().datetime().nullable() }),
  example: { requestId: 1, byId: 2, until: "2026-12-23T17:00:00.000Z" },
  async render(n, v) {
    const req = await requestById(n.store, v.requestId);
    if (!req) throw new Error("request not found");
    const [requester, decider] = await Promise.all([personById(data(n.store), req.requesterId), personById(data(n.store), v.byId)]);
    const theirs = { id: req.id, by: decider ? displayName(decider) : `#${v.byId}`, name: requester ? displayName(requester) : `#${req.requesterId}`, scope: scopeText(n, req), purpose: purposeText(n, req.purpose) };
    if (v.until === null) return reply.private(reply.text(n.t("contacts.request.youDenied", theirs)));
    return reply.private(reply.text(`✅ ${n.t("contacts.request.youApproved", { ...theirs, until: fmt(new Date(v.until)) })}`), reply.context(n.t("contacts.policyNote")), reply.context(n.t("contacts.election.rule")));
  },
});
