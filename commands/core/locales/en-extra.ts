// Core English added with the languages: what a person sees instead of a missing text, and the
// words around dates that Intl does not provide.
import type { Strings } from "../i18n.ts";

export const coreExtraEn: Strings = {
  core: {
    missingText: "(this text is not available in your language yet)",
    time: {
      businessDays_one: "{{count}} business day",
      businessDays_other: "{{count}} business days",
      inBusinessDays_one: "in {{count}} business day",
      inBusinessDays_other: "in {{count}} business days",
      localTime: "{{time}} ({{zone}} time)",
    },
    scopes: {
      statewide: "statewide",
      sublocal: "sub-local {{id}}",
      employer_group: "employer group {{id}}",
      region: "region {{id}}",
    },
    membership: {
      member: "member",
      fee_payer: "fee payer (represented, not a member)",
      non_member: "not a member",
      retired: "retired",
      lapsed: "lapsed",
    },
    offices: {
      president: "president",
      vice_president: "vice president",
      secretary: "secretary",
      treasurer: "treasurer",
      bargaining_rep: "bargaining representative",
    },
  },
};
