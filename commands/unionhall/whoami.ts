import { displayName } from "../../db/people.ts";
import { roleHistory } from "../../db/roles.ts";
import { defineCommand } from "../core/command.ts";
import { reply } from "../core/reply.ts";
import { roleLabel, scopeLabel } from "./labels.ts";
import { lastDayHeld, localDay } from "./role-dates.ts";

export const whoami = defineCommand({
  path: ["unionhall", "whoami"],
  description: "unionhall.whoami.description",
  args: {},
  access: { anyone: true },
  readsOnly: true,
  async run(ctx) {
    const { t, person } = ctx;
    if (!person) {
      return reply.private(
        reply.section(t("unionhall.whoami.notLinkedTitle"), [], t("unionhall.whoami.notLinkedText", { platform: ctx.platform, user: ctx.actor.userId })),
      );
    }
    const now = ctx.clock.now();
    const history = await roleHistory(ctx.store, person.id);
    const current = history.filter((r) => r.startsAt <= now && (!r.endsAt || r.endsAt > now));
    // Days as the rest of the bot writes them: "2026-01-01" in English, "1 ene 2026" / "1 янв. 2026 г." otherwise.
    const day = (d: string) => (ctx.fmt.locale === "en" ? d : ctx.fmt.dateShort(d));
    return reply.private(
      reply.section(t("unionhall.whoami.title", { name: displayName(person) }), [
        { label: t("unionhall.whoami.member"), value: person.memberNumber },
        { label: t("unionhall.whoami.subLocal"), value: person.subLocal ? `${person.subLocal.code} ${person.subLocal.name}` : "—" },
        { label: t("unionhall.whoami.employer"), value: person.employer ?? "—" },
        { label: t("unionhall.whoami.worksite"), value: person.worksite ?? "—" },
        { label: t("unionhall.whoami.status"), value: t(`core.membership.${person.membershipStatus}`) },
      ]),
      reply.list(
        t("unionhall.whoami.roles"),
        current.map((r) => ({
          text: `${roleLabel(t, r)} — ${scopeLabel(r, t)}`,
          detail: [t("unionhall.whoami.since", { date: day(localDay(r.startsAt, ctx.fmt.timeZone)) }), r.endsAt ? t("unionhall.whoami.until", { date: day(lastDayHeld(r.endsAt, ctx.fmt.timeZone)) }) : ""]
            .filter(Boolean)
            .join(", "),
        })),
        t("unionhall.whoami.noRoles"),
      ),
    );
  },
});
