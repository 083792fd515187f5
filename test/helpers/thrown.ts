// What a call throws. A `try { …; expect.unreachable() } catch (e) { … }` swallows the unreachable
// assertion itself (it throws too), so a call that stops throwing would pass unnoticed.
import { expect } from "vitest";

export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return expect.unreachable("expected the call to throw");
}

export async function rejected(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable("expected the promise to reject"),
    (e: unknown) => e,
  );
}
