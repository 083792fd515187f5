// The project's public page, served by the bot on its one port: `/project` (timeline, updates,
// answered questions, "what this means for you"), `/project/updates/N`, an Atom feed and an
// iCalendar file of milestones. No script; a strict Content-Security-Policy; every piece of text
// escaped; ETag and gzip; the reader's language from ?lang= or the browser.
import crypto from "node:crypto";
import type http from "node:http";
import zlib from "node:zlib";
import type { Core } from "../../commands/core/dispatch.ts";
import { acceptLanguages, LANGUAGE_NAMES, LOCALES, resolveLocale } from "../../commands/core/i18n.ts";
import { markdownToHtml } from "../../commands/core/markdown.ts";
import { unionName } from "../../commands/core/pdf.ts";
import { projectPage, projectUpdate, type ProjectPage } from "../../commands/project/page.ts";
import { PAGE_CSS } from "./style.ts";
import { lazy } from "../../commands/core/lazy.ts";

const icalGenerator = lazy<typeof import("ical-generator")>("ical-generator");

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** The committee's Markdown as HTML through the one renderer: only harmless tags and http(s) links survive. */
const paragraphs = (s: string) => markdownToHtml(s);

function layout(page: ProjectPage, title: string, body: string, base: string, path: string): string {
  const { t, locale } = page;
  const langs = LOCALES.map((l) => (l === locale ? `<strong lang="${l}">${esc(LANGUAGE_NAMES[l])}</strong>` : `<a lang="${l}" hreflang="${l}" href="${esc(`${path}${path.includes("?") ? "&" : "?"}lang=${l}`)}">${esc(LANGUAGE_NAMES[l])}</a>`)).join(" · ");
  return `<!DOCTYPE html>
<html lang="${esc(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${base}/style.css">
<link rel="alternate" type="application/atom+xml" title="${esc(t("project.page.feed"))}" href="${base}/feed.xml">
</head>
<body>
<a class="skip" href="#updates">${esc(t("project.page.skip"))}</a>
<header>
<nav aria-label="${esc(t("project.page.language"))}"><p>${langs}</p></nav>
<p class="union">${esc(unionName())}</p>
<h1>${esc(t("project.page.title"))}</h1>
</header>
<main id="main">
${body}
</main>
<footer><p><a href="${base}/feed.xml">${esc(t("project.page.feed"))}</a> · <a href="${base}/milestones.ics">${esc(t("project.page.calendar"))}</a></p></footer>
</body>
</html>`;
}

function updateArticle(page: ProjectPage, u: ProjectPage["updates"][number], base: string, heading: "h2" | "h3"): string {
  const { t, fmt } = page;
  const date = fmt.date(new Date(u.postedAt));
  // The text may be in another language than the page: say so in the page's language, and mark the text's own for screen readers.
  const lang = u.shownLanguage !== page.locale ? ` lang="${esc(u.shownLanguage)}"` : "";
  return `<article aria-labelledby="u${u.id}">
${u.note ? `<p class="note" lang="${esc(page.locale)}">${esc(u.note)}</p>\n` : ""}<${heading} id="u${u.id}"${lang}><a href="${base}/updates/${u.id}">${esc(u.title)}</a></${heading}>
<p class="meta"><time datetime="${esc(u.postedAt.slice(0, 10))}">${esc(t("project.page.posted", { date }))}</time>${u.correctedAt ? ` · ${esc(t("project.amend.correctedOn", { date: fmt.date(new Date(u.correctedAt)) }))}` : ""}${u.phase ? ` · ${esc(t("project.phase", { n: u.phase }))}` : ""}</p>
<div${lang}>${paragraphs(u.summary)}</div>
${u.details ? `<details><summary>${esc(t("project.post.technical"))}</summary><div${lang}>${paragraphs(u.details)}</div></details>` : ""}
</article>`;
}

