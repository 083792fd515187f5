// The local web playground: pick who you are, type slash commands, click buttons, fill forms.
// It goes through the same core as Slack and Discord. Only enabled in demo mode (no chat tokens),
// and bound to 127.0.0.1 by default, because anyone using it can pretend to be anyone.
import type http from "node:http";
import { z } from "zod";
import type { AdapterHandle, AdapterHost as Bot } from "../../commands/core/host.ts";
import { readBody, sendJson } from "../http.ts";
import type { Actor } from "../../commands/core/command.ts";
import { handleAction, handleCommand, handleForm, readerLocale } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { PLAYGROUND_WORKSPACE, playgroundPersonas as personas } from "../../commands/core/playground.ts";
import { Feed, playgroundChannels } from "./feed.ts";
import { playgroundPage } from "./page.ts";
import { renderReplyHtml, webLabels } from "./render.ts";
import { acceptLanguages, resolveLocale, type Locale, type Translate } from "../../commands/core/i18n.ts";
import { webT } from "./strings.ts";
import { registerChannelCheck } from "../../commands/core/channels.ts";

const handle = z.string().regex(/^[a-z0-9._-]{1,40}$/);
const where = z.string().regex(/^[#@][a-z0-9._-]{1,40}$/);
/** The page's language switcher (or the browser's language), as a BCP 47 tag. */
const lang = z.string().regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8}){0,3}$/).optional();
// Over-long text still reaches the core, which answers it politely (the same answer as on Slack).
const commandBody = z.object({ as: handle, where, text: z.string().min(1).max(100_000), id: z.string().max(80).optional(), lang });
const actionBody = z.object({ as: handle, where, token: z.string().max(40), messageId: z.number().int().optional(), id: z.string().max(80).optional(), lang });
// A file travels as base64 inside the JSON: 20 MB of file is about 27 million characters.
const MAX_FILE_BASE64 = Math.ceil((20 * 1024 * 1024 * 4) / 3) + 4;
const uploaded = z.array(z.object({ name: z.string().min(1).max(200), data: z.base64().max(MAX_FILE_BASE64) })).max(1);
const formBody = z.object({
  as: handle,
  where,
  token: z.string().max(40),
  values: z.record(z.string(), z.string().max(4000)),
  files: z.record(z.string().max(40), uploaded).optional(),
  id: z.string().max(80).optional(),
  lang,
});

/**
 * The playground's language plays the part of Slack's user locale or Discord's interaction locale:
 * the switcher's choice, else the browser's Accept-Language. A saved /unionhall language still wins.
 */
function pageLocale(req: http.IncomingMessage, chosen: string | null | undefined): Locale {
  return resolveLocale(chosen, ...acceptLanguages(req.headers["accept-language"]));
}

/** "Sub-local president", "Board director (Human Services)", in the page's language. */
function personaTitle(p: (typeof personas)[number], locale: Locale, t: Translate): string {
  if (!p.role) return webT(locale)("web.notLinked");
  const role = p.office ? t(`unionhall.role.choices.sublocal_${p.office}`) : t(`core.roles.${p.role}`);
  const label = role.charAt(0).toUpperCase() + role.slice(1);
  return p.scopeType === "employer_group" || p.scopeType === "region" ? `${label} (${p.scopeId})` : label;
}

function actor(as: string, w: string, locale: string): Actor {
  return { platform: "web", workspaceId: PLAYGROUND_WORKSPACE, userId: as, locale, channelId: w.startsWith("#") ? w.slice(1) : undefined };
}

