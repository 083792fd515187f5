// The cards treasury staff and officers decide from, built from the current state of the thing
// they decide: a card posted later (Home, pending list, a channel job) never offers a decision
// that has already been taken.
import { historyOf, type DisputeRow, type RequestRow, type StatementRow, type SubjectType } from "../../db/rebate-requests.ts";
import { entryById } from "../../db/rebate.ts";
import { data } from "../../db/data.ts";
import { activeRoles } from "../../db/roles.ts";
import type { Block, Button } from "../core/reply.ts";
import type { ActiveRole } from "../core/roles.ts";
import { isPartyTo, isTreasuryStaff, mayCosign } from "./access.ts";
import { ageDays, entryLine, nameOf, type View } from "./common.ts";
import { parsePeriod } from "./period.ts";

/**
 * Who a card is written for: it offers only the buttons its reader may press. A person (with their
 * roles now), or the treasury channel (staff decide there).
 */
export type Reader = { personId: number; roles: readonly ActiveRole[] } | { channel: true };

export async function personReader(store: View["store"], personId: number, at: Date): Promise<Reader> {
  return { personId, roles: (await activeRoles(data(store), personId, at)) as ActiveRole[] };
}

/**
 * Whether the reader decides this item, by the rules of ./access.ts the actions check again at click
 * time: treasury staff who are no party to it (neither asked for nor signed it), or the treasury
 * channel, where staff decide.
 */
const decides = (r: Reader, item: { requesterId: number | null; cosignerId?: number | null }) => "channel" in r || (isTreasuryStaff(r.roles) && !isPartyTo(r.personId, item));
const isPerson = (r: Reader, id: number | null) => "personId" in r && id !== null && r.personId === id;

export function periodLabel(v: View, from: string, to: string): string {
  const p = parsePeriod(`${from} ${to}`);
  return p ? `${v.fmt.dateShort(p.from)} – ${v.fmt.dateShort(p.to)}` : `${from} – ${to}`;
}

export async function statementCard(v: View, s: StatementRow, reader: Reader): Promise<Block[]> {
  const blocks: Block[] = [
    {
      type: "section",
      title: v.t("rebate.statement.cardTitle", { id: s.id, code: s.subLocalCode }),
      text: v.t("rebate.statement.cardText", { name: await nameOf(v.store, s.requesterId), code: s.subLocalCode, period: periodLabel(v, s.fromDate, s.toDate) }),
    },
  ];
  if (s.status === "pending") {
    if (decides(reader, s))
      blocks.push({
        type: "buttons",
        buttons: [
          { label: v.t("rebate.approve"), action: "rebate.statement.decide", payload: { id: s.id, approve: true }, style: "primary", once: true, group: "decision" },
          { label: v.t("rebate.denyWithReason"), action: "rebate.statement.decide", payload: { id: s.id, approve: false }, style: "danger" },
        ],
      });
    else blocks.push({ type: "context", text: v.t("rebate.statement.status.pending") });
  } else blocks.push({ type: "context", text: await decidedLine(v, "statement", s.id, s.status, s.reason) });
  return blocks;
}

export async function requestFields(v: View, r: RequestRow) {
  const fields = [
    { label: v.t("rebate.request.payee"), value: r.payee },
    { label: v.t("rebate.request.amount"), value: v.fmt.money(r.amountCents) },
    { label: v.t("rebate.request.purpose"), value: r.purpose },
    { label: v.t("rebate.request.neededBy"), value: v.fmt.dateShort(r.neededBy) },
    { label: v.t("rebate.request.filedBy"), value: await nameOf(v.store, r.requesterId) },
  ];
  // Whoever answered the signature: "Co-signed by" only when they signed, "Declined by" when not.
  if (r.cosignerId) fields.push({ label: v.t(r.status === "declined" ? "rebate.request.declinedBy" : "rebate.request.cosignedBy"), value: await nameOf(v.store, r.cosignerId) });
  if (r.receiptUrl) fields.push({ label: v.t("rebate.request.receipt"), value: r.receiptUrl });
  return fields;
}

