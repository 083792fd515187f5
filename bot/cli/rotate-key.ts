// `npm run cli -- rotate-key [--dry-run]`: re-encrypts every sensitive member field with the first
// key in MEMBER_DATA_KEY. To rotate: set MEMBER_DATA_KEY="new:BASE64,old:BASE64", run this, then
// drop the old key. Values still in clear text (from before encryption) are sealed too.
import { appendAuditAsync } from "../../db/audit.ts";
import { rotateSensitive } from "../../db/contacts-vendor.ts";
import { generateKey, keyringFromEnv } from "../../db/crypto.ts";
import { parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

export const rotateKeyCli: CliCommand = {
  summary: "Re-encrypt sensitive member fields with the first key in MEMBER_DATA_KEY (--dry-run to count)",
  async run(args) {
    const { flags } = parseFlags(args);
    const ring = keyringFromEnv();
    if (!ring) {
      console.error(`MEMBER_DATA_KEY is not set. Generate a key, e.g.\n  MEMBER_DATA_KEY=${generateKey("k1").replace(/:.*/, ":<base64 of 32 random bytes: openssl rand -base64 32>")}`);
      return 2;
    }
    return withStore(async (store) => {
      const dryRun = flags["dry-run"] === true;
      const r = await rotateSensitive(store, ring, { dryRun });
      if (!dryRun) await appendAuditAsync(store, { actor: "cli", action: "contacts.key_rotate", details: { ...r } });
      console.log(
        `${dryRun ? "Would re-encrypt" : "Re-encrypted"} ${r.reencrypted} value(s) to key "${r.kid}"; ${dryRun ? "would seal" : "sealed"} ${r.sealedPlaintext} clear-text value(s); ${r.alreadyCurrent} already current.`,
      );
      if (r.unreadable) {
        console.error(`${r.unreadable} value(s) are sealed with a key not in MEMBER_DATA_KEY and were left unchanged: add that key (after the new one) and run again.`);
        return 1;
      }
      return 0;
    });
  },
};