export async function startPlayground(bot: Bot): Promise<AdapterHandle> {
  const labelsFor = (locale: string) => webLabels(bot.core.translator.forLocale(locale));
  const feed = new Feed(labelsFor("en"));
  bot.posters.set("web", feed.poster());
  // The playground has exactly these channels: a reminder to any other is refused when it is set.
  registerChannelCheck(bot.core, "web", async (_ws, channelId) => (playgroundChannels as readonly string[]).includes(channelId));

  async function json<T>(req: http.IncomingMessage, schema: z.ZodType<T>, limit?: number): Promise<T | null> {
    try {
      const parsed = schema.safeParse(JSON.parse(await readBody(req, limit)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  bot.http.mount("/", async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'" });
      res.end(playgroundPage(pageLocale(req, url.searchParams.get("lang"))));
      return;
    }
    if (req.method === "GET" && url.pathname === "/api/personas") {
      const locale = pageLocale(req, url.searchParams.get("lang"));
      sendJson(res, 200, {
        personas: personas.map((p) => ({ handle: p.handle, name: `${p.firstName} ${p.lastName}`, title: personaTitle(p, locale, bot.core.translator.forLocale(locale)) })),
        channels: playgroundChannels,
      });
      return;
    }
    if (req.method === "GET" && url.pathname === "/api/home") {
      const as = handle.safeParse(url.searchParams.get("as"));
      if (!as.success) return sendJson(res, 400, { error: "as is required" });
      const locale = pageLocale(req, url.searchParams.get("lang"));
      const who = actor(as.data, "@" + as.data, locale);
      const home = await handleHome(bot.core, who);
      // One language per screen: the person's saved choice wins over the switcher, for the labels too.
      return sendJson(res, 200, { html: renderReplyHtml(home, labelsFor(await readerLocale(bot.core, who))) });
    }
    if (req.method === "GET" && url.pathname === "/api/feed") {
      const as = handle.safeParse(url.searchParams.get("as"));
      const w = where.safeParse(url.searchParams.get("where"));
      if (!as.success || !w.success) return sendJson(res, 400, { error: "as and where are required" });
      sendJson(res, 200, { messages: feed.read(as.data, w.data, Number(url.searchParams.get("since") ?? 0)) });
      return;
    }
    if (req.method === "POST" && url.pathname === "/api/command") {
      const body = await json(req, commandBody);
      if (!body) return sendJson(res, 400, { error: "expected {as, where, text}" });
      const locale = pageLocale(req, body.lang);
      // Read after the work: a language chosen by this very command labels its own answer.
      const labels = async () => labelsFor(await readerLocale(bot.core, actor(body.as, body.where, locale)));
      const out = await handleCommand(bot.core, { actor: actor(body.as, body.where, locale), text: body.text, deliveryId: body.id });
      await bot.notify(out.notices, "web");
      if (out.reply.visibility === "channel") {
        const m = feed.add(body.where, body.as, out.reply);
        return sendJson(res, 200, { visibility: "channel", messageId: m.id, html: m.html, form: Boolean(out.reply.form) });
      }
      return sendJson(res, 200, { visibility: "private", html: renderReplyHtml(out.reply, await labels()), form: Boolean(out.reply.form) });
    }
    if (req.method === "POST" && url.pathname === "/api/action") {
      const body = await json(req, actionBody);
      if (!body) return sendJson(res, 400, { error: "expected {as, where, token}" });
      const locale = pageLocale(req, body.lang);
      // Read after the work: a language chosen by this very command labels its own answer.
      const labels = async () => labelsFor(await readerLocale(bot.core, actor(body.as, body.where, locale)));
      const out = await handleAction(bot.core, { actor: actor(body.as, body.where, locale), token: body.token, deliveryId: body.id });
      await bot.notify(out.notices, "web");
      if (out.reply.update && body.messageId !== undefined) feed.replace(body.messageId, out.reply);
      return sendJson(res, 200, { visibility: out.reply.visibility, update: out.reply.update, html: renderReplyHtml(out.reply, await labels()), form: Boolean(out.reply.form) });
    }
    if (req.method === "POST" && url.pathname === "/api/form") {
      const body = await json(req, formBody, MAX_FILE_BASE64 + (1 << 20));
      if (!body) return sendJson(res, 400, { error: "expected {as, where, token, values}" });
      const locale = pageLocale(req, body.lang);
      // Read after the work: a language chosen by this very command labels its own answer.
      const labels = async () => labelsFor(await readerLocale(bot.core, actor(body.as, body.where, locale)));
      const files = body.files ? Object.fromEntries(Object.entries(body.files).map(([k, list]) => [k, list.map((f) => ({ name: f.name, data: Buffer.from(f.data, "base64") }))])) : undefined;
      const out = await handleForm(bot.core, { actor: actor(body.as, body.where, locale), token: body.token, values: body.values, files, deliveryId: body.id });
      if (!out.ok) return sendJson(res, 200, { ok: false, errors: out.errors });
      await bot.notify(out.notices, "web");
      if (out.reply.visibility === "channel") {
        const m = feed.add(body.where, body.as, out.reply);
        return sendJson(res, 200, { ok: true, visibility: "channel", messageId: m.id, html: m.html });
      }
      return sendJson(res, 200, { ok: true, visibility: "private", html: renderReplyHtml(out.reply, await labels()) });
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found\n");
    // Whoever reaches the playground can act as anyone: it answers this machine only, in every mode.
  }, { loopbackOnly: true });

  return { name: "playground", stop: async () => undefined };
}
