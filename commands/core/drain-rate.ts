// How fast the work queue drains, so admission can promise a wait instead of counting a fixed
// number of slots. By Little's law the throughput of the running work is (items in service) /
// (time an item spends in service); both are measured as work finishes and smoothed (an EWMA), so
// one slow report does not close the door and a burst of quick clicks is taken whole. While the
// event loop is flooded with acknowledgements the time in service inflates and that estimate runs
// low, so the completions actually counted over the last two seconds are taken when higher.

export interface DrainRateOptions {
  /** Throughput assumed before anything has finished (items per second). */
  initialPerSecond: number;
  /** Weight of the newest sample, 0 < alpha ≤ 1. */
  alpha?: number;
}

const COUNT_WINDOW_MS = 2000;

export class DrainRate {
  private serviceMs: number | null = null;
  private inServiceAvg: number | null = null;
  private readonly alpha: number;
  /** When the most recent items finished (ms, oldest first), for the counted rate. */
  private readonly ends: number[] = [];

  constructor(private readonly opts: DrainRateOptions) {
    if (!(opts.initialPerSecond > 0)) throw new RangeError("initialPerSecond must be above zero");
    this.alpha = opts.alpha ?? 0.2;
  }

  /** One item finished after `serviceMs` in service, while `inService` items (itself included) ran. */
  finished(serviceMs: number, inService: number, at: number = performance.now()): void {
    this.ends.push(at);
    if (this.ends.length > 512) this.ends.shift();
    const ms = Math.max(0.05, serviceMs);
    const n = Math.max(1, inService);
    this.serviceMs = this.serviceMs === null ? ms : this.serviceMs + this.alpha * (ms - this.serviceMs);
    this.inServiceAvg = this.inServiceAvg === null ? n : this.inServiceAvg + this.alpha * (n - this.inServiceAvg);
  }

  /** Items finished per second, as measured (or as assumed before the first one finished). */
  get perSecond(): number {
    if (this.serviceMs === null || this.inServiceAvg === null) return this.opts.initialPerSecond;
    return Math.max((this.inServiceAvg * 1000) / this.serviceMs, this.countedPerSecond());
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
