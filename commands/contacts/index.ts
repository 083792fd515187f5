// The `contacts` area: member contacts under the member-records confidentiality policy (issue 7).
import type { Feature } from "../core/command.ts";
import { acknowledgeAction, agreementCommand, publishAgreementCommand } from "./agreement.ts";
import { auditCommand } from "./audit.ts";
import { findCommand, listCommand } from "./grants.ts";
import { boardCommand, committeeCommand, leadersCommand, seatAddCommand, seatEndCommand } from "./leaders.ts";
import { decideAction, requestCommand, requestForm } from "./request.ts";
import { revokeCommand } from "./revoke.ts";
import { contactsPending } from "./pending.ts";
import { contactsStrings } from "./strings.ts";
import { grantEndedJob } from "./jobs.ts";

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
  ],
  actions: [acknowledgeAction, decideAction],
  forms: [requestForm],
  jobs: [grantEndedJob],
  pending: contactsPending,
  strings: contactsStrings,
};
