// Long work done a batch at a time through the asynchronous data layer (a member import, a fold
// over every member's history) gives the event loop a turn between batches. Awaiting a statement
// alone does not: on SQLite it resolves at once, so without a turn nothing else (a platform's
// acknowledgement, a timer) would run until the whole import ends.
/**
 * A function to await between batches: it gives the loop a turn (setImmediate) once `budgetMs`
 * of work has passed since the last one, and returns at once otherwise.
 */
export function turnTaker(budgetMs = 20): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise<void>((r) => setImmediate(r));
    since = performance.now();
  };
}
