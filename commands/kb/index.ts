// The `kb` area: the union's documents, flyers and logos in one searchable place.
import type { Feature } from "../core/command.ts";
import { attachCommand, attachForm } from "./attach.ts";
import { kbHandoff, kbPending } from "./attention.ts";
import { addCommand, addForm, editCommand, editForm } from "./edit.ts";
import { reviewAction, reviewJob, staleCommand } from "./review.ts";
import { moreAction, searchCommand, titleSuggestions } from "./search.ts";
import { kbHome, showCommand } from "./show.ts";
import { historyCommand, restoreCommand } from "./versions.ts";
import { en } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { vi } from "./locales/vi.ts";
import { zhHans } from "./locales/zh-Hans.ts";
import { ru } from "./locales/ru.ts";
import { formStrings } from "./locales/forms.ts";
import { languageStrings } from "./locales/languages.ts";
import { translateCommand, translateForm } from "./translate.ts";
import { translationBehindJob } from "./behind.ts";
import { readForArea } from "./languages.ts";
import { mergeBundles } from "../core/i18n.ts";

export const kbFeature: Feature = {
  area: "kb",
  description: "kb.description",
  commands: [searchCommand, showCommand, historyCommand, addCommand, editCommand, attachCommand, staleCommand, restoreCommand, translateCommand],
  actions: [moreAction, reviewAction],
  forms: [addForm, editForm, attachForm, translateForm],
  autocompletes: [titleSuggestions],
  jobs: [reviewJob, translationBehindJob],
  home: kbHome,
  pending: kbPending,
  handoff: kbHandoff,
  readDocument: readForArea,
  strings: mergeBundles({ en, es, vi, "zh-Hans": zhHans, ru }, formStrings, languageStrings),
};
