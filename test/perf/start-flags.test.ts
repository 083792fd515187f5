// How `npm start` runs node: its heap flags are what keeps memory under a burst bounded, and the
// benches read them from the start script (bench/support/node-flags.ts), so both must agree.
import { describe, expect, it } from "vitest";
import { flagsOf, startFlags } from "../../bench/support/node-flags.ts";

describe("npm start's node flags", () => {
  it("caps the old generation below 2 GiB, where V8 would let the heap grow to four times what is live", () => {
    // With node's default limit (a quarter of the machine's memory, 4 GiB here) V8 grows the heap
    // up to 4× its live size between full collections: 320 MB RSS under the command bench. Below
    // 2 GiB the factor scales down (1.8× at 1,536 MiB): 210–220 MB at the same rates.
    const cap = startFlags().find((f) => f.startsWith("--max-old-space-size="));
    expect(cap).toBeDefined();
    const mib = Number(cap!.split("=")[1]);
    expect(mib).toBeGreaterThanOrEqual(512);
    expect(mib).toBeLessThan(2048);
  });

  it("reads the options between node and the script, and nothing of another launcher", () => {
    expect(flagsOf("node --max-old-space-size=1536 --cpu-prof dist/main.js --port 3")).toEqual(["--max-old-space-size=1536", "--cpu-prof"]);
    expect(flagsOf("node dist/main.js")).toEqual([]);
    expect(flagsOf("tsx bot/main.ts")).toEqual([]);
  });
});
