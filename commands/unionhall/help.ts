import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { typingHint } from "../core/typing-hints.ts";
import { usageLine, visibleCommands } from "../core/usage.ts";

export const help = defineCommand({
  path: ["unionhall", "help"],
  description: "unionhall.help.description",
  args: { area: arg.optional(arg.string("unionhall.help.argArea", { maxLength: 40 })) },
  access: { anyone: true },
  readsOnly: true,
  run(ctx, { area }) {
    const { t, registry } = ctx;
    const areas = registry.features.map((f) => f.area);
    const wanted = area?.replace(/^\//, "").toLowerCase();
    if (wanted && !areas.includes(wanted)) throw userError.notFound("unionhall.help.unknownArea", { area, areas: areas.join(", ") });
    const mine = visibleCommands(registry, ctx.person !== null, ctx.roles, wanted);
    const blocks = [reply.text(`*${t("unionhall.help.title")}*`)];
    for (const f of registry.features) {
      const cmds = mine.filter((c) => c.path[0] === f.area);
      if (cmds.length === 0) continue;
      blocks.push(reply.list(`/${f.area} — ${t(f.description)}`, cmds.map((c) => ({ text: `\`${usageLine(c)}\``, detail: t(c.description) }))));
    }
    blocks.push(reply.context(ctx.person ? t(typingHint(ctx.platform, "unionhall.help.intro")) : t("unionhall.help.notLinked")));
    return reply.private(...blocks);
  },
});
