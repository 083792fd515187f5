// Malformed interactions from the gateway are dropped at the edge with a warning: no unhandled
// rejection inside discord.js, nothing logged as an error, nothing changed; good ones still work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../commands/core/command.ts";
import { nextId } from "../fakes/discord.ts";
import { send, startHarness, type Harness } from "../discord/harness.ts";

let h: Harness;
const logged: { level: string; event: string; fields: unknown }[] = [];
const rejections: unknown[] = [];
const onRejection = (e: unknown) => void rejections.push(e);

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  h = await startHarness();
  // Record what the adapter logs from here on (the bot's logger object is shared with the adapter).
  const log = h.bot.log as Logger & Record<string, unknown>;
  for (const level of ["info", "warn", "error"] as const) {
    const orig = log[level].bind(log);
    log[level] = ((event: string, fields?: Record<string, unknown>) => {
      logged.push({ level, event, fields });
      orig(event, fields);
    }) as Logger["info"];
  }
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await h?.stop();
});

describe("malformed Discord interactions", () => {
  it("are dropped with a warning naming the bad fields; the next good one is answered", async () => {
    const whoami = () => h.fake.chatInput(h.steward, "unionhall", [{ name: "whoami", type: 1, options: [] }]);
    const card = h.fake.messageFrom({ content: "a card" });
    const bad = [
      { ...whoami(), member: undefined, user: undefined },
      { ...whoami(), data: undefined },
      { ...whoami(), data: { ...whoami().data, options: "nonsense" } },
      { ...whoami(), id: "not-a-snowflake" },
      { ...h.fake.button(h.steward, "uh:b:x", card), data: { component_type: 2 } },
      { ...h.fake.modalSubmit(h.steward, "uh:f:x", []), data: { custom_id: "uh:f:x", components: null } },
    ].map((b) => ({ ...b, id: b.id === "not-a-snowflake" ? b.id : nextId() }));
    const audits = () => h.bot.store.sql.prepare(`SELECT count(*) AS n FROM "AuditEntry"`).get();
    const before = audits();
    for (const b of bad) h.fake.dispatch(b);
    const good = whoami();
    const answered = await send(h, good);
    expect(answered.data?.content ?? JSON.stringify(answered.data)).not.toMatch(/went wrong/);
    // Gateway packets are handled in order: by the time the good one is answered, the bad ones were seen.
    const warnings = logged.filter((l) => l.event === "discord.interaction.malformed");
    expect(warnings).toHaveLength(bad.length);
    expect(warnings.map((w) => (w.fields as { fields: string[] }).fields.length > 0)).toEqual(bad.map(() => true));
    expect(logged.filter((l) => l.level === "error")).toEqual([]);
    expect(rejections).toEqual([]);
    expect(h.fake.callbacks.map((c) => c.interactionId)).toEqual([good.id]);
    expect(audits()).toEqual(before);
  });
});
