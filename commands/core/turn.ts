// Slices the event loop's turns between queued answers. In a burst, dozens of answers become ready
// in the same turn (their platform calls came back together) and each then runs its database work
// and rendering synchronously: one at a time they are short, together they held the loop for
// 100–200 ms, and every acknowledgement and timer waited behind them. Each answer passes
// `yieldTurn()` before it starts and before its synchronous part: within the turn's budget it
// goes straight on; later ones wait for the next turn (setImmediate), after the loop has polled
// again. While requests are arriving (an acknowledgement since the last turn began), the budget is
// one answer's worth: the acknowledgements come first, so a burst of clicks is acknowledged as
// fast as the clicks come in, and the answers catch up once it is over. While new connections are
// arriving, answers wait for a turn without one: libuv (since 1.45, in Node 20) accepts a single
// connection per turn of the loop and leaves the rest queued in the kernel, so a burst of clicks
// on new connections was let in one connection per turn, each turn also carrying an answer's
// slice: 32 connections at once took 70 ms to accept in the command bench, against 2 ms while
// answers stood aside (and bare Bolt, which has no answers, took 2 ms too).

/**
 * Loop time per turn that queued answers may use before the rest wait for the next turn. A request
 * that arrives meanwhile is read only once the turn ends: at 8 ms, turns of answers ran 8–16 ms
 * and were the command bench's longest ack waits; a turn costs the loop a poll, microseconds.
 */
export const TURN_BUDGET_MS = 2;
/** …while requests are being acknowledged: each turn lets one answer on, and what fits in this. */
export const ACK_TURN_BUDGET_MS = 1;

let turnStarted: number | null = null;
let budget = TURN_BUDGET_MS;
let acknowledging = false;
let connecting = false;

/** A request was just acknowledged: the next turns give answers only a sliver of the loop. */
export function acknowledgementSeen(): void {
  acknowledging = true;
}

/**
 * Turns in a row that may give answers nothing while connections keep coming; the next one lets one
 * answer on, so a flood of new connections (one accepted every turn, for as long as it lasts) slows
 * answers down instead of stopping them. A burst of a thousand clicks still opens its connections
 * in a few dozen milliseconds.
 */
export const MAX_CONNECTION_TURNS = 32;

let connectionTurns = 0;

/**
 * A connection was just accepted, and more may wait in the kernel's queue behind it (libuv takes
 * one per turn): the next turn gives answers nothing, so the loop comes straight back to accept.
 * A turn that accepted none gives answers their budget again.
 */
export function connectionSeen(): void {
  connecting = true;
}

/** Starts a turn; whether its first asker may go on (not while connections are arriving). */
function startTurn(now: number): boolean {
  turnStarted = now;
  const standAside = connecting && ++connectionTurns <= MAX_CONNECTION_TURNS;
  if (!standAside) connectionTurns = 0;
  budget = standAside ? -1 : acknowledging || connecting ? ACK_TURN_BUDGET_MS : TURN_BUDGET_MS;
  acknowledging = false;
  connecting = false;
  // The turn ends at the next check phase: whoever asks after that starts a new one.
  setImmediate(() => {
    turnStarted = null;
  });
  return !standAside;
}

/** Resolves at once while this turn has budget left, else on a later turn that has. */
export async function yieldTurn(now: () => number = () => performance.now()): Promise<void> {
  for (;;) {
    const t = now();
    if (turnStarted === null ? startTurn(t) : t - turnStarted < budget) return;
    await new Promise<void>((r) => setImmediate(r));
  }
}
