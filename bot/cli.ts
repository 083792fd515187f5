// `npm run cli -- <command> [args]`: the admin command line. Each command lives in bot/cli/<name>.ts.
import fs from "node:fs";
import type { CliCommand } from "./cli/types.ts";
import { seedDemoCli } from "./cli/seed-demo.ts";
import { importMembersCli } from "./cli/import-members.ts";
import { importLedgerCli } from "./cli/import-ledger.ts";
import { linkCli } from "./cli/link.ts";
import { roleCli } from "./cli/role.ts";
import { backupCli } from "./cli/backup.ts";
import { verifyAuditCli } from "./cli/verify-audit.ts";
import { jobsCli } from "./cli/jobs.ts";
import { exportVendorCli } from "./cli/export-vendor.ts";
import { rotateKeyCli } from "./cli/rotate-key.ts";
import { slackManifestCli } from "./cli/slack-manifest.ts";
import { discordRegisterCli } from "./cli/discord-register.ts";
import { importKbCli } from "./cli/import-kb.ts";
import { importTrainingCli } from "./cli/import-training.ts";
import { copyToPostgresCli } from "./cli/copy-to-postgres.ts";

const commands: Record<string, CliCommand> = {
  "seed-demo": seedDemoCli,
  "import-members": importMembersCli,
  "import-ledger": importLedgerCli,
  link: linkCli,
  role: roleCli,
  backup: backupCli,
  "verify-audit": verifyAuditCli,
  jobs: jobsCli,
  "export-vendor": exportVendorCli,
  "rotate-key": rotateKeyCli,
  "slack-manifest": slackManifestCli,
  "discord-register": discordRegisterCli,
  "import-kb": importKbCli,
  "import-training": importTrainingCli,
  "copy-to-postgres": copyToPostgresCli,
};

function usage(): string {
  return ["Usage: npm run cli -- <command> [options]", "", ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`)].join("\n");
}

if (fs.existsSync(".env")) process.loadEnvFile(".env");
const [name, ...rest] = process.argv.slice(2);
const cmd = name ? commands[name] : undefined;
if (!cmd) {
  console.error(name ? `Unknown command "${name}".\n` : "");
  console.error(usage());
  process.exit(name ? 2 : 0);
}
try {
  process.exitCode = await cmd.run(rest);
} catch (e) {
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
