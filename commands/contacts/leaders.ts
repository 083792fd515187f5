// Public leadership contacts: the board and committees for members; a sub-local's leadership for
// members of that sub-local only. Work contact details only, never home ones.
import { addSeat, currentBodies, endSeat, roleHoldersWithContacts, seatsOf } from "../../db/contacts.ts";
import { displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { resolveMember } from "../core/members.ts";
import { withEndReminders } from "./common.ts";
import { isMember } from "./policy.ts";

type LeaderPerson = { id: number; memberNumber: string; firstName: string; lastName: string; preferredName: string | null; workEmail: string | null; workPhone: string | null };

async function requireMember(ctx: LinkedCtx, what: string): Promise<void> {
  if (!isMember(ctx.person)) {
    await ctx.audit("contacts.denied", { type: "person", id: ctx.person.id }, { reason: "not_a_member", what });
    throw userError.notAllowed("contacts.membersOnly", { status: ctx.person.membershipStatus.replace(/_/g, " ") });
  }
}

function item(ctx: LinkedCtx, title: string, p: LeaderPerson) {
  const parts = [p.workEmail ? ctx.t("core.punct.labelled", { label: ctx.t("contacts.work.email"), value: p.workEmail }) : "", p.workPhone ? ctx.t("core.punct.labelled", { label: ctx.t("contacts.work.phone"), value: p.workPhone }) : ""].filter(Boolean);
  return { text: `${displayName(p)} — ${title}`, detail: parts.join(" · ") || ctx.t("contacts.work.none") };
}

export const leadersCommand = defineCommand({
  path: ["contacts", "leaders"],
  description: "contacts.leaders.description",
  args: {},
  access: { linked: true },
  run: withEndReminders(async (ctx) => {
    await requireMember(ctx, "leaders");
    const sl = ctx.person.subLocal;
    if (!sl) throw userError.notFound("contacts.noSubLocal");
    const rows = await roleHoldersWithContacts(ctx.store, ["sublocal_officer"], ctx.clock.now(), { scopeType: "sublocal", scopeId: sl.code });
    await ctx.audit("contacts.leaders.view", { type: "sublocal", id: sl.code }, { shown: rows.length });
    const title = (office: string | null) => (office ? office.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) : ctx.t("core.roles.sublocal_officer"));
    return reply.private(reply.list(ctx.t("contacts.leaders.title", { code: sl.code, name: sl.name }), rows.map((r) => item(ctx, title(r.office), r.person)), ctx.t("contacts.leaders.empty")));
  }),
});

export const boardCommand = defineCommand({
  path: ["contacts", "board"],
  description: "contacts.board.description",
  args: {},
  access: { linked: true },
  run: withEndReminders(async (ctx) => {
    await requireMember(ctx, "board");
    const now = ctx.clock.now();
    const roles = await roleHoldersWithContacts(ctx.store, ["statewide_president", "board_director"], now);
    const seats = await seatsOf(ctx.store, "board", now);
    const seen = new Set<number>();
    const items = [
      ...roles.map((r) => ({ id: r.person.id, it: item(ctx, r.role === "board_director" ? ctx.t("contacts.board.director", { scope: r.scopeId ?? "" }) : ctx.t(`core.roles.${r.role}`), r.person) })),
      ...seats.map((s) => ({ id: s.person.id, it: item(ctx, s.seat.title ?? s.seat.body, s.person) })),
    ].filter((x) => !seen.has(x.id) && Boolean(seen.add(x.id)));
    await ctx.audit("contacts.board.view", undefined, { shown: items.length });
    return reply.private(reply.list(ctx.t("contacts.board.title"), items.map((x) => x.it), ctx.t("contacts.board.empty")));
  }),
});

export const committeeCommand = defineCommand({
  path: ["contacts", "committee"],
  description: "contacts.committee.description",
  args: { name: arg.string("contacts.committee.argName", { maxLength: 80, rest: true }) },
  access: { linked: true },
  run: withEndReminders(async (ctx, { name }: { name: string }) => {
    await requireMember(ctx, "committee");
    const now = ctx.clock.now();
    const seats = await seatsOf(ctx.store, name, now);
    if (seats.length === 0) {
      const known = (await currentBodies(ctx.store, now)).filter((b) => b.toLowerCase() !== "board");
      if (known.length === 0) throw userError.notFound("contacts.committee.none");
      throw userError.notFound("contacts.committee.unknown", { name, known: known.join(", ") });
    }
    await ctx.audit("contacts.committee.view", { type: "committee", id: seats[0]!.seat.bodyKey }, { shown: seats.length });
    return reply.private(reply.list(ctx.t("contacts.committee.title", { name: seats[0]!.seat.body }), seats.map((s) => item(ctx, s.seat.title ?? "", s.person))));
  }),
});

export const seatAddCommand = defineCommand({
  path: ["contacts", "seat-add"],
  description: "contacts.seat.add.description",
  args: {
    member: arg.member("contacts.seat.argMember"),
    body: arg.string("contacts.seat.argBody", { maxLength: 80 }),
    title: arg.optional(arg.string("contacts.seat.argTitle", { maxLength: 60, rest: true })),
  },
  access: { roles: STAFF },
  async run(ctx, args) {
    const person = await resolveMember(ctx, args.member);
    const r = await addSeat(ctx.store, { body: args.body, personId: person.id, title: args.title ?? null, startsAt: ctx.clock.now() });
    const vars = { name: displayName(person), body: r.seat.body, title: args.title ? ` (${args.title})` : "" };
    if (!r.created) throw userError.conflict("contacts.seat.add.exists", vars);
    await ctx.audit("contacts.seat.add", { type: "person", id: person.id }, { seatId: r.seat.id, body: r.seat.bodyKey });
    return reply.private(reply.text(`✅ ${ctx.t("contacts.seat.add.done", vars)}`));
  },
});

export const seatEndCommand = defineCommand({
  path: ["contacts", "seat-end"],
  description: "contacts.seat.end.description",
  args: { member: arg.member("contacts.seat.argMember"), body: arg.string("contacts.seat.argBody", { maxLength: 80, rest: true }) },
  access: { roles: STAFF },
  async run(ctx, args) {
    const person = await resolveMember(ctx, args.member);
    const vars = { name: displayName(person), body: args.body };
    const n = await endSeat(ctx.store, args.body, person.id, ctx.clock.now());
    if (n === 0) throw userError.notFound("contacts.seat.end.none", vars);
    await ctx.audit("contacts.seat.end", { type: "person", id: person.id }, { body: args.body.trim().toLowerCase() });
    return reply.private(reply.text(`✅ ${ctx.t("contacts.seat.end.done", vars)}`));
  },
});
