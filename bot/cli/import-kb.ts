// `npm run cli -- import-kb DIR`: a folder of Markdown files with YAML front matter (and the
// files they link) into the knowledge base. Safe to run again: unchanged documents stay as they are.
import fs from "node:fs";
import { Presets, SingleBar } from "cli-progress";
import { unionTimeZone } from "../../commands/core/format.ts";
import { importKb } from "../../commands/kb/import.ts";
import { parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

export const importKbCli: CliCommand = {
  summary: "import-kb DIR — add or update knowledge-base documents from Markdown files with front matter",
  async run(args) {
    const { positional } = parseFlags(args);
    const dir = positional[0];
    if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      console.error(dir ? `No such folder: ${dir}` : "Usage: npm run cli -- import-kb DIR");
      return 2;
    }
    return withStore(async (store) => {
      const bar = process.stderr.isTTY ? new SingleBar({ format: "Importing [{bar}] {value}/{total} files", hideCursor: true }, Presets.shades_classic) : null;
      let started = false;
      const r = await importKb(store, dir, {
        now: new Date(),
        timeZone: unionTimeZone(),
        onProgress: (done, total) => {
          if (!started) bar?.start(total, 0);
          started = true;
          bar?.update(done);
        },
      });
      bar?.stop();
      for (const p of r.problems) console.error(`${p.file}: ${p.message}`);
      for (const w of r.warnings) console.error(`${w.file}: warning: ${w.message}`);
      console.log(`Knowledge base: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged${r.problems.length ? `, ${r.problems.length} bad file(s) skipped` : ""}.`);
      return r.problems.length ? 1 : 0;
    });
  },
};
