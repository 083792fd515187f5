// Runs an admin CLI command (`npm run cli -- <name> …`) in this process: the same CliCommand object
// bot/cli.ts dispatches to, with the environment it would see and its console output captured.
// Starting `npx tsx` per call cost seconds each on a busy machine and gave nothing more.
import { vi } from "vitest";
import type { CliCommand } from "../../bot/cli/types.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(cmd: CliCommand, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const out: string[] = [];
  const err: string[] = [];
  const line = (to: string[]) => (...a: unknown[]) => void to.push(a.map(String).join(" "));
  const log = vi.spyOn(console, "log").mockImplementation(line(out));
  const info = vi.spyOn(console, "info").mockImplementation(line(out));
  const error = vi.spyOn(console, "error").mockImplementation(line(err));
  const warn = vi.spyOn(console, "warn").mockImplementation(line(err));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    let code: number;
    try {
      code = await cmd.run(args);
    } catch (e) {
      // What bot/cli.ts does with an error a command throws.
      err.push(`Error: ${e instanceof Error ? e.message : String(e)}`);
      code = 1;
    }
    return { code, stdout: out.map((l) => `${l}\n`).join(""), stderr: err.map((l) => `${l}\n`).join("") };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    log.mockRestore();
    info.mockRestore();
    error.mockRestore();
    warn.mockRestore();
  }
}
