import fs from "node:fs";
import path from "node:path";
import type { CliCommand } from "./types.ts";
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
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return withStore(async (store) => {
      const started = Date.now();
      await store.sql.backup(file);
      console.log(`Backed up to ${file} (${fs.statSync(file).size} bytes, ${Date.now() - started} ms).`);
      return 0;
    });
  },
};
