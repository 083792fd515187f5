// A role only one process may hold at a time (the Discord gateway connection: two would answer every
// interaction twice), kept by renewing a lease in the shared database (db/role-leases.ts). Every
// process runs this: the holder renews every quarter of the lease; the others ask as often and take
// the role once the holder has stopped renewing, so a dead holder is replaced within about one
// lease. A holder that cannot renew (the database is unreachable) gives the role up after half a
// lease, before anyone else could take it, so two processes never hold it at once.
import os from "node:os";
import { randomUUID } from "node:crypto";
import type { Logger } from "../commands/core/command.ts";
import type { AdapterHandle } from "../commands/core/host.ts";
import { data } from "../db/data.ts";
import { releaseRoleLease, takeRoleLease } from "../db/role-leases.ts";
import type { Store } from "../db/store.ts";

export interface RoleLeaseOptions {
  store: Store;
  log: Logger;
  /** The role's name, one row in the lease table ("discord-gateway"). */
  role: string;
  /** Starts what the role does; its handle stops it when the role is lost or the process stops. */
  start: () => Promise<AdapterHandle>;
  ttlMs: number;
  /** Wall-clock time: leases are about processes being alive, not the bot's business clock. */
  now?: () => Date;
  /** Who asks; by default this process, named afresh (a restarted process is a new holder). */
  holder?: string;
}

export interface HeldRole extends AdapterHandle {
  /** Whether this process holds the role right now. */
  held(): boolean;
}

/** A lease holder's name: host and pid for people reading the table, and a random part. */
export function newHolder(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Takes the role if it is free (starting what it does before returning, so a single process starts
 * as it always did), then keeps asking in the background. A start that fails at the first attempt
 * fails the process's start, as a bad token always has; later failures are logged and retried.
 */
export async function holdRole(opts: RoleLeaseOptions): Promise<HeldRole> {
  const { store, log, role, start, ttlMs } = opts;
  const now = opts.now ?? (() => new Date());
  const db = data(store);
  const processHolder = opts.holder ?? newHolder();
  const every = Math.max(250, Math.floor(ttlMs / 4));
  let handle: AdapterHandle | undefined;
  let lastRenewed = 0;
  let busy = false;
  let stopped = false;

  async function letGo(reason: string) {
    const h = handle;
    handle = undefined;
    if (!h) return;
    log.warn("role.lost", { role, reason });
    await h.stop().catch(() => undefined);
  }

  async function tick(first: boolean) {
    if (busy || stopped) return;
    busy = true;
    try {
      let ours: boolean;
      try {
        const t = now();
        ours = await takeRoleLease(db, role, processHolder, ttlMs, t);
        if (ours) lastRenewed = t.getTime();
      } catch (e) {
        log.warn("role.lease.failed", { role, error: e instanceof Error ? e.name : "unknown" });
        // Keep it only while the lease last written is surely still ours.
        ours = handle !== undefined && now().getTime() - lastRenewed < ttlMs / 2;
      }
      if (stopped) return;
      if (!ours) return await letGo("held elsewhere or not renewed");
      if (handle) return;
      try {
        handle = await start();
        log.info("role.taken", { role });
      } catch (e) {
        if (first) throw e;
        log.error("role.start.failed", { role, error: e instanceof Error ? e.name : "unknown" });
        await releaseRoleLease(db, role, processHolder).catch(() => undefined);
      }
    } finally {
      busy = false;
    }
  }

  try {
    await tick(true);
  } catch (e) {
    await releaseRoleLease(db, role, processHolder).catch(() => undefined);
    throw e;
  }
  if (!handle) log.info("role.standby", { role });
  const timer = setInterval(() => void tick(false).catch(() => undefined), every);
  timer.unref();

  return {
    name: role,
    held: () => handle !== undefined,
    async stop() {
      stopped = true;
      clearInterval(timer);
      // A tick in flight may be starting the role: wait for it, then stop what it started.
      while (busy) await new Promise((r) => setTimeout(r, 10));
      const h = handle;
      handle = undefined;
      if (h) await h.stop().catch(() => undefined);
      await releaseRoleLease(db, role, processHolder).catch(() => undefined);
    },
  };
}
