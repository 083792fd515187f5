// Shared pieces of the treasury area: the view a card or message is written for, sub-local
// look-ups with the polite refusal, names, dates and ages.
import { displayName, personById } from "../../db/people.ts";
import { ensureAccount, subLocalInfo, type AccountRow, type SubLocalInfo } from "../../db/rebate.ts";
import type { Store } from "../../db/store.ts";
import type { LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import type { Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import { mayView, signingSubLocals } from "./access.ts";
import { readAmount, separatorsOf } from "./money.ts";
import { data } from "../../db/data.ts";

/** What writing a card or message needs: a command's ctx or a scheduled job's. */
export interface View {
  store: Store;
  t: Translate;
  fmt: Formatter;
  clock: { now(): Date };
}

export const SUBLOCAL_CODE = /^[A-Za-z]{2,4}-\d{2,5}$/;

/**
 * The sub-local a command is about: the one named, else the one where the caller is president or
 * treasurer. Staff and directors read many accounts, so they name it.
 */
export async function pickSubLocal(ctx: LinkedCtx, raw: string | undefined): Promise<SubLocalInfo> {
  const code = raw?.trim().toUpperCase() || signingSubLocals(ctx.roles)[0] || "";
  if (!code) throw userError.invalid("rebate.errors.nameSubLocal");
  const sl = await subLocalInfo(ctx.db, code);
  if (!sl) throw userError.notFound("rebate.errors.unknownSubLocal", { code });
  return sl;
}

/** The account, after checking the caller may see it (refusal says who can). Audited either way. */
export async function viewAccount(ctx: LinkedCtx, sl: SubLocalInfo, what: string): Promise<AccountRow> {
  if (!mayView(ctx.roles, sl)) {
    await ctx.audit("rebate.denied", { type: "sublocal", id: sl.code }, { what, reason: "not_in_scope" });
    throw userError.notAllowed("rebate.errors.notYours", { code: sl.code });
  }
  return ensureAccount(ctx.db, sl.code, ctx.clock.now());
}

export async function nameOf(store: Store, personId: number | null): Promise<string> {
  if (personId === null) return "—";
  const p = await personById(data(store), personId);
  return p ? displayName(p) : `#${personId}`;
}

/** The local calendar day now. */
export function today(v: { fmt: Formatter; clock: { now(): Date } }): string {
  return v.fmt.localDay(v.clock.now());
}

/** Whole days since a stored instant, for "waiting 3 days". */
export function ageDays(since: string | Date, now: Date): number {
  const t = typeof since === "string" ? Date.parse(since) : since.getTime();
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

/** "deposit" → the reader's word for it. */
export function kindLabel(t: Translate, kind: string): string {
  return t(`rebate.kind.${kind}`);
}

export function entryLine(v: View, e: { id: number; postedOn: string; kind: string; amountCents: number; description: string }): string {
  return v.t("rebate.entryLine", { id: e.id, date: v.fmt.dateShort(e.postedOn), kind: kindLabel(v.t, e.kind), amount: v.fmt.money(e.amountCents), description: e.description });
}

/**
 * An amount typed in a form, read in the reader's own separators (what the bot shows them), or the
 * field error naming the real problem, with an example written the reader's way.
 */
export function formAmount(v: { fmt: Formatter }, raw: string): { cents: number } | { error: { key: string; vars: Record<string, unknown> } } {
  const r = readAmount(raw, separatorsOf((c) => v.fmt.money(c)));
  if (r.ok) return { cents: r.cents };
  return { error: { key: `rebate.amount.${r.problem}`, vars: { example: v.fmt.money(125_000) } } };
}
