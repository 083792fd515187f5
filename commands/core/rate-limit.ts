// Per-person rate limits: a token bucket per chat user, so one person (or a script) cannot take
// the bot from everyone else. A person may send `burst` commands at once, then one every
// 60/`perMinute` seconds. Pure and clock-driven, so it is tested without waiting.

export interface RateLimitOptions {
  perMinute: number;
  burst: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimiter {
  private buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: RateLimitOptions) {
    if (!(opts.perMinute > 0) || !(opts.burst >= 1)) throw new RangeError("perMinute > 0 and burst ≥ 1");
    this.refillPerMs = opts.perMinute / 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Takes one token for `key`; says how long to wait when there is none. */
  take(key: string): RateVerdict {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.opts.burst, at: now };
    b.tokens = Math.min(this.opts.burst, b.tokens + (now - b.at) * this.refillPerMs);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > 50_000) this.forgetFull(now);
      return { ok: true };
    }
    this.buckets.set(key, b);
    return { ok: false, retryAfterMs: Math.ceil((1 - b.tokens) / this.refillPerMs) };
  }

  /** Drops buckets that have refilled completely: they hold nothing a new bucket would not. */
  private forgetFull(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * this.refillPerMs >= this.opts.burst) this.buckets.delete(k);
  }

  get size(): number {
    return this.buckets.size;
  }
}
