// The bounded queue behind every acknowledgement: adapters acknowledge the platform at once and
// hand the work here. At most `concurrency` items run at a time; at most `capacity` wait. When
// it is full (a memory bound; admission normally refuses earlier, by promised wait) the adapter
// answers "busy" instead of letting the platform time out. Each item starts on its own turn of the event loop (setImmediate), so incoming
// requests and their acknowledgements are served between items rather than after all of them.

export class QueueFullError extends Error {
  constructor() {
    super("the work queue is full");
    this.name = "QueueFullError";
  }
}

export class QueueClosedError extends Error {
  constructor() {
    super("the work queue is closed (shutting down)");
    this.name = "QueueClosedError";
  }
}

export interface WorkQueueOptions {
  /** Items running at once. */
  concurrency: number;
  /** Items waiting to start; one more is refused. */
  capacity: number;
  /** Told the depth (running + waiting) whenever it changes (metrics). */
  onDepth?: (depth: number) => void;
}

interface Item {
  work: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class WorkQueue {
  private waiting: Item[] = [];
  private running = 0;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(private readonly opts: WorkQueueOptions) {
    if (!(opts.concurrency >= 1) || !(opts.capacity >= 0)) throw new RangeError("concurrency ≥ 1 and capacity ≥ 0");
  }

  /** Items running now. */
  get inService(): number {
    return this.running;
  }

  /** Items waiting to start. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Running plus waiting. */
  get depth(): number {
    return this.running + this.waiting.length;
  }

  /** Whether one more item would be refused. */
  get full(): boolean {
    return this.closed || (this.running >= this.opts.concurrency && this.waiting.length >= this.opts.capacity);
  }

  get accepting(): boolean {
    return !this.closed;
  }

  /** Queues `work`; rejects with QueueFullError or QueueClosedError without running it. */
  push<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new QueueClosedError());
    if (this.full) return Promise.reject(new QueueFullError());
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.changed();
      this.pump();
    });
  }

  /** Stops taking work; what is queued or running still finishes. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once nothing runs or waits (graceful shutdown). */
  drained(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.waiting.length > 0) {
      const item = this.waiting.shift()!;
      this.running++;
      setImmediate(() => {
        let p: Promise<unknown>;
        try {
          p = item.work();
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(item.resolve, item.reject).finally(() => {
          this.running--;
          this.changed();
          this.pump();
        });
      });
    }
  }

  private changed(): void {
    this.opts.onDepth?.(this.depth);
    if (this.depth === 0) for (const f of this.idle.splice(0)) f();
  }
}
