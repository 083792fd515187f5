// The PostgreSQL twin of prisma.config.ts: the schema derived from db/schema by db/postgres-schema.ts,
// the checked-in PostgreSQL migrations, and the pg driver adapter (DATABASE_URL=postgres://…).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's `env("DATABASE_URL")` must look like a PostgreSQL URL even for the offline commands
// (generate, migrate diff), or Prisma cannot read the schema and tries to download an engine.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://localhost/unionhall";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("db", "generated", "postgres-schema"),
  migrations: { path: path.join("db", "migrations-postgres") },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
