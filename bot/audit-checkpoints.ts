// Audit checkpoints outside the database: one at start-up, then one every day at 03:00 in the
// union's time zone (node-schedule, already a dependency: DST-aware cron in a time zone). Each
// goes to the process log, whose copy lives wherever the logs are shipped; `npm run cli --
// verify-audit --checkpoint LOGFILE` checks the database against the newest one there.
import schedule from "node-schedule";
import { auditKeyring, writeCheckpoint } from "../db/audit.ts";
import type { Store } from "../db/store.ts";

export interface CheckpointHandle {
  name: string;
  /** When the next daily checkpoint is due. */
  nextAt(): Date | null;
  stop(): Promise<void>;
}

/** Takes the start-up checkpoint (resolves once it is written, or its failure logged) and plans the daily ones. */
export async function startAuditCheckpoints(opts: {
  store: Store;
  log: { info(event: string, fields?: Record<string, unknown>): void; warn(event: string, fields?: Record<string, unknown>): void };
  timeZone: string;
  now?: () => Date;
}): Promise<CheckpointHandle> {
  const now = opts.now ?? (() => new Date());
  const take = async (reason: "startup" | "daily") => {
    try {
      await writeCheckpoint(opts.store, opts.log, now(), reason);
    } catch (e) {
      opts.log.warn("audit.checkpoint.failed", { reason, error: e instanceof Error ? e.name : "unknown" });
    }
  };
  // Without a key the chain still links every entry, but someone with the database file could
  // rewrite its tail: say so once at start-up (no key material, no personal data).
  if (!auditKeyring()) opts.log.warn("audit.unkeyed", { reason: "AUDIT_KEY is not set: the audit log is hash-chained but not keyed, and checkpoints are unsigned" });
  await take("startup");
  const job = schedule.scheduleJob({ rule: "0 3 * * *", tz: opts.timeZone }, () => void take("daily"));
  return {
    name: "audit-checkpoints",
    nextAt: () => {
      const at = job?.nextInvocation();
      return at ? new Date(at.getTime()) : null;
    },
    async stop() {
      job?.cancel();
    },
  };
}
