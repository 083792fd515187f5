// The public certificate check at /certificates?code=ABCD-EFGH-JK, linked from every certificate:
// anyone holding a certificate (an employer, a member) can confirm it is genuine. It shows only what
// the certificate itself says (who, which module, when, which union). No script; a strict
// Content-Security-Policy; every piece of text escaped; the reader's language from ?lang= or the browser.
import type http from "node:http";
import type { Core } from "../../commands/core/dispatch.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { acceptLanguages, LANGUAGE_NAMES, LOCALES, resolveLocale } from "../../commands/core/i18n.ts";
import { unionName } from "../../commands/core/pdf.ts";
import { checkCertificate } from "../../commands/training/certificate.ts";
import { PAGE_CSS } from "./style.ts";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function certificatePages(core: Core, base = "/certificates") {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    const locale = resolveLocale(url.searchParams.get("lang"), ...acceptLanguages(req.headers["accept-language"]));
    const t = core.translator.forLocale(locale);
    const fmt = createFormatter(locale, core.timeZone);
    if (url.pathname !== base && url.pathname !== `${base}/`) return send(req, res, 404, page(t("training.page.title"), `<p>${esc(t("training.page.notFound"))}</p>`));
    const typed = (url.searchParams.get("code") ?? "").trim().slice(0, 40);
    const check = typed ? checkCertificate(core.store, typed, core.clock.now()) : null;
    const langs = LOCALES.map((l) => (l === locale ? `<strong lang="${l}">${esc(LANGUAGE_NAMES[l])}</strong>` : `<a lang="${l}" hreflang="${l}" href="${esc(`${base}?${typed ? `code=${encodeURIComponent(typed)}&` : ""}lang=${l}`)}">${esc(LANGUAGE_NAMES[l])}</a>`)).join(" · ");
    const result = !typed
      ? ""
      : check
        ? `<section class="means" role="status" aria-labelledby="result"><h2 id="result">✅ ${esc(t("training.page.genuine"))}</h2>
<dl>
<dt>${esc(t("training.page.code"))}</dt><dd>${esc(check.code)}</dd>
<dt>${esc(t("training.page.holder"))}</dt><dd>${esc(check.holder)}</dd>
<dt>${esc(t("training.page.module"))}</dt><dd>${esc(check.moduleTitle)}</dd>
<dt>${esc(t("training.page.date"))}</dt><dd><time datetime="${esc(check.completedAt.toISOString().slice(0, 10))}">${esc(fmt.date(check.completedAt))}</time></dd>
<dt>${esc(t("training.page.union"))}</dt><dd>${esc(check.union)}</dd>
</dl></section>`
        : `<section class="means" role="status" aria-labelledby="result"><h2 id="result">❌ ${esc(t("training.page.unknownTitle"))}</h2><p>${esc(t("training.verify.unknown", { code: typed }))}</p></section>`;
    const body = `<header>
<nav aria-label="${esc(t("training.page.language"))}"><p>${langs}</p></nav>
<p class="union">${esc(unionName())}</p>
<h1>${esc(t("training.page.title"))}</h1>
</header>
<main id="main">
<p class="intro">${esc(t("training.page.intro"))}</p>
${result}
<form method="get" action="${base}">
<p><label for="code">${esc(t("training.page.label"))}</label><br>
<input id="code" name="code" value="${esc(typed)}" maxlength="40" autocomplete="off" placeholder="ABCD-EFGH-JK" required>
${locale === "en" ? "" : `<input type="hidden" name="lang" value="${esc(locale)}">`}
<button type="submit">${esc(t("training.page.check"))}</button></p>
</form>
<p class="meta">${esc(t("training.page.privacy"))}</p>
</main>`;
    send(req, res, typed && !check ? 404 : 200, page(t("training.page.title"), body, locale));
  };
}

function page(title: string, body: string, locale = "en"): string {
  return `<!DOCTYPE html>
<html lang="${esc(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${PAGE_CSS} input { font: inherit; padding: .4rem; max-width: 100%; } button { font: inherit; padding: .4rem 1rem; }</style>
</head>
<body>
${body}
</body>
</html>`;
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    // A check is about one person's certificate: never kept by a shared cache or sent on as a referrer.
    "cache-control": "no-store",
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    vary: "Accept-Language",
  });
  res.end(req.method === "HEAD" ? undefined : html);
}
