import { verifyAudit } from "../../db/audit.ts";
import type { CliCommand } from "./types.ts";
import { withStore } from "./open.ts";

export const verifyAuditCli: CliCommand = {
  summary: "Check the audit log's hash chain; reports the first broken link",
  run: () =>
    withStore(async (store) => {
      const r = verifyAudit(store);
      if (r.ok) {
        console.log(`Audit log intact: ${r.entries} entries, every link verified.`);
        return 0;
      }
      console.error(`Audit log BROKEN at entry #${r.brokenAt}: ${r.reason}. Entries before it are intact.`);
      return 1;
    }),
};
