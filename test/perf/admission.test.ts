// Admission by drain rate: a burst the queue can answer within the promised wait is taken whole;
// past it, "busy" with the time to try again. Rates are fed as measurements (no clocks waited on).
import { describe, expect, it } from "vitest";
import { DrainRate } from "../../commands/core/drain-rate.ts";
import { Intake } from "../../commands/core/intake.ts";

const who = (userId: string) => ({ platform: "slack" as const, workspaceId: "T1", userId });

/** An intake with `rate` items per second measured (Little's law: 32 in service, 32000/rate ms each), long ago. */
function measured(rate: number): Intake {
  const intake = new Intake({ concurrency: 32, capacity: 100_000, maxWaitMs: 10_000, perMinute: 100, burst: 100, loopActiveMs: () => 0 });
  const longAgo = performance.now() - 60_000;
  for (let i = 0; i < 50; i++) intake.drain.finished(32_000 / rate, 32, longAgo + i);
  return intake;
}

/** `n` different people click at once; every admitted click is queued and held. Returns how many were taken and the first refusal. */
function burst(intake: Intake, n: number) {
  let admitted = 0;
  let refusal = null as ReturnType<Intake["admit"]>;
  for (let i = 0; i < n; i++) {
    const r = intake.admit(who(`member${i}`));
    if (r) {
      refusal ??= r;
      continue;
    }
    admitted++;
    void intake.run(() => new Promise<void>(() => undefined));
  }
  return { admitted, refusal };
}

