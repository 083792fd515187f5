// The core's English: errors, hints, forms, Home, roles, argument problems.
import { mergeBundles } from "../i18n.ts";
import { coreStrings } from "../strings.ts";
import { coreExtraEn } from "./en-extra.ts";

export const en = mergeBundles(coreStrings, { en: coreExtraEn }).en!;
