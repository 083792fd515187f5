// Slack work acknowledged and not yet answered, kept in the database (db/acked-work.ts) so that a
// process killed with it in its in-memory queue does not lose it: Slack never sends an
// acknowledged request again. The request is written before the acknowledgement (its text sealed
// with MEMBER_DATA_KEY: a command may hold personal data), and removed once answered. Every
// process renews the rows it holds and, every few seconds, takes over rows whose holder stopped
// renewing, running each through the same handler as when it arrived, with the same delivery id:
// work that was done is not redone (its stored answer is sent again, or the person is told it was
// done), work never started is done now, answering through the stored response_url.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { ACKED_RENEW_MS, holdAcked, letAckedLapse, renewAcked, settleAcked, takeOverAcked, type AckedRow } from "../../db/acked-work.ts";
import { appendAuditAsync } from "../../db/audit.ts";
import { decryptField, encryptField, keyringFromEnv, type Keyring } from "../../db/crypto.ts";
import { data } from "../../db/data.ts";
import type { AdapterHost } from "../../commands/core/host.ts";
import { escapeMrkdwn } from "./render.ts";
import { postToResponseUrl } from "./response-url.ts";

/** How often a process renews its rows and looks for lapsed ones. */
export const ACKED_SWEEP_MS = ACKED_RENEW_MS;
/** Slack takes answers at a response_url for 30 minutes; a row older than that is dropped, with an audit entry. */
export const RESPONSE_URL_LIFE_MS = 30 * 60_000;

/** What the handler needs to run a request again: the parsed payload's essentials. */
export type AckedRequest =
  | { kind: "command"; teamId: string; userId: string; channelId?: string; command: string; text: string; triggerId: string; responseUrl: string }
  | { kind: "button"; teamId: string; userId: string; channelId?: string; actionId: string; actionTs: string; triggerId?: string; responseUrl: string; home: boolean };

/** The delivery's key: a Slack retry of the same request has the same one. */
export function ackedKey(r: AckedRequest): string {
  return r.kind === "command" ? `slack:command:${r.triggerId}` : `slack:button:${r.userId}:${r.actionTs}`;
}

function keyring(): Keyring | null {
  try {
    return keyringFromEnv();
  } catch {
    return null;
  }
}

export interface InboxOptions {
  /** Runs a request's work and its answer, never throwing (failures are told to the person). */
  run(req: AckedRequest, takenOver: boolean): Promise<void>;
  /** The person's language, for a request that cannot be read back. */
  textFor(teamId: string, userId: string): Promise<(key: string, vars?: Record<string, unknown>) => string>;
}

export class SlackInbox {
  /** This process, named afresh at each start: a restarted process takes over what its last life held. */
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly host: Pick<AdapterHost, "store" | "core" | "log" | "intake">,
    private readonly opts: InboxOptions,
  ) {}

  private get db() {
    return data(this.host.store);
  }

  private now(): Date {
    return this.host.core.clock.now();
  }

  /** Writes the request before it is acknowledged; its key, or undefined when it could not be kept (logged). */
  async hold(req: AckedRequest): Promise<string | undefined> {
    const key = ackedKey(req);
    const ring = keyring();
    try {
      const request = ring ? encryptField(ring, "ackedRequest", JSON.stringify(req)) : null;
      await holdAcked(this.db, { key, kind: req.kind, request, responseUrl: req.responseUrl, workspaceId: req.teamId, userId: req.userId }, this.owner, this.now());
      return key;
    } catch (e) {
      this.host.log.warn("slack.inbox.hold_failed", { kind: req.kind, error: e instanceof Error ? e.name : "unknown" });
      return undefined;
    }
  }

  /** The request was answered: its row goes. */
  async settle(key: string): Promise<void> {
    await settleAcked(this.db, key).catch((e: unknown) => this.host.log.warn("slack.inbox.settle_failed", { error: e instanceof Error ? e.name : "unknown" }));
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
      const rows = await takeOverAcked(this.db, this.owner, this.now());
      for (const row of rows) await this.takeOver(row);
      return rows.length;
    } catch (e) {
      // A busy or unreachable database: the next sweep tries again, well within the lease.
      this.host.log.warn("slack.inbox.sweep_failed", { error: e instanceof Error ? e.name : "unknown" });
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private async takeOver(row: AckedRow): Promise<void> {
    const { log } = this.host;
    const age = this.now().getTime() - new Date(row.receivedAt).getTime();
    if (age >= RESPONSE_URL_LIFE_MS) {
      await appendAuditAsync(this.host.store, { actor: "system", action: "inbox.expired", subjectType: "slack_request", subjectId: row.key.slice(0, 80), at: this.now(), details: { kind: row.kind, attempts: row.attempts } });
      await this.settle(row.key);
      log.warn("slack.inbox.expired", { kind: row.kind, userId: row.userId, attempts: row.attempts });
      return;
    }
    let req: AckedRequest | null = null;
    const ring = keyring();
    try {
      if (row.request && ring) req = JSON.parse(decryptField(ring, "ackedRequest", row.request)) as AckedRequest;
    } catch {
      req = null;
    }
    log.info("slack.inbox.taken_over", { kind: row.kind, userId: row.userId, attempts: row.attempts, readable: req !== null });
    if (!req) {
      // Kept without a key (or sealed with one that is gone): the person hears it was not done.
      const t = await this.opts.textFor(row.workspaceId, row.userId).catch(() => undefined);
      if (t) await postToResponseUrl(row.responseUrl, { response_type: "ephemeral", replace_original: false, text: `⚠️ ${escapeMrkdwn(t("core.errors.requestLost"))}` }).catch(() => undefined);
      await this.settle(row.key);
      return;
    }
    const request = req;
    this.host.intake
      .run(async () => {
        await this.opts.run(request, true);
        await this.settle(row.key);
      }, { platform: "slack", kind: request.kind })
      .catch(() => this.lapse(row.key));
  }
}
