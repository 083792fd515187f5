// `npm run bench`: runs every bench/*.ts that exports run() and prints one JSON line per result
// (machine-readable; `npm run bench -- scheduler` runs only the named ones).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.endsWith(".d.ts"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, "")))
  .sort();

let failed = 0;
for (const f of files) {
  const name = f.replace(/\.ts$/, "");
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run?: () => Promise<unknown> };
  if (typeof mod.run !== "function") continue;
  const started = Date.now();
  try {
    const out = await mod.run();
    for (const r of Array.isArray(out) ? out : [out]) console.log(JSON.stringify({ bench: name, ...(r as object) }));
  } catch (e) {
    failed++;
    console.log(JSON.stringify({ bench: name, error: e instanceof Error ? e.message : String(e), ms: Date.now() - started }));
  }
}
process.exitCode = failed ? 1 : 0;
