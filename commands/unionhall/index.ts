// The `unionhall` area: help, your account, and administration.
import { listSubLocals } from "../../db/sublocals.ts";
import type { AutocompleteDef, Feature } from "../core/command.ts";
import { STAFF } from "../core/roles.ts";
import { adminAudit } from "./audit.ts";
import { help } from "./help.ts";
import { adminLink, adminLinkCode, selfLink } from "./link.ts";
import { endRoleAction, roleGrant, roleList, roleRevoke } from "./roles.ts";
import { unionhallLocales } from "./locales/index.ts";
import { channelLanguageCommand, languageCommand, languageResetCommand } from "./language.ts";
import { whoami } from "./whoami.ts";
import { pendingCommand } from "./pending.ts";
import { jobsCommand, retryJobAction } from "./jobs.ts";
import { remind, reminderActions, reminderJob } from "./remind.ts";
import { formStrings } from "./locales/forms.ts";
import { mergeBundles } from "../core/i18n.ts";

const scopeSuggestions: AutocompleteDef = {
  id: "unionhall.scope",
  access: { roles: STAFF },
  async suggest(ctx, partial) {
    const q = partial.trim().toLowerCase();
    const subs = await listSubLocals(ctx.store);
    return [{ value: "statewide", label: "statewide" }, ...subs.map((s) => ({ value: s.code, label: `${s.code} — ${s.name}` }))].filter(
      (s) => !q || s.label.toLowerCase().includes(q),
    );
  },
};

export const unionhallFeature: Feature = {
  area: "unionhall",
  description: "unionhall.description",
  commands: [help, whoami, pendingCommand, selfLink, adminLink, adminLinkCode, roleGrant, roleRevoke, roleList, adminAudit, remind, jobsCommand, languageCommand, languageResetCommand, channelLanguageCommand],
  actions: [...reminderActions, retryJobAction, endRoleAction],
  autocompletes: [scopeSuggestions],
  jobs: [reminderJob],
  strings: mergeBundles(unionhallLocales, formStrings),
};
