// Passing the torch: when someone is made an officer of a sub-local, they are welcomed with the way
// to their handoff packet, the training their role needs and who held the office before them; the
// outgoing officer is asked, once, to leave a note. Both are durable jobs written in the same
// transaction as the role itself, so a crash can lose neither and a retry doubles neither.
import { data, type Tx } from "../../db/data.ts";
import { scheduleJobNowIn } from "../../db/jobs.ts";
import { displayName, personById } from "../../db/people.ts";
import { othersHoldingOffice, outgoingHolders } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import type { Formatter } from "../core/format.ts";
import { defineJobKind } from "../core/jobs.ts";
import { reply, type Block } from "../core/reply.ts";
import { onboardingFor } from "../core/hooks.ts";
import { NOTE_WINDOW_DAYS } from "./rules.ts";

export const WELCOME_JOB = "handoff.welcome";
export const ASK_JOB = "handoff.ask";
export const STILL_HELD_JOB = "handoff.still_held";
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Granted {
  assignmentId: number;
  personId: number;
  role: string;
  office: string | null;
  scopeType: string;
  scopeId: string | null;
  grantedById?: number | null;
}

/** Schedules the welcome and the note request for a role just granted, inside the grant's transaction. */
export async function scheduleTorchPassingIn(tx: Tx, store: Store, g: Granted, now: Date, timeZone: string): Promise<void> {
  if (g.role !== "sublocal_officer" || g.scopeType !== "sublocal" || !g.scopeId) return;
  const code = g.scopeId;
  const outgoing = await outgoingHolders(tx, code, g.office, g.personId, now, new Date(now.getTime() - NOTE_WINDOW_DAYS * DAY_MS));
  await scheduleJobNowIn(tx, store, {
    kind: WELCOME_JOB,
    target: { personId: g.personId },
    payload: { code, office: g.office, predecessorId: outgoing[0]?.personId ?? null },
    dueAt: now,
    timeZone,
    idempotencyKey: `${WELCOME_JOB}:${g.assignmentId}`,
  });
  for (const o of outgoing)
    await scheduleJobNowIn(tx, store, {
      kind: ASK_JOB,
      target: { personId: o.personId },
      payload: { code, office: g.office, successorId: g.personId },
      dueAt: now,
      timeZone,
      // Asked once per office and sub-local, however many times the office changes hands.
      idempotencyKey: `${ASK_JOB}:${o.personId}:${code}:${g.office ?? ""}`,
    });
  // One office, one holder: whoever granted it is asked whether the others' grants should end now
  // (the command line asks by the same rule; see bot/cli/role.ts).
  const stillHolding = await othersHoldingOffice(tx, g, now);
  if (g.office && g.grantedById && stillHolding.length > 0)
    await scheduleJobNowIn(tx, store, {
      kind: STILL_HELD_JOB,
      target: { personId: g.grantedById },
      payload: { code, office: g.office, successorId: g.personId, holders: stillHolding.map((o) => ({ assignmentId: o.assignmentId, personId: o.personId })) },
      dueAt: now,
      timeZone,
      idempotencyKey: `${STILL_HELD_JOB}:${g.assignmentId}`,
    });
}

type T = (key: string, vars?: Record<string, unknown>) => string;
const officeLabel = (t: T, office: string | null) => (office ? t(`core.offices.${office}`) : t("core.roles.sublocal_officer"));

/**
 * What the one who granted an office is told when others still hold it, in chat and on the command
 * line alike: a title, and who holds it now (each count in the reader's plural forms; the verb after
 * the names agrees with one name or several, which is not the plural rule of a number: in Russian
 * "21 человек занимает" but "Пат и Мария занимают").
 */
export function stillHeldWords(t: T, fmt: Pick<Formatter, "list">, v: { code: string; office: string; name: string; others: readonly string[] }): { title: string; text: string } {
  const office = officeLabel(t, v.office);
  const holders = v.others.length + 1;
  return {
    title: t("handoff.stillHeld.title", { office, code: v.code, count: holders }),
    text: `${t(v.others.length === 1 ? "handoff.stillHeld.oneOther" : "handoff.stillHeld.severalOthers", { office, code: v.code, name: v.name, others: fmt.list(v.others) })} ${t("handoff.stillHeld.holders", { count: holders })}`,
  };
}

export const welcomeJob = defineJobKind<{ code: string; office: string | null; predecessorId: number | null }>({
  kind: WELCOME_JOB,
  async render(ctx, p) {
    const personId = ctx.job.personId;
    if (personId === null) return null;
    const before = p.predecessorId !== null ? await personById(data(ctx.store), p.predecessorId) : null;
    const blocks: Block[] = [
      reply.section(`🔥 ${ctx.t("handoff.welcome.title", { office: officeLabel(ctx.t, p.office), code: p.code })}`, [], ctx.t("handoff.welcome.text", { code: p.code })),
      reply.text(before ? ctx.t("handoff.welcome.predecessor", { name: displayName(before) }) : ctx.t("handoff.welcome.noPredecessor")),
      reply.buttons({ label: ctx.t("handoff.welcome.packetButton", { code: p.code }), action: "handoff.packet", payload: { code: p.code }, style: "primary" }),
      // What the other areas ask of a new office-holder (the training their roles need), in their language.
      ...(await onboardingFor(ctx.features, ctx, personId)),
    ];
    return reply.private(...blocks);
  },
});

/** To the staff member who granted an office someone else still holds: end the old grant? (one button each) */
export const stillHeldJob = defineJobKind<{ code: string; office: string; successorId: number; holders: { assignmentId: number; personId: number }[] }>({
  kind: STILL_HELD_JOB,
  async render(ctx, p) {
    const next = await personById(data(ctx.store), p.successorId);
    const holders = await Promise.all(p.holders.map(async (h) => ({ ...h, person: await personById(data(ctx.store), h.personId) })));
    const words = stillHeldWords(ctx.t, ctx.fmt, { code: p.code, office: p.office, name: next ? displayName(next) : "—", others: holders.map((h) => (h.person ? displayName(h.person) : "—")) });
    return reply.private(
      reply.section(`⚠️ ${words.title}`, [], words.text),
      // The End button is the role area's own: checked again when pressed, it ends exactly that grant.
      reply.buttons(...holders.map((h) => ({ label: ctx.t("handoff.stillHeld.end", { name: h.person ? displayName(h.person) : "—" }), action: "unionhall.role.end", payload: { assignmentId: h.assignmentId }, style: "danger" as const, once: true }))),
      reply.context(ctx.t("handoff.stillHeld.keep")),
    );
  },
});

export const askJob = defineJobKind<{ code: string; office: string | null; successorId: number }>({
  kind: ASK_JOB,
  async render(ctx, p) {
    const next = await personById(data(ctx.store), p.successorId);
    return reply.private(
      reply.section(
        ctx.t("handoff.ask.title", { code: p.code }),
        [],
        ctx.t("handoff.ask.text", { office: officeLabel(ctx.t, p.office), code: p.code, name: next ? displayName(next) : "—", days: NOTE_WINDOW_DAYS }),
      ),
      reply.context(ctx.t("handoff.ask.how")),
    );
  },
});
