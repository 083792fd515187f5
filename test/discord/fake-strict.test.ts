// The fake Discord refuses what Discord refuses (rules and sources: test/fakes/discord-rules.ts,
// from github.com/discord/discord-api-spec specs/openapi.json), and the real bot meets those rules:
// a second answer to one interaction, an edit before any answer, a late answer, an expired token,
// over-long payloads, a DM to someone who does not accept them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PermanentDeliveryError } from "../../bot/outbox.ts";
import { renderStandalone } from "../../commands/core/dispatch.ts";
import { CALLBACK_DEADLINE_MS, TOKEN_LIFETIME_MS } from "../fakes/discord.ts";
import { DISCORD_LIMITS, messageProblems, modalProblems } from "../fakes/discord-rules.ts";
import { expectedRefusals, send, slash, startHarness, textOf, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${h.fake.apiUrl}/v10${path}`, { method, headers: { "content-type": "application/json", authorization: "Bot fake-bot-token" }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    json: r.status === 204 ? null : ((await r.json()) as { code: number; message: string }),
  }));

/** An interaction the bot never sees: the test answers it itself, to provoke the fake. */
function quiet() {
  const i = h.fake.chatInput(h.stranger, "nosuchcommand", []);
  h.fake.dispatch(i);
  return i;
}
const provoked = () => {
  for (const r of h.fake.refused) expectedRefusals.add(r);
};

describe("the fake Discord refuses what Discord refuses", () => {
  it("a second callback for one interaction: 40060", async () => {
    const i = quiet();
    await h.fake.callbackFor(i.id).catch(() => undefined); // the bot answers (unknown command) first
    const again = await api("POST", `/interactions/${i.id}/${i.token}/callback`, { type: 4, data: { content: "twice" } });
    provoked();
    expect(again).toMatchObject({ status: 400, json: { code: 40060 } });
  });

  it("an edit of @original or a follow-up before any callback: Unknown Message / Unknown Webhook", async () => {
    const i = h.fake.chatInput(h.stranger, "unionhall", []);
    // Registered but never delivered to the bot, so nothing answers it.
    h.fake["live"].set(i.id, { interaction: i, createdAt: h.fake.now(), answered: null });
    h.fake["byToken"].set(i.token, h.fake["live"].get(i.id)!);
    const edit = await api("PATCH", `/webhooks/${h.fake.applicationId}/${i.token}/messages/@original`, { content: "too early" });
    const follow = await api("POST", `/webhooks/${h.fake.applicationId}/${i.token}`, { content: "too early" });
    provoked();
    expect(edit).toMatchObject({ status: 404, json: { code: 10008 } });
    expect(follow).toMatchObject({ status: 404, json: { code: 10015 } });
  });

  it("a callback after the 3-second deadline: Unknown interaction (10062), and the bot carries on", async () => {
    const late = slash(h, h.staff, { name: "whoami" });
    const before = h.fake.refused.length;
    h.fake.dispatch(late, { ageMs: CALLBACK_DEADLINE_MS });
    await h.fake.waitFor(() => h.fake.refused.length > before, 8000, "the late callback");
    provoked();
    expect(h.fake.refused.at(-1)).toMatchObject({ status: 404, code: 10062 });
    expect(h.fake.callbacks.find((c) => c.interactionId === late.id)).toBeUndefined();
    // The next interaction, on time, is answered as usual.
    const ok = await send(h, slash(h, h.staff, { name: "whoami" }));
    expect(textOf(ok.data)).toContain("Sofia Chen");
  });

  it("a follow-up or edit after the token's 15 minutes: Invalid Webhook Token (50027)", async () => {
    const i = slash(h, h.staff, { name: "whoami" });
    await send(h, i);
    h.fake.advance(TOKEN_LIFETIME_MS);
    const edit = await api("PATCH", `/webhooks/${h.fake.applicationId}/${i.token}/messages/@original`, { content: "late" });
    provoked();
    expect(edit).toMatchObject({ status: 401, json: { code: 50027 } });
  });

  it("payloads over Discord's limits: Invalid Form Body (50035)", async () => {
    const i = slash(h, h.staff, { name: "whoami" });
    await send(h, i);
    const long = await api("POST", `/webhooks/${h.fake.applicationId}/${i.token}`, { content: "x".repeat(DISCORD_LIMITS.interactionContent + 1) });
    provoked();
    expect(long).toMatchObject({ status: 400, json: { code: 50035 } });
    const row = (n: number) => ({ type: 1, components: Array.from({ length: n }, (_, k) => ({ type: 2, style: 1, label: `b${k}`, custom_id: `c${n}-${k}` })) });
    expect(messageProblems({ content: "x", components: [row(6)] })).toEqual(["components[0]: 1–5 components per row (has 6)"]);
    expect(messageProblems({ content: "x", components: [row(1), row(2), row(3), row(4), row(5), { type: 1, components: [{ type: 2, style: 1, label: "z", custom_id: "z" }] }] })).toEqual(["components: at most 5 action rows (has 6)"]);
    expect(messageProblems({ components: [{ type: 1, components: [{ type: 2, style: 1, label: "L".repeat(81), custom_id: "c".repeat(101) }] }] })).toEqual([
      "components[0].components[0].custom_id: must be 1–100 characters (has 101)",
      "components[0].components[0].label: must be 0–80 characters (has 81)",
    ]);
    const options = Array.from({ length: 26 }, (_, k) => ({ label: `o${k}`, value: `v${k}` }));
    expect(messageProblems({ content: "x", components: [{ type: 1, components: [{ type: 3, custom_id: "s", options }] }] })).toEqual(["components[0].components[0].options: 1–25 options (has 26)"]);
    expect(modalProblems({ custom_id: "m", title: "T".repeat(46), components: [{ type: 18, label: "a", component: { type: 4, custom_id: "a", style: 1 } }] })).toEqual(["title: must be 1–45 characters (has 46)"]);
    expect(messageProblems({ embeds: [{ title: "t", description: "d".repeat(4097) }] })).toEqual(["embeds[0].description: must be 0–4096 characters (has 4097)"]);
    expect(messageProblems({ embeds: Array.from({ length: 2 }, () => ({ description: "d".repeat(3001) })) })).toEqual(["embeds: at most 6000 characters in all (has 6002)"]);
    expect(messageProblems({})).toEqual(["message: cannot send an empty message (content, embeds, components or files)"]);
  });

  it("a DM to someone who does not accept DMs fails with 50007, a permanent failure for the poster", async () => {
    const closed = { id: "1300000000000099999" };
    h.fake.closeDms(closed.id);
    const poster = h.bot.posters.get("discord")!;
    const message = await renderStandalone(h.bot.core, { visibility: "private", blocks: [{ type: "text", text: "Your request was approved" }] });
    const err = await poster.post({ platform: "discord", userId: closed.id, channelId: null }, message).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(String((err as Error).message)).toContain("50007");
    expect(h.fake.refused.at(-1)).toMatchObject({ code: 50007, provoked: true });
  });
});
