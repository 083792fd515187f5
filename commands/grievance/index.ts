// The `grievance` area: intake, cases and their deadlines, step actions, reminders and reports.
import type { Feature } from "../core/command.ts";
import { historyAction } from "./history.ts";
import { channelSet, contractAdd, contractCalendar, contractList, contractPreview, contractSet, holidayAdd, holidayList, holidayRemove } from "./admin.ts";
import { grievanceHandoff } from "./handoff.ts";
import { advance, caseButton, close, dateCommand, extend, forms, home, list, mine, note, reassign, refSearch, respond, show } from "./case.ts";
import { cancelFile, confirmFile, fileCommand, fileDetailsForm, fileForm, memberSearch } from "./file.ts";
import { deadlineJob, digestJob, repairReminderPlans } from "./reminders.ts";
import { report, reportJob, schedule } from "./report.ts";
import { grievanceLocales } from "./locales/index.ts";
import { grievanceNotices } from "./notices.ts";
import { formStrings } from "./locales/forms.ts";
import { mergeBundles } from "../core/i18n.ts";

export const grievanceFeature: Feature = {
  area: "grievance",
  description: "grievance.description",
  commands: [fileCommand, show, mine, list, respond, advance, extend, dateCommand, note, close, reassign, report, schedule, contractList, contractSet, contractAdd, contractPreview, contractCalendar, holidayList, holidayAdd, holidayRemove, channelSet],
  actions: [caseButton, confirmFile, cancelFile, historyAction],
  forms: [fileForm, fileDetailsForm, ...forms],
  autocompletes: [memberSearch, refSearch],
  jobs: [deadlineJob, digestJob, reportJob],
  notices: grievanceNotices,
  home,
  handoff: grievanceHandoff,
  // A crash mid-filing can no longer split a case from its reminders; older half-written plans are completed.
  repair: repairReminderPlans,
  strings: mergeBundles(grievanceLocales, formStrings),
};
