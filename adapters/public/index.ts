// The public web pages on the bot's one port (the project page, the certificate check, calendar
// feeds). This adapter only routes and renders: the areas declare their pages through their Feature
// (commands/core/public-page.ts) and decide what is shown to whom and how long it may be kept; here
// an answer becomes HTML or a file, with its HTTP headers.
import crypto from "node:crypto";
import type http from "node:http";
import zlib from "node:zlib";
import type { Core } from "../../commands/core/dispatch.ts";
import { acceptLanguages, resolveLocale } from "../../commands/core/i18n.ts";
import { answerPublic, publicPrefixes, type Caching, type PublicAnswer } from "../../commands/core/public-page.ts";
import { documentHtml, hasForm } from "./html.ts";
import { PAGE_CSS } from "./style.ts";

/** No script anywhere; style from this site only, or inline on a page that carries its own; forms only back to this site. */
const csp = (inlineStyle: boolean, form: boolean) =>
  `default-src 'none'; style-src ${inlineStyle ? "'unsafe-inline'" : "'self'"}; img-src 'self'; base-uri 'none'; form-action ${form ? "'self'" : "'none'"}; frame-ancestors 'none'`;

const STYLESHEET = "/style.css";

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

interface Rendered {
  status: number;
  contentType: string;
  body: string;
  caching: Caching;
  /** The Content-Security-Policy, for what a browser renders or could be tricked into rendering. */
  csp?: string;
  vary?: string;
}

function render(answer: PublicAnswer, prefix: string): Rendered {
  switch (answer.kind) {
    case "not-found":
      return { status: 404, contentType: "text/plain; charset=utf-8", body: "Not found\n", caching: { kind: "no-store" } };
    case "file":
      // A personal file goes to calendar apps only; a shared one is served like the pages beside it.
      return answer.caching.kind === "private"
        ? { status: 200, contentType: answer.contentType, body: answer.body, caching: answer.caching }
        : { status: 200, contentType: answer.contentType, body: answer.body, caching: answer.caching, csp: csp(false, false), vary: varyFor(answer.caching) };
    case "document": {
      const inline = answer.caching.kind !== "revalidate";
      return {
        status: answer.status,
        contentType: "text/html; charset=utf-8",
        body: documentHtml(answer, inline ? undefined : `${prefix}${STYLESHEET}`),
        caching: answer.caching,
        csp: csp(inline, hasForm(answer.main)),
        vary: varyFor(answer.caching),
      };
    }
  }
}

const varyFor = (c: Caching) => (c.kind === "revalidate" ? "Accept-Language, Accept-Encoding" : "Accept-Language");

function cacheControl(r: Rendered): string {
  if (r.caching.kind === "revalidate") return "no-cache"; // a new update shows the moment it is posted; unchanged pages cost a 304
  if (r.caching.kind === "private") return r.status === 200 ? "private, no-cache" : "no-store";
  return "no-store";
}

function send(req: http.IncomingMessage, res: http.ServerResponse, r: Rendered): void {
  const headers: Record<string, string> = { "content-type": r.contentType };
  const version = r.caching.kind === "revalidate" ? r.caching.version : undefined;
  const etag = version === undefined ? undefined : `"${crypto.createHash("sha256").update(version).update(r.body).digest("base64url").slice(0, 27)}"`;
  if (etag) headers.etag = etag;
  headers["cache-control"] = cacheControl(r);
  if (r.csp) headers["content-security-policy"] = r.csp;
  headers["x-content-type-options"] = "nosniff";
  headers["referrer-policy"] = "no-referrer";
  if (r.vary) headers.vary = r.vary;
  if (etag && r.status === 200 && req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  // Compressed only where it may be kept and re-checked: a no-store answer is small and one of a kind.
  const gzip = etag !== undefined && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const out = gzip ? zlib.gzipSync(r.body) : Buffer.from(r.body);
  if (gzip) headers["content-encoding"] = "gzip";
  res.writeHead(r.status, headers);
  res.end(req.method === "HEAD" ? undefined : out);
}

/**
 * The handler for every public page: mount it under each of `publicPrefixes(core)`. Absolute
 * addresses (feeds, calendars) are built from `publicUrl` (PUBLIC_URL) only, never from the request.
 */
export function publicSite(core: Core, opts: { publicUrl?: string } = {}) {
  const publicUrl = publicPrefix(opts.publicUrl);
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    // The one stylesheet, beside each family of pages (their pages link it there).
    if (publicPrefixes(core).some((p) => url.pathname === `${p}${STYLESHEET}`)) {
      const caching: Caching = { kind: "revalidate", version: "css" };
      return send(req, res, { status: 200, contentType: "text/css; charset=utf-8", body: PAGE_CSS, caching, csp: csp(false, false), vary: varyFor(caching) });
    }
    const locale = resolveLocale(url.searchParams.get("lang"), ...acceptLanguages(req.headers["accept-language"]));
    const { prefix, answer } = await answerPublic(core, url.pathname, url.searchParams, locale, publicUrl);
    send(req, res, render(answer, prefix));
  };
}
