// One date style per card: a reader of another language sees days written their way, never ISO
// dates beside formatted ones ("desde 2026-01-01" on a card that writes "23 nov 2026").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";
import { replyText } from "./english.ts";

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore(testClock()));
});
afterAll(async () => {
  await store?.close();
});

const iso = /\b20\d\d-\d\d-\d\d\b/;

describe("one date style", () => {
  it("/unionhall whoami writes the days a role started and ends the reader's way", async () => {
    await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant 100001 steward SL-083 2026-12-31" });
    for (const [lng, since, until] of [["es", "desde 1 ene 2026", "31 dic 2026"], ["ru", "1 янв. 2026 г.", "31 дек. 2026 г."], ["zh-Hans", "2026年1月1日", "2026年12月31日"], ["vi", "2026", "2026"]] as const) {
      const text = replyText((await handleCommand(core, { actor: { ...web("maria"), locale: lng }, text: "/unionhall whoami" })).reply).join("\n");
      expect(text, lng).not.toMatch(iso);
      expect(text, lng).toContain(since);
      expect(text, lng).toContain(until);
    }
    const en = replyText((await handleCommand(core, { actor: web("maria"), text: "/unionhall whoami" })).reply).join("\n");
    expect(en).toContain("since 2026-01-01");
  });
});

describe("one date style in the grievance area's lists", () => {
  it("holidays and a contract preview write every day the reader's way", async () => {
    for (const [text, who] of [["/grievance holiday list 2026", "maria"], ["/grievance contract preview STATE-2025 2026-11-02", "sofia"]] as const) {
      const es = replyText((await handleCommand(core, { actor: { ...web(who), locale: "es" }, text })).reply).join("\n");
      expect(es, text).not.toMatch(iso);
      expect(es, text).toMatch(/2026/);
    }
  });
});
