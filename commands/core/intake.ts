// What every adapter does before it acknowledges: check the person's rate limit and that the work
// can be answered in time, so the acknowledgement itself can say "slow down" or "busy, try again
// in N seconds" (privately) instead of the platform timing out. Admission is by promised wait, not
// by a fixed count: a burst the queue drains within `maxWaitMs` (answers go through the response
// URL, good for minutes) is taken whole; only work that would wait longer is refused, with the
// time after which the queue will have drained. Admitted work runs behind the ack in the WorkQueue.
import { DrainRate } from "./drain-rate.ts";
import type { Actor } from "./command.ts";
import type { Translate } from "./i18n.ts";
import { RateLimiter } from "./rate-limit.ts";
import { acknowledgementSeen, yieldTurn } from "./turn.ts";
import { withRequestId } from "./request-context.ts";
import { WorkQueue } from "./work-queue.ts";

export type Refusal = { kind: "busy"; retryAfterMs: number } | { kind: "slowDown"; retryAfterMs: number };

export interface IntakeOptions {
  /** Items processed at once. */
  concurrency: number;
  /** Items waiting at most, whatever the promised wait (a memory bound). */
  capacity: number;
  /** Longest promised wait before an answer that is still admitted (default 8 s). */
  maxWaitMs?: number;
  /** Throughput assumed before any work has finished (default 200 per second). */
  initialPerSecond?: number;
  /** Commands, clicks and submissions a person may send per minute, sustained. */
  perMinute: number;
  /** …and at once. */
  burst: number;
  now?: () => number;
  /** The event loop's busy time so far, in ms (default: Node's event-loop utilisation). */
  loopActiveMs?: () => number;
  onDepth?: (depth: number) => void;
  onRefused?: (r: Refusal) => void;
  /** Told when admitted work ends: its labels, milliseconds since it was queued, and whether it ended without throwing. */
  onDone?: (labels: WorkLabels, ms: number, ok: boolean) => void;
}

/** What the work was, for metrics: the platform, the feature area when known, and the kind of interaction. */
export interface WorkLabels {
  platform?: string;
  area?: string;
  kind?: "command" | "button" | "form" | "home";
}

export const defaultIntake: Omit<IntakeOptions, "now" | "loopActiveMs" | "onDepth" | "onRefused" | "onDone"> = { concurrency: 32, capacity: 5000, maxWaitMs: 8000, perMinute: 30, burst: 10 };

/** How long a person told "busy" is asked to wait when the queue is closing (shutdown). */
const CLOSED_RETRY_MS = 60_000;

export class Intake {
  readonly queue: WorkQueue;
  readonly drain: DrainRate;
  private readonly limiter: RateLimiter;
  private readonly maxWaitMs: number;

  constructor(private readonly opts: IntakeOptions = defaultIntake) {
    this.queue = new WorkQueue({ concurrency: opts.concurrency, capacity: opts.capacity, onDepth: opts.onDepth });
    this.limiter = new RateLimiter({ perMinute: opts.perMinute, burst: opts.burst, now: opts.now });
    this.drain = new DrainRate({ initialPerSecond: opts.initialPerSecond ?? 200, concurrency: opts.concurrency, loopActiveMs: opts.loopActiveMs });
    this.maxWaitMs = opts.maxWaitMs ?? 8000;
  }

  /** Null when one more item would be answered within the promised wait; else how long to wait. */
  private busy(): Refusal | null {
    if (!this.queue.accepting) return { kind: "busy", retryAfterMs: CLOSED_RETRY_MS };
    const wait = this.drain.promisedWaitMs(this.queue.waitingCount);
    if (!this.queue.full && (this.queue.inService < this.opts.concurrency || wait <= this.maxWaitMs)) return null;
    // By then the queue will have drained what is ahead now.
    return { kind: "busy", retryAfterMs: Math.max(1000, Math.ceil(wait)) };
  }

  /** Null when `who`'s work may be queued now (and counts it against their limit); else why not. */
  admit(who: Pick<Actor, "platform" | "workspaceId" | "userId">): Refusal | null {
    let r: Refusal | null = null;
    r = this.busy();
    if (!r) {
      const v = this.limiter.take(`${who.platform}:${who.workspaceId}:${who.userId}`);
      if (!v.ok) r = { kind: "slowDown", retryAfterMs: v.retryAfterMs };
    }
    if (r) this.opts.onRefused?.(r);
    return r;
  }

  /**
   * For work that runs on the request path, not in the queue (opening a form within the platform's
   * trigger window): only the person's rate limit applies.
   */
  admitDirect(who: Pick<Actor, "platform" | "workspaceId" | "userId">): Refusal | null {
    const v = this.limiter.take(`${who.platform}:${who.workspaceId}:${who.userId}`);
    const r: Refusal | null = v.ok ? null : { kind: "slowDown", retryAfterMs: v.retryAfterMs };
    if (r) this.opts.onRefused?.(r);
    return r;
  }

  /**
   * The loop spent `ms` receiving and acknowledging one request: time the queued work could not
   * use, so a burst of acknowledgements does not make the queue look slower than it drains.
   */
  acknowledged(ms: number): void {
    this.touched();
    this.drain.acknowledged(ms);
    acknowledgementSeen();
  }

  /** When a request was last acknowledged or work last ended (ms, `now`), and whether any came since the last idle call. */
  private lastActivity = 0;
  private activeSinceIdle = false;

  private touched(): void {
    this.lastActivity = (this.opts.now ?? Date.now)();
    this.activeSinceIdle = true;
  }

  /**
   * Calls `fn` once nothing is queued or running and no request has been acknowledged for
   * `quietMs`, after some work (then again after the next). For upkeep that holds the loop for a
   * while (the database's checkpoint): done when it keeps no one waiting. Stops when the queue
   * closes.
   */
  whenIdle(fn: () => void, quietMs = 1000): void {
    const now = this.opts.now ?? Date.now;
    const timer = setInterval(() => {
      if (!this.queue.accepting) return clearInterval(timer);
      if (!this.activeSinceIdle || this.queue.depth > 0 || now() - this.lastActivity < quietMs) return;
      this.activeSinceIdle = false;
      fn();
    }, Math.max(50, quietMs / 4));
    timer.unref();
  }

  /** Runs admitted work behind the acknowledgement, with its own request id for the logs. */
  run<T>(work: () => Promise<T>, labels: WorkLabels = {}): Promise<T> {
    const queued = performance.now();
    return this.queue.push(() =>
      withRequestId(async () => {
        // Starting is loop work too (who the person is, a call to the platform): within the turn's budget.
        await yieldTurn();
        const began = performance.now();
        let ok = false;
        try {
          const out = await work();
          ok = true;
          return out;
        } finally {
          const end = performance.now();
          this.touched();
          this.drain.finished(end - began, this.queue.inService);
          this.opts.onDone?.(labels, end - queued, ok);
        }
      }),
    );
  }
}

/** The private message for a refusal, in the person's language, with when to try again. */
export function refusalText(t: Translate, r: Refusal): string {
  if (r.kind === "slowDown") return `⏳ ${t("core.load.slowDown")}`;
  const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
  if (seconds < 90) return `⏳ ${t("core.load.busySeconds", { count: Math.max(5, Math.ceil(seconds / 5) * 5) })}`;
  return `⏳ ${t("core.load.busyMinutes", { count: Math.ceil(seconds / 60) })}`;
}
