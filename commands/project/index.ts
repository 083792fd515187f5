// The `project` area: the IT-modernisation project's updates, timeline and questions, in chat and
// on a public page (adapters/public).
import type { Feature } from "../core/command.ts";
import { amendJob, correctCommand, correctForm, withdrawCommand, withdrawForm } from "./amend.ts";
import { subscribeCommand, unsubscribeCommand } from "./follow.ts";
import { answerAction, answerForm, askCommand, askForm, answeredNotice, publishAnswerAction, publishCommand, questionNotice, questionsPending } from "./questions.ts";
import { milestoneCommand, milestoneForm, milestoneSuggestions, timelineCommand } from "./timeline.ts";
import { changeDraftAction, moreUpdatesAction, postCommand, postDraftForm, projectHome, publishAction, updateJob, updatesCommand } from "./updates.ts";
import { en } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { vi } from "./locales/vi.ts";
import { zhHans } from "./locales/zh-Hans.ts";
import { ru } from "./locales/ru.ts";
import { formStrings } from "./locales/forms.ts";
import { languageStrings } from "./locales/languages.ts";
import { projectPublicPages } from "./public.ts";
import { translateCommand, translateForm, translationBehindJob } from "./translate.ts";
import { mergeBundles } from "../core/i18n.ts";

export const projectFeature: Feature = {
  area: "project",
  description: "project.description",
  commands: [updatesCommand, postCommand, timelineCommand, milestoneCommand, subscribeCommand, unsubscribeCommand, askCommand, publishCommand, correctCommand, withdrawCommand, translateCommand],
  actions: [moreUpdatesAction, publishAction, changeDraftAction, answerAction, publishAnswerAction],
  forms: [postDraftForm, milestoneForm, askForm, answerForm, correctForm, withdrawForm, translateForm],
  autocompletes: [milestoneSuggestions],
  jobs: [updateJob, amendJob, translationBehindJob],
  notices: [questionNotice, answeredNotice],
  home: projectHome,
  pending: questionsPending,
  publicPages: projectPublicPages,
  strings: mergeBundles({ en, es, vi, "zh-Hans": zhHans, ru }, formStrings, languageStrings),
};
