// The `contacts` area: member contacts under the member-records confidentiality policy.
import type { Feature } from "../core/command.ts";
import { mergeBundles } from "../core/i18n.ts";
import { electionAdd, electionCandidate, electionList, electionWithdraw } from "./election.ts";
import { electionStrings } from "./election-strings.ts";
import { acknowledgeAction, agreementCommand, publishAgreementCommand } from "./agreement.ts";
import { auditCommand } from "./audit.ts";
import { findCommand, listCommand } from "./grants.ts";
import { boardCommand, committeeCommand, leadersCommand, seatAddCommand, seatEndCommand } from "./leaders.ts";
import { attestRequestForm, decideAction, decidedNotice, requestCardNotice, requestCommand, requestForm } from "./request.ts";
import { grantEndedNotice } from "./common.ts";
import { revokeCommand } from "./revoke.ts";
import { contactsPending } from "./pending.ts";
import { contactsHandoff, contactsHandoffStrings } from "./handoff.ts";
import { contactsLocales } from "./locales/index.ts";
import { grantEndedJob, repairGrantEnds } from "./jobs.ts";
import { formStrings } from "./locales/forms.ts";

export const contactsFeature: Feature = {
  area: "contacts",
  description: "contacts.description",
  commands: [
    boardCommand,
    committeeCommand,
    leadersCommand,
    agreementCommand,
    publishAgreementCommand,
    requestCommand,
    listCommand,
    findCommand,
    auditCommand,
    revokeCommand,
    seatAddCommand,
    seatEndCommand,
    electionAdd,
    electionCandidate,
    electionWithdraw,
    electionList,
  ],
  actions: [acknowledgeAction, decideAction],
  forms: [requestForm, attestRequestForm],
  jobs: [grantEndedJob],
  notices: [requestCardNotice, decidedNotice, grantEndedNotice],
  repair: repairGrantEnds,
  pending: contactsPending,
  handoff: contactsHandoff,
  strings: mergeBundles(contactsLocales, electionStrings, contactsHandoffStrings, formStrings),
};
