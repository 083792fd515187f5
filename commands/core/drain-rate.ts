// How fast the work queue drains, so admission can promise a wait instead of counting a fixed
// number of slots. Three measures, the highest taken:
// - Little's law: the throughput of the running work is (items in service) / (time an item spends
//   in service), both smoothed (an EWMA), so one slow report does not close the door.
// - The completions actually counted over the last two seconds.
// - While the event loop is saturated (a burst of clicks, each to be acknowledged), both of those
//   run low: every item waits its turn behind the acknowledgements, and the burst looks slower
//   than it will drain once the clicks stop arriving. Then the loop's own time is the measure:
//   items finished per second of loop time NOT spent acknowledging, i.e. how fast the queue drains
//   when it has the loop to itself. It is capped by what the queue's concurrency allows at the
//   time an item spends in service when the loop is not saturated (work waiting on the platform's
//   API drains no faster however free the loop is), and forgotten after a while.

import { performance as nodePerformance } from "node:perf_hooks";

export interface DrainRateOptions {
  /** Throughput assumed before anything has finished (items per second). */
  initialPerSecond: number;
  /** Weight of the newest sample, 0 < alpha ≤ 1. */
  alpha?: number;
  /** Items the queue runs at once (for the cap on the loop-time measure); default 8. */
  concurrency?: number;
  /** The event loop's busy time so far, in ms (default: Node's event-loop utilisation). */
  loopActiveMs?: () => number;
}

const COUNT_WINDOW_MS = 2000;
/** Loop time is read over windows of at least this long. */
const LOOP_WINDOW_MS = 250;
/** A window whose loop was busy this share of the time or more counts as saturated. */
const SATURATED = 0.85;
/** The loop-time measure is used this long after the last saturated window. */
const LOOP_RATE_KEPT_MS = 30_000;

const nodeLoopActiveMs = () => nodePerformance.eventLoopUtilization().active;

export class DrainRate {
  private serviceMs: number | null = null;
  private inServiceAvg: number | null = null;
  private readonly alpha: number;
  /** When the most recent items finished (ms, oldest first), for the counted rate. */
  private readonly ends: number[] = [];
  private readonly loopActiveMs: () => number;
  private readonly concurrency: number;
  /** The current loop window: when it began, the loop's busy time then, acknowledgement time and items finished since. */
  private window: { at: number; active: number; ackMs: number; done: number; services: number[] } | null = null;
  /** Items per second of loop time not spent acknowledging, from saturated windows; and when last measured. */
  private loopRate: { perSecond: number; at: number } | null = null;
  /** Time in service while the loop had time to spare (what the platform's answers take). */
  private calmServiceMs: number | null = null;

  constructor(private readonly opts: DrainRateOptions) {
    if (!(opts.initialPerSecond > 0)) throw new RangeError("initialPerSecond must be above zero");
    this.alpha = opts.alpha ?? 0.2;
    this.concurrency = opts.concurrency ?? 8;
    this.loopActiveMs = opts.loopActiveMs ?? nodeLoopActiveMs;
  }

  /** The event loop spent `ms` acknowledging one request (time the queued work could not use). */
  acknowledged(ms: number, at: number = performance.now()): void {
    this.roll(at);
    if (this.window) this.window.ackMs += Math.max(0, ms);
  }

  /** One item finished after `serviceMs` in service, while `inService` items (itself included) ran. */
  finished(serviceMs: number, inService: number, at: number = performance.now()): void {
    this.roll(at);
    this.ends.push(at);
    if (this.ends.length > 512) this.ends.shift();
    const ms = Math.max(0.05, serviceMs);
    const n = Math.max(1, inService);
    this.serviceMs = this.serviceMs === null ? ms : this.serviceMs + this.alpha * (ms - this.serviceMs);
    this.inServiceAvg = this.inServiceAvg === null ? n : this.inServiceAvg + this.alpha * (n - this.inServiceAvg);
    if (this.window) {
      this.window.done++;
      this.window.services.push(ms);
    }
  }

  /** Closes the loop window once it is long enough, learning from it, and opens the next. */
  private roll(at: number): void {
    const active = this.loopActiveMs();
    const w = this.window;
    if (!w) {
      this.window = { at, active, ackMs: 0, done: 0, services: [] };
      return;
    }
    const wall = at - w.at;
    if (wall < LOOP_WINDOW_MS) return;
    const busy = active - w.active;
    if (busy / wall >= SATURATED) {
      const forWork = busy - w.ackMs;
      if (w.done >= 4 && forWork > 0) {
        const sample = (w.done * 1000) / Math.max(forWork, w.done * 0.05);
        this.loopRate = { perSecond: this.loopRate && at - this.loopRate.at <= LOOP_RATE_KEPT_MS ? this.loopRate.perSecond + 0.5 * (sample - this.loopRate.perSecond) : sample, at };
      }
    } else {
      for (const ms of w.services) this.calmServiceMs = this.calmServiceMs === null ? ms : this.calmServiceMs + this.alpha * (ms - this.calmServiceMs);
    }
    this.window = { at, active, ackMs: 0, done: 0, services: [] };
  }

  /** Items finished per second of loop time left by acknowledgements, while that is recent (else 0). */
  loopPerSecond(now: number = performance.now()): number {
    if (!this.loopRate || now - this.loopRate.at > LOOP_RATE_KEPT_MS) return 0;
    const cap = this.calmServiceMs === null ? Infinity : (this.concurrency * 1000) / this.calmServiceMs;
    return Math.min(this.loopRate.perSecond, cap);
  }

  /** Items finished per second, as measured (or as assumed before the first one finished). */
  get perSecond(): number {
    if (this.serviceMs === null || this.inServiceAvg === null) return this.opts.initialPerSecond;
    return Math.max((this.inServiceAvg * 1000) / this.serviceMs, this.countedPerSecond(), this.loopPerSecond());
  }

  /** Items that finished per second over the last two seconds (0 with fewer than 16 of them). */
  countedPerSecond(now: number = performance.now()): number {
    const recent = this.ends.filter((t) => now - t <= COUNT_WINDOW_MS);
    if (recent.length < 16) return 0;
    const span = now - recent[0]!;
    return span > 0 ? ((recent.length - 1) * 1000) / span : 0;
  }

  /** Milliseconds one item spends in service, as measured (or as assumed). */
  get serviceTimeMs(): number {
    return this.serviceMs ?? 1000 / this.opts.initialPerSecond;
  }

  /** Milliseconds until an item joining behind `ahead` waiting others would have finished. */
  promisedWaitMs(ahead: number): number {
    return (Math.max(0, ahead) * 1000) / this.perSecond + this.serviceTimeMs;
  }
}
