// What every adapter does before it acknowledges: check the person's rate limit and that the
// queue has room, so the acknowledgement itself can say "slow down" or "busy, try again in a
// minute" (privately) instead of the platform timing out. Admitted work runs behind the ack in
// the bounded WorkQueue.
import type { Actor } from "./command.ts";
import type { Translate } from "./i18n.ts";
import { RateLimiter } from "./rate-limit.ts";
import { withRequestId } from "./request-context.ts";
import { WorkQueue } from "./work-queue.ts";

export type Refusal = { kind: "busy" } | { kind: "slowDown"; retryAfterMs: number };

export interface IntakeOptions {
  /** Items processed at once. */
  concurrency: number;
  /** Items waiting; one more is refused as "busy". */
  capacity: number;
  /** Commands, clicks and submissions a person may send per minute, sustained. */
  perMinute: number;
  /** …and at once. */
  burst: number;
  now?: () => number;
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

export const defaultIntake: Omit<IntakeOptions, "now" | "onDepth" | "onRefused" | "onDone"> = { concurrency: 8, capacity: 256, perMinute: 30, burst: 10 };

export class Intake {
  readonly queue: WorkQueue;
  private readonly limiter: RateLimiter;

  constructor(private readonly opts: IntakeOptions = defaultIntake) {
    this.queue = new WorkQueue({ concurrency: opts.concurrency, capacity: opts.capacity, onDepth: opts.onDepth });
    this.limiter = new RateLimiter({ perMinute: opts.perMinute, burst: opts.burst, now: opts.now });
  }

  /** Null when `who`'s work may be queued now (and counts it against their limit); else why not. */
  admit(who: Pick<Actor, "platform" | "workspaceId" | "userId">): Refusal | null {
    let r: Refusal | null = null;
    if (this.queue.full) r = { kind: "busy" };
    else {
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

  /** Runs admitted work behind the acknowledgement, with its own request id for the logs. */
  run<T>(work: () => Promise<T>, labels: WorkLabels = {}): Promise<T> {
    const started = performance.now();
    return this.queue.push(() =>
      withRequestId(async () => {
        let ok = false;
        try {
          const out = await work();
          ok = true;
          return out;
        } finally {
          this.opts.onDone?.(labels, performance.now() - started, ok);
        }
      }),
    );
  }
}

/** The private message for a refusal, in the person's language. */
export function refusalText(t: Translate, r: Refusal): string {
  return `⏳ ${t(r.kind === "busy" ? "core.load.busy" : "core.load.slowDown")}`;
}
