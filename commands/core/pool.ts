// Long synchronous work (PDF and chart rendering, reports over many rows, imports) runs off the
// event loop, so no command's acknowledgement waits behind it: `runInWorker` sends a task to a
// piscina worker-thread pool (one pool per worker module, created on first use, threads closed
// when idle), and `inChunks` splits work that must stay on the main thread into slices with a
// turn of the event loop between them.
//
// A worker module is a plain module named `*.worker.ts` under commands/, whose named exports take
// one structured-cloneable argument; callers name it by its path under commands/:
//   // commands/report/render.worker.ts
//   export async function renderPdf(input: PdfInput): Promise<Uint8Array> { … }
//   // caller
//   const bytes = await runInWorker<Uint8Array>("report/render", "renderPdf", input);
// Under tsx (development, tests) the thread loads the .ts source with tsx; `npm run build` compiles
// each worker module to dist/workers/<name>.worker.js, which the compiled bot uses.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Piscina } from "piscina";
import { lazy } from "./lazy.ts";

// The pool library itself is loaded when the first task runs, not at start-up.
const piscina = lazy<typeof import("piscina")>("piscina");

const pools = new Map<string, Piscina>();

/** The project root, from this module's place in the sources or in the compiled dist/. */
function projectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dist = here.lastIndexOf(`${path.sep}dist`);
  return dist >= 0 ? here.slice(0, dist) : path.resolve(here, "../..");
}

const compiled = () => fileURLToPath(import.meta.url).includes(`${path.sep}dist${path.sep}`);

/** A worker named "area/name" (commands/area/name.worker.ts), or a path to a worker file. */
function resolveWorker(worker: string | URL): string {
  if (worker instanceof URL || path.isAbsolute(worker)) {
    const file = worker instanceof URL ? fileURLToPath(worker) : worker;
    if (!fs.existsSync(file)) throw new Error(`worker module not found: ${file}`);
    return file;
  }
  const root = projectRoot();
  const js = path.join(root, "dist", "workers", `${worker}.worker.js`);
  if (compiled() && fs.existsSync(js)) return js;
  const ts = path.join(root, "commands", `${worker}.worker.ts`);
  if (fs.existsSync(ts)) return ts;
  throw new Error(`worker module not found: ${ts}`);
}

function poolFor(worker: string | URL): Piscina {
  const file = resolveWorker(worker);
  let pool = pools.get(file);
  if (!pool) {
    // Leave one core to the event loop; a 2-core machine gets one worker thread.
    const threads = Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
    const ts = file.endsWith(".ts");
    pool = new (piscina().Piscina)({
      // TypeScript sources go through a small entry that registers tsx inside the thread first.
      filename: ts ? new URL("./ts-worker.mjs", import.meta.url).href : pathToFileURL(file).href,
      workerData: ts ? { target: pathToFileURL(file).href } : undefined,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 30_000,
      maxQueue: 64 * threads,
    });
    pools.set(file, pool);
  }
  return pool;
}

/** Runs export `name` of `worker` ("area/name", or a worker file) with `input` on a worker thread. */
export function runInWorker<T>(worker: string | URL, name: string, input: unknown, opts: { signal?: AbortSignal; transferList?: ArrayBuffer[] } = {}): Promise<T> {
  const pool = poolFor(worker);
  const viaEntry = pool.options.filename?.endsWith("ts-worker.mjs");
  return pool.run(viaEntry ? { name, input } : input, { name: viaEntry ? "default" : name, signal: opts.signal, transferList: opts.transferList as never }) as Promise<T>;
}

/** Calls `each` on every item, yielding to the event loop after each slice of `budgetMs`. */
export async function inChunks<T>(items: Iterable<T>, each: (item: T, index: number) => void, budgetMs = 10): Promise<void> {
  const it = items[Symbol.iterator]();
  let i = 0;
  await inSlices(() => {
    const next = it.next();
    if (next.done) return false;
    each(next.value, i++);
    return true;
  }, budgetMs);
}

/**
 * Runs `step` until it returns false, yielding to the event loop after each slice of `budgetMs`.
 * A step may be asynchronous (a page written through the data layer): awaiting it alone gives no
 * turn to anything else, so the slices still decide when the loop is given back.
 */
export async function inSlices(step: () => boolean | Promise<boolean>, budgetMs = 10): Promise<void> {
  let sliceStart = performance.now();
  while (await step()) {
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
