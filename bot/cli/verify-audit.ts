import fs from "node:fs";
import { parseCheckpoint, verifyAgainstCheckpoint, verifyAudit, writeCheckpoint } from "../../db/audit.ts";
import { data } from "../../db/data.ts";
import type { CliCommand } from "./types.ts";
import { withStore } from "./open.ts";

const USAGE = "Usage: verify-audit [--checkpoint FILE|VALUE] [--write-checkpoint]";

export const verifyAuditCli: CliCommand = {
  summary: "Check the audit log's chain (keyed with AUDIT_KEY), optionally against a checkpoint kept outside the database",
  run: (args) => {
    let checkpointArg: string | undefined;
    let write = false;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "--checkpoint" && args[i + 1] !== undefined) checkpointArg = args[++i];
      else if (args[i] === "--write-checkpoint") write = true;
      else {
        console.error(USAGE);
        return Promise.resolve(2);
      }
    }
    // A file (a saved checkpoint, or a log file: its newest checkpoint line counts) or the line itself.
    let cp = null;
    if (checkpointArg !== undefined) {
      const text = fs.existsSync(checkpointArg) ? fs.readFileSync(checkpointArg, "utf8") : checkpointArg;
      cp = parseCheckpoint(text);
      if (!cp) {
        console.error(`No audit checkpoint found in ${fs.existsSync(checkpointArg) ? "that file" : "that value"} (a line starting "auditcp1 count=").`);
        return Promise.resolve(2);
      }
    }
    return withStore(async (store) => {
      const r = cp ? await verifyAgainstCheckpoint(data(store), cp) : await verifyAudit(data(store));
      if (!r.ok) {
        if (r.brokenAt > 0) console.error(`Audit log BROKEN at entry #${r.brokenAt}: ${r.reason}.`);
        else console.error(`Audit log does NOT match the checkpoint: ${r.reason}.`);
        return 1;
      }
      console.log(
        cp
          ? `Audit log intact: ${r.entries} entries, every link verified, and it contains the checkpoint of ${cp.at} (${cp.count} entries).`
          : `Audit log intact: ${r.entries} entries, every link verified.`,
      );
      if (write) console.log(await writeCheckpoint(store, { info: () => undefined }, new Date(), "cli"));
      return 0;
    });
  },
};
