// Knowledge-base files, stored once by content hash. On the embedded SQLite they are files under the
// data directory (beside the database), private to the bot's user: folders 0700, files 0600,
// written to a temporary name and renamed, so a crash never leaves half a file under a hash. On
// PostgreSQL, where several bot processes on several machines must read the same files, the bytes
// live in the database ("StoredFile"), written once (a second writer of the same hash does nothing).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { data, type Db } from "./data.ts";
import type { Store } from "./store.ts";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

type FileStore = Pick<Store, "file" | "engine" | "sql" | "pool">;

function filesDir(store: Pick<Store, "file">): string {
  const base = store.file === ":memory:" ? path.resolve("data") : path.dirname(store.file);
  return path.join(base, "kb-files");
}

export function fileHash(bytes: Buffer): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

function pathFor(store: Pick<Store, "file">, hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error("not a content hash");
  return path.join(filesDir(store), hash.slice(0, 2), hash);
}

const INSERT_FILE = `INSERT INTO "StoredFile" ("hash", "bytes", "size", "createdAt") VALUES (?, ?, ?, ?) ON CONFLICT ("hash") DO NOTHING`;
const READ_FILE = `SELECT "bytes" FROM "StoredFile" WHERE "hash" = ?`;

/** Writes bytes under their hash into the database (PostgreSQL); used by the copy from SQLite too. */
export async function storeFileIn(db: Db, hash: string, bytes: Buffer, now: Date): Promise<void> {
  await db.run(INSERT_FILE, hash, bytes, bytes.length, now);
}

/** Stores the bytes (once) and returns their hash. */
export async function saveFile(store: FileStore, bytes: Buffer): Promise<string> {
  const hash = fileHash(bytes);
  if (store.engine === "postgres") {
    await storeFileIn(data(store), hash, bytes, new Date());
    return hash;
  }
  const dest = pathFor(store, hash);
  if (fs.existsSync(dest)) return hash;
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  const tmp = `${dest}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, bytes, { mode: 0o600 });
  fs.renameSync(tmp, dest);
  return hash;
}

/** The bytes stored under `hash`, or null when there are none. */
export async function readFile(store: FileStore, hash: string): Promise<Buffer | null> {
  if (store.engine === "postgres") {
    if (!/^[0-9a-f]{64}$/.test(hash)) return null; // as on disk: no such file
    const row = await data(store).one<{ bytes: Buffer }>(READ_FILE, hash);
    return row ? Buffer.from(row.bytes) : null;
  }
  return readFileOnDisk(store, hash);
}

/** The bytes of a file kept beside an SQLite database, or null when missing. */
export function readFileOnDisk(store: Pick<Store, "file">, hash: string): Buffer | null {
  try {
    return fs.readFileSync(pathFor(store, hash));
  } catch {
    return null;
  }
}
