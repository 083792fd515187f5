// The core's strings in every language, as one bundle for the translator.
import type { Strings } from "../i18n.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { ru } from "./ru.ts";
import { vi } from "./vi.ts";
import { zhHans } from "./zh-Hans.ts";

export const coreLocales: Record<string, Strings> = { en, es, vi, "zh-Hans": zhHans, ru };
