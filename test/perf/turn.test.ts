// Queued answers share each turn of the event loop: past the turn's budget the rest wait for the
// next turn, after the loop has polled again. A fake clock says how much of the turn is spent.
import { describe, expect, it } from "vitest";
import { ACK_TURN_BUDGET_MS, acknowledgementSeen, TURN_BUDGET_MS, yieldTurn } from "../../commands/core/turn.ts";

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

describe("yieldTurn", () => {
  it("lets answers through while the turn has budget, and holds the rest for a later turn", async () => {
    await nextTurn();
    let clock = 0;
    const now = () => clock;
    let turnEnded = false;
    setImmediate(() => (turnEnded = true));
    const order: string[] = [];
    // Two answers within the budget go on in this turn.
    await yieldTurn(now);
    order.push(`a:${turnEnded}`);
    clock = TURN_BUDGET_MS - 1;
    await yieldTurn(now);
    order.push(`b:${turnEnded}`);
    // The budget is spent: the next one resumes only after this turn's check phase.
    clock = TURN_BUDGET_MS + 1;
    await yieldTurn(now);
    order.push(`c:${turnEnded}`);
    expect(order).toEqual(["a:false", "b:false", "c:true"]);
  });

  it("holds every answer past the budget, in order, and lets each later turn start afresh", async () => {
    await nextTurn();
    let clock = 100;
    const now = () => clock;
    await yieldTurn(now);
    clock += TURN_BUDGET_MS;
    const resumed: number[] = [];
    const waiting = [1, 2, 3].map((i) => yieldTurn(now).then(() => resumed.push(i)));
    await Promise.resolve();
    expect(resumed).toEqual([]);
    await Promise.all(waiting);
    expect(resumed).toEqual([1, 2, 3]);
  });

  it("gives answers one answer's worth of a turn while requests are being acknowledged, and the whole budget once they stop", async () => {
    await nextTurn();
    let clock = 1000;
    const now = () => clock;
    // A click was acknowledged since the last turn: the first answer goes on, the next one past
    // the small budget waits for a later turn, after the loop has polled for more requests.
    acknowledgementSeen();
    let turnEnded = false;
    setImmediate(() => (turnEnded = true));
    await yieldTurn(now);
    clock += ACK_TURN_BUDGET_MS + 0.5;
    await yieldTurn(now);
    expect(turnEnded).toBe(true);
    // No acknowledgement since: the next turn has the whole budget again.
    await nextTurn();
    turnEnded = false;
    setImmediate(() => (turnEnded = true));
    await yieldTurn(now);
    clock += TURN_BUDGET_MS - 1;
    await yieldTurn(now);
    expect(turnEnded).toBe(false);
  });
});
