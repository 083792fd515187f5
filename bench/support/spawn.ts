// A bench child (the real bot, or a bare Bolt app with --bare) in its own process, so the load
// generator does not share its event loop; asked over IPC to reset and report its stats. The bot
// runs with `npm start`'s node flags (its heap settings); the bare Bolt app with node's defaults.
import { fork, type ChildProcess } from "node:child_process";
import { childEntry } from "./child-entry.ts";
import { startFlags } from "./node-flags.ts";

export interface Child {
  proc: ChildProcess;
  port: number;
  ask(type: "reset" | "stats"): Promise<Record<string, number>>;
}

export async function spawnChild(env: NodeJS.ProcessEnv, bare: boolean): Promise<Child> {
  const entry = childEntry();
  const proc = fork(entry.file, bare ? ["--bare"] : [], { env: { ...process.env, ...env }, execArgv: [...entry.execArgv, ...(bare ? [] : startFlags()), ...(process.env.BENCH_CHILD_ARGS ?? "").split(" ").filter(Boolean)], stdio: ["ignore", process.env.BENCH_CHILD_STDOUT ? "inherit" : "ignore", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`bench child exited with ${code}`)));
    proc.on("message", (m: { type: string; port?: number }) => m.type === "ready" && resolve(m.port!));
  });
  const ask = (type: "reset" | "stats") =>
    new Promise<Record<string, number>>((resolve) => {
      const on = (m: Record<string, number> & { type: string }) => {
        if (m.type === (type === "reset" ? "reset-done" : "stats")) {
          proc.off("message", on);
          resolve(m);
        }
      };
      proc.on("message", on);
      proc.send({ type });
    });
  return { proc, port, ask };
}
