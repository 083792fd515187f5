// The database, its WAL and shared-memory files and every backup hold member data in clear
// (names, work contacts, case narratives): readable by the bot's account only.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupCli } from "../../bot/cli/backup.ts";
import { openStore, type Store } from "../../db/store.ts";
import { tempDir } from "../helpers/store.ts";

const mode = (p: string) => fs.statSync(p).mode & 0o777;

let umask: number;
beforeEach(() => {
  umask = process.umask(0o022); // the usual default, which leaves new files 0644
});
afterEach(() => {
  process.umask(umask);
});

async function writeSomething(store: Store): Promise<void> {
  store.sql.prepare(`INSERT INTO "SubLocal" (code, name) VALUES (?, ?)`).run("SL-999", "Test local");
}

describe("data file modes", () => {
  it("creates the data folder 0700 and the database, WAL and shared memory 0600", async () => {
    const dir = path.join(tempDir(), "nested", "data");
    const file = path.join(dir, "unionhall.db");
    const store = await openStore(`file:${file}`);
    try {
      await writeSomething(store);
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(fs.existsSync(`${file}-shm`)).toBe(true);
      expect({ dir: mode(dir), db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) }).toEqual({ dir: 0o700, db: 0o600, wal: 0o600, shm: 0o600 });
    } finally {
      await store.close();
    }
  });

  it("tightens a database an older version left readable by everyone, and its own data folder", async () => {
    const dir = path.join(tempDir(), "data");
    fs.mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, "unionhall.db");
    const first = await openStore(`file:${file}`);
    await writeSomething(first);
    await first.close();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(file, 0o644);
    const store = await openStore(`file:${file}`);
    try {
      await writeSomething(store).catch(() => undefined);
      expect({ dir: mode(dir), db: mode(file), wal: mode(`${file}-wal`) }).toEqual({ dir: 0o700, db: 0o600, wal: 0o600 });
    } finally {
      await store.close();
    }
  });

  it("leaves a shared folder it does not own alone (only its own files are tightened)", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "someone-elses.txt"), "x");
    fs.chmodSync(dir, 0o755);
    const store = await openStore(`file:${path.join(dir, "u.db")}`);
    await store.close();
    expect(mode(dir)).toBe(0o755);
    expect(mode(path.join(dir, "u.db"))).toBe(0o600);
  });

  it("writes backups 0600", async () => {
    const dir = tempDir();
    const src = path.join(dir, "live.db");
    const store = await openStore(`file:${src}`);
    await writeSomething(store);
    await store.close();
    const target = path.join(dir, "backups", "b1.db");
    const saved = process.env.DATABASE_URL;
    const log = console.log;
    process.env.DATABASE_URL = `file:${src}`;
    console.log = () => undefined;
    try {
      expect(await backupCli.run([target])).toBe(0);
    } finally {
      console.log = log;
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect({ folder: mode(path.dirname(target)), file: mode(target) }).toEqual({ folder: 0o700, file: 0o600 });
    const copy = await openStore(`file:${target}`);
    try {
      expect(copy.sql.prepare(`SELECT name FROM "SubLocal" WHERE code = ?`).get("SL-999")).toEqual({ name: "Test local" });
    } finally {
      await copy.close();
    }
  });
});
