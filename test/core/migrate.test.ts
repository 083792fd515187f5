import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.ts";
import { tempDir } from "../helpers/store.ts";

function write(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

const init = `CREATE TABLE "Parent" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL);
CREATE TABLE "Child" ("id" INTEGER PRIMARY KEY, "parentId" INTEGER REFERENCES "Parent"("id") ON DELETE SET NULL);`;

// The shape Prisma generates for SQLite column changes.
const rebuild = `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "extra" BOOLEAN NOT NULL DEFAULT false);
INSERT INTO "new_Parent" ("id", "name") SELECT "id", "name" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`;

describe("migrations at start-up", () => {
  it("apply in order once, recorded in Prisma's ledger", () => {
    const dir = tempDir();
    write(dir, "001_init", init);
    const db = new Database(path.join(dir, "m.db"));
    expect(migrate(db, dir).applied).toEqual(["001_init"]);
    expect(migrate(db, dir).applied).toEqual([]);
    expect(db.prepare(`SELECT migration_name FROM "_prisma_migrations"`).all()).toEqual([{ migration_name: "001_init" }]);
  });

  it("rebuilding a referenced table keeps the references (no ON DELETE action fires)", () => {
    const dir = tempDir();
    write(dir, "001_init", init);
    const db = new Database(path.join(dir, "m.db"));
    db.pragma("foreign_keys = ON");
    migrate(db, dir);
    db.prepare(`INSERT INTO "Parent" VALUES (1, 'p')`).run();
    db.prepare(`INSERT INTO "Child" VALUES (10, 1)`).run();
    write(dir, "002_rebuild", rebuild);
    expect(migrate(db, dir).applied).toEqual(["002_rebuild"]);
    expect(db.prepare(`SELECT parentId FROM "Child" WHERE id = 10`).get()).toEqual({ parentId: 1 });
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("refuses a migration that leaves broken references, applying none of it", () => {
    const dir = tempDir();
    write(dir, "001_init", init);
    const db = new Database(path.join(dir, "m.db"));
    migrate(db, dir);
    db.prepare(`INSERT INTO "Parent" VALUES (1, 'p')`).run();
    db.prepare(`INSERT INTO "Child" VALUES (10, 1)`).run();
    write(dir, "002_bad", `DELETE FROM "Parent"; CREATE TABLE "Other" ("id" INTEGER PRIMARY KEY);`);
    expect(() => migrate(db, dir)).toThrow(/002_bad leaves 1 broken reference/);
    expect(db.prepare(`SELECT count(*) AS n FROM "Parent"`).get()).toEqual({ n: 1 });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Other'`).get()).toBeUndefined();
  });
});
