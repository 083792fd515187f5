// A command declared `readsOnly` runs without a once-only claim: a repeat of its delivery runs it
// again, which is harmless only while it really changes nothing. Its ctx holds it to that, so a
// write added to such a command later fails at once (in its tests) instead of being doubled by a
// platform's retry or a takeover after a crash.
import type { Db } from "../../db/data.ts";
import type { Ctx } from "./command.ts";

export class ReadsOnlyViolation extends Error {
  constructor(command: string, what: string) {
    super(`${command} is declared readsOnly but called ${what}`);
    this.name = "ReadsOnlyViolation";
  }
}

/** `ctx` with every write it offers refused: commitAsync, audit, auditIn and db.run. */
export function readsOnlyCtx(ctx: Ctx, command: string): Ctx {
  const refuse = (what: string) => () => Promise.reject(new ReadsOnlyViolation(command, what));
  const db: Db = { engine: ctx.db.engine, all: ctx.db.all.bind(ctx.db), one: ctx.db.one.bind(ctx.db), run: refuse("db.run") };
  return { ...ctx, db, commitAsync: refuse("commitAsync"), audit: refuse("audit"), auditIn: refuse("auditIn") };
}
