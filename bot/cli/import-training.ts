// `npm run cli -- import-training DIR`: training modules from Markdown files with front matter.
// Safe to run again: unchanged modules stay as they are, and people's progress with them.
import fs from "node:fs";
import { importTraining } from "../../commands/training/import.ts";
import { parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

export const importTrainingCli: CliCommand = {
  summary: "import-training DIR — add or update training modules from Markdown files with front matter",
  async run(args) {
    const { positional } = parseFlags(args);
    const dir = positional[0];
    if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      console.error(dir ? `No such folder: ${dir}` : "Usage: npm run cli -- import-training DIR");
      return 2;
    }
    return withStore(async (store) => {
      const r = await importTraining(store, dir, new Date());
      for (const p of r.problems) console.error(`${p.file}: ${p.message}`);
      console.log(`Training: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged${r.problems.length ? `, ${r.problems.length} bad file(s) skipped` : ""}.`);
      return r.problems.length ? 1 : 0;
    });
  },
};
