// The PostgreSQL settings checked at start-up: the pool size, and the TLS parameters of the URL (with
// the meaning psql and pg_dump give them), each problem one line that never repeats the URL.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config.ts";
import { postgresConnection } from "../../db/store-postgres.ts";
import { tempDir } from "../helpers/store.ts";
import { thrown } from "../helpers/thrown.ts";

const problems = (env: Record<string, string>) => (thrown(() => loadConfig(env)) as ConfigError).problems;

describe("DATABASE_POOL_SIZE", () => {
  it("is 4 unless set, and takes a whole number from 1 to 1000", () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(4);
    expect(loadConfig({ DATABASE_POOL_SIZE: "" }).DATABASE_POOL_SIZE).toBe(4);
    expect(loadConfig({ DATABASE_POOL_SIZE: "1" }).DATABASE_POOL_SIZE).toBe(1);
    expect(loadConfig({ DATABASE_POOL_SIZE: "25" }).DATABASE_POOL_SIZE).toBe(25);
    for (const bad of ["0", "-3", "2.5", "ten", "1001"]) {
      expect(problems({ DATABASE_POOL_SIZE: bad })).toEqual(["DATABASE_POOL_SIZE: must be a whole number from 1 to 1000"]);
    }
  });

  it("reaches both pools' settings", () => {
    expect(postgresConnection("postgres://u@h/db", { poolSize: 7 }).max).toBe(7);
    expect(postgresConnection("postgres://u@h/db").max).toBe(4);
  });
});

describe("TLS in DATABASE_URL", () => {
  const dir = tempDir();
  const ca = path.join(dir, "ca.pem");
  fs.writeFileSync(ca, "-----BEGIN CERTIFICATE-----\n");

  it("accepts libpq's modes with readable certificate files", () => {
    for (const q of ["sslmode=disable", "sslmode=require", `sslmode=verify-ca&sslrootcert=${ca}`, `sslmode=verify-full&sslrootcert=${ca}`, "sslmode=verify-full"]) {
      expect(loadConfig({ DATABASE_URL: `postgres://bot:pw@db.internal/unionhall?${q}` }).DATABASE_URL).toContain(q);
    }
  });

  it("names the problem, never the URL's password", () => {
    const cases: [string, RegExp][] = [
      ["sslmode=no-verify", /^DATABASE_URL: sslmode must be one of disable, prefer, require, verify-ca, verify-full$/],
      ["sslmode=verify-ca", /^DATABASE_URL: sslmode=verify-ca also needs sslrootcert=FILE/],
      ["sslmode=verify-full&sslrootcert=/nonexistent/ca.pem", /^DATABASE_URL: sslrootcert=\/nonexistent\/ca\.pem: the bot cannot read this file$/],
      [`sslcert=${ca}`, /^DATABASE_URL: a client certificate needs both sslcert=FILE and sslkey=FILE$/],
    ];
    for (const [q, line] of cases) {
      const p = problems({ DATABASE_URL: `postgres://bot:hunter2@db.internal/unionhall?${q}` });
      expect(p).toEqual([expect.stringMatching(line)]);
      expect(p.join("\n")).not.toContain("hunter2");
    }
  });

  it("gives sslmode libpq's meaning (pg 8 alone reads require as verify-full), and leaves a URL without it alone", () => {
    expect(postgresConnection("postgres://u@h/db?sslmode=require").connectionString).toBe("postgres://u@h/db?sslmode=require&uselibpqcompat=true");
    expect(postgresConnection("postgres://u@h/db").connectionString).toBe("postgres://u@h/db");
    expect(postgresConnection("postgres://u@h/db?sslmode=verify-full&uselibpqcompat=false").connectionString).toBe("postgres://u@h/db?sslmode=verify-full&uselibpqcompat=false");
  });
});
