// `npm run bench`: runs every bench/*.ts that exports run(), prints one JSON line per result
// (machine-readable) and writes all of them, with every figure beside its target, to one JSON
// file (BENCH_OUT, default data/bench-results.json). `npm run bench -- command start` runs only
// the named ones. A new area adds `bench/<name>.ts` exporting run(); nothing here changes.
// A result states its figures as `figures: [{ name, value, unit, target, met }]`; older results
// that carry `target…` fields beside their figures are read as such too (see figuresOf).
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

export interface Figure {
  name: string;
  value: number | string | boolean;
  unit?: string;
  target: string;
  met: boolean;
}

/** The figures a result states, or those read from `targetX`/`XTarget` fields beside `…X` figures. */
export function figuresOf(bench: string, r: Record<string, unknown>): Figure[] {
  if (Array.isArray(r.figures)) return r.figures as Figure[];
  const label = [bench, ...Object.entries(r).filter(([k, v]) => typeof v === "string" && !/target/i.test(k)).map(([, v]) => v)].join(" ");
  const out: Figure[] = [];
  for (const [k, v] of Object.entries(r)) {
    if (typeof v === "boolean" && /TargetMet$/.test(k)) out.push({ name: `${label}: ${k.replace(/TargetMet$/, "")}`, value: v, target: "met", met: v });
    const m = /^target(.+)$/.exec(k);
    if (m && typeof v === "number") {
      const figure = Object.keys(r).find((x) => x !== k && x.endsWith(m[1]!) && typeof r[x] === "number");
      if (figure) out.push({ name: `${label}: ${figure}`, value: r[figure] as number, unit: m[1]!.toLowerCase(), target: `≤ ${v}`, met: typeof r.ok === "boolean" ? r.ok : (r[figure] as number) <= v });
    }
  }
  return out;
}

const results: Record<string, unknown>[] = [];
let failed = 0;
for (const f of files) {
  const name = f.replace(/\.ts$/, "");
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run?: () => Promise<unknown> };
  if (typeof mod.run !== "function") continue;
  const started = Date.now();
  try {
    const out = await mod.run();
    for (const r of Array.isArray(out) ? out : [out]) {
      const line = { bench: name, ...(r as object) } as Record<string, unknown>;
      results.push(line);
      console.log(JSON.stringify(line));
    }
  } catch (e) {
    failed++;
    const line = { bench: name, error: e instanceof Error ? e.message : String(e), ms: Date.now() - started };
    results.push(line);
    console.log(JSON.stringify(line));
  }
}

const figures = results.flatMap((r) => figuresOf(String(r.bench), r).map((f) => ({ bench: r.bench, ...f })));
const outFile = process.env.BENCH_OUT ?? path.join(dir, "..", "data", "bench-results.json");
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify({ at: new Date().toISOString(), node: process.version, benches: [...new Set(results.map((r) => r.bench))], figures, results }, null, 2) + "\n");
console.log(JSON.stringify({ bench: "summary", file: outFile, figures: figures.length, met: figures.filter((f) => f.met).length, missed: figures.filter((f) => !f.met).map((f) => `${f.name}: ${f.value}${f.unit ?? ""} (target ${f.target})`) }));
process.exitCode = failed ? 1 : 0;
