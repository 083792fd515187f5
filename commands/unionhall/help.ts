import { arg } from "../core/args.ts";
import { defineCommand, type Ctx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { memoReply } from "../core/reply-memo.ts";
import { typingHint } from "../core/typing-hints.ts";
import { usageLine, visibleCommands } from "../core/usage.ts";

export const help = defineCommand({
  path: ["unionhall", "help"],
  description: "unionhall.help.description",
  args: { area: arg.optional(arg.string("unionhall.help.argArea", { maxLength: 40 })) },
  access: { anyone: true },
  readsOnly: true,
  run(ctx, { area }) {
    const areas = ctx.registry.features.map((f) => f.area);
    const wanted = area?.replace(/^\//, "").toLowerCase();
    if (wanted && !areas.includes(wanted)) throw userError.notFound("unionhall.help.unknownArea", { area, areas: areas.join(", ") });
    // Everything the answer depends on: the same for everyone who asks alike, so it is built once.
    const roles = [...new Set(ctx.roles.map((r) => r.role))].sort().join(",");
    return memoReply(ctx.registry, `${ctx.locale}|${ctx.platform}|${ctx.person !== null}|${roles}|${wanted ?? ""}`, () => helpReply(ctx, wanted));
  },
});

function helpReply(ctx: Ctx, wanted: string | undefined): Reply {
  const { t, registry } = ctx;
  const mine = visibleCommands(registry, ctx.person !== null, ctx.roles, wanted);
  const blocks = [reply.text(`*${t("unionhall.help.title")}*`)];
  for (const f of registry.features) {
    const cmds = mine.filter((c) => c.path[0] === f.area);
    if (cmds.length === 0) continue;
    blocks.push(reply.list(`/${f.area} — ${t(f.description)}`, cmds.map((c) => ({ text: `\`${usageLine(c)}\``, detail: t(c.description) }))));
  }
  blocks.push(reply.context(ctx.person ? t(typingHint(ctx.platform, "unionhall.help.intro")) : t("unionhall.help.notLinked")));
  return reply.private(...blocks);
}
