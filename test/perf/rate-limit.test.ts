// Per-person limits on a controlled clock: a burst, then one per interval; the wait is stated.
import { describe, expect, it } from "vitest";
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

  it("says slow down to a person past their limit, and busy to everyone when the queue is full", async () => {
    const refused: string[] = [];
    const intake = new Intake({ concurrency: 1, capacity: 0, perMinute: 1, burst: 1, now: () => 0, onRefused: (r) => refused.push(r.kind) });
    expect(intake.admit(who("a"))).toBeNull();
    expect(intake.admit(who("a"))).toEqual({ kind: "slowDown", retryAfterMs: 60_000 });
    let release!: () => void;
    const started = new Promise<void>((began) => void intake.run(() => new Promise<void>((r) => ((release = r), began()))).then(() => undefined));
    expect(intake.admit(who("b"))).toEqual({ kind: "busy" });
    await started;
    const running = intake.queue.drained();
    release();
    await running;
    expect(intake.admit(who("b"))).toBeNull();
    expect(refused).toEqual(["slowDown", "busy"]);
  });

  it("tells the person in their language, privately worded, that nothing was changed", () => {
    const tr = createTranslator([loadStrings]);
    expect(refusalText(tr.forLocale("en"), { kind: "busy" })).toBe("⏳ I'm very busy right now and couldn't take that. Nothing was changed. Please try again in a minute.");
    expect(refusalText(tr.forLocale("es"), { kind: "slowDown", retryAfterMs: 1000 })).toContain("Espere unos segundos");
    expect(refusalText(tr.forLocale("ru"), { kind: "busy" })).toContain("через минуту");
  });

  it("reports each finished piece of work with its labels and whether it threw", async () => {
    const done: string[] = [];
    const intake = new Intake({ concurrency: 2, capacity: 2, perMinute: 10, burst: 10, onDone: (l, ms, ok) => done.push(`${l.platform}/${l.area}/${l.kind}:${ok}:${ms >= 0}`) });
    await intake.run(async () => 1, { platform: "slack", area: "grievance", kind: "command" });
    await expect(intake.run(async () => Promise.reject(new Error("x")), { platform: "discord", kind: "button" })).rejects.toThrow("x");
    expect(done).toEqual(["slack/grievance/command:true:true", "discord/undefined/button:false:true"]);
  });
});
