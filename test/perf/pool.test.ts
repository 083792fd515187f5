// Long synchronous work runs on a worker thread, not the event loop; failures come back as errors.
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { closeWorkerPools, inChunks, runInWorker } from "../../commands/core/pool.ts";

const fixture = path.join(import.meta.dirname, "fixtures", "busy.worker.ts");

afterAll(() => closeWorkerPools());

describe("the worker pool", () => {
  it("runs the named export on another thread and returns its answer", async () => {
    const out = await runInWorker<{ tag: string; threadId: number }>(fixture, "spin", { ms: 5, tag: "pdf" });
    expect(out.tag).toBe("pdf");
    expect(out.threadId).not.toBe(threadId);
  });

  it("keeps the event loop free while the worker's thread is blocked: the main thread releases it from a timer", async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const order: string[] = [];
    const task = runInWorker<string>(fixture, "blockUntilReleased", { flag }).then((r) => order.push(`task ${r}`));
    await new Promise((r) => setTimeout(r, 1));
    order.push("timer");
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    await task;
    expect(order).toEqual(["timer", "task released"]);
  });

  it("passes a worker's error to the caller", async () => {
    await expect(runInWorker(fixture, "fail", {})).rejects.toThrow("worker failed on purpose");
  });

  it("refuses a worker module that does not exist, naming it", () => {
    expect(() => runInWorker("nowhere/missing", "x", {})).toThrow(/worker module not found: .*commands\/nowhere\/missing\.worker\.ts/);
  });
});

describe("inChunks", () => {
  it("visits every item in order, yielding to the event loop between slices", async () => {
    const seen: number[] = [];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    await inChunks(Array.from({ length: 2000 }, (_, i) => i), (n) => {
      seen.push(n);
      const until = performance.now() + 0.05;
      while (performance.now() < until) {
        // a little work per item
      }
    }, 5);
    clearInterval(ticker);
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(ticks).toBeGreaterThan(0);
  });
});
