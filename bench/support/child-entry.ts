// Which file a bench child runs: the compiled bot (`npm run build` → dist/) when it exists, as
// production runs it; otherwise the TypeScript sources through tsx. `npm run bench` rebuilds dist/
// first when a source is newer than it, so a bench never measures yesterday's code.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function childEntry(): { file: string; execArgv: string[]; compiled: boolean } {
  const compiled = path.join(root, "dist/bench-child.js");
  if (fs.existsSync(compiled) && process.env.BENCH_SOURCE !== "1") return { file: compiled, execArgv: [], compiled: true };
  return { file: path.join(root, "bench/support/bot-child.ts"), execArgv: ["--import", "tsx"], compiled: false };
}
