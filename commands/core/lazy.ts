// Packages that only some commands need (PDF, chart images, calendar files, readability, Markdown
// front matter, diffs, file sniffing) are loaded the first time they are used, not at start-up:
// together they cost more than half of a cold start, and most processes serve hours of commands
// before the first statement or chart. Loaded synchronously (Node's require, which also takes
// ES modules since 20.19), so the functions that use them keep their signatures.
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

/** `name`, loaded on the first call and kept. */
export function lazy<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
}
