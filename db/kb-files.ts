// Knowledge-base files, stored once by content hash under the data directory (beside the
// database), private to the bot's user: folders 0700, files 0600. Written to a temporary name and
// renamed, so a crash never leaves half a file under a hash.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Store } from "./store.ts";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

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

/** Stores the bytes (once) and returns their hash. */
export function saveFile(store: Pick<Store, "file">, bytes: Buffer): string {
  const hash = fileHash(bytes);
  const dest = pathFor(store, hash);
  if (fs.existsSync(dest)) return hash;
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  const tmp = `${dest}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, bytes, { mode: 0o600 });
  fs.renameSync(tmp, dest);
  return hash;
}

export function readFile(store: Pick<Store, "file">, hash: string): Buffer | null {
  try {
    return fs.readFileSync(pathFor(store, hash));
  } catch {
    return null;
  }
}
