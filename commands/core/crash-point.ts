// Test-only: lets a crash test kill this process at a named step of a multi-step write, to prove
// that every step commits whole or not at all. Does nothing unless UH_TEST_CRASH_AT names the step.
export function crashPoint(step: string): void {
  if (process.env.UH_TEST_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
}
