// `npm run cli -- role grant|revoke --member NUMBER --role ROLE [--scope SCOPE] [--until YYYY-MM-DD]`
// `npm run cli -- role list --member NUMBER`
// The way to appoint the first staff member, who can then do the rest from chat. The options are
// checked by the chat commands' own argument schemas and rules, so the CLI refuses exactly what
// chat refuses (an impossible date like 2026-02-30, an end date already past).
import { appendAuditIn } from "../../db/audit.ts";
import { transaction } from "../../db/data.ts";
import { displayName } from "../../db/people.ts";
import { grantRoleIn, othersHoldingOffice, revokeRoleIn, roleHistory } from "../../db/roles.ts";
import { subLocalByCode } from "../../db/sublocals.ts";
import { argsSchema, type MemberRef } from "../../commands/core/args.ts";
import type { ArgSpecs } from "../../commands/core/args.ts";
import { coreBundles } from "../../commands/core/dispatch.ts";
import { createFormatter, unionTimeZone } from "../../commands/core/format.ts";
import { createTranslator, type Translate } from "../../commands/core/i18n.ts";
import { issuesByField } from "../../commands/core/issues.ts";
import { parseScope } from "../../commands/core/roles.ts";
import { prepareRoleGranted } from "../../commands/core/hooks.ts";
import { features } from "../../commands/index.ts";
import { handoffFeature } from "../../commands/handoff/index.ts";
import { stillHeldWords } from "../../commands/handoff/torch.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { roleEndsAt, roleSpan, untilIsPast } from "../../commands/unionhall/role-dates.ts";
import { roleGrant, roleList, roleRevoke, splitRoleChoice } from "../../commands/unionhall/roles.ts";
import { memberOrComplain, parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

const usage = "Usage: npm run cli -- role grant|revoke --member NUMBER --role ROLE [--scope SL-083|region:NAME|employer-group:NAME|statewide] [--until YYYY-MM-DD]\n       npm run cli -- role list --member NUMBER";

const specsFor: Record<string, ArgSpecs> = { grant: roleGrant.args, revoke: roleRevoke.args, list: roleList.args };

function english(): Translate {
  return createTranslator([...coreBundles, unionhallFeature.strings, handoffFeature.strings]).forLocale("en");
}

type Checked = { member: MemberRef; role?: string; scope?: string; until?: string };

/** The flags through the chat command's schema: the parsed values, or one line per problem. */
export function checkRoleFlags(verb: string, flags: Record<string, string | true>, now: Date, timeZone: string, t: Translate = english()): { ok: true; values: Checked } | { ok: false; problems: string[] } {
  const specs = specsFor[verb];
  if (!specs) return { ok: false, problems: [usage] };
  const unknown = Object.keys(flags).filter((k) => !(k in specs));
  const values = Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, v === true ? "" : v]));
  const parsed = argsSchema(specs).safeParse(Object.fromEntries(Object.entries(values).filter(([k]) => k in specs)));
  const problems = unknown.map((k) => `--${k}: ${t("core.args.unknown", { names: `--${k}` })}`);
  if (!parsed.success) for (const [name, msg] of Object.entries(issuesByField(t, parsed.error))) problems.push(`--${name}: ${msg}`);
  if (parsed.success && typeof parsed.data.until === "string" && untilIsPast(parsed.data.until, now, timeZone)) problems.push(`--until: ${t("unionhall.role.untilInPast")}`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, values: parsed.data as Checked };
}

/**
 * An office granted while others still hold it: the same words chat sends the staff member who
 * granted it (both names, how many hold it now), and the command that ends each old grant.
 */
export function stillHeldLines(t: Translate, v: { code: string; office: string; name: string; role: string; others: readonly (Parameters<typeof displayName>[0] & { memberNumber: string })[] }): string[] {
  const words = stillHeldWords(t, createFormatter("en"), { code: v.code, office: v.office, name: v.name, others: v.others.map((o) => displayName(o)) });
  return [
    "",
    `⚠️ ${words.title}`,
    words.text,
    ...v.others.map((o) => t("unionhall.role.cli.endGrant", { name: displayName(o), command: `npm run cli -- role revoke --member ${o.memberNumber} --role ${v.role} --scope ${v.code}` })),
  ];
}

