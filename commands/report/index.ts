// The `report` area: one catalogue of standard reports for leaders (membership, organising,
// grievances), each with the same layout, run on demand or posted on a schedule.
import type { Feature } from "../core/command.ts";
import { deliveryJob, list, run, schedule } from "./commands.ts";
import { schedules, unschedule } from "./schedules.ts";
import { en } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { ru } from "./locales/ru.ts";
import { vi } from "./locales/vi.ts";
import { zhHans } from "./locales/zh-Hans.ts";
import { formStrings } from "./locales/forms.ts";
import { mergeBundles } from "../core/i18n.ts";

export const reportFeature: Feature = {
  area: "report",
  description: "report.description",
  commands: [list, run, schedule, schedules, unschedule],
  jobs: [deliveryJob],
  strings: mergeBundles({ en, es, vi, "zh-Hans": zhHans, ru }, formStrings),
};
