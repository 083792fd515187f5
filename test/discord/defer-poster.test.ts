// The slow path (defer, then follow up) and the Poster (channel posts, DMs, rate limits), with the
// adapter started by hand so the deferral threshold can be zero.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdapterHandle } from "../../bot/app.ts";
import { PermanentDeliveryError, RateLimitedError } from "../../bot/outbox.ts";
import { startDiscord } from "../../adapters/discord/index.ts";
import { renderStandalone } from "../../commands/core/dispatch.ts";
import { reply } from "../../commands/core/reply.ts";
import { personByNumber } from "../../db/people.ts";
import { buttonsOf, send, slash, startHarness, textOf, type Harness } from "./harness.ts";
import { data } from "../../db/data.ts";

let h: Harness;
let discord: AdapterHandle;
const EPHEMERAL = 64;

beforeAll(async () => {
  h = await startHarness((c) => ({ ...c, discordEnabled: false }));
  discord = await startDiscord(h.bot, { deferAfterMs: 0 });
});
afterAll(async () => {
  await discord?.stop();
  await h?.stop();
});

describe("Discord: slow answers defer first", () => {
  it("defers privately, then edits the original response with the answer", async () => {
    const i = slash(h, h.staff, { group: "admin", name: "role-list" }, { member: "100002" });
    const cb = await send(h, i);
    expect(cb.type).toBe(5);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === i.token));
    expect(edit.messageId).toBe("@original");
    expect(edit.method).toBe("PATCH");
    expect(textOf(edit.body)).toContain("Roles of Sam Okafor (member 100002)");
    expect(buttonsOf(edit.body).length).toBeGreaterThan(0);
  });

  it("a slow button click defers the update, then edits the message the button is on", async () => {
    const grant = slash(h, h.staff, { group: "admin", name: "role-grant" }, { member: "100009", role: "steward", scope: "SL-140" });
    await send(h, grant);
    const granted = await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === grant.token));
    const [end] = buttonsOf(granted.body);
    const click = h.fake.button(h.staff, end!.custom_id, h.fake.messageFrom(granted.body, EPHEMERAL));
    const cb = await send(h, click);
    expect(cb.type).toBe(6);
    const edit = await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === click.token));
    expect(textOf(edit.body)).toContain("✅ Ended steward (sub-local SL-140) for Paul Kim.");
    expect(textOf(edit.body)).not.toContain("Decided by"); // only the clicker reads it
  });
});

describe("Discord poster", () => {
  it("posts to a channel with embeds, buttons and a file attachment", async () => {
    const poster = h.bot.posters.get("discord")!;
    const msg = await renderStandalone(h.bot.core, { ...reply.channel(reply.section("Weekly report", [{ label: "Open cases", value: "3" }]), reply.buttons({ label: "Ack", action: "unionhall.role.end", payload: { assignmentId: 1 } })), files: [{ name: "report.csv", mime: "text/csv", data: "a,b\n1,2\n" }] });
    const r = await poster.post({ platform: "discord", channelId: h.fake.channelId }, msg);
    const posted = h.fake.messages.find((m) => m.id === r.messageId)!;
    expect(posted.channelId).toBe(h.fake.channelId);
    expect(posted.body.embeds[0]).toMatchObject({ title: "Weekly report", fields: [{ name: "Open cases", value: "3", inline: true }] });
    expect(buttonsOf(posted.body)[0]!.custom_id).toMatch(/^uh:b:/);
    expect(posted.files).toHaveLength(1);
    expect(posted.files[0]!.filename).toBe("report.csv");
    expect(posted.files[0]!.data.toString("utf8")).toBe("a,b\n1,2\n");
    expect(posted.body.flags ?? 0).toBe(0);
  });

  it("delivers notices as direct messages through bot.notify", async () => {
    const sam = (await personByNumber(data(h.bot.store), "100002"))!;
    const before = h.fake.messages.length;
    await h.bot.notify([{ personId: sam.id, message: await renderStandalone(h.bot.core, reply.private(reply.text("Your request was approved."))) }], "discord");
    const dm = h.fake.dmChannels.get(h.steward.id);
    expect(dm).toBeDefined();
    const posted = h.fake.messages.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.channelId).toBe(dm);
    expect(textOf(posted[0]!.body)).toBe("Your request was approved.");
  });

  it("maps Discord's rate limit to RateLimitedError and a refused channel to PermanentDeliveryError", async () => {
    const poster = h.bot.posters.get("discord")!;
    const msg = await renderStandalone(h.bot.core, reply.channel(reply.text("hello")));
    h.fake.rateLimitNextPosts = 1;
    const limited = await poster.post({ platform: "discord", channelId: h.fake.channelId }, msg).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(2500);
    h.fake.forbidChannel("1311111111111111111");
    const refused = await poster.post({ platform: "discord", channelId: "1311111111111111111" }, msg).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentDeliveryError);
  });
});

describe("Discord: buttons in direct messages", () => {
  it("a card sent as a DM notice can be decided there; the clicker is known by their linked account", async () => {
    const sofia = (await personByNumber(data(h.bot.store), "100007"))!;
    const linh = (await personByNumber(data(h.bot.store), "100011"))!;
    const { grantRole } = await import("../../db/roles.ts");
    const row = await grantRole(h.bot.store, { personId: linh.id, role: "steward", office: null, scopeType: "sublocal", scopeId: "SL-083", startsAt: new Date(Date.UTC(2026, 0, 1)), grantedById: null });
    const card = reply.private(reply.text("Please review this role."), reply.buttons({ label: "End steward", action: "unionhall.role.end", payload: { assignmentId: row.id }, once: true }));
    const before = h.fake.messages.length;
    await h.bot.notify([{ personId: sofia.id, message: await renderStandalone(h.bot.core, card) }], "discord");
    const posted = h.fake.messages.slice(before)[0]!;
    expect(posted.channelId).toBe(h.fake.dmChannels.get(h.staff.id));
    const [b] = buttonsOf(posted.body);
    const click = h.fake.dmButton(h.staff, b!.custom_id, h.fake.messageFrom(posted.body), posted.channelId);
    h.fake.dispatch(click);
    // Always-defer mode in this file: the update is deferred, then the message is edited.
    const cb = await h.fake.callbackFor(click.id);
    expect(cb.type).toBe(6);
    const edit = await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === click.token));
    expect(textOf(edit.body)).toContain("✅ Ended steward (sub-local SL-083)");
    expect(textOf(edit.body)).not.toContain("Decided by"); // only the clicker reads it
  });
});
