// Spreads a burst of incoming requests over the event loop's turns. Requests that arrive together
// are read in one poll of the loop, and each then verified, parsed, run through Bolt's middleware
// and acknowledged in the same go: a thousand clicks in a second held the loop for 140–280 ms at a
// time, and every timer, answer and socket write waited behind them. Each request now enters
// after its body is read: while this turn's budget lasts it goes straight on; past it, it waits,
// in arrival order, for a later turn (setImmediate, after the loop has run its timers and polled
// again), and each later turn lets the waiting ones on within the same budget.

/** Loop time per turn that acknowledgements may use before the next request waits for a later turn. */
export const ACK_TURN_BUDGET_MS = 10;

/** Called once the request is acknowledged (or refused): the next waiting one may go on in this turn. */
export type Leave = () => void;

export class AckTurns {
  private readonly waiting: (() => void)[] = [];
  private turnStarted: number | null = null;
  private pumping = false;

  constructor(
    private readonly budgetMs = ACK_TURN_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How many requests wait for a later turn. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Resolves when this request may go on: at once within the turn's budget, else on a later turn, in order. */
  enter(): Promise<Leave> {
    if (this.waiting.length === 0 && this.hasBudget()) return Promise.resolve(this.leaver());
    return new Promise<Leave>((resolve) => {
      this.waiting.push(() => resolve(this.leaver()));
      this.pump();
    });
  }

  /** Starts a turn when none is running; true while the running one has budget left. */
  private hasBudget(): boolean {
    if (this.turnStarted === null) {
      this.startTurn();
      return true;
    }
    return this.now() - this.turnStarted < this.budgetMs;
  }

  private turn = 0;

  private startTurn(): void {
    const turn = ++this.turn;
    this.turnStarted = this.now();
    // The turn ends at the next check phase: whoever asks after that starts a new one.
    setImmediate(() => {
      if (this.turn === turn) this.turnStarted = null;
    });
  }

  private leaver(): Leave {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      // Still within the turn: the next one goes on now rather than a whole loop later.
      if (this.waiting.length > 0 && this.turnStarted !== null && this.hasBudget()) this.waiting.shift()!();
    };
  }

  /** Once a turn, the first waiting request goes on whatever the budget (the others follow as each leaves). */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      const next = this.waiting.shift();
      if (!next) return;
      this.startTurn();
      next();
      if (this.waiting.length > 0) this.pump();
    });
  }
}
