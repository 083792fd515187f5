// The unionhall area in English: help, accounts, roles, reminders and scheduled jobs, languages.
import { mergeBundles } from "../../core/i18n.ts";
import { languageStrings } from "../language-strings.ts";
import { schedulerStrings } from "../scheduler-strings.ts";
import { unionhallStrings } from "../strings.ts";

export const en = mergeBundles(unionhallStrings, schedulerStrings, languageStrings).en!;
