// Prisma 6.19 runs offline with the WASM schema engine when it is given a driver adapter.
// DATABASE_URL is made absolute here: the schema engine would otherwise resolve a relative
// SQLite path against db/ while the adapter resolves it against the working directory.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const raw = process.env.DATABASE_URL ?? "file:./data/unionhall.db";
const file = path.resolve(raw.replace(/^file:/, ""));
fs.mkdirSync(path.dirname(file), { recursive: true });
process.env.DATABASE_URL = `file:${file}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("db", "schema"),
  migrations: { path: path.join("db", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
