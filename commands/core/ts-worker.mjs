// Worker-thread entry for a TypeScript worker module (development and tests, under tsx): registers
// tsx inside the thread, loads the module named in workerData, and runs the export a task names.
// The compiled build runs dist/workers/*.js directly and never uses this file.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const mod = await import(workerData.target);

export default function run({ name, input }) {
  if (typeof mod[name] !== "function") throw new Error(`worker module has no export "${name}"`);
  return mod[name](input);
}
