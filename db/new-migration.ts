// `npm run db:migration -- NAME [--only db/schema/FILE.prisma]`
// Writes db/migrations/<timestamp>_NAME/migration.sql: the SQL that takes the schema committed at
// git HEAD to the schema in the working tree. Offline: Prisma's --from-migrations needs a shadow
// database and --from-url is refused with a driver adapter, so we diff two datamodels instead.
// --only limits the change to one schema file (the others are taken as committed), so people
// changing different areas at the same time don't pick up each other's models.
// Hand-written SQL (triggers, FTS5) goes at the end of the generated file.
// The same change is written for PostgreSQL into db/migrations-postgres/<same name>/, from the
// schema's PostgreSQL twin (db/postgres-schema.ts). Prisma diffs PostgreSQL only through a live
// connection, so a throwaway server is started for it (the one the tests use).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writePostgresSchema } from "./postgres-schema.ts";
import { postgresUnavailable, startPostgres } from "../test/helpers/postgres.ts";

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--only");
const onlyIdx = args.indexOf("--only");
const only = onlyIdx >= 0 ? path.normalize(args[onlyIdx + 1] ?? "") : undefined;
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- name_in_snake_case [--only db/schema/FILE.prisma]");
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uh-migration-"));
const from = path.join(tmp, "from");
const to = path.join(tmp, "to");
fs.mkdirSync(from);
fs.mkdirSync(to);
const committed = execFileSync("git", ["ls-tree", "--name-only", "HEAD", "db/schema/"], { encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".prisma"));
for (const f of committed) fs.writeFileSync(path.join(from, path.basename(f)), execFileSync("git", ["show", `HEAD:${f}`]));
const working = fs.readdirSync("db/schema").filter((f) => f.endsWith(".prisma")).map((f) => path.join("db/schema", f));
for (const f of only ? [...committed, only] : working) {
  const src = only && f !== only ? path.join(from, path.basename(f)) : f;
  if (fs.existsSync(src)) fs.copyFileSync(src, path.join(to, path.basename(f)));
}
const diff = (fromDir: string, toDir: string, config: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync("npx", ["prisma", "migrate", "diff", "--config", config, "--from-schema-datamodel", fromDir, "--to-schema-datamodel", toDir, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
const sql = diff(from, to, "prisma.config.ts");
if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log("No schema change to migrate.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join("db", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql — review it, add any hand-written SQL at the end, and commit it with the schema.`);

const unavailable = postgresUnavailable();
if (unavailable) {
  fs.rmSync(tmp, { recursive: true, force: true });
  console.error(`The PostgreSQL migration was NOT written (${unavailable}). Write db/migrations-postgres/${stamp}_${name}/migration.sql before committing: the tests compare both engines.`);
  process.exit(1);
}
const server = await startPostgres();
try {
  const url = await server.createDatabase("diff");
  const pgSql = diff(writePostgresSchema(path.join(tmp, "from-pg"), from), writePostgresSchema(path.join(tmp, "to-pg"), to), "prisma.postgres.config.ts", { ...process.env, DATABASE_URL: url });
  const pgDir = path.join("db", "migrations-postgres", `${stamp}_${name}`);
  fs.mkdirSync(pgDir, { recursive: true });
  fs.writeFileSync(path.join(pgDir, "migration.sql"), pgSql);
  console.log(`Wrote ${pgDir}/migration.sql — its hand-written SQL, if any, in PostgreSQL's terms.`);
} finally {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
