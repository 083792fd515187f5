// Granting, ending and listing roles. Staff only; every change is written to the audit log.
import { z } from "zod";
import { displayName } from "../../db/people.ts";
import { assignmentById, grantRoleIn, revokeRoleIn, roleHistory } from "../../db/roles.ts";
import { subLocalByCode } from "../../db/sublocals.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type Ctx } from "../core/command.ts";
import { FieldErrors, inField, userError } from "../core/errors.ts";
import { reply, type Button } from "../core/reply.ts";
import { OFFICES, STAFF, allowedScopes, parseScope, type Role, type ScopeType } from "../core/roles.ts";
import { roleLabel, scopeLabel } from "./labels.ts";
import { lastDayHeld, roleEndsAt, roleSpan } from "./role-dates.ts";
import { resolveMember } from "../core/members.ts";
import { prepareRoleGranted } from "../core/hooks.ts";

/** What staff type or pick: sub-local offices are roles of their own in the list. */
export const ROLE_CHOICES = [
  "member",
  "steward",
  "chief_steward",
  ...OFFICES.map((o) => `sublocal_${o}` as const),
  "board_director",
  "staff",
  "treasury_staff",
  "project_committee",
  "executive_director",
  "statewide_president",
] as const;
export type RoleChoice = (typeof ROLE_CHOICES)[number];

const roleChoiceLabels = Object.fromEntries(
  ROLE_CHOICES.map((c) => [c, c.startsWith("sublocal_") ? `unionhall.role.choices.${c}` : `core.roles.${c}`]),
) as Record<RoleChoice, string>;

export function splitRoleChoice(choice: RoleChoice): { role: Role; office: string | null } {
  if (choice.startsWith("sublocal_")) return { role: "sublocal_officer", office: choice.slice("sublocal_".length) };
  return { role: choice as Role, office: null };
}

async function resolveScope(ctx: Ctx, role: Role, raw: string | undefined): Promise<{ scopeType: ScopeType; scopeId: string | null }> {
  const scope = parseScope(raw, role);
  if ("error" in scope) {
    throw userError.invalid(`unionhall.role.${scope.error}`, { role: ctx.t(`core.roles.${role}`), allowed: allowedScopes[role].join(", ") });
  }
  if (scope.scopeType === "sublocal" && !(await subLocalByCode(ctx.store, scope.scopeId!))) {
    throw userError.notFound("unionhall.role.unknownSubLocal", { code: scope.scopeId });
  }
  return scope;
}

const roleArgs = {
  member: arg.member("unionhall.role.argMember"),
  // Labels are i18n keys: the list shows roles in the reader's language, the values stay as typed.
  role: arg.choice("unionhall.role.argRole", ROLE_CHOICES, roleChoiceLabels),
  scope: arg.optional(arg.string("unionhall.role.argScope", { maxLength: 80, autocomplete: "unionhall.scope" })),
};

export const roleGrant = defineCommand({
  path: ["unionhall", "admin", "role", "grant"],
  description: "unionhall.role.grant.description",
  args: { ...roleArgs, until: arg.optional(arg.date("unionhall.role.argUntil")) },
  access: { roles: STAFF },
  async run(ctx, args) {
    const person = await inField("member", () => resolveMember(ctx, args.member));
    const { role, office } = splitRoleChoice(args.role);
    const scope = await inField("scope", () => resolveScope(ctx, role, args.scope));
    const now = ctx.clock.now();
    const endsAt = args.until ? roleEndsAt(args.until, ctx.fmt.timeZone) : null;
    if (endsAt && endsAt <= now) throw new FieldErrors({ until: "unionhall.role.untilInPast" });
    const vars = { role: roleLabel(ctx.t, { role, office }), scope: scopeLabel(scope, ctx.t), name: displayName(person), number: person.memberNumber };
    const current = (await roleHistory(ctx.store, person.id)).filter((r) => r.startsAt <= now && (!r.endsAt || r.endsAt > now));
    if (current.some((r) => r.role === role && r.office === office && r.scopeType === scope.scopeType && r.scopeId === scope.scopeId))
      throw userError.conflict("unionhall.role.grant.exists", vars);
    // What the role brings (a new officer's welcome, the training it needs) is read first; it is
    // written with the role and its audit entry, together with this delivery's claim: whole, and never twice.
    const announce = await prepareRoleGranted(ctx.registry.features, { store: ctx.store, now, timeZone: ctx.fmt.timeZone }, { personId: person.id, role, office, ...scope, grantedById: ctx.person.id });
    const row = await ctx.commitAsync(async (tx) => {
      const made = await grantRoleIn(tx, { personId: person.id, role, office, ...scope, startsAt: now, endsAt, grantedById: ctx.person.id }, now);
      await ctx.auditIn(tx, "role.grant", { type: "person", id: person.id }, { assignmentId: made.id, role, office, scopeType: scope.scopeType, scopeId: scope.scopeId, endsAt: endsAt?.toISOString() ?? null });
      await announce(tx, { assignmentId: made.id, personId: person.id, role, office, ...scope, grantedById: ctx.person.id });
      return made;
    });
    return reply.private(reply.text(`✅ ${ctx.t("unionhall.role.grant.done", vars)}`), reply.buttons(revokeButton(ctx, row.id, role, office)));
  },
});

