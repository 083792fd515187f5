// The project's public page, served by the bot on its one port: `/project` (timeline, updates,
// answered questions, "what this means for you"), `/project/updates/N`, an Atom feed and an
// iCalendar file of milestones. No script; a strict Content-Security-Policy; every piece of text
// escaped; ETag and gzip; the reader's language from ?lang= or the browser.
import crypto from "node:crypto";
import type http from "node:http";
import zlib from "node:zlib";
import { Feed } from "feed";
import ical from "ical-generator";
import type { Core } from "../../commands/core/dispatch.ts";
import { acceptLanguages, LANGUAGE_NAMES, LOCALES, resolveLocale } from "../../commands/core/i18n.ts";
import { projectPage, projectUpdate, type ProjectPage } from "../../commands/project/page.ts";
import { PAGE_CSS } from "./style.ts";

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** Plain text as paragraphs, every character escaped. */
const paragraphs = (s: string) =>
  s
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, "<br>")}</p>`)
    .join("");

function layout(page: ProjectPage, title: string, body: string, base: string, path: string): string {
  const { t, locale } = page;
  const langs = LOCALES.map((l) => (l === locale ? `<strong lang="${l}">${esc(LANGUAGE_NAMES[l])}</strong>` : `<a lang="${l}" hreflang="${l}" href="${esc(`${path}?lang=${l}`)}">${esc(LANGUAGE_NAMES[l])}</a>`)).join(" · ");
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
  return `<article aria-labelledby="u${u.id}">
<${heading} id="u${u.id}"><a href="${base}/updates/${u.id}">${esc(u.title)}</a></${heading}>
<p class="meta"><time datetime="${esc(u.postedAt.slice(0, 10))}">${esc(t("project.page.posted", { date }))}</time>${u.phase ? ` · ${esc(t("project.phase", { n: u.phase }))}` : ""}</p>
${paragraphs(u.summary)}
${u.details ? `<details><summary>${esc(t("project.post.technical"))}</summary>${paragraphs(u.details)}</details>` : ""}
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
  const qa = page.questions.length
    ? `<dl>${page.questions.map((q) => `<dt><span class="label">${esc(t("project.page.q"))}:</span> ${esc(q.question)}</dt><dd><span class="label">${esc(t("project.page.a"))}:</span> ${paragraphs(q.answer)}</dd>`).join("")}</dl>`
    : `<p>${esc(t("project.page.noQuestions"))}</p>`;
  return `<p class="intro">${esc(t("project.page.intro"))}</p>
<section class="means" aria-labelledby="means"><h2 id="means">${esc(t("project.page.meansTitle"))}</h2><p>${esc(t("project.page.means"))}</p></section>
<section aria-labelledby="updates"><h2 id="updates" tabindex="-1">${esc(t("project.page.updates"))}</h2>
${updates}
</section>
<section aria-labelledby="timeline"><h2 id="timeline">${esc(t("project.page.timeline"))}</h2>
${phases}
</section>
<section aria-labelledby="qa"><h2 id="qa">${esc(t("project.page.questions"))}</h2>
${qa}
<p>${esc(t("project.page.ask"))}</p>
</section>`;
}

function atom(page: ProjectPage, origin: string, base: string): string {
  const { t } = page;
  const updated = page.updates[0] ? new Date(page.updates[0].postedAt) : new Date("2024-11-29T00:00:00Z");
  const feed = new Feed({ title: t("project.page.title"), description: t("project.page.intro"), id: `${origin}${base}`, link: `${origin}${base}`, language: page.locale, updated, copyright: "", feedLinks: { atom: `${origin}${base}/feed.xml` } });
  for (const u of page.updates) {
    const link = `${origin}${base}/updates/${u.id}`;
    feed.addItem({ title: u.title, id: link, link, date: new Date(u.postedAt), description: u.summary, content: `${paragraphs(u.summary)}${u.details ? paragraphs(u.details) : ""}` });
  }
  return feed.atom1();
}

function calendar(page: ProjectPage, origin: string, base: string, timeZone: string): string {
  const cal = ical({ name: page.t("project.page.title"), timezone: timeZone, prodId: { company: "unionhall", product: "project", language: page.locale.toUpperCase() } });
  for (const m of page.milestones) {
    const day = m.doneOn ?? m.targetDate;
    if (!day) continue;
    const start = new Date(`${day}T00:00:00Z`);
    cal.createEvent({ id: `${m.key}@unionhall`, start, end: new Date(start.getTime() + 86_400_000), allDay: true, summary: `${m.title} (${m.statusLabel})`, description: m.plain, url: `${origin}${base}` });
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

/** The handler for everything under `base` (default "/project"). */
export function projectPages(core: Core, base = "/project") {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    const chosen = url.searchParams.get("lang");
    const locale = resolveLocale(chosen, ...acceptLanguages(req.headers["accept-language"]));
    const origin = `http://${req.headers.host ?? "localhost"}`;
    const page = projectPage(core.store, core.translator, core.timeZone, locale, core.clock.now());
    const rest = url.pathname.slice(base.length) || "/";
    if (rest === "/style.css") return send(req, res, 200, "text/css; charset=utf-8", PAGE_CSS, "css");
    if (rest === "/feed.xml") return send(req, res, 200, "application/atom+xml; charset=utf-8", atom(page, origin, base), page.version);
    if (rest === "/milestones.ics") return send(req, res, 200, "text/calendar; charset=utf-8", calendar(page, origin, base, core.timeZone), page.version);
    if (rest === "/" || rest === "") return send(req, res, 200, "text/html; charset=utf-8", layout(page, page.t("project.page.title"), homePage(page, base), base, base), page.version);
    const m = /^\/updates\/(\d{1,9})$/.exec(rest);
    const u = m ? projectUpdate(core.store, Number(m[1])) : undefined;
    if (u) {
      const body = `${updateArticle(page, u, base, "h2")}<p><a href="${base}#updates">${esc(page.t("project.page.back"))}</a></p>`;
      return send(req, res, 200, "text/html; charset=utf-8", layout(page, u.title, body, base, `${base}/updates/${u.id}`), page.version);
    }
    const body = `<h2>${esc(page.t("project.page.notFound"))}</h2><p><a href="${base}">${esc(page.t("project.page.back"))}</a></p>`;
    send(req, res, 404, "text/html; charset=utf-8", layout(page, page.t("project.page.notFound"), body, base, base), "404");
  };
}
