// The `rebate` area: each sub-local's rebate account — balance, statements, disbursement
// requests with two officers' signatures, and disputes — decided by treasury staff in chat.
import type { Feature } from "../core/command.ts";
import { balanceCommand } from "./balance.ts";
import { adjustAction, adjustForm, disputeCommand, disputeForm, reviewAction, upholdAction, upholdForm } from "./dispute.ts";
import { handoff, home, pending } from "./home.ts";
import { autoStatementJob, cardJob, staleJob } from "./jobs.ts";
import { disputesCommand, requestsCommand } from "./lists.ts";
import { approveAction, cosignAction, declineAction, declineForm_, denyAction, denyForm, requestCommand, requestForm, withdrawAction, withdrawCommand } from "./request.ts";
import { rebateNotices } from "./notices.ts";
import { autoCommand, channelCommand } from "./staff.ts";
import { decideStatementAction, denyStatementForm, statementCommand, statementsCommand } from "./statement.ts";
import { en } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { vi } from "./locales/vi.ts";
import { zhHans } from "./locales/zh-Hans.ts";
import { ru } from "./locales/ru.ts";
import { formStrings } from "./locales/forms.ts";
import { mergeBundles } from "../core/i18n.ts";

export const rebateFeature: Feature = {
  area: "rebate",
  description: "rebate.description",
  commands: [balanceCommand, statementCommand, statementsCommand, requestCommand, withdrawCommand, requestsCommand, disputeCommand, disputesCommand, channelCommand, autoCommand],
  actions: [decideStatementAction, cosignAction, declineAction, withdrawAction, approveAction, denyAction, reviewAction, adjustAction, upholdAction],
  forms: [requestForm, declineForm_, denyForm, denyStatementForm, disputeForm, adjustForm, upholdForm],
  notices: rebateNotices,
  jobs: [cardJob, staleJob, autoStatementJob],
  home,
  pending,
  handoff,
  strings: mergeBundles({ en, es, vi, "zh-Hans": zhHans, ru }, formStrings),
};
