// What the grievance area tells people other than the caller: the steward a case is assigned to,
// and the grievant as their case is filed, moves on and closes. Rendered by the core for each of
// them, in their own language (core/notice.ts).
import { z } from "zod";
import { defineNotice } from "../core/notice.ts";
import { reply } from "../core/reply.ts";
import { OUTCOMES, stepLabel } from "./model.ts";

const ref = z.string().min(1).max(40);
const step = z.number().int().min(0).max(10);

export const assignedNotice = defineNotice({
  id: "grievance.assigned",
  values: z.object({ id: z.number().int().positive(), ref }),
  example: { id: 1, ref: "G-2026-0001" },
  render: ({ t }, v) => reply.private(reply.text(t("grievance.notices.assigned", { ref: v.ref })), reply.buttons({ label: t("grievance.buttons.show"), action: "grievance.act", payload: { id: v.id, op: "show" } })),
});

export const filedNotice = defineNotice({
  id: "grievance.filed",
  values: z.object({ ref, step }),
  example: { ref: "G-2026-0001", step: 1 },
  render: ({ t }, v) => reply.private(reply.text(t("grievance.notices.filed", { ref: v.ref, step: stepLabel(t, v.step) })), reply.context(t("grievance.notices.seeMine"))),
});

export const advancedNotice = defineNotice({
  id: "grievance.advanced",
  values: z.object({ ref, step }),
  example: { ref: "G-2026-0001", step: 2 },
  render: ({ t }, v) => reply.private(reply.text(t("grievance.notices.advanced", { ref: v.ref, step: stepLabel(t, v.step) })), reply.context(t("grievance.notices.seeMine"))),
});

export const closedNotice = defineNotice({
  id: "grievance.closed",
  values: z.object({ ref, outcome: z.enum(OUTCOMES) }),
  example: { ref: "G-2026-0001", outcome: "settled" },
  render: ({ t }, v) => reply.private(reply.text(t("grievance.notices.closed", { ref: v.ref, outcome: t(`grievance.outcomes.${v.outcome}`) })), reply.context(t("grievance.notices.seeMine"))),
});

export const grievanceNotices = [assignedNotice, filedNotice, advancedNotice, closedNotice];
