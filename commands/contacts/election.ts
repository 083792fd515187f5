// `/contacts election …`: staff keep each union officer election with its nomination-to-ballot
// window and its declared candidates, so a candidate's contact request during the window goes to
// the executive director (or designee) with a warning instead of to a sub-local president.
import { addCandidate, addElection, candidatesOf, currentElections, electionById, removeCandidate } from "../../db/contacts-elections.ts";
import { displayName, personByNumber } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";

/** The union's calendar day, where election windows are counted. */
export const ELECTION_TIME_ZONE = "America/Los_Angeles";
export function unionDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ELECTION_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

async function election(ctx: LinkedCtx, id: number) {
  const e = await electionById(ctx.db, id);
  if (!e) throw userError.notFound("contacts.election.unknown", { id });
  return e;
}

export const electionAdd = defineCommand({
  path: ["contacts", "election", "add"],
  description: "contacts.election.addDescription",
  args: {
    nominations: arg.date("contacts.election.argNominations"),
    ballot: arg.date("contacts.election.argBallot"),
    name: arg.string("contacts.election.argName", { maxLength: 120, rest: true }),
  },
  access: { roles: STAFF },
  async run(ctx, a) {
    if (a.ballot < a.nominations) throw userError.invalid("contacts.election.badWindow", { from: a.nominations, to: a.ballot });
    const id = await addElection(ctx.db, { name: a.name.trim(), nominationsOpen: a.nominations, ballotCloses: a.ballot, byId: ctx.person.id, at: ctx.clock.now() });
    await ctx.audit("contacts.election.add", { type: "officer_election", id }, { nominationsOpen: a.nominations, ballotCloses: a.ballot });
    return reply.private(reply.text(`✅ ${ctx.t("contacts.election.added", { id, name: a.name.trim(), from: a.nominations, to: a.ballot })}`));
  },
});

export const electionCandidate = defineCommand({
  path: ["contacts", "election", "candidate"],
  description: "contacts.election.candidateDescription",
  args: {
    election: arg.integer("contacts.election.argElection", { min: 1 }),
    member: arg.string("contacts.election.argMember", { maxLength: 20 }),
    office: arg.optional(arg.string("contacts.election.argOffice", { maxLength: 80, rest: true })),
  },
  access: { roles: STAFF },
  async run(ctx, a) {
    const e = await election(ctx, a.election);
    const p = await personByNumber(ctx.db, a.member.trim());
    if (!p) throw userError.notFound("contacts.election.noMember", { number: a.member.slice(0, 20) });
    if (!(await addCandidate(ctx.db, { electionId: e.id, personId: p.id, office: a.office?.trim() || null, byId: ctx.person.id, at: ctx.clock.now() })))
      throw userError.conflict("contacts.election.already", { name: displayName(p), election: e.name });
    await ctx.audit("contacts.election.candidate", { type: "officer_election", id: e.id }, { personId: p.id });
    return reply.private(reply.text(`✅ ${ctx.t("contacts.election.candidateAdded", { name: displayName(p), election: e.name, from: e.nominationsOpen, to: e.ballotCloses })}`));
  },
});

export const electionWithdraw = defineCommand({
  path: ["contacts", "election", "withdraw"],
  description: "contacts.election.withdrawDescription",
  args: { election: arg.integer("contacts.election.argElection", { min: 1 }), member: arg.string("contacts.election.argMember", { maxLength: 20 }) },
  access: { roles: STAFF },
  async run(ctx, a) {
    const e = await election(ctx, a.election);
    const p = await personByNumber(ctx.db, a.member.trim());
    if (!p || !(await removeCandidate(ctx.db, e.id, p.id))) throw userError.notFound("contacts.election.notCandidate", { number: a.member.slice(0, 20), election: e.name });
    await ctx.audit("contacts.election.withdraw", { type: "officer_election", id: e.id }, { personId: p.id });
    return reply.private(reply.text(`✅ ${ctx.t("contacts.election.withdrawn", { name: displayName(p), election: e.name })}`));
  },
});

export const electionList = defineCommand({
  path: ["contacts", "election", "list"],
  description: "contacts.election.listDescription",
  args: {},
  access: { roles: STAFF },
  async run(ctx) {
    const elections = await currentElections(ctx.db, unionDay(ctx.clock.now()));
    const candidates = await candidatesOf(ctx.db, elections.map((e) => e.id));
    await ctx.audit("contacts.election.list", undefined, { shown: elections.length });
    return reply.private(
      ...(elections.length
        ? elections.map((e) =>
            reply.list(
              ctx.t("contacts.election.item", { id: e.id, name: e.name, from: e.nominationsOpen, to: e.ballotCloses }),
              candidates.filter((c) => c.electionId === e.id).map((c) => ({ text: `${displayName(c)} (${c.memberNumber})`, detail: c.office ?? "" })),
              ctx.t("contacts.election.noCandidates"),
            ),
          )
        : [reply.text(ctx.t("contacts.election.none"))]),
      reply.context(ctx.t("contacts.election.howTo")),
    );
  },
});
