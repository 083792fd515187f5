// TLS to PostgreSQL, against a real server the test starts with ssl=on and a certificate authority of
// its own (openssl), listening on loopback TCP and refusing any connection that is not encrypted. The
// URL's sslmode and sslrootcert mean what they mean to psql and pg_dump, for the data layer's pool,
// Prisma's, and the job wake-ups' listener alike.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { listenForJobs } from "../../db/job-wakeups.ts";
import { openStore } from "../../db/store.ts";
import { postgresBinDir, postgresUnavailable } from "../helpers/postgres.ts";

const unavailable = postgresUnavailable() ?? (fs.existsSync("/usr/bin/openssl") ? undefined : "openssl not found");
if (unavailable) console.warn(`SKIPPING the PostgreSQL TLS tests: ${unavailable}`);
const asRoot = process.getuid?.() === 0;

function asOwner(cmd: string, args: string[]): void {
  const [c, a] = asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  execFileSync(c, a, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" } });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const openssl = (dir: string, ...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });

describe.skipIf(unavailable)("TLS to PostgreSQL", () => {
  let dir: string;
  let pgdata: string;
  let port: number;
  let ca: string;
  let otherCa: string;
  const url = (query: string, host = "localhost") => `postgresql://postgres@${host}:${port}/postgres?${query}`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join("/tmp", "uh-pgtls-"));
    // The union's own authority signs the server's certificate, for the name "localhost" only.
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=unionhall test CA", "-keyout", "ca.key", "-out", "ca.pem");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
    fs.writeFileSync(path.join(dir, "san.ext"), "subjectAltName=DNS:localhost\n");
    openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.pem");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=someone else", "-keyout", "other.key", "-out", "other.pem");
    ca = path.join(dir, "ca.pem");
    otherCa = path.join(dir, "other.pem");
    pgdata = path.join(dir, "data");
    fs.chmodSync(path.join(dir, "server.key"), 0o600);
    if (asRoot) execFileSync("chown", ["-R", "postgres:", dir]);
    const bin = postgresBinDir()!;
    asOwner(path.join(bin, "initdb"), ["-D", pgdata, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
    // Encrypted connections only, from this machine only.
    fs.writeFileSync(path.join(pgdata, "pg_hba.conf"), "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n");
    port = await freePort();
    const options = ["-F", "-k", dir, "-c", "listen_addresses=127.0.0.1", "-p", String(port), "-c", "ssl=on", "-c", `ssl_cert_file=${path.join(dir, "server.pem")}`, "-c", `ssl_key_file=${path.join(dir, "server.key")}`].join(" ");
    asOwner(path.join(bin, "pg_ctl"), ["-D", pgdata, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  }, 120_000);

  afterAll(() => {
    try {
      asOwner(path.join(postgresBinDir()!, "pg_ctl"), ["-D", pgdata, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Never started.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("verify-full with the union's CA: the store migrates and both pools and the listener run encrypted", async () => {
    const store = await openStore(url(`sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`));
    let listener: ReturnType<typeof listenForJobs> | undefined;
    try {
      const mine = await data(store).one<{ ssl: number }>(`SELECT "ssl" FROM pg_stat_ssl WHERE "pid" = pg_backend_pid()`);
      expect(mine?.ssl).toBe(1);
      const viaPrisma = await store.prisma.$queryRawUnsafe<{ ssl: boolean }[]>(`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`);
      expect(viaPrisma[0]!.ssl).toBe(true);
      listener = listenForJobs(store.pool!, "unionhall_tls_test", () => undefined);
      const listening = async () =>
        (await data(store).one<{ n: number }>(`SELECT count(*) AS "n" FROM pg_stat_activity a JOIN pg_stat_ssl s USING ("pid") WHERE a."application_name" = 'unionhall-jobs-listen' AND s."ssl"`))?.n ?? 0;
      await listener.ready;
      expect(await listening()).toBe(1);
      // Nothing unencrypted reached the server: the hba file would have refused it.
      const plain = await data(store).one<{ n: number }>(`SELECT count(*) AS "n" FROM pg_stat_ssl WHERE NOT "ssl" AND "pid" IN (SELECT "pid" FROM pg_stat_activity WHERE "backend_type" = 'client backend')`);
      expect(plain?.n).toBe(0);
    } finally {
      await listener?.close();
      await store.close();
    }
  }, 60_000);

  it("refuses a server whose certificate the named CA did not sign, or whose name is not the host's", async () => {
    await expect(openStore(url(`sslmode=verify-full&sslrootcert=${encodeURIComponent(otherCa)}`))).rejects.toThrow(/certificate/i);
    // Signed by the right CA, but for "localhost", not "127.0.0.1": verify-full refuses, verify-ca does not check names.
    await expect(openStore(url(`sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`, "127.0.0.1"))).rejects.toThrow(/IP: 127\.0\.0\.1 is not in the cert's list|altnames/i);
    const store = await openStore(url(`sslmode=verify-ca&sslrootcert=${encodeURIComponent(ca)}`, "127.0.0.1"));
    await store.close();
  }, 60_000);

  it("sslmode=require encrypts without checking the certificate, as psql does; without sslmode the server refuses", async () => {
    const store = await openStore(url("sslmode=require"));
    try {
      expect((await data(store).one<{ ssl: number }>(`SELECT "ssl" FROM pg_stat_ssl WHERE "pid" = pg_backend_pid()`))?.ssl).toBe(1);
    } finally {
      await store.close();
    }
    await expect(openStore(url("connect_timeout=5"))).rejects.toThrow(/no encryption|pg_hba/i);
  }, 60_000);
});