export const roleCli: CliCommand = {
  summary: "role grant|revoke|list --member NUMBER [--role ROLE --scope SCOPE --until DATE] — manage roles",
  async run(args) {
    const { flags, positional } = parseFlags(args);
    const verb = positional[0] ?? "";
    const timeZone = unionTimeZone();
    const now = new Date();
    const checked = checkRoleFlags(verb, flags, now, timeZone);
    if (!checked.ok) {
      for (const p of checked.problems) console.error(p);
      if (checked.problems[0] !== usage) console.error(usage);
      return 2;
    }
    const a = checked.values;
    if (!("memberNumber" in a.member)) {
      console.error("--member: give a member number (like 100234).");
      return 2;
    }
    const memberNumber = a.member.memberNumber;
    return withStore(async (store) => {
      const person = await memberOrComplain(store, memberNumber);
      if (!person) return 1;
      if (verb === "list") {
        const rows = await roleHistory(store, person.id);
        if (rows.length === 0) console.log("No roles, now or before.");
        for (const r of rows) console.log(`${r.role}${r.office ? ` (${r.office})` : ""} — ${r.scopeType}${r.scopeId ? ` ${r.scopeId}` : ""} — ${roleSpan(r, timeZone)}`);
        return 0;
      }
      const { role, office } = splitRoleChoice(a.role as Parameters<typeof splitRoleChoice>[0]);
      const scope = parseScope(a.scope, role);
      if ("error" in scope) {
        console.error(scope.error === "scopeRequired" ? "This role needs --scope (a sub-local code like SL-083, or region:NAME / employer-group:NAME)." : `A ${role} can't hold that scope.`);
        return 2;
      }
      if (scope.scopeType === "sublocal" && !(await subLocalByCode(store, scope.scopeId!))) {
        console.error(`There's no sub-local with code ${scope.scopeId}.`);
        return 1;
      }
      if (verb === "grant") {
        const endsAt = a.until ? roleEndsAt(a.until, timeZone) : null;
        // The role, its audit entry and what it brings (a welcome, a training reminder) commit together.
        const announce = await prepareRoleGranted(features, { store, now, timeZone }, { personId: person.id, role, office, ...scope });
        const others = await transaction(store, async (tx) => {
          const row = await grantRoleIn(tx, { personId: person.id, role, office, ...scope, startsAt: now, endsAt, grantedById: null }, now);
          await appendAuditIn(tx, { actor: "cli", action: "role.grant", subjectType: "person", subjectId: String(person.id), details: { assignmentId: row.id, role, office, ...scope, endsAt: endsAt?.toISOString() ?? null } });
          await announce(tx, { assignmentId: row.id, personId: person.id, role, office, ...scope });
          return othersHoldingOffice(tx, { personId: person.id, role, office, ...scope }, now);
        });
        console.log(`Granted ${a.role} (${scope.scopeType}${scope.scopeId ? ` ${scope.scopeId}` : ""}) to member ${memberNumber}${a.until ? `, until ${a.until} (the last day held)` : ""}.`);
        if (others.length > 0) console.log(stillHeldLines(english(), { code: scope.scopeId!, office: office!, name: displayName(person), role: a.role!, others }).join("\n"));
        return 0;
      }
      // The end of the role and its audit entry commit together.
      const n = await transaction(store, async (tx) => {
        const ended = await revokeRoleIn(tx, { personId: person.id, role, office, ...scope, revokedById: null, at: now });
        if (ended > 0) await appendAuditIn(tx, { actor: "cli", action: "role.revoke", subjectType: "person", subjectId: String(person.id), details: { role, office, ...scope } });
        return ended;
      });
      if (n === 0) {
        console.error(`Member ${memberNumber} doesn't hold ${a.role} in that scope; nothing changed.`);
        return 1;
      }
      console.log(`Ended ${a.role} for member ${memberNumber}.`);
      return 0;
    });
  },
};
