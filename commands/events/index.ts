// The `events` area: meetings, trainings, rallies and phone banks, announced in chat with RSVP
// buttons, reminders, calendars, check-in and turnout.
import type { Feature } from "../core/command.ts";
import { mergeBundles } from "../core/i18n.ts";
import { listCommand, listPageAction, rsvpAction, rsvpCommand, showCommand } from "./attend.ts";
import { feedCommand, icsAction, icsCommand } from "./calendar.ts";
import { channelCommand } from "./channels.ts";
import { changeAction, createCommand, createForm, detailsForm_, moreAction, publishAction } from "./create.ts";
import { changedNotice, editCommand, saveAction } from "./edit.ts";
import { eventsHandoff, eventsHome } from "./home.ts";
import { eventJobs } from "./jobs.ts";
import { cancelCommand, checkinCommand, checkinFindAction, checkinFindForm, checkinPageAction, hereCommand, markPresentAction, messageCommand } from "./organise.ts";
import { eventPages } from "./public.ts";
import { repairOlderReminderKeys } from "../../db/events.ts";
import { reportCommand } from "./report.ts";
import { en } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { vi } from "./locales/vi.ts";
import { zhHans } from "./locales/zh-Hans.ts";
import { ru } from "./locales/ru.ts";
import { more } from "./locales/more.ts";
import { listStrings } from "./locales/list.ts";
import { dates } from "./locales/dates.ts";
import { formStrings } from "./locales/forms.ts";
import { changes } from "./locales/changes.ts";

export const eventsFeature: Feature = {
  area: "event",
  description: "event.description",
  commands: [createCommand, rsvpCommand, listCommand, showCommand, messageCommand, editCommand, cancelCommand, checkinCommand, hereCommand, icsCommand, feedCommand, channelCommand, reportCommand],
  actions: [rsvpAction, listPageAction, saveAction, changeAction, moreAction, publishAction, markPresentAction, checkinPageAction, checkinFindAction, icsAction],
  forms: [createForm, detailsForm_, checkinFindForm],
  notices: [changedNotice],
  jobs: eventJobs,
  home: eventsHome,
  handoff: eventsHandoff,
  publicPages: eventPages,
  // Reminders pending from before their keys named the start get today's key once, so each answer looks up one key.
  repair: (store) => repairOlderReminderKeys(store),
  strings: mergeBundles({ en, es, vi, "zh-Hans": zhHans, ru }, more, dates, formStrings, changes, listStrings),
};
