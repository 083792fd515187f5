// Per-person limits on a controlled clock: a burst, then one per interval; the wait is stated.
import { describe, expect, it } from "vitest";
import { DrainRate } from "../../commands/core/drain-rate.ts";
import { Intake, refusalText } from "../../commands/core/intake.ts";
import { RateLimiter } from "../../commands/core/rate-limit.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { loadStrings } from "../../commands/core/load-strings.ts";

describe("RateLimiter", () => {
  it("allows a burst, then refuses with the time until the next token, and refills over time", () => {
    let now = 1_000_000;
    const rl = new RateLimiter({ perMinute: 30, burst: 3, now: () => now });
    expect([rl.take("u"), rl.take("u"), rl.take("u")]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(rl.take("u")).toEqual({ ok: false, retryAfterMs: 2000 });
    now += 1500;
    expect(rl.take("u")).toEqual({ ok: false, retryAfterMs: 500 });
    now += 500;
    expect(rl.take("u")).toEqual({ ok: true });
    // Someone else is not affected.
    expect(rl.take("v")).toEqual({ ok: true });
  });

  it("never holds more than the burst, however long a person waited", () => {
    let now = 0;
    const rl = new RateLimiter({ perMinute: 60, burst: 2, now: () => now });
    now += 3_600_000;
    expect([rl.take("u").ok, rl.take("u").ok, rl.take("u").ok]).toEqual([true, true, false]);
  });
});

describe("Intake", () => {
  const who = (userId: string) => ({ platform: "slack" as const, workspaceId: "T1", userId });

  it("says slow down to a person past their limit, and busy with a time to retry when the queue could not answer in time", async () => {
    const refused: string[] = [];
    const intake = new Intake({ concurrency: 1, capacity: 0, perMinute: 1, burst: 1, now: () => 0, onRefused: (r) => refused.push(r.kind) });
    expect(intake.admit(who("a"))).toBeNull();
    expect(intake.admit(who("a"))).toEqual({ kind: "slowDown", retryAfterMs: 60_000 });
    let release!: () => void;
    const started = new Promise<void>((began) => void intake.run(() => new Promise<void>((r) => ((release = r), began()))).then(() => undefined));
    await started;
    expect(intake.admit(who("b"))).toEqual({ kind: "busy", retryAfterMs: expect.any(Number) });
    const running = intake.queue.drained();
    release();
    await running;
    expect(intake.admit(who("b"))).toBeNull();
    expect(refused).toEqual(["slowDown", "busy"]);
  });

  it("takes a burst the queue drains within the promised wait, and refuses past it with the time to drain", async () => {
    const intake = new Intake({ concurrency: 2, capacity: 10_000, maxWaitMs: 1000, initialPerSecond: 100, perMinute: 100, burst: 100 });
    const gates: (() => void)[] = [];
    const hold = () => new Promise<void>((r) => gates.push(r));
    let admitted = 0;
    let refusal: unknown = null;
    for (let i = 0; i < 500 && refusal === null; i++) {
      refusal = intake.admit(who(`p${i}`));
      if (refusal === null) {
        admitted++;
        void intake.run(hold);
      }
    }
    // 100 per second assumed and a 1 s promise: about a second's worth (≈ 100) is taken, then "busy".
    expect(admitted).toBeGreaterThanOrEqual(90);
    expect(admitted).toBeLessThanOrEqual(102);
    expect(refusal).toEqual({ kind: "busy", retryAfterMs: expect.any(Number) });
    expect((refusal as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(900);
    expect((refusal as { retryAfterMs: number }).retryAfterMs).toBeLessThan(1200);
    // Release everything: the queue empties and admits again.
    while (gates.length > 0 || intake.queue.depth > 0) {
      for (const g of gates.splice(0)) g();
      await new Promise((r) => setImmediate(r));
    }
    expect(intake.admit(who("later"))).toBeNull();
  });

  it("learns the drain rate from finished work: quick work lets a longer queue in, slow work a shorter one", async () => {
    const quick = new Intake({ concurrency: 1, capacity: 10_000, maxWaitMs: 1000, initialPerSecond: 1, perMinute: 1000, burst: 1000 });
    // Before any work has finished only the free slot is taken (1 per second assumed, nothing waits).
    for (let i = 0; i < 20; i++) await quick.run(async () => undefined);
    expect(quick.drain.perSecond).toBeGreaterThan(50);
    // One at a time (a queue of one), 500 ms each: 2 a second.
    const slow = new DrainRate({ initialPerSecond: 1000, concurrency: 1 });
    const at = (i: number, every: number) => performance.now() - (29 - i) * every;
    for (let i = 0; i < 30; i++) slow.finished(500, 1, at(i, 500));
    expect(slow.perSecond).toBeCloseTo(2, 1);
    expect(slow.promisedWaitMs(3)).toBeCloseTo(2000, -1);
    // Time in service inflated (the loop busy with acknowledgements) but 200 finished in the last
    // second: the counted rate wins.
    const flooded = new DrainRate({ initialPerSecond: 1 });
    const t0 = performance.now() - 1000;
    for (let i = 0; i < 200; i++) flooded.finished(800, 8, t0 + i * 5);
    expect(flooded.perSecond).toBeGreaterThan(150);
    const eight = new DrainRate({ initialPerSecond: 1 });
    for (let i = 0; i < 30; i++) eight.finished(80, 8, at(i, 10));
    // Eight in service, 80 ms each: 100 a second (Little's law).
    expect(eight.perSecond).toBeCloseTo(100, 0);
  });

  it("says busy on a closing queue, and tells the person in their language when to try again", () => {
    const intake = new Intake({ concurrency: 1, capacity: 10, perMinute: 10, burst: 10 });
    intake.queue.close();
    expect(intake.admit(who("a"))).toEqual({ kind: "busy", retryAfterMs: 60_000 });
    const tr = createTranslator([loadStrings]);
    expect(refusalText(tr.forLocale("en"), { kind: "busy", retryAfterMs: 12_300 })).toBe("⏳ I'm very busy right now and couldn't take that. Nothing was changed. Please try again in 15 seconds.");
    expect(refusalText(tr.forLocale("en"), { kind: "busy", retryAfterMs: 60_000 })).toContain("try again in 60 seconds.");
    expect(refusalText(tr.forLocale("en"), { kind: "busy", retryAfterMs: 150_000 })).toContain("try again in 3 minutes.");
    expect(refusalText(tr.forLocale("es"), { kind: "slowDown", retryAfterMs: 1000 })).toContain("Espere unos segundos");
    expect(refusalText(tr.forLocale("es"), { kind: "busy", retryAfterMs: 4000 })).toContain("Inténtelo de nuevo en 5 segundos.");
    expect(refusalText(tr.forLocale("ru"), { kind: "busy", retryAfterMs: 21_000 })).toContain("через 25 секунд.");
    expect(refusalText(tr.forLocale("ru"), { kind: "busy", retryAfterMs: 120_000 })).toContain("через 2 минуты.");
    expect(refusalText(tr.forLocale("vi"), { kind: "busy", retryAfterMs: 9000 })).toContain("sau 10 giây");
    expect(refusalText(tr.forLocale("zh-Hans"), { kind: "busy", retryAfterMs: 9000 })).toContain("10 秒后再试");
  });

  it("reports each finished piece of work with its labels and whether it threw", async () => {
    const done: string[] = [];
    const intake = new Intake({ concurrency: 2, capacity: 2, perMinute: 10, burst: 10, onDone: (l, ms, ok) => done.push(`${l.platform}/${l.area}/${l.kind}:${ok}:${ms >= 0}`) });
    await intake.run(async () => 1, { platform: "slack", area: "grievance", kind: "command" });
    await expect(intake.run(async () => Promise.reject(new Error("x")), { platform: "discord", kind: "button" })).rejects.toThrow("x");
    expect(done).toEqual(["slack/grievance/command:true:true", "discord/undefined/button:false:true"]);
  });
});
