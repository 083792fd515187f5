// What the treasury tells people other than the caller: the cards staff and the co-signing officer
// decide from, the statement the requester receives (message, CSV and PDF), and every decision on a
// request or dispute to everyone involved in it. Each is rendered by the core for its recipient, in
// their language, from ids only: the card or text is built from the record as it stands.
import { z } from "zod";
import { data } from "../../db/data.ts";
import { historyOf, disputeById, requestById, statementById } from "../../db/rebate-requests.ts";
import { entryById } from "../../db/rebate.ts";
import { defineNotice, type NoticeCtx } from "../core/notice.ts";
import { reply, type Reply } from "../core/reply.ts";
import { disputeCard, personReader, requestCard, statementCard, type Reader } from "./cards.ts";
import { entryLine, nameOf } from "./common.ts";
import { issuedStatement, statementMessage } from "./statement-doc.ts";

const id = z.number().int().positive();

async function readerOf(n: NoticeCtx): Promise<Reader> {
  return "personId" in n.recipient ? personReader(n.store, n.recipient.personId, n.clock.now()) : { channel: true };
}

/** The last step of this kind on a record: who took it and the note (a reason) they gave. */
async function step(n: NoticeCtx, type: "statement" | "request" | "dispute", subject: number, action: string) {
  const e = (await historyOf(data(n.store), type, subject))
    .filter((x) => x.action === action)
    .at(-1);
  return { by: await nameOf(n.store, e?.actorId ?? null), note: e?.note && !e.note.startsWith("entry:") ? e.note : null };
}

const gone = (n: NoticeCtx, key: string, vars: Record<string, unknown>): Reply => reply.private(reply.text(n.t(key, vars)));

export const statementCardNotice = defineNotice({
  id: "rebate.statement.card",
  values: z.object({ id }),
  example: { id: 1 },
  async render(n, v) {
    const s = await statementById(data(n.store), v.id);
    if (!s) return gone(n, "rebate.statement.notFound", v);
    return reply.private(...(await statementCard(n, s, await readerOf(n))));
  },
});

export const statementIssuedNotice = defineNotice({
  id: "rebate.statement.issued",
  values: z.object({ id }),
  example: { id: 1 },
  async render(n, v) {
    const s = await statementById(data(n.store), v.id);
    const issued = s && (await issuedStatement(n.store, s));
    if (!s || !issued) return gone(n, "rebate.statement.notFound", v);
    const m = await statementMessage(n, issued);
    const intro = n.t("rebate.statement.youApproved", { id: s.id, code: s.subLocalCode, by: issued.approvedBy ?? "" });
    return { visibility: "private", blocks: [reply.text(`✅ ${intro}`), ...m.blocks], files: m.files };
  },
});

export const statementDeniedNotice = defineNotice({
  id: "rebate.statement.denied",
  values: z.object({ id }),
  example: { id: 1 },
  async render(n, v) {
    const s = await statementById(data(n.store), v.id);
    if (!s) return gone(n, "rebate.statement.notFound", v);
    return reply.private(reply.text(n.t("rebate.statement.youDenied", { id: s.id, code: s.subLocalCode, by: await nameOf(n.store, s.decidedById), reason: s.reason ?? "—" })));
  },
});

export const requestCardNotice = defineNotice({
  id: "rebate.request.card",
  values: z.object({ id }),
  example: { id: 1 },
  async render(n, v) {
    const r = await requestById(data(n.store), v.id);
    if (!r) return gone(n, "rebate.request.notFound", v);
    return reply.private(...(await requestCard(n, r, await readerOf(n))));
  },
});

export const REQUEST_NEWS = ["cosigned", "declined", "approved", "denied", "withdrawn"] as const;

export const requestNewsNotice = defineNotice({
  id: "rebate.request.news",
  values: z.object({ id, what: z.enum(REQUEST_NEWS) }),
  example: { id: 1, what: "denied" },
  async render(n, v) {
    const r = await requestById(data(n.store), v.id);
    if (!r) return gone(n, "rebate.request.notFound", v);
    const { by, note } = await step(n, "request", r.id, v.what);
    const text = n.t(`rebate.request.news.${v.what}`, { id: r.id, code: r.subLocalCode, amount: n.fmt.money(r.amountCents), by, reason: note ?? "—", entry: r.entryId ?? "" });
    const icon = v.what === "approved" ? "✅" : v.what === "cosigned" ? "✍️" : "ℹ️";
    return reply.private(reply.text(`${icon} ${text}`), ...(await requestCard(n, r, await readerOf(n))));
  },
});

export const disputeCardNotice = defineNotice({
  id: "rebate.dispute.card",
  values: z.object({ id }),
  example: { id: 1 },
  async render(n, v) {
    const d = await disputeById(data(n.store), v.id);
    if (!d) return gone(n, "rebate.dispute.notFound", v);
    return reply.private(...(await disputeCard(n, d, await readerOf(n))));
  },
});

export const disputeNewsNotice = defineNotice({
  id: "rebate.dispute.news",
  values: z.object({ id, what: z.enum(["under_review", "adjusted", "upheld"]) }),
  example: { id: 1, what: "upheld" },
  async render(n, v) {
    const d = await disputeById(data(n.store), v.id);
    if (!d) return gone(n, "rebate.dispute.notFound", v);
    const { by } = await step(n, "dispute", d.id, v.what);
    const correcting = d.correctingEntryId ? await entryById(data(n.store), d.correctingEntryId) : undefined;
    const key = `rebate.dispute.${{ under_review: "youUnderReview", adjusted: "youAdjusted", upheld: "youUpheld" }[v.what]}`;
    return reply.private(reply.text(n.t(key, { id: d.id, by, reason: d.reason ?? "—", entry: correcting ? entryLine(n, correcting) : "" })), ...(await disputeCard(n, d, await readerOf(n))));
  },
});

export const rebateNotices = [statementCardNotice, statementIssuedNotice, statementDeniedNotice, requestCardNotice, requestNewsNotice, disputeCardNotice, disputeNewsNotice];
