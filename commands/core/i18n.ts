// The one translation function. Every user-facing string goes through it. English now; a
// feature area contributes its strings under its own top-level key (e.g. `unionhall.help.title`).
import i18next, { type i18n } from "i18next";

export type Translate = (key: string, vars?: Record<string, unknown>) => string;
export type Strings = { [key: string]: string | Strings };

export const DEFAULT_LOCALE = "en";

function deepMerge(target: Strings, src: Strings): Strings {
  for (const [k, v] of Object.entries(src)) {
    const cur = target[k];
    if (typeof v === "object" && typeof cur === "object") deepMerge(cur, v);
    else if (cur !== undefined) throw new Error(`duplicate translation key "${k}"`);
    else target[k] = typeof v === "object" ? deepMerge({}, v) : v;
  }
  return target;
}

export interface Translator {
  forLocale(locale: string | undefined): Translate;
  /** The i18next instance, for adapters that need plural rules or language lists. */
  i18n: i18n;
}

/** Builds the translator from every area's strings, by language ("en" → strings). */
export function createTranslator(bundles: Record<string, Strings>[]): Translator {
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
    supportedLngs: Object.keys(resources),
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  const cache = new Map<string, Translate>();
  return {
    i18n: inst,
    forLocale(locale) {
      const lng = (locale ?? DEFAULT_LOCALE).replace("_", "-");
      let t = cache.get(lng);
      if (!t) {
        const fixed = inst.getFixedT(lng);
        t = (key, vars) => String(fixed(key, vars as never));
        cache.set(lng, t);
      }
      return t;
    },
  };
}
