// `npm run cli -- role grant|revoke --member NUMBER --role ROLE [--scope SCOPE] [--until YYYY-MM-DD]`
// `npm run cli -- role list --member NUMBER`
// The way to appoint the first staff member, who can then do the rest from chat.
import { z } from "zod";
import { appendAudit } from "../../db/audit.ts";
import { grantRole, revokeRole, roleHistory } from "../../db/roles.ts";
import { subLocalByCode } from "../../db/sublocals.ts";
import { parseScope } from "../../commands/core/roles.ts";
import { ROLE_CHOICES, splitRoleChoice } from "../../commands/unionhall/roles.ts";
import { memberOrComplain, parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

const roleArgs = z.object({
  member: z.string("--member is required").regex(/^\d{3,10}$/, "--member must be a member number"),
  role: z.enum(ROLE_CHOICES, `--role must be one of: ${ROLE_CHOICES.join(", ")}`).optional(),
  scope: z.string().optional(),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "--until must be a date like 2027-06-30").optional(),
});

const usage = "Usage: npm run cli -- role grant|revoke --member NUMBER --role ROLE [--scope SL-083|region:NAME|employer-group:NAME|statewide] [--until YYYY-MM-DD]\n       npm run cli -- role list --member NUMBER";

export const roleCli: CliCommand = {
  summary: "role grant|revoke|list --member NUMBER [--role ROLE --scope SCOPE] — manage roles",
  async run(args) {
    const { flags, positional } = parseFlags(args);
    const verb = positional[0];
    const parsed = roleArgs.safeParse(flags);
    if (!verb || !["grant", "revoke", "list"].includes(verb) || !parsed.success) {
      if (parsed.error) for (const i of parsed.error.issues) console.error(i.message);
      console.error(usage);
      return 2;
    }
    const a = parsed.data;
    return withStore(async (store) => {
      const person = await memberOrComplain(store, a.member);
      if (!person) return 1;
      if (verb === "list") {
        const rows = await roleHistory(store, person.id);
        if (rows.length === 0) console.log("No roles, now or before.");
        for (const r of rows)
          console.log(`${r.role}${r.office ? ` (${r.office})` : ""} — ${r.scopeType}${r.scopeId ? ` ${r.scopeId}` : ""} — ${r.startsAt.toISOString().slice(0, 10)} → ${r.endsAt?.toISOString().slice(0, 10) ?? "…"}`);
        return 0;
      }
      if (!a.role) {
        console.error("--role is required");
        return 2;
      }
      const { role, office } = splitRoleChoice(a.role);
      const scope = parseScope(a.scope, role);
      if ("error" in scope) {
        console.error(scope.error === "scopeRequired" ? "This role needs --scope (a sub-local code like SL-083, or region:NAME / employer-group:NAME)." : `A ${role} can't hold that scope.`);
        return 2;
      }
      if (scope.scopeType === "sublocal" && !(await subLocalByCode(store, scope.scopeId!))) {
        console.error(`There's no sub-local with code ${scope.scopeId}.`);
        return 1;
      }
      const now = new Date();
      if (verb === "grant") {
        const endsAt = a.until ? new Date(`${a.until}T23:59:59.999-08:00`) : null;
        const row = await grantRole(store, { personId: person.id, role, office, ...scope, startsAt: now, endsAt, grantedById: null });
        appendAudit(store, { actor: "cli", action: "role.grant", subjectType: "person", subjectId: String(person.id), details: { assignmentId: row.id, role, office, ...scope } });
        console.log(`Granted ${a.role} (${scope.scopeType}${scope.scopeId ? ` ${scope.scopeId}` : ""}) to member ${a.member}.`);
        return 0;
      }
      const n = await revokeRole(store, { personId: person.id, role, office, ...scope, revokedById: null, at: now });
      if (n === 0) {
        console.error(`Member ${a.member} doesn't hold ${a.role} in that scope; nothing changed.`);
        return 1;
      }
      appendAudit(store, { actor: "cli", action: "role.revoke", subjectType: "person", subjectId: String(person.id), details: { role, office, ...scope } });
      console.log(`Ended ${a.role} for member ${a.member}.`);
      return 0;
    });
  },
};
