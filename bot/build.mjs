// The production build: TypeScript → one ESM bundle per entry in dist/ with esbuild (well under a
// second), so `npm start` runs plain JavaScript (no transpiling at start-up) and an unconfigured
// platform's adapter stays in its own chunk, never loaded. Run by `npm install` (postinstall) and
// before `npm start` (prestart, only when a source file is newer than the build).
// Packages stay external (loaded from node_modules as usual); db/migrate.ts finds db/migrations from dist/
// upward; worker modules for the piscina pool
// (`commands/**/*.worker.ts`) become dist/workers/<path>.js.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist");
const stamp = path.join(out, ".built");
const sourceDirs = ["bot", "adapters", "commands", "db"];

function newestSource(dir = root, dirs = sourceDirs) {
  let newest = 0;
  for (const d of dirs) {
    const walk = (p) => {
      for (const e of fs.readdirSync(p, { withFileTypes: true })) {
        const f = path.join(p, e.name);
        if (e.isDirectory()) walk(f);
        else newest = Math.max(newest, fs.statSync(f).mtimeMs);
      }
    };
    const start = path.join(dir, d);
    if (fs.existsSync(start)) walk(start);
  }
  return newest;
}

function workerEntries() {
  const found = {};
  const walk = (p) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      const f = path.join(p, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith(".worker.ts")) found[`workers/${path.relative(path.join(root, "commands"), f).replace(/\.worker\.ts$/, "")}.worker`] = f;
    }
  };
  walk(path.join(root, "commands"));
  return found;
}

export async function build() {
  const { build: esbuild } = await import("esbuild");
  const started = Date.now();
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: {
      main: "bot/main.ts",
      cli: "bot/cli.ts",
      "bench-child": "bench/support/bot-child.ts",
      ...workerEntries(),
    },
    outdir: out,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    chunkNames: "chunks/[name]-[hash]",
    logLevel: "warning",
  });
  fs.writeFileSync(stamp, new Date().toISOString() + "\n");
  return Date.now() - started;
}

const stale = () => !fs.existsSync(stamp) || newestSource() > fs.statSync(stamp).mtimeMs;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--if-stale") && !stale()) process.exit(0);
  try {
    const ms = await build();
    console.error(`unionhall: built dist/ in ${ms} ms`);
  } catch (e) {
    console.error(`unionhall: the build failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
