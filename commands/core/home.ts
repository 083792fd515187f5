// A person's home page (Slack's App Home tab): who the bot thinks they are, then what each
// feature area has to show them (open grievances and deadlines, pending requests, decisions
// waiting for an approver). Areas contribute through `Feature.home`; one failing area is left out
// and logged, the rest still shows.
import { appendAudit } from "../../db/audit.ts";
import { displayName } from "../../db/people.ts";
import type { Actor, Ctx, LinkedCtx } from "./command.ts";
import type { Core } from "./dispatch.ts";
import { DEFAULT_LOCALE } from "./i18n.ts";
import { resolveCaller, type Caller } from "./identity.ts";
import { renderStandalone } from "./dispatch.ts";
import type { Block, RenderedReply } from "./reply.ts";

const homeStrings = {
  core: {
    home: {
      welcome: "Welcome to Union Hall",
      hello: "Hello, {{name}}",
      member: "Member number",
      subLocal: "Sub-local",
      roles: "Your roles",
      noRoles: "No roles at the moment.",
      nothingYet: "Nothing needs your attention right now.",
    },
  },
};

const withStrings = new WeakSet<Core>();

function ensureStrings(core: Core): void {
  if (withStrings.has(core)) return;
  // Deep-merged without overwriting: a translation that already exists wins.
  core.translator.i18n.addResourceBundle("en", "translation", homeStrings, true, false);
  withStrings.add(core);
}

function homeCtx(core: Core, actor: Actor, caller: Caller): Ctx {
  const locale = actor.locale ?? DEFAULT_LOCALE;
  const actorLabel = caller.person ? `person:${caller.person.id}` : `${actor.platform}:${actor.workspaceId}:${actor.userId}`;
  return {
    store: core.store,
    platform: actor.platform,
    actor,
    person: caller.person,
    roles: caller.roles,
    locale,
    t: core.translator.forLocale(locale),
    clock: core.clock,
    log: core.log,
    registry: core.registry,
    audit(action, subject, details) {
      appendAudit(core.store, {
        actorPersonId: caller.person?.id ?? null,
        actor: actorLabel,
        action,
        subjectType: subject?.type ?? null,
        subjectId: subject ? String(subject.id) : null,
        details: { platform: actor.platform, ...details },
        at: core.clock.now(),
      });
    },
  };
}

/** Everything the core can tell this person about themselves, as one rendered reply. */
export async function handleHome(core: Core, actor: Actor): Promise<RenderedReply> {
  ensureStrings(core);
  const caller = await resolveCaller(core.store, actor, core.clock.now());
  const ctx = homeCtx(core, actor, caller);
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
      text: r.office ? `${t(`core.roles.${r.role}`)} (${r.office.replace(/_/g, " ")})` : t(`core.roles.${r.role}`),
      detail: r.scopeType === "statewide" ? "statewide" : `${r.scopeType.replace(/_/g, " ")} ${r.scopeId ?? ""}`.trim(),
    })),
    empty: t("core.home.noRoles"),
  });
  let contributed = 0;
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
