// Member data on disk is for the bot's own account only: the database, its WAL and shared-memory
// files and every backup are mode 0600, a data folder the bot creates is 0700. Modes are set
// explicitly (not left to the umask), and tightened on files an older version left readable.
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** The files SQLite keeps beside a database. */
export const sidecars = (file: string): string[] => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Creates the folder (and parents) 0700. An existing folder holding only our files is tightened too. */
export function ensurePrivateFolder(dir: string, ownFiles: readonly string[] = []): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER });
    fs.chmodSync(dir, PRIVATE_FOLDER); // mkdir's mode is filtered by the umask
    return;
  }
  // Never touch a folder that holds other things (a home folder, /tmp): only our own data folder.
  const mine = new Set([...ownFiles.map((f) => path.basename(f)), ".gitkeep"]);
  const entries = fs.readdirSync(dir);
  const st = fs.statSync(dir);
  const ownedByUs = typeof process.getuid !== "function" || st.uid === process.getuid();
  if (ownedByUs && entries.every((e) => mine.has(e)) && (st.mode & 0o077) !== 0) fs.chmodSync(dir, PRIVATE_FOLDER);
}

/** Makes `file` 0600, creating it empty when missing (before SQLite opens it, so it is never readable). */
export function ensurePrivateFile(file: string): void {
  const fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_RDWR, PRIVATE_FILE);
  try {
    fs.fchmodSync(fd, PRIVATE_FILE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Tightens whichever of the files exist. */
export function tightenExisting(files: readonly string[]): void {
  for (const f of files) {
    try {
      fs.chmodSync(f, PRIVATE_FILE);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}
