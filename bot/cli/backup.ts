import fs from "node:fs";
import path from "node:path";
import type { CliCommand } from "./types.ts";
import { ensurePrivateFile, ensurePrivateFolder, sidecars, tightenExisting } from "../../db/file-modes.ts";
import { withStore } from "./open.ts";

export const backupCli: CliCommand = {
  summary: "backup FILE — consistent online copy of the database (safe while the bot runs)",
  async run(args) {
    const target = args[0];
    if (!target) {
      console.error("Usage: npm run cli -- backup FILE");
      return 2;
    }
    const file = path.resolve(target);
    if (fs.existsSync(file)) {
      console.error(`${file} already exists; choose a new file name.`);
      return 2;
    }
    ensurePrivateFolder(path.dirname(file));
    return withStore(async (store) => {
      const started = Date.now();
      // A backup holds everything the database does: created 0600 before a byte is written.
      ensurePrivateFile(file);
      await store.sql.backup(file);
      tightenExisting([file, ...sidecars(file)]);
      console.log(`Backed up to ${file} (${fs.statSync(file).size} bytes, ${Date.now() - started} ms).`);
      return 0;
    });
  },
};
