// How fast the work queue drains, so admission can promise a wait instead of counting a fixed
// number of slots. Measures, the highest taken:
// - Little's law: the throughput of the running work is (items in service) / (time an item spends
//   in service), both smoothed (an EWMA), so one slow report does not close the door.
// - The completions actually counted over the last two seconds.
// - The loop's own time: how many items a second of loop time finishes, once the time spent
//   acknowledging requests is taken out. While a burst of clicks is being acknowledged, the two
//   measures above run low (every item waits its turn behind the acknowledgements, and almost
//   none finish), so they would say the queue drains far slower than it will once the clicks
//   stop arriving. The loop time one item costs is learnt whenever acknowledgements left the loop
//   mostly to the work (a quiet minute with one click in it is enough) and kept: it is what the
//   code costs on this machine, not a rate that goes stale. Windows in which acknowledgements
//   saturated the loop still count, as a lower bound. The loop-time measure is capped by what the
//   queue's concurrency allows at the time an item spends in service when the loop is not
//   saturated (work waiting on the platform's API drains no faster however free the loop is).

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
  /** Items a process answers before its cost is taken as warm (default COLD_ITEMS). */
  coldItems?: number;
}

const COUNT_WINDOW_MS = 2000;
/** Loop time is read over windows of at least this long (or up to the moment the queue empties). */
const LOOP_WINDOW_MS = 250;
/** A window whose loop was busy this share of the time or more counts as saturated. */
const SATURATED = 0.85;
/** The saturated-window measure is used this long after the last saturated window. */
const LOOP_RATE_KEPT_MS = 30_000;
/**
 * The loop time an item costs is learnt only from windows where acknowledging took less than this
 * share of the busy time: how long an acknowledgement takes is timed from its body to its answer,
 * not the HTTP parsing and socket writes around it, so where acknowledgements dominate, what is
 * left over for the work is mostly theirs.
 */
const ACK_SHARE_FOR_COST = 0.5;
/** Windows longer than this (a quiet stretch ending) do not teach the cost. */
const COST_WINDOW_MAX_MS = 2000;

const nodeLoopActiveMs = () => nodePerformance.eventLoopUtilization().active;

/**
 * How many windows the cost per item is taken from. Their median, weighted by the items each
 * covers, not a moving average: one window the process spent descheduled or collecting garbage
 * (a sample several times the others, covering many items) would otherwise swing the promised
 * wait for every click behind it, and turn away clicks the queue would answer in time.
 */
const COST_SAMPLES = 15;

/**
 * The first items a process answers run as V8 first compiles them (interpreted, then baseline
 * code), before the hot paths are optimised: measured on the 2-core machine, the first answers
 * after a start cost 9–13 ms of loop each and the same answers 3–6 ms a few hundred later. A cost
 * learnt from those alone would promise a burst arriving just after a start (a deploy, a restart)
 * two to three times the wait it gets, and turn away clicks the queue answers in time. So windows
 * whose items came before the first COLD_ITEMS are "cold": once any later window is measured,
 * only the later ones count; until then the cold cost is taken at COLD_DISCOUNT of what was
 * seen, which still refuses work that is slow for what it is (a cold cost of 40 ms promises 20).
 */
const COLD_ITEMS = 200;
const COLD_DISCOUNT = 0.5;

type CostSample = { ms: number; items: number; warm: boolean };

/** The loop time one item costs, from the windows measured: the warm ones when there are any. */
function costOf(samples: readonly CostSample[]): number {
  const warm = samples.filter((x) => x.warm);
  return warm.length > 0 ? weightedMedian(warm) : weightedMedian(samples) * COLD_DISCOUNT;
}

