// The contacts area in every language.
import type { Strings } from "../../core/i18n.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { ru } from "./ru.ts";
import { vi } from "./vi.ts";
import { zhHans } from "./zh-Hans.ts";

export const contactsLocales: Record<string, Strings> = { en, es, vi, "zh-Hans": zhHans, ru };
