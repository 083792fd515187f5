// Long synchronous work (PDF and chart rendering, reports over many rows, imports) runs off the
// event loop, so no command's acknowledgement waits behind it: `runInWorker` sends a task to a
// piscina worker-thread pool (one pool per worker module, created on first use, threads closed
// when idle), and `inChunks` splits work that must stay on the main thread into slices with a
// turn of the event loop between them.
//
// A worker module is a plain module whose named exports take one structured-cloneable argument:
//   // commands/report/render-worker.ts
//   export async function renderPdf(input: PdfInput): Promise<Uint8Array> { … }
//   // caller
//   const bytes = await runInWorker<Uint8Array>(new URL("./render-worker.ts", import.meta.url), "renderPdf", input);
// Pass the module's URL as written in the sources (`.ts`): the compiled build maps it to `.js`.
import fs from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";

const pools = new Map<string, Piscina>();

/** The worker file that exists: the `.ts` source under tsx, its `.js` twin in the compiled build. */
function resolveWorker(url: URL | string): string {
  const file = fileURLToPath(url);
  if (fs.existsSync(file)) return pathToFileURL(file).href;
  const js = file.replace(/\.ts$/, ".js");
  if (fs.existsSync(js)) return pathToFileURL(js).href;
  throw new Error(`worker module not found: ${file}`);
}

function poolFor(url: URL | string): Piscina {
  const filename = resolveWorker(url);
  let pool = pools.get(filename);
  if (!pool) {
    // Leave one core to the event loop; a 2-core machine gets one worker thread.
    const threads = Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
    pool = new Piscina({ filename, minThreads: 0, maxThreads: threads, idleTimeout: 30_000, maxQueue: 64 * threads });
    pools.set(filename, pool);
  }
  return pool;
}

/** Runs export `name` of the worker module at `url` with `input` on a worker thread. */
export function runInWorker<T>(url: URL | string, name: string, input: unknown, opts: { signal?: AbortSignal; transferList?: ArrayBuffer[] } = {}): Promise<T> {
  return poolFor(url).run(input, { name, signal: opts.signal, transferList: opts.transferList as never }) as Promise<T>;
}

/** Calls `each` on every item, yielding to the event loop after each slice of `budgetMs`. */
export async function inChunks<T>(items: Iterable<T>, each: (item: T, index: number) => void, budgetMs = 10): Promise<void> {
  let i = 0;
  let sliceStart = performance.now();
  for (const item of items) {
    each(item, i++);
    if (performance.now() - sliceStart >= budgetMs) {
      await new Promise((r) => setImmediate(r));
      sliceStart = performance.now();
    }
  }
}

/** Ends every pool's threads (graceful shutdown); tasks already running finish first. */
export async function closeWorkerPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}