function homePage(page: ProjectPage, base: string): string {
  const { t } = page;
  const phases = [1, 2, 3]
    .map((n) => {
      const items = page.milestones
        .filter((m) => m.phase === n)
        .map((m) => `<li class="${m.status}"><span class="status">${esc(m.statusLabel)}</span> <strong>${m.kind === "deliverable" ? `${esc(t("project.timeline.deliverable"))}: ` : ""}${esc(m.title)}</strong> <span class="when">(${esc(m.when)})</span><br><span class="plain">${esc(m.plain)}</span></li>`)
        .join("\n");
      return `<h3>${esc(t("project.phase", { n }))}: ${esc(t(`project.phases.${n}`))}</h3>\n<ol>${items}</ol>`;
    })
    .join("\n");
  const updates = page.updates.length ? page.updates.map((u) => updateArticle(page, u, base, "h3")).join("\n") : `<p>${esc(t("project.updates.none"))}</p>`;
  const lang = page.locale === "en" ? "" : `&lang=${page.locale}`;
  const pager = [
    page.pageNo > 1 ? `<a rel="prev" href="${esc(page.pageNo === 2 ? `${base}${lang ? `?${lang.slice(1)}` : ""}` : `${base}?page=${page.pageNo - 1}${lang}`)}#updates">${esc(t("project.page.newer"))}</a>` : "",
    page.pageNo < page.pages ? `<a rel="next" href="${esc(`${base}?page=${page.pageNo + 1}${lang}`)}#updates">${esc(t("project.updates.more"))}</a>` : "",
  ].filter(Boolean);
  const pagerNav = pager.length ? `<nav class="pager" aria-label="${esc(t("project.page.pageN", { n: page.pageNo }))}"><p>${pager.join(" · ")}</p></nav>` : "";
  const qa = page.questions.length
    ? `<dl>${page.questions.map((q) => `<dt><span class="label">${esc(t("project.page.q"))}:</span> ${esc(q.question)}</dt><dd><span class="label">${esc(t("project.page.a"))}:</span> ${paragraphs(q.answer)}</dd>`).join("")}</dl>`
    : `<p>${esc(t("project.page.noQuestions"))}</p>`;
  return `<p class="intro">${esc(t("project.page.intro"))}</p>
<section class="means" aria-labelledby="means"><h2 id="means">${esc(t("project.page.meansTitle"))}</h2><p>${esc(t("project.page.means"))}</p></section>
<section aria-labelledby="updates"><h2 id="updates" tabindex="-1">${esc(t(page.pageNo > 1 ? "project.page.pageN" : "project.page.updates", { n: page.pageNo }))}</h2>
${updates}
${pagerNav}
</section>
<section aria-labelledby="timeline"><h2 id="timeline">${esc(t("project.page.timeline"))}</h2>
${phases}
</section>
<section aria-labelledby="qa"><h2 id="qa">${esc(t("project.page.questions"))}</h2>
${qa}
<p>${esc(t("project.page.ask"))}</p>
</section>`;
}

/** Text for XML: escaped, and without the control characters XML 1.0 cannot carry at all. */
const xmlText = (s: string) => esc(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""));

/**
 * The Atom feed (RFC 4287) of one page of updates. Every title, summary and content is escaped text
 * (`type="text"`), so a feed reader shows `<img …>` as the characters typed, never as an element.
 * Addresses come from PUBLIC_URL only, never from the request: without it links are relative (resolved
 * against the feed's own address by the reader) and ids are tag URIs that no request can change.
 * Older updates are on `feed.xml?page=N`, linked as `next`/`previous` (RFC 5005 paging).
 */
