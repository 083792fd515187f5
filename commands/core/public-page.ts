// The web pages an area offers to anyone, without signing in (the project page, the certificate
// check, calendar feeds). The area answers a request with a neutral model (a document of blocks, a
// file body with its type, or "not found") and keeps every access and disclosure decision; the
// public adapter only routes the request here and renders the answer as HTML and HTTP headers.
import { data, type Db } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import type { Clock, Logger } from "./command.ts";
import type { Core } from "./dispatch.ts";
import { createFormatter, type Formatter } from "./format.ts";
import type { Locale, Translate, Translator } from "./i18n.ts";

/** What an area's page handler is given: the reader's language and the store, nobody's identity. */
export interface PublicCtx {
  store: Store;
  /** The asynchronous data layer (either engine). */
  db: Db;
  clock: Clock;
  log: Logger;
  timeZone: string;
  translator: Translator;
  /** The reader's language: ?lang= when given, else the browser's first supported one, else English. */
  locale: Locale;
  t: Translate;
  fmt: Formatter;
}

export interface PublicRequest {
  /** Where the page's family lives ("/project"): links on the page start with it. */
  prefix: string;
  /** The path below `prefix`, "" or starting with "/": "/updates/3", "/feed.xml". */
  path: string;
  query: URLSearchParams;
  /** PUBLIC_URL as a prefix (scheme, host and any path, no trailing slash), or undefined: absolute addresses come from it only, never from the request. */
  publicUrl?: string;
}

/**
 * How long an answer may be kept, decided by the area because it is a disclosure decision:
 * `revalidate` anyone may keep it but must ask again each time (a fingerprint of what is shown
 * answers "unchanged"); `private` one person's (a personal feed): never in a shared cache;
 * `no-store` never kept anywhere (a check about one person).
 */
export type Caching = { kind: "revalidate"; version: string } | { kind: "private" } | { kind: "no-store" };

/** Words in a line. A string is plain text; nothing an area writes is ever read as markup. */
export type Inline =
  | string
  | {
      text: string;
      strong?: boolean;
      /** The stylesheet's names for small parts of a line. */
      look?: "label" | "status" | "when" | "plain";
      href?: string;
      rel?: "prev" | "next";
      /** An ISO date: the text is that date, written for people. */
      time?: string;
      lang?: string;
    }
  /** Text the committee wrote in Markdown, rendered by the one safe renderer. */
  | { markdown: string }
  | { lineBreak: true };

export type PublicBlock =
  | { kind: "paragraph"; content: Inline[]; look?: "intro" | "meta" | "note"; lang?: string }
  /** Markdown written by staff, as its own block. */
  | { kind: "markdown"; text: string; lang?: string }
  | { kind: "heading"; level: 2 | 3; content: Inline[]; id?: string; lang?: string }
  /**
   * A titled part of the page (`article` for one item of a list of items). `lead` comes before
   * its heading (a note read first); `highlight` sets it apart; `status` announces it when it
   * changes (the result of a check); `focusable` lets a link land on its heading.
   */
  | { kind: "section"; as?: "section" | "article"; id: string; level: 2 | 3; heading: Inline[]; headingLang?: string; lead?: PublicBlock[]; blocks: PublicBlock[]; highlight?: boolean; status?: boolean; focusable?: boolean }
  | { kind: "list"; items: { content: Inline[]; tone?: "planned" | "on_track" | "at_risk" | "late" | "done" }[] }
  | { kind: "definitions"; items: { term: Inline[]; detail: Inline[] }[] }
  | { kind: "details"; summary: string; blocks: PublicBlock[] }
  /** Links to other pages of the same list (newer, older). */
  | { kind: "pager"; label: string; links: Inline[] }
  /** A one-field form sent back to this site with GET (the certificate check). */
  | {
      kind: "form";
      action: string;
      field: { name: string; label: string; value: string; maxLength: number; placeholder?: string; required?: boolean };
      hidden: { name: string; value: string }[];
      submit: string;
    };

/** A page for people to read. */
export interface PublicDocument {
  kind: "document";
  status: 200 | 404 | 410;
  caching: Caching;
  locale: Locale;
  /** The browser tab's title. */
  title: string;
  /** The page's main heading. */
  heading: string;
  /** This page's own address without `lang`: each language link adds `lang=` to it. */
  self: string;
  /** The label of the language links, in the reader's language. */
  languagesLabel: string;
  /** "Skip to …": the id of the part most readers come for. */
  skipTo?: { id: string; label: string };
  /** A feed of this page: offered to feed readers. */
  feed?: { href: string; title: string };
  /** Search engines are asked not to list it (a check about one person). */
  noIndex?: boolean;
  main: PublicBlock[];
  footer?: Inline[];
}

/** A body another program reads (an Atom feed, an iCalendar file). */
export interface PublicFile {
  kind: "file";
  contentType: string;
  body: string;
  caching: Caching;
}

/** Nothing here: the same bare answer for an unknown address and for a secret that is wrong, so it tells nothing. */
export interface PublicNotFound {
  kind: "not-found";
}

export type PublicAnswer = PublicDocument | PublicFile | PublicNotFound;

/** One family of pages an area serves under `prefix`; `path` is matched against the rest of the address, whole. */
export interface PublicPage {
  prefix: string;
  path: RegExp;
  answer(ctx: PublicCtx, req: PublicRequest, match: RegExpExecArray): PublicAnswer | Promise<PublicAnswer>;
}

/** Every prefix under which some area serves pages (what the process mounts), longest first. */
export function publicPrefixes(core: Pick<Core, "registry">): string[] {
  const all = new Set(core.registry.features.flatMap((f) => (f.publicPages ?? []).map((p) => p.prefix)));
  return [...all].sort((a, b) => b.length - a.length);
}

/**
 * The one entry for a public request: the first page (in the areas' order, each area's own order)
 * whose prefix and path match answers; nothing matching is "not found".
 */
export async function answerPublic(core: Core, pathname: string, query: URLSearchParams, locale: Locale, publicUrl?: string): Promise<{ prefix: string; answer: PublicAnswer }> {
  for (const f of core.registry.features) {
    for (const page of f.publicPages ?? []) {
      if (pathname !== page.prefix && !pathname.startsWith(`${page.prefix}/`)) continue;
      const path = pathname.slice(page.prefix.length);
      const match = page.path.exec(path);
      if (!match) continue;
      const ctx: PublicCtx = {
        store: core.store,
        db: data(core.store),
        clock: core.clock,
        log: core.log,
        timeZone: core.timeZone,
        translator: core.translator,
        locale,
        t: core.translator.forLocale(locale),
        fmt: createFormatter(locale, core.timeZone),
      };
      return { prefix: page.prefix, answer: await page.answer(ctx, { prefix: page.prefix, path, query, publicUrl }, match) };
    }
  }
  return { prefix: "", answer: { kind: "not-found" } };
}
