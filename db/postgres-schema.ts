// Prisma stays the one schema for both engines: db/schema is written for SQLite, and the PostgreSQL
// twin is derived from it (same models, provider "postgresql", its client generated beside the
// SQLite one). `tsx db/postgres-schema.ts` (run by `npm install` and `npm run build`) writes
// db/generated/postgres-schema/ and generates db/generated/postgres/ from it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const sqliteSchemaDir = path.join(root, "db", "schema");
export const postgresSchemaDir = path.join(root, "db", "generated", "postgres-schema");

/** One schema file's text for PostgreSQL: the datasource's provider, and the client's own output folder. */
export function toPostgres(text: string): string {
  return text
    .replace(/(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(/(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/generated\/prisma"/, '$1"../postgres"');
}

/** Writes the PostgreSQL twin of every schema file in `from` (db/schema by default) into `to`. */
export function writePostgresSchema(to = postgresSchemaDir, from = sqliteSchemaDir): string {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from).filter((n) => n.endsWith(".prisma"))) {
    fs.writeFileSync(path.join(to, f), toPostgres(fs.readFileSync(path.join(from, f), "utf8")));
  }
  return to;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writePostgresSchema();
  execFileSync("npx", ["prisma", "generate", "--config", "prisma.postgres.config.ts"], { cwd: root, stdio: "inherit" });
}
