// Sub-local ids and codes for the knowledge base, on the data layer.
import type { Db } from "./data.ts";

export async function subLocalCodeById(db: Db, id: number): Promise<string | undefined> {
  return (await db.one<{ code: string }>(`SELECT "code" FROM "SubLocal" WHERE "id" = ?`, id))?.code;
}

export async function subLocalIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.one<{ id: number }>(`SELECT "id" FROM "SubLocal" WHERE "code" = ?`, code.toUpperCase()))?.id;
}