/** The request as its reader may act on it: co-sign (the other office), decide (staff), withdraw (the requester). */
export async function requestCard(v: View, r: RequestRow, reader: Reader): Promise<Block[]> {
  const blocks: Block[] = [
    { type: "section", title: v.t("rebate.request.cardTitle", { id: r.id, code: r.subLocalCode }), text: v.t(`rebate.request.status.${r.status}`), fields: await requestFields(v, r) },
  ];
  const buttons: Button[] = [];
  const mine = isPerson(reader, r.requesterId);
  if (r.status === "awaiting_cosign" && !mine && "personId" in reader && mayCosign(reader.roles, r))
    buttons.push(
      { label: v.t("rebate.request.cosign"), action: "rebate.request.cosign", payload: { id: r.id, sign: true }, style: "primary", once: true, group: "signature" },
      { label: v.t("rebate.request.decline"), action: "rebate.request.decline", payload: { id: r.id }, style: "danger" },
    );
  else if (r.status === "awaiting_staff" && decides(reader, r))
    buttons.push(
      { label: v.t("rebate.approve"), action: "rebate.request.approve", payload: { id: r.id }, style: "primary", once: true, group: "decision" },
      { label: v.t("rebate.denyWithReason"), action: "rebate.request.deny", payload: { id: r.id }, style: "danger" },
    );
  if (mine && (r.status === "awaiting_cosign" || r.status === "awaiting_staff")) buttons.push({ label: v.t("rebate.request.withdraw"), action: "rebate.request.withdraw", payload: { id: r.id } });
  if (buttons.length) blocks.push({ type: "buttons", buttons });
  if (r.status === "awaiting_cosign" || r.status === "awaiting_staff") {
    if (!buttons.length) blocks.push({ type: "context", text: v.t("rebate.request.nothingForYou") });
  } else blocks.push({ type: "context", text: await decidedLine(v, "request", r.id, r.status, r.reason) });
  return blocks;
}

/** What the officer expected, with the entry's sign: "expected 150.00" on a −165.00 expense means −150.00. */
export function expectedSigned(entryCents: number, expectedCents: number): number {
  return entryCents < 0 && expectedCents > 0 ? -expectedCents : expectedCents;
}

export async function disputeCard(v: View, d: DisputeRow, reader: Reader): Promise<Block[]> {
  const entry = await entryById(data(v.store), d.entryId);
  const fields = [
    { label: v.t("rebate.dispute.entry"), value: entry ? entryLine(v, entry) : `#${d.entryId}` },
    { label: v.t("rebate.dispute.problem"), value: d.problem },
    { label: v.t("rebate.dispute.filedBy"), value: await nameOf(v.store, d.requesterId) },
    { label: v.t("rebate.dispute.age"), value: v.t("rebate.days", { count: ageDays(d.createdAt, v.clock.now()) }) },
  ];
  if (d.expectedCents !== null && entry) {
    // The entry and what was expected side by side, and the signed difference a correction would post.
    const expected = expectedSigned(entry.amountCents, d.expectedCents);
    fields.splice(2, 0, { label: v.t("rebate.dispute.expected"), value: v.fmt.money(expected) }, { label: v.t("rebate.dispute.difference"), value: signedMoney(v, expected - entry.amountCents) });
  }
  if (d.correctingEntryId) {
    const c = await entryById(data(v.store), d.correctingEntryId);
    if (c) fields.push({ label: v.t("rebate.dispute.correctingEntry"), value: entryLine(v, c) });
  }
  if (d.reason) fields.push({ label: v.t("rebate.dispute.reason"), value: d.reason });
  const blocks: Block[] = [{ type: "section", title: v.t("rebate.dispute.cardTitle", { id: d.id, code: d.subLocalCode }), text: v.t(`rebate.dispute.status.${d.status}`), fields }];
  const buttons: Button[] = [];
  if (!decides(reader, d)) return blocks;
  if (d.status === "open") buttons.push({ label: v.t("rebate.dispute.startReview"), action: "rebate.dispute.review", payload: { id: d.id }, once: true, group: "review" });
  if (d.status === "open" || d.status === "under_review")
    buttons.push(
      { label: v.t("rebate.dispute.adjust"), action: "rebate.dispute.adjust", payload: { id: d.id }, style: "primary" },
      { label: v.t("rebate.dispute.uphold"), action: "rebate.dispute.uphold", payload: { id: d.id }, style: "danger" },
    );
  if (buttons.length) blocks.push({ type: "buttons", buttons });
  return blocks;
}

/** "+$15.00" / "−$15.00": a difference always shows its sign. */
export function signedMoney(v: View, cents: number): string {
  return cents > 0 ? `+${v.fmt.money(cents)}` : v.fmt.money(cents);
}

/** "Approved by Sofia Chen on Nov 30, 2026" from the history. */
export async function decidedLine(v: View, type: SubjectType, id: number, status: string, reason?: string | null): Promise<string> {
  const last = (await historyOf(data(v.store), type, id)).at(-1);
  const by = await nameOf(v.store, last?.actorId ?? null);
  const when = last ? v.fmt.dateShort(new Date(last.at)) : "";
  const what = last ? v.t(`rebate.history.${last.action}`) : v.t(`rebate.${type}.status.${status}`);
  return v.t("rebate.decided", { status: what, by, when }) + (reason ? ` — ${reason}` : "");
}

/** The history of one item, oldest first, as list items. */
export async function historyItems(v: View, type: SubjectType, id: number) {
  const out = [];
  for (const e of await historyOf(data(v.store), type, id))
    out.push({ text: `${v.fmt.dateTime(new Date(e.at))} — ${v.t(`rebate.history.${e.action}`)}`, detail: `${await nameOf(v.store, e.actorId)}${e.note && !e.note.startsWith("entry:") ? ` · ${e.note}` : ""}` });
  return out;
}
