// The playground in another language: the page's own words follow the switcher (?lang=) or the
// browser's Accept-Language, every request carries the page's language, and replies, forms,
// buttons and Home follow it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { botDatabaseUrl } from "../slack/harness.ts";
import { ourEnglishIn } from "./english.ts";
import { allAreas } from "./strings.ts";

let bot: Bot;
let base: string;
beforeAll(async () => {
  bot = await startBot(loadConfig({ DATABASE_URL: await botDatabaseUrl(), PORT: "0", LOG_LEVEL: "silent" }));
  base = `http://127.0.0.1:${bot.port}`;
});
afterAll(async () => {
  await bot.stop();
});

const post = async (p: string, body: unknown, headers: Record<string, string> = {}) =>
  (await fetch(base + p, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) })).json() as Promise<Record<string, any>>;
/** The words a reader sees in an HTML fragment (command lines in <code> stay English by design). */
const words = (html: string) => html.replace(/<code>[^<]*<\/code>/g, " ").replace(/<[^>]+>/g, "\n").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").split("\n").filter((s) => s.trim());

describe("playground languages", () => {
  it("serves the page in the browser's language, with a switcher naming each language in itself", async () => {
    const page = await (await fetch(base + "/", { headers: { "accept-language": "vi-VN,vi;q=0.9,en;q=0.5" } })).text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain("Ngôn ngữ");
    expect(page).toContain('<option value="vi" selected>Tiếng Việt</option>');
    for (const name of ["English", "Español", "简体中文", "Русский"]) expect(page).toContain(`>${name}</option>`);
    expect(page).toContain('const LANG = "vi"');
    // The switcher's choice wins over the browser.
    const ru = await (await fetch(base + "/?lang=ru", { headers: { "accept-language": "vi" } })).text();
    expect(ru).toContain('<html lang="ru">');
    expect(ru).toContain("Отправить");
    // Anything else is English, and nothing from the query reaches the page unescaped.
    const odd = await (await fetch(base + "/?lang=%22%3E%3Cscript%3E")).text();
    expect(odd).toContain('<html lang="en">');
    expect(odd).not.toContain("<script>alert");
  });

  it("shows one language per screen: a saved Russian wins over the switcher on Spanish, labels included", async () => {
    const chose = await post("/api/command", { as: "pat", where: "@pat", text: "/unionhall language ru", lang: "es" });
    expect(chose.html).not.toMatch(/solo usted/i);
    const home = (await (await fetch(`${base}/api/home?as=pat&lang=es`)).json()) as { html: string };
    expect(home.html).toMatch(/[А-Яа-я]/);
    const spanish = ["Solo usted", "solo usted", "Cancelar", "Enviar"].filter((w) => home.html.includes(w));
    expect(spanish).toEqual([]);
    const reply = await post("/api/command", { as: "pat", where: "@pat", text: "/unionhall whoami", lang: "es" });
    expect(reply.html).not.toMatch(/solo usted/i);
    await post("/api/command", { as: "pat", where: "@pat", text: "/unionhall language-reset", lang: "es" });
  });

  it("answers commands, forms, buttons and Home in the page's language", async () => {
    const help = await post("/api/command", { as: "maria", where: "#general", text: "/unionhall help", lang: "es" });
    expect(help.html).toContain("Comandos que puede usar");
    expect(ourEnglishIn(words(help.html), allAreas().map((a) => a.strings))).toEqual([]);
    const form = await post("/api/command", { as: "sofia", where: "#general", text: "/unionhall admin role grant", lang: "zh-Hans" });
    expect(form.html).toContain("提交");
    expect(form.html).toContain("取消");
    // Field labels are the options' names in the reader's language (the command line keeps English ones).
    expect(form.html).toMatch(/<label[^>]*>范围/);
    expect(form.html).toMatch(/<label[^>]*>截止/);
    // The role list shows roles in the reader's language; the values stay as typed on the command line.
    expect(form.html).toContain('<option value="chief_steward">首席工会代表</option>');
    expect(form.html).toContain('<option value="sublocal_president">分会主席</option>');
    const token = /<form class="modal" data-token="([^"]+)"/.exec(form.html)![1];
    const bad = await post("/api/form", { as: "sofia", where: "#general", token, values: { member: "100050", role: "" }, lang: "zh-Hans" });
    expect(bad).toMatchObject({ ok: false, errors: { role: "此项必填" } });
    const list = await post("/api/command", { as: "sofia", where: "#general", text: "/unionhall admin role list 100004", lang: "ru" });
    expect(list.html).toContain("Роли: Pat Larsen");
    expect(list.html).toMatch(/<button [^>]*class="action[^"]*"[^>]*>Снять роль «руководитель отделения \(председатель\)»</);
    const home = (await (await fetch(`${base}/api/home?as=pat&lang=vi`)).json()) as { html: string };
    expect(home.html).toContain("Xin chào, Pat Larsen");
    // Home also shows documents written in English (a training module's summary): none of our own English may appear.
    expect(ourEnglishIn(words(home.html), allAreas().map((a) => a.strings))).toEqual([]);
  });

  it("names the personas' roles in the page's language", async () => {
    const ru = (await (await fetch(`${base}/api/personas?lang=ru`)).json()) as { personas: { handle: string; title: string }[] };
    const title = (h: string) => ru.personas.find((p) => p.handle === h)!.title;
    expect([title("sam"), title("pat"), title("dana"), title("nico")]).toEqual(["Профорг", "Председатель отделения", "Член правления (Human Services)", "Новый член профсоюза, аккаунт ещё не связан"]);
  });

  it("uses the browser's language when the page sends none, and refuses a malformed one", async () => {
    const r = await post("/api/command", { as: "maria", where: "#general", text: "/unionhall whoami" }, { "accept-language": "ru-RU" });
    expect(r.html).toContain("Членский номер");
    const res = await fetch(base + "/api/command", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ as: "maria", where: "#general", text: "/help", lang: "<script>" }) });
    expect(res.status).toBe(400);
  });
});
