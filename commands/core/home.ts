// A person's home page (Slack's App Home tab): who the bot thinks they are, then what each
// feature area has to show them (open grievances and deadlines, pending requests, decisions
// waiting for an approver). Areas contribute through `Feature.home`; one failing area is left out
// and logged, the rest still shows.
import { displayName } from "../../db/people.ts";
import type { Actor, LinkedCtx } from "./command.ts";
import { makeCtx, renderStandalone, type Core } from "./dispatch.ts";
import { resolveCaller } from "./identity.ts";
import { describeScope, roleLabel } from "./roles.ts";
import { collectPending, pendingBlocks } from "./pending.ts";
import type { Block, RenderedReply } from "./reply.ts";

/** Everything the core can tell this person about themselves, as one rendered reply. */
export async function handleHome(core: Core, actor: Actor): Promise<RenderedReply> {
  const caller = await resolveCaller(core.store, actor, core.clock.now(), core.log);
  const ctx = makeCtx(core, actor, caller);
  const { t, person } = ctx;
  const blocks: Block[] = [];
  if (!person) {
    blocks.push({ type: "section", title: t("core.home.welcome"), text: t("core.errors.notLinked") });
    blocks.push({ type: "context", text: t("core.hints.notLinked", { platform: actor.platform, user: actor.userId }) });
    return renderStandalone(core, { visibility: "private", blocks }, null);
  }
  blocks.push({
    type: "section",
    title: t("core.home.hello", { name: displayName(person) }),
    fields: [
      { label: t("core.home.member"), value: person.memberNumber },
      { label: t("core.home.subLocal"), value: person.subLocal ? `${person.subLocal.code} ${person.subLocal.name}` : "—" },
    ],
  });
  blocks.push({
    type: "list",
    title: t("core.home.roles"),
    items: caller.roles.map((r) => ({
      text: roleLabel(t, r),
      detail: describeScope(r, t),
    })),
    empty: t("core.home.noRoles"),
  });
  let contributed = 0;
  // What waits for this person's decision comes first, with its buttons: it is why they opened Home.
  const pending = await collectPending(ctx as LinkedCtx);
  const waiting = pendingBlocks(ctx as LinkedCtx, pending, { whenEmpty: false });
  if (waiting.length > 0) {
    blocks.push({ type: "divider" }, ...waiting);
    contributed++;
  }
  for (const f of core.registry.features) {
    if (!f.home) continue;
    try {
      const part = await f.home(ctx as LinkedCtx);
      if (part.length === 0) continue;
      blocks.push({ type: "divider" }, ...part);
      contributed++;
    } catch (e) {
      core.log.warn("home.section.failed", { area: f.area, error: e instanceof Error ? e.name : "unknown" });
    }
  }
  if (contributed === 0) blocks.push({ type: "divider" }, { type: "context", text: t("core.home.nothingYet") });
  blocks.push({ type: "context", text: t("core.hints.help") });
  return renderStandalone(core, { visibility: "private", blocks }, person.id);
}
