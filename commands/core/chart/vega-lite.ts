// Vega-Lite compiles our chart specs. When it loads it adds Set.prototype.toJSON (for its own
// hashing), which breaks other libraries that inspect built-ins when they load (discord.js's event
// emitter fails to start). So the method is taken off again at once and put back only while a spec
// compiles: compile() is synchronous, nothing else runs in between. Loaded on the first chart.
import type { TopLevelSpec } from "vega-lite";

type Compiled = ReturnType<typeof import("vega-lite").compile>["spec"];
// Vega-Lite's notes (merged scale domains and the like) are not ours to act on: errors still throw.
const quiet = {
  level(_?: number) {
    return quiet;
  },
  error(...args: unknown[]) {
    throw new Error(String(args[0]));
  },
  warn() {
    return quiet;
  },
  info() {
    return quiet;
  },
  debug() {
    return quiet;
  },
} as unknown as NonNullable<Parameters<typeof import("vega-lite").compile>[1]>["logger"];

let compiler: Promise<(spec: TopLevelSpec) => Compiled> | undefined;

export function vegaLiteCompiler(): Promise<(spec: TopLevelSpec) => Compiled> {
  compiler ??= import("vega-lite").then(({ compile }) => {
    const setToJson = Object.getOwnPropertyDescriptor(Set.prototype, "toJSON");
    if (setToJson) delete (Set.prototype as { toJSON?: unknown }).toJSON;
    return (spec: TopLevelSpec) => {
      if (setToJson) Object.defineProperty(Set.prototype, "toJSON", setToJson);
      try {
        return compile(spec, { logger: quiet }).spec;
      } finally {
        if (setToJson) delete (Set.prototype as { toJSON?: unknown }).toJSON;
      }
    };
  });
  return compiler;
}
