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
  /** Whether English has this key (so an optional text can be asked for without a "missing" warning). */
  has(key: string): boolean;
  /** The i18next instance, for adapters that need plural rules or language lists. */
  i18n: i18n;
}

/** Where the translator reports missing keys. Ids only: the key and the language. */
export interface MissingKeyLog {
  warn(event: string, fields?: Record<string, unknown>): void;
}

/**
 * i18next's {{variable}} interpolation (escapeValue off): a variable not given stays as written,
 * one given as null or undefined becomes empty. Done here so a string costs a map look-up and
 * one replace instead of a full i18next call on every label of every reply.
 */
function interpolate(tpl: string, vars: Record<string, unknown> | undefined, spaceHan = false): string {
  if (!vars || !tpl.includes("{{")) return tpl;
  let out = "";
  let last = 0;
  for (const m of tpl.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) {
    const at = m.index;
    out += tpl.slice(last, at);
    last = at + m[0].length;
    const name = m[1]!;
    if (!(name in vars)) {
      out += m[0];
      continue;
    }
    const v = vars[name];
    let text = v === null || v === undefined ? "" : String(v);
    const after = tpl[last] ?? "";
    // A value that ends in an abbreviation's period ("дек. 2026 г.") at the end of a sentence
    // keeps one period, not two.
    if (text.endsWith(".") && !text.endsWith("..") && after === "." && tpl[last + 1] !== ".") text = text.slice(0, -1);
    if (spaceHan && text !== "") {
      // Chinese puts a space between Chinese characters and Latin letters or digits ("2026 年提交了
      // 35 件"), where a value meets the sentence too; a space the sentence keeps for a number goes
      // when the value is Chinese ("与上月相比没有变化", "（会员 100007）查看了"). The value itself stays as written.
      const before = out.at(-1) ?? "";
      const first = text[0]!;
      const end = text.at(-1)!;
      if (cjk.test(first) && before === " " && cjk.test(out.at(-2) ?? "")) out = out.slice(0, -1);
      else if ((han.test(before) && latin.test(first)) || (latin.test(before) && han.test(first))) text = ` ${text}`;
      if (cjk.test(end) && after === " " && cjk.test(tpl[last + 1] ?? "")) last++;
      else if ((han.test(after) && latin.test(end)) || (latin.test(after) && han.test(end))) text = `${text} `;
    }
    out += text;
  }
  return out + tpl.slice(last);
}

const han = /\p{Script=Han}/u;
/** Chinese characters and full-width punctuation, which need no space beside each other. */
const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const latin = /[A-Za-z0-9]/;

/** Whether a language separates Chinese characters from Latin letters and digits with a space. */
const spacesHan = (lng: string) => lng === "zh-Hans";

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
  // Which keys each language has, with and without plural suffixes: deciding "is it there, or do we
  // fall back to English" is a set look-up, not a second i18next call on every string.
  const full = new Map<string, Set<string>>();
  const bases = new Map<string, Set<string>>();
  const flat = (prefix: string, v: Strings, into: Set<string>) => {
    for (const [k, x] of Object.entries(v)) typeof x === "string" ? into.add(`${prefix}${k}`) : flat(`${prefix}${k}.`, x, into);
  };
  for (const [lng, r] of Object.entries(resources)) {
    const keys = new Set<string>();
    flat("", r.translation, keys);
    full.set(lng, keys);
    bases.set(lng, new Set([...keys].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""))));
  }
  const has = (lng: string, key: string) => bases.get(lng)?.has(key) ?? false;
  // The text of one key in one language, straight from i18next's resource store, kept once read.
  const templates = new Map<string, string | undefined>();
  const template = (lng: string, key: string): string | undefined => {
    const id = `${lng}|${key}`;
    if (!templates.has(id)) {
      const v: unknown = inst.getResource(lng, "translation", key);
      templates.set(id, typeof v === "string" ? v : undefined);
    }
    return templates.get(id);
  };
  const pluralRules = new Map<string, Intl.PluralRules>();
  const pluralsOf = (lng: string) => {
    let p = pluralRules.get(lng);
    if (!p) pluralRules.set(lng, (p = new Intl.PluralRules(lng)));
    return p;
  };
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
    has: (key) => has(DEFAULT_LOCALE, key),
    forLocale(locale) {
      const lng = matchLocale(locale) ?? DEFAULT_LOCALE;
      let t = cache.get(lng);
      if (!t) {
        // Strings without variables never change: most labels, titles and buttons are served from here.
        const constant = new Map<string, string>();
        t = (key, vars) => {
          const plain = !vars || Object.keys(vars).length === 0;
          if (plain) {
            const hit = constant.get(key);
            if (hit !== undefined) return hit;
          }
          let use: string = lng;
          if (!has(lng, key)) {
            if (!keyShape.test(key)) return key; // already text, not a key
            if (!has(DEFAULT_LOCALE, key)) {
              // Missing in English too: never show the key itself.
              report(key, lng, "i18n.keyMissing");
              return key === "core.missingText" ? "…" : t!("core.missingText");
            }
            report(key, lng, "i18n.fallback");
            use = DEFAULT_LOCALE;
          }
          // The plural form Intl names for this count in this language; a rare form left out
          // (Spanish "many" is for a million and more) takes the language's own "other" form.
          const count = vars?.count;
          // i18next's context: `key_context` when the language has it ("confirmed_me"), else `key`.
          const context = typeof vars?.context === "string" && vars.context !== "" ? `${key}_${vars.context}` : undefined;
          if (context && has(use, context)) key = context;
          const tpl =
            typeof count === "number" && !full.get(use)!.has(key)
              ? (template(use, `${key}_${pluralsOf(use).select(count)}`) ?? template(use, `${key}_other`) ?? "")
              : (template(use, key) ?? template(use, `${key}_other`) ?? "");
          const out = plain ? tpl : interpolate(tpl, vars, spacesHan(use));
          if (plain) constant.set(key, out);
          return out;
        };
        cache.set(lng, t);
      }
      return t;
    },
  };
}
