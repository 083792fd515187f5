// The node flags `npm start` runs the bot with, read from package.json's start script, so a bench
// measures the bot as production starts it and the flags live in one place.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The options between `node` and the script in a start command ("node --a=1 dist/main.js" → ["--a=1"]). */
export function flagsOf(command: string): string[] {
  const words = command.trim().split(/\s+/);
  if (words[0] !== "node") return [];
  const flags: string[] = [];
  for (const w of words.slice(1)) {
    if (!w.startsWith("-")) break;
    flags.push(w);
  }
  return flags;
}

/** The flags of package.json's start script. */
export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return flagsOf(pkg.scripts?.start ?? "");
}
