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
});
