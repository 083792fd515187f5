// Replies that are the same for everyone who asks alike (help, for one language, platform and set
// of roles) are built once and kept, frozen. The same object then comes back each time, so the
// stages after the handler (materialize, an adapter's rendering) keep their own work for it too,
// keyed by that object: a burst of people asking for help costs one rendering, not hundreds.
import type { Reply } from "./reply.ts";

/** How many replies one owner keeps; past it, the oldest goes (a bound, never reached in practice). */
export const MEMO_LIMIT = 256;

const memos = new WeakMap<object, Map<string, Reply>>();

/** Freezes `value` and everything it holds, so a kept reply cannot be changed by whoever receives it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * The reply `build` makes for `key`, built once per `owner` (the registry whose commands and
 * strings it is made of): `key` must name everything the reply depends on.
 */
export function memoReply(owner: object, key: string, build: () => Reply): Reply {
  let memo = memos.get(owner);
  if (!memo) memos.set(owner, (memo = new Map()));
  const kept = memo.get(key);
  if (kept) return kept;
  const made = deepFreeze(build());
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, made);
  return made;
}

/** Whether `reply` is one of the kept replies (frozen): only those are worth remembering downstream. */
export function isKept(reply: object): boolean {
  return Object.isFrozen(reply);
}
