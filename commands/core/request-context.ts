// A request id for everything one piece of work does (core, db, delivery), without passing it
// through every call: the intake runs each admitted item inside its own async context, and the
// process logger adds the id to every line written from it.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";

const storage = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` with a fresh request id (or the one given). */
export function withRequestId<T>(work: () => T, requestId: string = crypto.randomBytes(6).toString("base64url")): T {
  return storage.run({ requestId }, work);
}

/** The current request's id, if the caller runs inside one. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
