// End to end: the real bot and the real discord.js client against the local fake Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personByNumber } from "../../db/people.ts";
import { roleHistory } from "../../db/roles.ts";
import { listAudit } from "../../db/audit.ts";
import { buttonsOf, send, slash, startHarness, textOf, type Harness } from "./harness.ts";

let h: Harness;
const EPHEMERAL = 64;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe("Discord end to end", () => {
  it("logs in through the fake gateway", () => {
    expect(h.fake.identified).toBe(1);
    expect(h.bot.posters.get("discord")).toBeDefined();
  });

  it("answers a slash command with options, privately, with the core's content", async () => {
    const cb = await send(h, slash(h, h.staff, { group: "admin", name: "role-grant" }, { member: "100004", role: "chief_steward", scope: "SL-083" }));
    expect(cb.type).toBe(4);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textOf(cb.data)).toContain("✅ Granted chief steward (sub-local SL-083) to Pat Larsen, member 100004.");
    // The reply carries the "End …" button as a Discord button with our custom id.
    const [b] = buttonsOf(cb.data);
    expect(b?.custom_id).toMatch(/^uh:b:/);
    expect(b?.style).toBe(4);
    const pat = (await personByNumber(h.bot.store, "100004"))!;
    expect((await roleHistory(h.bot.store, pat.id)).some((r) => r.role === "chief_steward" && r.scopeId === "SL-083" && !r.endsAt)).toBe(true);
  });

  it("passes a user option as a mention the core understands, and shows embed fields", async () => {
    // Sam (steward) looks himself up with /unionhall whoami: a section with fields.
    const who = await send(h, slash(h, h.steward, { name: "whoami" }));
    expect(who.type).toBe(4);
    const embed = who.data.embeds[0];
    expect(embed.title).toBe("You are Sam Okafor");
    expect(embed.fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Member number", value: "100002" })]));
    // Staff link a Discord user picked with a USER option to member 100010.
    const picked = "1299999999999999999";
    const cb = await send(h, slash(h, h.staff, { group: "admin", name: "link" }, { user: picked, member: "100010" }, { user: 6 }));
    expect(textOf(cb.data)).toContain(`Linked <@${picked}> to member 100010 (Nico Brown).`);
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
  });

  it("refuses politely and changes nothing when the caller lacks the role", async () => {
    const before = (await listAudit(h.bot.store, { actionPrefix: "role.grant", limit: 100 })).length;
    const cb = await send(h, slash(h, h.steward, { group: "admin", name: "role-grant" }, { member: "100001", role: "staff" }));
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textOf(cb.data)).toMatch(/only for: staff/);
    expect((await listAudit(h.bot.store, { actionPrefix: "role.grant", limit: 100 })).length).toBe(before);
  });
});
