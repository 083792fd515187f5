// Seeing member contacts under a valid grant: only the grant's scope, only the fields its purpose
// needs, only to the grantee, and every view written to the audit log. No grant → nothing.
import { activeGrants, contactsInScope, recordAccess, type ContactRow, type GrantRow, type ScopeRef } from "../../db/contacts.ts";
import { displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { requireAgreement } from "./agreement.ts";
import { fmt, purposeText, scopeText, withEndReminders } from "./common.ts";
import { fieldsFor, requestableScopes } from "./policy.ts";

const PAGE = 20;

type Picked = { grant: GrantRow } | { reply: Reply };

async function pickGrant(ctx: LinkedCtx, id: number | undefined, kind: "list" | "find"): Promise<Picked> {
  const now = ctx.clock.now();
  // A grant goes with the office: someone who no longer holds a role for its scope loses it too.
  const eligible = requestableScopes(ctx.roles);
  const grants = (await activeGrants(ctx.store, ctx.person.id, now)).filter((g) => eligible.some((s) => s.scopeType === g.scopeType && s.scopeId === g.scopeId));
  if (grants.length === 0) {
    await ctx.audit("contacts.denied", { type: "person", id: ctx.person.id }, { reason: "no_valid_grant", kind });
    return { reply: reply.private(reply.text(`🔒 ${ctx.t("contacts.list.noGrant")}`)) };
  }
  const gate = await requireAgreement(ctx);
  if (gate) return { reply: gate };
  if (id !== undefined) {
    const g = grants.find((x) => x.id === id);
    if (!g) {
      await ctx.audit("contacts.denied", { type: "grant", id }, { reason: "not_a_valid_grant_of_caller", kind });
      throw userError.notFound("contacts.list.unknownGrant", { id });
    }
    return { grant: g };
  }
  if (grants.length === 1) return { grant: grants[0]! };
  return {
    reply: reply.private(
      reply.text(ctx.t("contacts.list.pickGrant", { first: grants[0]!.id })),
      reply.list(
        ctx.t("contacts.list.grantsTitle"),
        grants.map((g) => ({ text: ctx.t("contacts.list.grantItem", { id: g.id, scope: scopeText(ctx, g), purpose: purposeText(ctx, g.purpose), until: fmt(g.expiresAt) }) })),
      ),
    ),
  };
}

function scopeOf(g: GrantRow): ScopeRef {
  return { scopeType: g.scopeType as ScopeRef["scopeType"], scopeId: g.scopeId, campaign: g.campaign as ScopeRef["campaign"], campaignDetail: g.campaignDetail };
}

function items(ctx: LinkedCtx, g: GrantRow, rows: ContactRow[]) {
  const cols = fieldsFor(g.purpose, g.campaign);
  return rows.map((r) => ({
    text: `${displayName(r)} (${r.memberNumber})`,
    detail: cols.map((c) => `${ctx.t(`contacts.fields.${c}`)}: ${r[c] ?? "—"}`).join(" · "),
  }));
}

function footer(ctx: LinkedCtx, g: GrantRow): string {
  const note = [g.purpose === "mailing" ? ctx.t("contacts.list.mailingNote") : "", ctx.t("contacts.policyNote")].filter(Boolean).join(" ");
  return ctx.t("contacts.list.footer", { grant: g.id, purpose: purposeText(ctx, g.purpose), until: fmt(g.expiresAt), note });
}

async function logView(ctx: LinkedCtx, g: GrantRow, kind: "list" | "find", rows: ContactRow[], extra: Record<string, unknown>) {
  const at = ctx.clock.now();
  await recordAccess(ctx.store, { grantId: g.id, viewerId: ctx.person.id, scopeType: g.scopeType, scopeId: g.scopeId, kind, shown: rows.length, at });
  await ctx.audit("contacts.view", { type: "grant", id: g.id }, { kind, scopeType: g.scopeType, scopeId: g.scopeId, purpose: g.purpose, fields: fieldsFor(g.purpose, g.campaign), shown: rows.length, personIds: rows.map((r) => r.id), ...extra });
}

export const listCommand = defineCommand({
  path: ["contacts", "list"],
  description: "contacts.list.description",
  args: {
    page: arg.optional(arg.integer("contacts.list.argPage", { min: 1, max: 10000 })),
    grant: arg.optional(arg.integer("contacts.list.argGrant", { min: 1 })),
  },
  access: { linked: true },
  run: withEndReminders(async (ctx, args: { page?: number; grant?: number }) => {
    const picked = await pickGrant(ctx, args.grant, "list");
    if ("reply" in picked) return picked.reply;
    const g = picked.grant;
    const page = args.page ?? 1;
    const { total, rows } = await contactsInScope(ctx.store, scopeOf(g), fieldsFor(g.purpose, g.campaign), { offset: (page - 1) * PAGE, limit: PAGE });
    const pages = Math.max(1, Math.ceil(total / PAGE));
    if (page > pages) throw userError.invalid("contacts.list.pageTooHigh", { pages });
    await logView(ctx, g, "list", rows, { page });
    return reply.private(
      reply.list(ctx.t("contacts.list.title", { scope: scopeText(ctx, g), page, pages, total }), items(ctx, g, rows), ctx.t("contacts.list.empty")),
      reply.context(footer(ctx, g)),
    );
  }),
});

export const findCommand = defineCommand({
  path: ["contacts", "find"],
  description: "contacts.find.description",
  args: {
    name: arg.string("contacts.find.argName", { maxLength: 60, min: 2 }),
    grant: arg.optional(arg.integer("contacts.list.argGrant", { min: 1 })),
  },
  access: { linked: true },
  run: withEndReminders(async (ctx, args: { name: string; grant?: number }) => {
    const picked = await pickGrant(ctx, args.grant, "find");
    if ("reply" in picked) return picked.reply;
    const g = picked.grant;
    const { rows } = await contactsInScope(ctx.store, scopeOf(g), fieldsFor(g.purpose, g.campaign), { name: args.name, limit: 10 });
    // The search words are what the grantee typed (possibly a name): not written to the audit log.
    await logView(ctx, g, "find", rows, {});
    return reply.private(reply.list(ctx.t("contacts.find.title", { name: args.name, scope: scopeText(ctx, g) }), items(ctx, g, rows), ctx.t("contacts.find.empty")), reply.context(footer(ctx, g)));
  }),
});
