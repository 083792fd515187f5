// Sub-local ids and codes for the knowledge base, read with cached statements.
import { one } from "./sql.ts";
import type { Store } from "./store.ts";

export function subLocalCodeById(store: Store, id: number): string | undefined {
  return one<{ code: string }>(store, `SELECT "code" FROM "SubLocal" WHERE "id" = ?`, id)?.code;
}

export function subLocalIdByCode(store: Store, code: string): number | undefined {
  return one<{ id: number }>(store, `SELECT "id" FROM "SubLocal" WHERE "code" = ?`, code.toUpperCase())?.id;
}