export const roleRevoke = defineCommand({
  path: ["unionhall", "admin", "role", "revoke"],
  description: "unionhall.role.revoke.description",
  args: roleArgs,
  access: { roles: STAFF },
  async run(ctx, args) {
    const person = await inField("member", () => resolveMember(ctx, args.member));
    const { role, office } = splitRoleChoice(args.role);
    const scope = await inField("scope", () => resolveScope(ctx, role, args.scope));
    const vars = { role: roleLabel(ctx.t, { role, office }), scope: scopeLabel(scope, ctx.t), name: displayName(person) };
    const n = await ctx.commitAsync(async (tx) => {
      const ended = await revokeRoleIn(tx, { personId: person.id, role, office, ...scope, revokedById: ctx.person.id, at: ctx.clock.now() });
      if (ended > 0) await ctx.auditIn(tx, "role.revoke", { type: "person", id: person.id }, { role, office, scopeType: scope.scopeType, scopeId: scope.scopeId });
      return ended;
    });
    if (n === 0) throw userError.notFound("unionhall.role.revoke.none", vars);
    return reply.private(reply.text(`✅ ${ctx.t("unionhall.role.revoke.done", vars)}`));
  },
});

export const roleList = defineCommand({
  path: ["unionhall", "admin", "role", "list"],
  description: "unionhall.role.list.description",
  args: { member: arg.member("unionhall.role.argMember") },
  access: { roles: STAFF },
  async run(ctx, args) {
    const person = await resolveMember(ctx, args.member);
    const now = ctx.clock.now();
    const history = await roleHistory(ctx.store, person.id);
    const active = history.filter((r) => r.startsAt <= now && (!r.endsAt || r.endsAt > now));
    const blocks = [
      reply.list(
        ctx.t("unionhall.role.list.title", { name: displayName(person), number: person.memberNumber }),
        history.map((r) => ({
          text: `${roleLabel(ctx.t, r)} — ${scopeLabel(r, ctx.t)}`,
          detail: `${roleSpan(r, ctx.fmt.timeZone)}${active.includes(r) ? "" : ` (${ctx.t("unionhall.role.list.ended", { date: r.endsAt ? lastDayHeld(r.endsAt, ctx.fmt.timeZone) : "" })})`}`,
        })),
        ctx.t("unionhall.role.list.none"),
      ),
    ];
    if (active.length > 0) blocks.push(reply.buttons(...active.map((r) => revokeButton(ctx, r.id, r.role, r.office))));
    return reply.private(...blocks);
  },
});

function revokeButton(ctx: Ctx, assignmentId: number, role: string, office: string | null): Button {
  return {
    label: ctx.t("unionhall.role.revokeButton", { role: roleLabel(ctx.t, { role, office }) }),
    action: "unionhall.role.end",
    payload: { assignmentId },
    style: "danger",
    once: true,
  };
}

/** The "End role" button: checked again at click time, ends exactly that assignment. */
export const endRoleAction = defineAction({
  id: "unionhall.role.end",
  payload: z.object({ assignmentId: z.number().int() }),
  access: { roles: STAFF },
  async run(ctx, { assignmentId }) {
    const now = ctx.clock.now();
    const row = await assignmentById(ctx.store, assignmentId);
    if (!row) throw userError.notFound("unionhall.member.notFound", { ref: assignmentId });
    const vars = { role: roleLabel(ctx.t, row), scope: scopeLabel(row, ctx.t), name: displayName(row.person) };
    const n = await ctx.commitAsync(async (tx) => {
      const ended = await revokeRoleIn(tx, { personId: row.personId, role: row.role, office: row.office, scopeType: row.scopeType, scopeId: row.scopeId, revokedById: ctx.person.id, at: now });
      if (ended > 0) await ctx.auditIn(tx, "role.revoke", { type: "person", id: row.personId }, { assignmentId, role: row.role, office: row.office, scopeType: row.scopeType, scopeId: row.scopeId });
      return ended;
    });
    if (n === 0) throw userError.notFound("unionhall.role.revoke.none", vars);
    return { ...reply.private(reply.text(`✅ ${ctx.t("unionhall.role.revoke.done", vars)}`)), update: true };
  },
});
