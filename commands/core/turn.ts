// Slices the event loop's turns between queued answers. In a burst, dozens of answers become ready
// in the same turn (their platform calls came back together) and each then runs its database work
// and rendering synchronously: one at a time they are short, together they held the loop for
// 100–200 ms, and every acknowledgement and timer waited behind them. Each answer passes
// `yieldTurn()` before its synchronous part: within the first TURN_BUDGET_MS of a turn it goes
// straight on; later ones wait for the next turn (setImmediate), after the loop has polled again.

/** Loop time per turn that queued answers may use before the rest wait for the next turn. */
export const TURN_BUDGET_MS = 8;

let turnStarted: number | null = null;

function startTurn(now: number): void {
  turnStarted = now;
  // The turn ends at the next check phase: whoever asks after that starts a new one.
  setImmediate(() => {
    turnStarted = null;
  });
}

/** Resolves at once while this turn has budget left, else on a later turn that has. */
export async function yieldTurn(now: () => number = () => performance.now()): Promise<void> {
  for (;;) {
    const t = now();
    if (turnStarted === null) return startTurn(t);
    if (t - turnStarted < TURN_BUDGET_MS) return;
    await new Promise<void>((r) => setImmediate(r));
  }
}
