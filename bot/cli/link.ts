// `npm run cli -- link --platform slack|discord --workspace ID --user ID --member NUMBER`
import { z } from "zod";
import { appendAuditIn } from "../../db/audit.ts";
import { transaction } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { memberOrComplain, parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

const linkArgs = z.object({
  platform: z.enum(["slack", "discord", "web"], "--platform must be slack or discord"),
  workspace: z.string("--workspace is required (Slack team id or Discord guild id)").min(1),
  user: z.string("--user is required (the platform's user id)").regex(/^[A-Za-z0-9._-]{1,40}$/, "--user must be a platform user id"),
  member: z.string("--member is required").regex(/^\d{3,10}$/, "--member must be a member number"),
});

export const linkCli: CliCommand = {
  summary: "link --platform slack|discord --workspace ID --user ID --member NUMBER — link a chat account",
  async run(args) {
    const parsed = linkArgs.safeParse(parseFlags(args).flags);
    if (!parsed.success) {
      for (const i of parsed.error.issues) console.error(i.message);
      return 2;
    }
    const a = parsed.data;
    return withStore(async (store) => {
      const person = await memberOrComplain(store, a.member);
      if (!person) return 1;
      // The link and its audit entry commit together.
      await transaction(store, async (tx) => {
        await linkIdentity(tx, { platform: a.platform, workspaceId: a.workspace, userId: a.user, personId: person.id, linkedVia: "admin" });
        await appendAuditIn(tx, { actor: "cli", action: "identity.link", subjectType: "person", subjectId: String(person.id), details: { platform: a.platform, workspaceId: a.workspace, userId: a.user } });
      });
      console.log(`Linked ${a.platform} user ${a.user} (workspace ${a.workspace}) to member ${a.member}.`);
      return 0;
    });
  },
};