function atom(page: ProjectPage, publicUrl: string | undefined, base: string): string {
  const { t } = page;
  const origin = publicUrl ?? "";
  const link = (p: string) => xmlText(`${origin}${base}${p}`);
  const id = (p: string) => xmlText(publicUrl ? `${publicUrl}${base}${p}` : `tag:unionhall,2024:project${p}`);
  const updated = page.updates.length ? new Date(Math.max(...page.updates.map((u) => new Date(u.correctedAt ?? u.postedAt).getTime()))) : new Date("2024-11-29T00:00:00Z");
  const feedPage = (n: number) => `/feed.xml${n > 1 ? `?page=${n}` : ""}${page.locale !== "en" ? `${n > 1 ? "&amp;" : "?"}lang=${page.locale}` : ""}`;
  const paging = [
    page.pageNo > 1 ? `<link rel="previous" href="${link(feedPage(page.pageNo - 1))}"/>` : "",
    page.pageNo < page.pages ? `<link rel="next" href="${link(feedPage(page.pageNo + 1))}"/>` : "",
    page.pages > 1 ? `<link rel="first" href="${link(feedPage(1))}"/><link rel="last" href="${link(feedPage(page.pages))}"/>` : "",
  ].join("");
  const entries = page.updates.map((u) => {
    // A feed reader shows the summary alone: the note (not in the reader's language, or behind the original) leads it.
    const summary = u.note ? `${u.note}\n\n${u.summary}` : u.summary;
    const text = u.details ? `${summary}\n\n${u.details}` : summary;
    return `<entry${u.shownLanguage !== page.locale ? ` xml:lang="${xmlText(u.shownLanguage)}"` : ""}>
<title type="text">${xmlText(u.title)}</title>
<id>${id(`/updates/${u.id}`)}</id>
<link rel="alternate" type="text/html" href="${link(`/updates/${u.id}`)}"/>
<updated>${new Date(u.correctedAt ?? u.postedAt).toISOString()}</updated>
<published>${new Date(u.postedAt).toISOString()}</published>
<summary type="text">${xmlText(summary)}</summary>
<content type="text">${xmlText(text)}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(page.locale)}">
<title type="text">${xmlText(t("project.page.title"))}</title>
<subtitle type="text">${xmlText(t("project.page.intro"))}</subtitle>
<id>${id("")}</id>
<link rel="alternate" type="text/html" href="${link("")}"/>
<link rel="self" type="application/atom+xml" href="${link(feedPage(page.pageNo))}"/>
${paging}
<updated>${updated.toISOString()}</updated>
<author><name>${xmlText(`${t("project.page.author")} · ${unionName()}`)}</name>${publicUrl ? `<uri>${link("")}</uri>` : ""}</author>
<generator>unionhall</generator>
${entries.join("\n")}
</feed>
`;
}

function calendar(page: ProjectPage, publicUrl: string | undefined, base: string, timeZone: string): string {
  const cal = icalGenerator().default({ name: page.t("project.page.title"), timezone: timeZone, prodId: { company: "unionhall", product: "project", language: page.locale.toUpperCase() } });
  for (const m of page.milestones) {
    const day = m.doneOn ?? m.targetDate;
    if (!day) continue;
    const start = new Date(`${day}T00:00:00Z`);
    cal.createEvent({ id: `${m.key}@unionhall`, start, end: new Date(start.getTime() + 86_400_000), allDay: true, summary: `${m.title} (${m.statusLabel})`, description: m.plain, ...(publicUrl ? { url: `${publicUrl}${base}` } : {}) });
  }
  return cal.toString();
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: string, version: string): void {
  const etag = `"${crypto.createHash("sha256").update(version).update(body).digest("base64url").slice(0, 27)}"`;
  const headers: Record<string, string> = {
    "content-type": type,
    etag,
    // Always revalidate: a new update must show the moment it is posted; unchanged pages cost a 304.
    "cache-control": "no-cache",
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    vary: "Accept-Language, Accept-Encoding",
  };
  if (status === 200 && req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const out = gzip ? zlib.gzipSync(body) : Buffer.from(body);
  if (gzip) headers["content-encoding"] = "gzip";
  res.writeHead(status, headers);
  res.end(req.method === "HEAD" ? undefined : out);
}

/** PUBLIC_URL as a prefix: scheme, host and any path, without a trailing slash; undefined when unset or not http(s). */
export function publicPrefix(publicUrl: string | undefined): string | undefined {
  const given = publicUrl?.trim();
  if (!given) return undefined;
  try {
    const u = new URL(given);
    if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
    return `${u.origin}${u.pathname}`.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

/**
 * The handler for everything under `base` (default "/project"). Absolute addresses (feed, calendar)
 * are built from `publicUrl` (PUBLIC_URL) only, never from the request's Host header.
 */
export function projectPages(core: Core, opts: { base?: string; publicUrl?: string } = {}) {
  const base = opts.base ?? "/project";
  const publicUrl = publicPrefix(opts.publicUrl);
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    const chosen = url.searchParams.get("lang");
    const locale = resolveLocale(chosen, ...acceptLanguages(req.headers["accept-language"]));
    const pageParam = url.searchParams.get("page");
    const wanted = pageParam === null ? 1 : /^[1-9]\d{0,5}$/.test(pageParam) ? Number(pageParam) : 0;
    const page = projectPage(core.store, core.translator, core.timeZone, locale, core.clock.now(), wanted || 1);
    const rest = url.pathname.slice(base.length) || "/";
    const notFound = () => {
      const body = `<h2>${esc(page.t("project.page.notFound"))}</h2><p><a href="${base}">${esc(page.t("project.page.back"))}</a></p>`;
      send(req, res, 404, "text/html; charset=utf-8", layout(page, page.t("project.page.notFound"), body, base, base), "404");
    };
    if (rest === "/style.css") return send(req, res, 200, "text/css; charset=utf-8", PAGE_CSS, "css");
    if ((rest === "/feed.xml" || rest === "/" || rest === "") && page.pageNo !== wanted) return notFound();
    if (rest === "/feed.xml") return send(req, res, 200, "application/atom+xml; charset=utf-8", atom(page, publicUrl, base), page.version);
    if (rest === "/milestones.ics") return send(req, res, 200, "text/calendar; charset=utf-8", calendar(page, publicUrl, base, core.timeZone), page.version);
    if (rest === "/" || rest === "") {
      const title = page.pageNo > 1 ? page.t("project.page.pageN", { n: page.pageNo }) : page.t("project.page.title");
      return send(req, res, 200, "text/html; charset=utf-8", layout(page, title, homePage(page, base), base, page.pageNo > 1 ? `${base}?page=${page.pageNo}` : base), page.version);
    }
    const m = /^\/updates\/(\d{1,9})$/.exec(rest);
    const u = m ? projectUpdate(core.store, Number(m[1]), page) : undefined;
    if (u?.withdrawnAt) {
      // Gone on purpose: the address says so (and why) instead of a bare "not found".
      const body = `<h2>${esc(page.t("project.amend.pageWithdrawn", { date: page.fmt.date(new Date(u.withdrawnAt)) }))}</h2>${paragraphs(u.withdrawnReason ?? "")}<p><a href="${base}#updates">${esc(page.t("project.page.back"))}</a></p>`;
      return send(req, res, 410, "text/html; charset=utf-8", layout(page, page.t("project.amend.pageWithdrawn", { date: page.fmt.date(new Date(u.withdrawnAt)) }), body, base, `${base}/updates/${u.id}`), page.version);
    }
    if (u) {
      const body = `${updateArticle(page, u, base, "h2")}<p><a href="${base}#updates">${esc(page.t("project.page.back"))}</a></p>`;
      return send(req, res, 200, "text/html; charset=utf-8", layout(page, u.title, body, base, `${base}/updates/${u.id}`), page.version);
    }
    notFound();
  };
}
