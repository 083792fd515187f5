// The bounded queue behind every acknowledgement: how many run at once, what is refused, and
// that a closing queue still finishes what it took.
import { describe, expect, it } from "vitest";
import { QueueClosedError, QueueFullError, WorkQueue } from "../../commands/core/work-queue.ts";

/** A piece of work that finishes only when told to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe("WorkQueue", () => {
  it("runs at most `concurrency` items at once and starts the next when one ends", async () => {
    const q = new WorkQueue({ concurrency: 2, capacity: 10 });
    let running = 0;
    let most = 0;
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const done = gates.map((g, i) =>
      q.push(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await g.opened;
        running--;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(q.depth).toBe(3);
    gates[0]!.open();
    await done[0];
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    gates[2]!.open();
    expect(await Promise.all(done)).toEqual([0, 1, 2]);
    expect(most).toBe(2);
    expect(q.depth).toBe(0);
  });

  it("refuses one more than running + waiting allows, without running it", async () => {
    const depths: number[] = [];
    const q = new WorkQueue({ concurrency: 1, capacity: 1, onDepth: (n) => depths.push(n) });
    const g = gate();
    const first = q.push(() => g.opened);
    const second = q.push(async () => "second");
    expect(q.full).toBe(true);
    let ran = false;
    await expect(
      q.push(async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(QueueFullError);
    expect(ran).toBe(false);
    g.open();
    await first;
    expect(await second).toBe("second");
    await q.drained();
    expect(q.full).toBe(false);
    expect(depths).toEqual([1, 2, 1, 0]);
  });

  it("passes a failure to its caller and keeps going", async () => {
    const q = new WorkQueue({ concurrency: 1, capacity: 5 });
    const bad = q.push(async () => {
      throw new Error("boom");
    });
    const good = q.push(async () => 7);
    await expect(bad).rejects.toThrow("boom");
    expect(await good).toBe(7);
  });

  it("after close takes nothing new, and drained() waits for what it had", async () => {
    const q = new WorkQueue({ concurrency: 1, capacity: 5 });
    const g = gate();
    const log: string[] = [];
    const a = q.push(async () => {
      await g.opened;
      log.push("a");
    });
    const b = q.push(async () => {
      log.push("b");
    });
    q.close();
    await expect(q.push(async () => log.push("late"))).rejects.toBeInstanceOf(QueueClosedError);
    const drained = q.drained().then(() => log.push("drained"));
    g.open();
    await Promise.all([a, b, drained]);
    expect(log).toEqual(["a", "b", "drained"]);
  });
});
