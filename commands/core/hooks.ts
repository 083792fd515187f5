// Events one area announces and any other may react to, without the areas importing each other:
// the announcing area calls the function here with the registry's features, every feature that
// declared the hook reacts. A role grant's reactions read first (before its transaction) and then
// write inside the grant's transaction (durable jobs, through its `tx`), so a crash keeps the event
// and its consequences together or neither.
import type { Tx } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import type { Feature, LinkedCtx } from "./command.ts";
import type { JobCtx } from "./jobs.ts";
import type { Block } from "./reply.ts";

/** A role just granted to a person (by chat or the CLI). */
export interface RoleGranted {
  assignmentId: number;
  personId: number;
  role: string;
  office: string | null;
  scopeType: string;
  scopeId: string | null;
  /** Who granted it in chat (staff), to be asked about what the grant leaves behind; none from the CLI. */
  grantedById?: number | null;
}

export interface HookEnv {
  store: Store;
  now: Date;
  /** The local's time zone, for anything scheduled. */
  timeZone: string;
}

/** A grant about to be made: everything but the assignment's id, which its transaction creates. */
export type RoleGranting = Omit<RoleGranted, "assignmentId">;

/** An area's writes for a grant, made inside the grant's transaction (database statements through `tx` only). */
export type RoleGrantedWrite = (tx: Tx, granted: RoleGranted) => Promise<void>;

/**
 * Asks every area what a grant brings, before the grant's transaction (their reads may wait on
 * the database); returns the writes to call inside that transaction once the role row exists.
 */
export async function prepareRoleGranted(features: readonly Feature[], env: HookEnv, granting: RoleGranting): Promise<RoleGrantedWrite> {
  const writes: RoleGrantedWrite[] = [];
  for (const f of features) {
    const write = await f.onRoleGranted?.(env, granting);
    if (write) writes.push(write);
  }
  return async (tx, granted) => {
    for (const write of writes) await write(tx, granted);
  };
}

/** What every area asks of someone who just took an office, for their welcome message. */
export async function onboardingFor(features: readonly Feature[], ctx: JobCtx, personId: number): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const f of features) blocks.push(...((await f.onboarding?.(ctx, personId)) ?? []));
  return blocks;
}

/** A knowledge-base document as the caller may read it, from the area that keeps documents; null when none may be read. */
export async function readDocument(features: readonly Feature[], ctx: LinkedCtx, id: number): Promise<{ title: string; body: string } | null> {
  for (const f of features) if (f.readDocument) return await f.readDocument(ctx, id);
  return null;
}

/** Tells every area that the caller acknowledged the contacts agreement; returns what they add to the reply. */
export async function announceAgreementAcknowledged(features: readonly Feature[], ctx: LinkedCtx): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const f of features) blocks.push(...((await f.onAgreementAcknowledged?.(ctx)) ?? []));
  return blocks;
}
