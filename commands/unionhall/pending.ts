// `/unionhall pending`: everything waiting for your decision, in every area, with its buttons.
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { collectPending, pendingBlocks } from "../core/pending.ts";
import { reply } from "../core/reply.ts";

export const pendingCommand = defineCommand({
  path: ["unionhall", "pending"],
  description: "core.pending.description",
  args: { page: arg.optional(arg.integer("core.pending.argPage", { min: 1, max: 1000 })) },
  access: { linked: true },
  async run(ctx, { page }) {
    const list = await collectPending(ctx);
    return reply.private(...pendingBlocks(ctx, list, { whenEmpty: true, page }));
  },
});
