// `/contacts audit`: who accessed member contacts, when and under which grant. A sub-local
// president sees their sub-local; staff, the executive director and the statewide president see all.
import { accessesFor } from "../../db/contacts.ts";
import { flaggedRequests } from "../../db/contacts-elections.ts";
import { displayName } from "../../db/people.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { fmt, purposeText, scopeText, withEndReminders } from "./common.ts";
import { auditScopes } from "./policy.ts";
import { parseFlags } from "./request.ts";

export const auditCommand = defineCommand({
  path: ["contacts", "audit"],
  description: "contacts.audit.description",
  args: {},
  access: { roles: ["sublocal_officer", "staff", "executive_director", "statewide_president"] },
  run: withEndReminders(async (ctx) => {
    const scopes = auditScopes(ctx.roles);
    if (scopes !== "all" && scopes.length === 0) throw userError.notAllowed("contacts.audit.notApprover");
    const rows = await accessesFor(ctx.store, scopes, 25);
    // Requests the approver was warned about (a declared candidate, election words) are marked.
    const inScope = (r: { scopeType: string; scopeId: string }) => scopes === "all" || scopes.some((s) => s.scopeType === r.scopeType && s.scopeId === r.scopeId);
    const flagged = (await flaggedRequests(ctx.db, 200)).filter(inScope);
    const flaggedIds = new Set(flagged.map((f) => f.id));
    await ctx.audit("contacts.audit.view", undefined, { scope: scopes === "all" ? "all" : scopes.map((s) => `${s.scopeType}:${s.scopeId}`), shown: rows.length });
    const scopeName = scopes === "all" ? ctx.t("contacts.audit.everything") : scopes.map((s) => s.scopeId).join(", ");
    return reply.private(
      reply.list(
        ctx.t("contacts.audit.title", { count: rows.length, scope: scopeName }),
        rows.map((r) => ({
          text: ctx.t("contacts.audit.entry", {
            when: fmt(r.at),
            name: r.viewer ? displayName(r.viewer) : `#${r.viewerId}`,
            number: r.viewer?.memberNumber ?? "?",
            kind: ctx.t(`contacts.audit.kind.${r.kind}`),
            shown: r.shown,
            scope: r.grant ? scopeText(ctx, r.grant) : `${r.scopeType} ${r.scopeId}`,
          }),
          detail: (r.grant && flaggedIds.has(r.grant.requestId) ? `${ctx.t("contacts.audit.flaggedAccess")} · ` : "") + (r.grant ? ctx.t("contacts.audit.detail", { grant: r.grantId, purpose: purposeText(ctx, r.grant.purpose), approver: r.approver ? `${displayName(r.approver)} (${r.approver.memberNumber})` : `#${r.grant.approvedById}` }) : `grant #${r.grantId}`),
        })),
        ctx.t("contacts.audit.empty"),
      ),
      ...(flagged.length
        ? [
            reply.list(
              ctx.t("contacts.audit.flaggedTitle", { count: Math.min(flagged.length, 25) }),
              flagged.slice(0, 25).map((f) => {
                const flags = parseFlags(f.flags);
                const marks = [
                  ...(flags.candidate ? [ctx.t("contacts.audit.flaggedCandidate", { election: flags.candidate.name })] : []),
                  ...(flags.screen?.length ? [ctx.t("contacts.audit.flaggedScreen", { words: flags.screen.map((w) => `“${w}”`).join(", ") })] : []),
                ];
                return { text: ctx.t("contacts.audit.flaggedEntry", { id: f.id, status: f.status, scope: scopeText(ctx, f) }), detail: marks.join(" · ") };
              }),
            ),
          ]
        : []),
    );
  }),
});
