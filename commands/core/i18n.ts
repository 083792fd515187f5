// The one translation function. Every user-facing string goes through it. Each feature area
// contributes its strings per language under its own top-level key (`unionhall.help.title`), one
// resource file per area and language (`commands/<area>/locales/<lng>.ts`). Plural forms follow
// Intl.PluralRules through i18next (`_one/_other` in English; Russian `_one/_few/_many/_other`;
// Vietnamese and Chinese `_other` only). A key missing in a language falls back to English and is
// logged (key and language only); a key missing everywhere never reaches a person as a key.
import i18next, { type i18n } from "i18next";

export type Translate = (key: string, vars?: Record<string, unknown>) => string;
export type Strings = { [key: string]: string | Strings };

/** The languages every user-facing string ships in. */
export const LOCALES = ["en", "es", "vi", "zh-Hans", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language named in itself, as a reader of it would look for it in a list. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: "English",
  es: "Español",
  vi: "Tiếng Việt",
  "zh-Hans": "简体中文",
  ru: "Русский",
};

export function isLocale(s: unknown): s is Locale {
  return typeof s === "string" && (LOCALES as readonly string[]).includes(s);
}

/**
 * The supported language a platform or browser tag means, or undefined: "es-ES", "es-419" → es;
 * "zh", "zh-CN", "zh-Hans-CN", "zh_SG" → zh-Hans (Traditional tags too: simplified is the closest
 * we have and more readable to them than English); "vi-VN" → vi; "ru-RU" → ru; "en-GB" → en.
 */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const t = tag.trim().replace(/_/g, "-").toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(t)) return undefined;
  const lang = t.split("-")[0];
  if (lang === "zh") return "zh-Hans";
  return LOCALES.find((l) => l.toLowerCase() === lang);
}

/** The first candidate that names a supported language (saved choice, platform, browser…), else English. */
export function resolveLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const c of candidates) {
    const m = matchLocale(c);
    if (m) return m;
  }
  return DEFAULT_LOCALE;
}

/** The languages of an HTTP Accept-Language header, most preferred first. */
export function acceptLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.tag !== "*" && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

function deepMerge(target: Strings, src: Strings, path = ""): Strings {
  for (const [k, v] of Object.entries(src)) {
    const cur = target[k];
    if (typeof v === "object" && typeof cur === "object") deepMerge(cur, v, `${path}${k}.`);
    else if (cur !== undefined) throw new Error(`duplicate translation key "${path}${k}"`);
    else target[k] = typeof v === "object" ? deepMerge({}, v, `${path}${k}.`) : v;
  }
  return target;
}

/** Merges several `{ lng: strings }` bundles of one area (e.g. an area's commands and its scheduler texts). */
export function mergeBundles(...bundles: Record<string, Strings>[]): Record<string, Strings> {
  const out: Record<string, Strings> = {};
  for (const b of bundles) for (const [lng, s] of Object.entries(b)) out[lng] = deepMerge(out[lng] ?? {}, s);
  return out;
}

export interface Translator {
  forLocale(locale: string | undefined): Translate;
  /** The i18next instance, for adapters that need plural rules or language lists. */
  i18n: i18n;
}

/** Where the translator reports missing keys. Ids only: the key and the language. */
export interface MissingKeyLog {
  warn(event: string, fields?: Record<string, unknown>): void;
}

// Something shaped like a key ("area.section.name"); anything else passed to t() is already text.
const keyShape = /^[A-Za-z][\w-]*(\.[\w-]+)+$/;

/** Builds the translator from every area's strings, by language ("en" → strings). */
export function createTranslator(bundles: Record<string, Strings>[], opts: { log?: MissingKeyLog } = {}): Translator {
  const resources: Record<string, { translation: Strings }> = {};
  for (const bundle of bundles) {
    for (const [lng, strings] of Object.entries(bundle)) {
      resources[lng] ??= { translation: {} };
      deepMerge(resources[lng].translation, strings);
    }
  }
  const inst = i18next.createInstance();
  void inst.init({
    resources,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...new Set([...LOCALES, ...Object.keys(resources)])],
    // Exact codes only: "zh-Hans" must not be cut down to "zh" (matchLocale maps tags first).
    load: "currentOnly",
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
    initAsync: false,
  });
  const reported = new Set<string>();
  const report = (key: string, locale: string, event: string) => {
    const id = `${locale}|${key}`;
    if (reported.has(id)) return;
    reported.add(id);
    opts.log?.warn(event, { key, locale });
  };
  const cache = new Map<string, Translate>();
  return {
    i18n: inst,
    forLocale(locale) {
      const lng = matchLocale(locale) ?? DEFAULT_LOCALE;
      let t = cache.get(lng);
      if (!t) {
        const fixed = inst.getFixedT(lng);
        t = (key, vars) => {
          const d = fixed(key, { ...(vars as object), returnDetails: true } as never) as unknown as { res: unknown; usedLng?: string };
          const res = typeof d.res === "string" ? d.res : String(d.res ?? "");
          if (res === key && keyShape.test(key)) {
            // Missing in English too: never show the key itself.
            report(key, lng, "i18n.keyMissing");
            return key === "core.missingText" ? "…" : t!("core.missingText");
          }
          if (d.usedLng && d.usedLng !== lng) {
            // A rare plural form left out (Spanish "many" is for a million and more): the
            // language's own "other" form reads better than English.
            if (typeof vars?.count === "number" && inst.exists(`${key}_other`, { lng, fallbackLng: false } as never)) {
              return String(fixed(`${key}_other`, vars as never));
            }
            report(key, lng, "i18n.fallback");
          }
          return res;
        };
        cache.set(lng, t);
      }
      return t;
    },
  };
}
