// `/unionhall admin audit` reads as sentences a staff member understands, never raw JSON.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, web } from "../helpers/store.ts";

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore({ now: () => new Date("2026-11-23T17:00:00Z") }));
}, 60_000);
afterAll(() => store.close());

const say = async (who: string, text: string) => (await handleCommand(core, { actor: web(who), text })).reply.fallbackText;

describe("the audit log as sentences", () => {
  it("names who did what to whom, in the local's time, with codes as plain words", async () => {
    expect(await say("sofia", "/unionhall admin role grant 100001 steward SL-083 2026-12-31")).toContain("Granted steward");
    await say("sofia", "/unionhall admin role revoke 100001 steward SL-083");
    const log = await say("sofia", "/unionhall admin audit role");
    expect(log).toMatch(/#\d+ · Mon, Nov 23, 2026, 9:00 AM PST — Sofia Chen \(member 100007\) gave Maria Alvarez \(member 100001\) the role steward \(sub-local SL-083\)\./);
    expect(log).toMatch(/Sofia Chen \(member 100007\) ended the role steward \(sub-local SL-083\) of Maria Alvarez \(member 100001\)\./);
    expect(log).toContain("platform: web");
    expect(log).not.toMatch(/[{}"]/);
    const all = await say("sofia", "/unionhall admin audit");
    expect(all).toContain("Sofia Chen (member 100007) looked at the audit log.");
  });

  it("names roles and scopes in the reader's language", async () => {
    await say("sofia", "/unionhall admin role grant 100001 steward SL-083 2026-12-31");
    const read = async (locale: string) => (await handleCommand(core, { actor: { ...web("sofia"), locale }, text: "/unionhall admin audit role" })).reply.fallbackText;
    const es = await read("es");
    expect(es).toContain("delegado sindical (sublocal SL-083)");
    expect(await read("ru")).toContain("профорг");
    expect(await read("zh-Hans")).toContain("工会代表");
    for (const text of [es, await read("vi"), await read("ru")]) expect(text).not.toMatch(/\bsteward\b|sub-local/);
  });
});