describe("admission by drain rate", () => {
  it("takes a burst of 1,000 clicks whole when the measured drain rate answers them within 10 s", () => {
    const intake = measured(200);
    expect(intake.drain.perSecond).toBeCloseTo(200, 0);
    const { admitted, refusal } = burst(intake, 1000);
    expect(refusal).toBeNull();
    expect(admitted).toBe(1000);
  });

  it("refuses past what drains in 10 s, telling the person when the queue will have drained", () => {
    const intake = measured(50);
    const { admitted, refusal } = burst(intake, 1000);
    // 32 start at once, then 10 s at 50 a second wait (less the time one takes in service).
    expect(admitted).toBeGreaterThan(450);
    expect(admitted).toBeLessThan(560);
    expect(refusal).toEqual({ kind: "busy", retryAfterMs: expect.any(Number) });
    expect(refusal!.retryAfterMs).toBeGreaterThan(9_000);
    expect(refusal!.retryAfterMs).toBeLessThan(12_000);
  });

  it("does not count time the loop spent acknowledging against the queue: a flood of acks does not close the door", () => {
    let active = 0;
    const rate = new DrainRate({ initialPerSecond: 1, concurrency: 32, loopActiveMs: () => active });
    const t0 = performance.now() - 1500;
    // One second of a saturated loop: 0.8 ms of every ms acknowledging clicks; 50 items finish,
    // each 600 ms in service (waiting for its turn behind the acks).
    for (let ms = 0; ms <= 1000; ms += 10) {
      active += 10;
      rate.acknowledged(8, t0 + ms);
      if (ms % 20 === 0) rate.finished(600, 32, t0 + ms);
    }
    // Little's law alone says 32 / 0.6 s ≈ 53 a second; the loop's spare 200 ms held 50 items: 250 a second.
    expect(rate.loopPerSecond()).toBeGreaterThan(200);
    expect(rate.loopPerSecond()).toBeLessThan(300);
    expect(rate.perSecond).toBeGreaterThanOrEqual(rate.loopPerSecond());
  });

  it("caps the loop-time measure at what the concurrency allows when answers wait on the platform", () => {
    let active = 0;
    const rate = new DrainRate({ initialPerSecond: 1, concurrency: 8, loopActiveMs: () => active });
    const t0 = performance.now() - 3000;
    // Calm: the loop mostly idle, each item 400 ms in service (the platform's API answering).
    for (let ms = 0; ms <= 1000; ms += 50) {
      active += 5;
      rate.finished(400, 8, t0 + ms);
    }
    // Then a flood of acks saturates the loop while the items still wait on the platform.
    for (let ms = 1010; ms <= 2000; ms += 10) {
      active += 10;
      rate.acknowledged(9.5, t0 + ms);
      if (ms % 50 === 0) rate.finished(400, 8, t0 + ms);
    }
    // 8 at a time, 400 ms each: 20 a second, however little loop time each one needs.
    expect(rate.loopPerSecond()).toBeCloseTo(20, 0);
  });

  it("learns what one item costs the loop from a quiet bot's single clicks, and keeps it through a flood of acknowledgements", () => {
    let active = 0;
    const rate = new DrainRate({ initialPerSecond: 1, concurrency: 32, loopActiveMs: () => active, coldItems: 0 });
    const t0 = performance.now() - 10_000;
    // Minutes apart, one click at a time: 1 ms to acknowledge, 4 ms of loop work, 60 ms in service
    // (the platform's API answering).
    for (let i = 0; i < 20; i++) {
      const at = t0 + i * 400;
      active += 1;
      rate.acknowledged(1, at);
      active += 4;
      rate.finished(60, 1, at + 60);
    }
    expect(rate.workCostMs).toBeCloseTo(4, 1);
    // Then a burst: the loop is saturated receiving clicks (their acknowledgements timed short of
    // what they cost: the HTTP parsing is not in them) and nothing finishes for a while.
    for (let ms = 8000; ms <= 9000; ms += 10) {
      active += 10;
      rate.acknowledged(3, t0 + ms);
    }
    // Still 250 a second, as the work costs: 8 s of promised wait takes the whole burst.
    expect(rate.loopPerSecond(t0 + 9000)).toBeCloseTo(250, 0);
    expect(rate.promisedWaitMs(1000)).toBeLessThan(4100);
  });

  it("keeps what one item costs through a single window that ran slow (a descheduled process, a collection)", () => {
    let active = 0;
    const rate = new DrainRate({ initialPerSecond: 1, concurrency: 32, loopActiveMs: () => active });
    const t0 = performance.now() - 10_000;
    // Windows of 300 ms in which 40 answers cost 4 ms of loop each, acknowledgements 10 % of it.
    const window = (start: number, costMs: number) => {
      active += 16;
      rate.acknowledged(16, start);
      for (let i = 1; i <= 40; i++) {
        active += costMs;
        rate.finished(50, 32, start + i * 7);
      }
    };
    for (let k = 0; k < 10; k++) window(t0 + k * 300, 4);
    expect(rate.workCostMs).toBeCloseTo(4, 0);
    // One window in which the same answers took four times the loop.
    window(t0 + 3000, 16);
    expect(rate.workCostMs).toBeCloseTo(4, 0);
    expect(rate.promisedWaitMs(1000)).toBeLessThan(5000);
    // A lasting change is followed once it is most of what was seen lately.
    for (let k = 11; k < 22; k++) window(t0 + k * 300, 8);
    expect(rate.workCostMs).toBeCloseTo(8, 0);
  });

  it("admits a burst of 1,000 clicks after a quiet hour, when the queue drains them within the promised wait", () => {
    let active = 0;
    const intake = new Intake({ concurrency: 32, capacity: 5000, maxWaitMs: 8000, perMinute: 30, burst: 10, loopActiveMs: () => active });
    const t0 = performance.now() - 3_600_000;
    // A click now and then: acknowledged in 1 ms, then 60 ms in service, of which 3 ms on the loop.
    for (let i = 0; i < 10; i++) {
      const at = t0 + i * 60_000;
      active += 1;
      intake.drain.acknowledged(1, at);
      active += 3;
      intake.drain.finished(60, 1, at + 60);
    }
    // Little's law alone would say 1 item in 60 ms: 17 a second, 140 clicks in 8 s.
    const { admitted, refusal } = burst(intake, 1000);
    expect(refusal).toBeNull();
    expect(admitted).toBe(1000);
  });

  describe("just after a start, while V8 has not optimised the answers yet", () => {
    /** An intake that has answered `items` single clicks, each costing `costMs` of loop, long ago. */
    function answered(items: number, costMs: number): Intake {
      let active = 0;
      const intake = new Intake({ concurrency: 32, capacity: 5000, maxWaitMs: 8000, perMinute: 30, burst: 10, loopActiveMs: () => active });
      const t0 = performance.now() - 3_600_000;
      for (let i = 0; i < items; i++) {
        const at = t0 + i * 1000;
        active += 1;
        intake.drain.acknowledged(1, at);
        active += costMs;
        intake.drain.finished(60, 1, at + 60);
      }
      return intake;
    }

    it("takes a burst of 1,000 whole when the first 50 answers cost 10 ms each (they cost a third of that once warm)", () => {
      const intake = answered(50, 10);
      const { admitted, refusal } = burst(intake, 1000);
      expect(refusal).toBeNull();
      expect(admitted).toBe(1000);
    });

    it("still refuses past 8 s when the answers are slow for what they are (40 ms each while cold)", () => {
      const intake = answered(50, 40);
      const { admitted, refusal } = burst(intake, 1000);
      // Taken at half while cold: 20 ms each, 50 a second; 32 start at once, about 400 wait.
      expect(admitted).toBeGreaterThan(380);
      expect(admitted).toBeLessThan(460);
      expect(refusal).toEqual({ kind: "busy", retryAfterMs: expect.any(Number) });
      expect(refusal!.retryAfterMs).toBeGreaterThan(7_500);
    });

    it("once warm, trusts what the answers cost: 10 ms each refuses past 8 s", () => {
      const intake = answered(250, 10);
      expect(intake.drain.workCostMs).toBeCloseTo(10, 0);
      const { admitted, refusal } = burst(intake, 1000);
      // 100 a second: 32 start at once, about 800 wait.
      expect(admitted).toBeGreaterThan(780);
      expect(admitted).toBeLessThan(860);
      expect(refusal).toEqual({ kind: "busy", retryAfterMs: expect.any(Number) });
    });
  });
});