function weightedMedian(samples: readonly { ms: number; items: number }[]): number {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  const half = sorted.reduce((n, x) => n + x.items, 0) / 2;
  let seen = 0;
  for (const x of sorted) {
    seen += x.items;
    if (seen >= half) return x.ms;
  }
  return sorted[sorted.length - 1]!.ms;
}

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
  /** Loop time one item costs (ms), from windows the acknowledgements left mostly to the work. */
  private workMs: number | null = null;
  /** The latest windows' costs per item, each with the items it covers. */
  private readonly costSamples: CostSample[] = [];
  /** Items finished since the process started (how far V8 has had the chance to optimise). */
  private finishedTotal = 0;
  private readonly coldItems: number;
  /** Time in service while the loop had time to spare (what the platform's answers take). */
  private calmServiceMs: number | null = null;

  constructor(private readonly opts: DrainRateOptions) {
    if (!(opts.initialPerSecond > 0)) throw new RangeError("initialPerSecond must be above zero");
    this.alpha = opts.alpha ?? 0.2;
    this.concurrency = opts.concurrency ?? 8;
    this.loopActiveMs = opts.loopActiveMs ?? nodeLoopActiveMs;
    this.coldItems = opts.coldItems ?? COLD_ITEMS;
  }

  /** The event loop spent `ms` acknowledging one request (time the queued work could not use). */
  acknowledged(ms: number, at: number = performance.now()): void {
    const d = Math.max(0, ms);
    // A window opened just now begins where this acknowledgement began: its time is the window's.
    if (this.roll(at)) this.window!.active -= d;
    this.window!.ackMs += d;
  }

  /** One item finished after `serviceMs` in service, while `inService` items (itself included) ran. */
  finished(serviceMs: number, inService: number, at: number = performance.now()): void {
    if (!this.window) this.roll(at);
    this.finishedTotal++;
    this.ends.push(at);
    if (this.ends.length > 512) this.ends.shift();
    const ms = Math.max(0.05, serviceMs);
    const n = Math.max(1, inService);
    this.serviceMs = this.serviceMs === null ? ms : this.serviceMs + this.alpha * (ms - this.serviceMs);
    this.inServiceAvg = this.inServiceAvg === null ? n : this.inServiceAvg + this.alpha * (n - this.inServiceAvg);
    this.window!.done++;
    this.window!.services.push(ms);
    // The item counts in the window its work ran in, then the window closes if it is long enough,
    // or at once when the last item running just finished: what the loop did since the window
    // opened (at the acknowledgement) was this work; a quiet bot learns from its clicks this way.
    this.roll(at, n === 1);
  }

  /** Closes the loop window once it is long enough (or `now`), learning from it, and opens the next; true when it opened one. */
  private roll(at: number, now = false): boolean {
    const active = this.loopActiveMs();
    const w = this.window;
    if (!w) {
      this.window = { at, active, ackMs: 0, done: 0, services: [] };
      return true;
    }
    const wall = at - w.at;
    if (wall < LOOP_WINDOW_MS && !now) return false;
    const busy = active - w.active;
    const forWork = busy - w.ackMs;
    // A long window (a quiet stretch) holds timers and other work besides the queue's: not a cost.
    if (w.done >= 1 && forWork > 0 && wall <= COST_WINDOW_MAX_MS && w.ackMs <= ACK_SHARE_FOR_COST * busy) {
      this.costSamples.push({ ms: Math.max(forWork / w.done, 0.05), items: w.done, warm: this.finishedTotal - w.done >= this.coldItems });
      if (this.costSamples.length > COST_SAMPLES) this.costSamples.shift();
      this.workMs = costOf(this.costSamples);
    }
    if (wall > 0 && busy / wall >= SATURATED) {
      if (w.done >= 4 && forWork > 0) {
        const sample = (w.done * 1000) / Math.max(forWork, w.done * 0.05);
        this.loopRate = { perSecond: this.loopRate && at - this.loopRate.at <= LOOP_RATE_KEPT_MS ? this.loopRate.perSecond + 0.5 * (sample - this.loopRate.perSecond) : sample, at };
      }
    } else {
      for (const ms of w.services) this.calmServiceMs = this.calmServiceMs === null ? ms : this.calmServiceMs + this.alpha * (ms - this.calmServiceMs);
    }
    this.window = { at, active, ackMs: 0, done: 0, services: [] };
    return true;
  }

  /** Loop time one item costs, in ms, as learnt (null before it is known; a cold process's discounted). */
  get workCostMs(): number | null {
    return this.workMs;
  }

  /** Items finished per second of loop time left by acknowledgements (0 before anything is known). */
  loopPerSecond(now: number = performance.now()): number {
    const saturated = this.loopRate && now - this.loopRate.at <= LOOP_RATE_KEPT_MS ? this.loopRate.perSecond : 0;
    const byCost = this.workMs === null ? 0 : 1000 / this.workMs;
    const cap = this.calmServiceMs === null ? Infinity : (this.concurrency * 1000) / this.calmServiceMs;
    return Math.min(Math.max(saturated, byCost), cap);
  }

  /** Items finished per second, as measured (or as assumed before the first one finished). */
  get perSecond(): number {
    if (this.serviceMs === null || this.inServiceAvg === null) return this.opts.initialPerSecond;
    return Math.max((this.inServiceAvg * 1000) / this.serviceMs, this.countedPerSecond(), this.loopPerSecond());
  }

  /** Items that finished per second over the last two seconds (0 with fewer than 16 of them). */
  countedPerSecond(now: number = performance.now()): number {
    let first = this.ends.length;
    while (first > 0 && now - this.ends[first - 1]! <= COUNT_WINDOW_MS) first--;
    const recent = this.ends.length - first;
    if (recent < 16) return 0;
    const span = now - this.ends[first]!;
    return span > 0 ? ((recent - 1) * 1000) / span : 0;
  }

  /** Milliseconds one item spends in service, as measured (or as assumed). */
  get serviceTimeMs(): number {
    return this.serviceMs ?? 1000 / this.opts.initialPerSecond;
  }

  /**
   * Milliseconds until an item joining behind `ahead` waiting others would have finished: the
   * queue ahead drained at the measured rate, then its own time in service with the loop free
   * (under a saturated loop the time in service is mostly the wait already counted).
   */
  promisedWaitMs(ahead: number): number {
    return (Math.max(0, ahead) * 1000) / this.perSecond + (this.calmServiceMs ?? this.serviceTimeMs);
  }
}
