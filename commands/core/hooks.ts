// Events one area announces and any other may react to, without the areas importing each other:
// the announcing area calls the function here with the registry's features, every feature that
// declared the hook reacts. Reactions run inside the announcing write's transaction (synchronous
// db/ writes, durable jobs), so a crash keeps the event and its consequences together or neither.
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

/** Tells every area about a grant. Call inside the grant's transaction. */
export function announceRoleGranted(features: readonly Feature[], env: HookEnv, granted: RoleGranted): void {
  for (const f of features) f.onRoleGranted?.(env, granted);
}

/** What every area asks of someone who just took an office, for their welcome message. */
export function onboardingFor(features: readonly Feature[], ctx: JobCtx, personId: number): Block[] {
  return features.flatMap((f) => f.onboarding?.(ctx, personId) ?? []);
}

/** A knowledge-base document as the caller may read it, from the area that keeps documents; null when none may be read. */
export async function readDocument(features: readonly Feature[], ctx: LinkedCtx, id: number): Promise<{ title: string; body: string } | null> {
  for (const f of features) if (f.readDocument) return await f.readDocument(ctx, id);
  return null;
}

/** Tells every area that the caller acknowledged the contacts agreement; returns what they add to the reply. */
export function announceAgreementAcknowledged(features: readonly Feature[], ctx: LinkedCtx): Block[] {
  return features.flatMap((f) => f.onAgreementAcknowledged?.(ctx) ?? []);
}
