// Reads a BENCH_TRACE_ACKS directory (bench/command.ts): joins the load generator's samples with
// the children's traces on the request id and splits each ack into before (sent → the child's
// HTTP server handed it over: the generator's write, the kernel, the child's loop busy or off a
// core), in (handed over → response finished: the app's own path) and after (→ the generator saw
// the end: its own loop). Prints, per phase and side, the p50 and p99 of each, and what the
// slowest 1 % were made of on average.
//   npx tsx bench/support/ack-trace.ts /tmp/acks
import fs from "node:fs";
import path from "node:path";
import { percentile } from "./load.ts";

interface Split {
  ackMs: number;
  before: number;
  in: number;
  after: number;
}

export function joinTrace(dir: string): Map<string, Split[]> {
  const served = new Map<string, [number, number]>();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".acks")))
    for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean)) {
      const [id, at, done] = line.split(" ");
      served.set(id!, [Number(at), Number(done)]);
    }
  const groups = new Map<string, Split[]>();
  for (const line of fs.readFileSync(path.join(dir, "samples"), "utf8").split("\n").filter(Boolean)) {
    const [phase, round, side, id, sent, ack] = line.split(" ");
    const s = served.get(id!);
    if (!s) continue;
    const sentAt = Number(sent);
    const ackMs = Number(ack);
    const key = `${phase} round ${round} ${side}`;
    const list = groups.get(key) ?? [];
    list.push({ ackMs, before: s[0] - sentAt, in: s[1] - s[0], after: sentAt + ackMs - s[1] });
    groups.set(key, list);
  }
  return groups;
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith("ack-trace.ts")) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: ack-trace.ts <BENCH_TRACE_ACKS directory>");
  const f = (n: number) => n.toFixed(1).padStart(7);
  const pct = (xs: number[], p: number) => percentile([...xs].sort((a, b) => a - b), p);
  console.log(`${"phase".padEnd(26)}     n |  ack p50    p99 | before p50   p99 |   in p50    p99 | after p50    p99 | slowest 1 %: before     in  after`);
  for (const [key, xs] of joinTrace(dir)) {
    const p99 = pct(xs.map((x) => x.ackMs), 99);
    const tail = xs.filter((x) => x.ackMs >= p99);
    const mean = (k: keyof Split) => tail.reduce((a, x) => a + x[k], 0) / tail.length;
    const both = (k: keyof Split) => `${f(pct(xs.map((x) => x[k]), 50))}${f(pct(xs.map((x) => x[k]), 99))}`;
    console.log(`${key.padEnd(26)} ${String(xs.length).padStart(5)} | ${both("ackMs")} | ${both("before")} | ${both("in")} | ${both("after")} |             ${f(mean("before"))}${f(mean("in"))}${f(mean("after"))}`);
  }
}
