// The playground through HTTP, on the real bot process wiring (startBot) and a fresh database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { botDatabaseUrl } from "../slack/harness.ts";

let bot: Bot;
let base: string;
beforeAll(async () => {
  bot = await startBot(loadConfig({ DATABASE_URL: await botDatabaseUrl(), PORT: "0", LOG_LEVEL: "silent" }));
  base = `http://127.0.0.1:${bot.port}`;
});
afterAll(async () => {
  await bot.stop();
});

const post = async (p: string, body: unknown) => (await fetch(base + p, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json() as Promise<Record<string, any>>;

describe("playground over HTTP", () => {
  it("answers /healthz and seeds demo data into the empty database on first start", async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "ok" });
    expect(await bot.store.prisma.person.count()).toBe(300);
  });

  it("serves the page and the personas", async () => {
    const page = await (await fetch(base + "/")).text();
    expect(page).toContain("<title>unionhall playground</title>");
    const p = (await (await fetch(base + "/api/personas")).json()) as { personas: { handle: string }[] };
    expect(p.personas.map((x) => x.handle)).toContain("sofia");
  });

  it("runs /help as the chosen persona", async () => {
    const r = await post("/api/command", { as: "maria", where: "#general", text: "/help" });
    expect(r.visibility).toBe("private");
    expect(r.html).toContain("/unionhall whoami");
    expect(r.html).not.toContain("admin role grant");
  });

  it("grants a role by form and shows it in the audit log", async () => {
    const form = await post("/api/command", { as: "sofia", where: "#general", text: "/unionhall admin role grant" });
    expect(form.form).toBe(true);
    const token = /<form class="modal" data-token="([^"]+)"/.exec(form.html)![1];
    const bad = await post("/api/form", { as: "sofia", where: "#general", token, values: { member: "100050", role: "" } });
    expect(bad).toMatchObject({ ok: false, errors: { role: "this is required" } });
    const good = await post("/api/form", { as: "sofia", where: "#general", token, values: { member: "100050", role: "steward", scope: "SL-083" } });
    expect(good.ok).toBe(true);
    expect(good.html).toContain("Granted steward (sub-local SL-083)");
    const audit = await post("/api/command", { as: "sofia", where: "#general", text: "/unionhall admin audit role" });
    expect(audit.html).toContain("Sofia Chen (member 100007) gave");
  });

  it("clicks a button and the message is replaced in place", async () => {
    const list = await post("/api/command", { as: "sofia", where: "#general", text: "/unionhall admin role list 100050" });
    const token = /data-token="([^"]+)">End steward/.exec(list.html)![1];
    const click = await post("/api/action", { as: "sofia", where: "#general", token });
    expect(click.update).toBe(true);
    expect(click.html).toContain("Ended steward");
    const again = await post("/api/action", { as: "sofia", where: "#general", token });
    expect(again.html).toContain("already decided");
  });

  it("shows a person's home page: who they are, their roles and what each area has for them", async () => {
    const home = (await (await fetch(`${base}/api/home?as=sam`)).json()) as { html: string };
    expect(home.html).toContain("Hello, Sam Okafor");
    expect(home.html).toContain("steward");
    const unlinked = (await (await fetch(`${base}/api/home?as=nico`)).json()) as { html: string };
    expect(unlinked.html).toContain("linked to a member record yet");
  });

  it("refuses malformed requests without touching the store", async () => {
    const r = await fetch(base + "/api/command", { method: "POST", body: "{not json" });
    expect(r.status).toBe(400);
    const r2 = await fetch(base + "/api/command", { method: "POST", body: JSON.stringify({ as: "../etc", where: "#general", text: "/help" }) });
    expect(r2.status).toBe(400);
  });
});
