import { listAudit } from "../../db/audit.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { auditSentences } from "./audit-sentences.ts";

export const adminAudit = defineCommand({
  path: ["unionhall", "admin", "audit"],
  description: "unionhall.admin.audit.description",
  args: { action: arg.optional(arg.string("unionhall.admin.audit.argAction", { maxLength: 60 })) },
  access: { roles: STAFF },
  async run(ctx, { action }) {
    const rows = await listAudit(ctx.store, { actionPrefix: action, limit: 15 });
    await ctx.audit("audit.view", undefined, { filter: action ?? null, shown: rows.length });
    return reply.private(
      reply.list(
        ctx.t("unionhall.admin.audit.title", { count: rows.length }),
        await auditSentences(ctx.db, rows, ctx.t, ctx.fmt),
        ctx.t("unionhall.admin.audit.empty"),
      ),
    );
  },
});
