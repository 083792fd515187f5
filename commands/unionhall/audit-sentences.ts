// Audit entries as a person reads them: "Sofia Chen gave Maria Alvarez (member 100001) the role
// steward (sub-local SL-083)" instead of `role.grant person 12 {"platform":"web",…}`. The log
// itself keeps ids and codes only; names are looked up here, for staff who may see them.
import { displayName, personById } from "../../db/people.ts";
import type { Db } from "../../db/data.ts";
import type { Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import { describeScope, roleLabel } from "../core/roles.ts";
import { auditSentenceName } from "../core/audit-action-strings.ts";
import { isAuditSubjectType } from "../core/audit-subject-strings.ts";
import { auditDetailLine } from "../core/audit-details.ts";
import { isAuditAction } from "../../db/audit-actions.ts";

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  actorPersonId: number | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: string;
}

type Details = Record<string, unknown>;

function parseDetails(raw: string): Details {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Details) : {};
  } catch {
    return {};
  }
}

/** Sentences for the actions staff look for most; every other action reads "who: what — about what". */
const SENTENCES: Record<string, (d: Details, t: Translate) => Record<string, string>> = {
  "role.grant": (d, t) => ({ role: roleName(d, t), scope: scopeName(d, t) }),
  "role.revoke": (d, t) => ({ role: roleName(d, t), scope: scopeName(d, t) }),
  "audit.view": (d) => ({ filter: typeof d.filter === "string" ? d.filter : "" }),
  "reminder.schedule": (d) => ({ to: d.to === "me" ? "me" : "channel" }),
};

/** The role in the reader's words ("delegado sindical"), as every other screen names it. */
function roleName(d: Details, t: Translate): string {
  return roleLabel(t, { role: String(d.role ?? ""), office: typeof d.office === "string" && d.office !== "" ? d.office : null });
}

function scopeName(d: Details, t: Translate): string {
  return describeScope({ scopeType: String(d.scopeType ?? "statewide"), scopeId: d.scopeId === null || d.scopeId === undefined ? null : String(d.scopeId) }, t);
}

/** The people a page of entries names (who acted, whom it was about), each read once. */
async function namesIn(db: Db, rows: readonly AuditRow[], t: Translate): Promise<Map<number, string>> {
  const ids = new Set<number>();
  for (const r of rows) {
    if (r.actorPersonId !== null) ids.add(r.actorPersonId);
    if (r.subjectType === "person" && r.subjectId && /^\d+$/.test(r.subjectId)) ids.add(Number(r.subjectId));
  }
  const names = new Map<number, string>();
  for (const id of ids) {
    const p = await personById(db, id);
    names.set(id, p ? t("core.auditLog.person", { name: displayName(p), number: p.memberNumber }) : t("core.auditLog.unknownPerson", { id }));
  }
  return names;
}

export async function auditSentences(db: Db, rows: readonly AuditRow[], t: Translate, fmt: Formatter): Promise<{ text: string; detail: string }[]> {
  const names = await namesIn(db, rows, t);
  const person = (id: number) => names.get(id)!;
  return rows.map((r) => {
    const d = parseDetails(r.details);
    const actor = r.actorPersonId !== null ? person(r.actorPersonId) : t("core.auditLog.system", { actor: r.actor });
    const subject =
      r.subjectType === "person" && r.subjectId && /^\d+$/.test(r.subjectId)
        ? person(Number(r.subjectId))
        : r.subjectType && isAuditSubjectType(r.subjectType)
          ? t(`core.auditLog.subjects.${r.subjectType}`, { id: r.subjectId ?? "?" })
          : r.subjectType
            ? // A kind of subject only an older version wrote: its own name is all the log has.
              `${r.subjectType.replace(/_/g, " ")} #${r.subjectId ?? "?"}`
            : "";
    const special = SENTENCES[r.action];
    const vars = special ? special(d, t) : {};
    // Every action this version writes has its sentence; an entry an older version wrote under a
    // name no longer used still reads "who: what — about what".
    const key = isAuditAction(r.action) ? `core.auditLog.actions.${auditSentenceName(r.action)}` : subject ? "core.auditLog.generic" : "core.auditLog.genericNoSubject";
    const sentence = t(key, { actor, subject, id: r.subjectId ?? "", action: r.action.replace(/[._]/g, " "), ...vars });
    const shown = special ? ["role", "office", "scopeType", "scopeId", "filter", "to"] : [];
    return { text: t("core.auditLog.entry", { id: r.id, when: fmt.dateTime(r.at), sentence }), detail: auditDetailLine(d, shown, t, fmt) };
  });
}
