// The `training` area: self-paced modules of short lessons with check questions, required
// modules per role with a gentle weekly reminder, and staff's completion report.
import type { Feature } from "../core/command.ts";
import { trainingHandoff } from "./attention.ts";
import { answerAction, continueAction, listCommand, nextCommand, progressCommand, startAction, startCommand } from "./learn.ts";
import { reportCommand } from "./report.ts";
import { verifyCommand } from "./certificate.ts";
import { certificatePages } from "./public.ts";
import { remindOnRoleGranted, reminderJob, stopReminderAction, trainingHome, trainingOnboarding } from "./required.ts";
import { confidentialityNudge } from "./contacts-nudge.ts";
import { en } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { vi } from "./locales/vi.ts";
import { zhHans } from "./locales/zh-Hans.ts";
import { ru } from "./locales/ru.ts";
import { formStrings } from "./locales/forms.ts";
import { mergeBundles } from "../core/i18n.ts";

export const trainingFeature: Feature = {
  area: "training",
  description: "training.description",
  commands: [listCommand, startCommand, nextCommand, progressCommand, reportCommand, verifyCommand],
  actions: [answerAction, continueAction, startAction, stopReminderAction],
  jobs: [reminderJob],
  home: trainingHome,
  onRoleGranted: remindOnRoleGranted,
  onboarding: trainingOnboarding,
  onAgreementAcknowledged: confidentialityNudge,
  handoff: trainingHandoff,
  publicPages: certificatePages,
  strings: mergeBundles({ en, es, vi, "zh-Hans": zhHans, ru }, formStrings),
};
