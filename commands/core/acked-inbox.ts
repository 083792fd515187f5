// Work a platform acknowledged and has not yet answered, kept in the database (db/acked-work.ts) so
// that a process killed with it in its in-memory queue does not lose it: a platform never sends an
// acknowledged request again. The adapter writes the request before its acknowledgement (sealed
// with MEMBER_DATA_KEY: a command may hold personal data) and settles it once answered. Every
// process renews the rows it holds and, every few seconds, takes over rows whose holder stopped
// renewing, running each through the adapter's own handler with the same delivery id: work that
// was done is not redone, work never started is done now. Platform-neutral: what a request holds
// and how a person is told it was lost are the adapter's.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { ACKED_RENEW_MS, HOLD_BATCH_MAX, holdAckedRows, letAckedLapse, renewAcked, settleAcked, takeOverAcked, type AckedRow, type NewAcked } from "../../db/acked-work.ts";
import { appendAuditAsync } from "../../db/audit.ts";
import { decryptField, encryptField, keyringFromEnv, type Keyring } from "../../db/crypto.ts";
import { ACKNOWLEDGEMENT_LANE_WIDTH, acknowledgementLane, data } from "../../db/data.ts";
import type { AdapterHost } from "./host.ts";
import type { WorkLabels } from "./intake.ts";

export type { AckedRow };

/** How often a process renews its rows and looks for lapsed ones. */
export const ACKED_SWEEP_MS = ACKED_RENEW_MS;

/** What every kept request names: who asked, where to answer. */
export interface AckedRequestBase {
  kind: NonNullable<WorkLabels["kind"]>;
  teamId: string;
  userId: string;
  responseUrl: string;
}

function keyring(): Keyring | null {
  try {
    return keyringFromEnv();
  } catch {
    return null;
  }
}

export interface AckedInboxOptions<R extends AckedRequestBase> {
  /** The platform, in log events (`slack.inbox.taken_over`), metrics and audit entries. */
  platform: string;
  /** The delivery's key: a platform's retry of the same request has the same one. */
  keyOf(req: R): string;
  /** How long the platform takes answers for a request; an older row is dropped, with an audit entry. */
  answerLifeMs: number;
  /** Runs a request's work and its answer, never throwing (failures are told to the person). */
  run(req: R, takenOver: boolean): Promise<void>;
  /** Tells the person a request that cannot be read back (kept without a key) was not done. */
  tellLost(row: AckedRow): Promise<void>;
}

export class AckedInbox<R extends AckedRequestBase> {
  /** This process, named afresh at each start: a restarted process takes over what its last life held. */
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly host: Pick<AdapterHost, "store" | "core" | "log" | "intake">,
    private readonly opts: AckedInboxOptions<R>,
  ) {}

  private get keyPrefix(): string {
    return `${this.opts.platform}:`;
  }

  private get db() {
    return data(this.host.store);
  }

  private now(): Date {
    return this.host.core.clock.now();
  }

  /** Writes the request before it is acknowledged; its key, or undefined when it could not be kept (logged). */
  async hold(req: R): Promise<string | undefined> {
    const key = this.opts.keyOf(req);
    // Each platform's inbox takes over only the rows under its own prefix.
    if (!key.startsWith(this.keyPrefix)) throw new Error(`${this.opts.platform}: an inbox key starts with "${this.keyPrefix}"`);
    const ring = keyring();
    try {
      const request = ring ? encryptField(ring, "ackedRequest", JSON.stringify(req)) : null;
      await this.written({ key, kind: req.kind, request, responseUrl: req.responseUrl, workspaceId: req.teamId, userId: req.userId });
      return key;
    } catch (e) {
      this.host.log.warn(`${this.opts.platform}.inbox.hold_failed`, { kind: req.kind, error: e instanceof Error ? e.name : "unknown" });
      return undefined;
    }
  }

  private waiting: { row: NewAcked; done: (failed: { error: unknown } | null) => void }[] = [];
  private writers = 0;

  /**
   * Resolves once the row is written. Requests that arrive while the lane's inserts are on their
   * way are written together by the next one (group commit): on PostgreSQL a burst's
   * acknowledgements then wait for one round trip or two, not for a queue of them each. (On
   * SQLite an insert runs on the spot, so groups form only of requests held in the same turn.)
   */
  private written(row: NewAcked): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, done: (failed) => (failed ? reject(failed.error) : resolve()) });
      if (this.writers < ACKNOWLEDGEMENT_LANE_WIDTH) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writers++;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, HOLD_BATCH_MAX);
        try {
          await holdAckedRows(acknowledgementLane(this.host.store), batch.map((b) => b.row), this.owner, this.now());
          for (const b of batch) b.done(null);
        } catch (error) {
          for (const b of batch) b.done({ error });
        }
      }
    } finally {
      this.writers--;
    }
  }

  /** The request was answered: its row goes. */
  async settle(key: string): Promise<void> {
    await settleAcked(this.db, key).catch((e: unknown) => this.host.log.warn(`${this.opts.platform}.inbox.settle_failed`, { error: e instanceof Error ? e.name : "unknown" }));
  }

  /** The queue refused it: let it lapse now, so the next sweep (here or in another process) runs it. */
  async lapse(key: string): Promise<void> {
    await letAckedLapse(this.db, key, this.owner, this.now()).catch(() => undefined);
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), ACKED_SWEEP_MS);
    this.timer.unref();
    void this.sweep();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Renews this process's rows, then takes over lapsed ones. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      await renewAcked(this.db, this.owner, this.now());
      const rows = await takeOverAcked(this.db, this.owner, this.now(), this.keyPrefix);
      for (const row of rows) await this.takeOver(row);
      return rows.length;
    } catch (e) {
      // A busy or unreachable database: the next sweep tries again, well within the lease.
      this.host.log.warn(`${this.opts.platform}.inbox.sweep_failed`, { error: e instanceof Error ? e.name : "unknown" });
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private async takeOver(row: AckedRow): Promise<void> {
    const { log } = this.host;
    const age = this.now().getTime() - new Date(row.receivedAt).getTime();
    if (age >= this.opts.answerLifeMs) {
      await appendAuditAsync(this.host.store, { actor: "system", action: "inbox.expired", subjectType: `${this.opts.platform}_request`, subjectId: row.key.slice(0, 80), at: this.now(), details: { kind: row.kind, attempts: row.attempts } });
      await this.settle(row.key);
      log.warn(`${this.opts.platform}.inbox.expired`, { kind: row.kind, userId: row.userId, attempts: row.attempts });
      return;
    }
    let req: R | null = null;
    const ring = keyring();
    try {
      if (row.request && ring) req = JSON.parse(decryptField(ring, "ackedRequest", row.request)) as R;
    } catch {
      req = null;
    }
    log.info(`${this.opts.platform}.inbox.taken_over`, { kind: row.kind, userId: row.userId, attempts: row.attempts, readable: req !== null });
    if (!req) {
      // Kept without a key (or sealed with one that is gone): the person hears it was not done.
      await this.opts.tellLost(row).catch(() => undefined);
      await this.settle(row.key);
      return;
    }
    const request = req;
    this.host.intake
      .run(async () => {
        await this.opts.run(request, true);
        await this.settle(row.key);
      }, { platform: this.opts.platform, kind: request.kind })
      .catch(() => this.lapse(row.key));
  }
}
