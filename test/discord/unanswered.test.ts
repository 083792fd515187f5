// Every interaction Discord sends is answered within its 3 s, known or not: a button or select
// menu of an older version of the bot, a form the bot no longer knows, a button whose action is
// gone. Unanswered, the person would read "This interaction failed"; instead they are told
// privately, in their language, that it no longer works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUTTON_PREFIX } from "../../adapters/discord/render.ts";
import type { FakeUser } from "../fakes/discord.ts";
import { linkDiscord, send, startHarness, textOf, type Harness } from "./harness.ts";

let h: Harness;
let pat: FakeUser;

beforeAll(async () => {
  h = await startHarness();
  pat = await linkDiscord(h.bot, h.fake, "100004");
}, 60_000);
afterAll(() => h?.stop());

const oldMessage = () => h.fake.messageFrom({ content: "Pending: request 17", components: [{ type: 1, components: [{ type: 2, style: 3, label: "Approve", custom_id: "approve:17" }] }] });

/** The person was answered privately (ephemeral, flag 64) at once, saying what no longer works. */
function toldPrivately(cb: { type: number; data: any }, says: string) {
  expect(cb.type).toBe(4);
  expect(cb.data.flags & 64).toBe(64);
  expect(textOf(cb.data)).toContain(says);
}

describe("interactions the bot no longer knows, on Discord", () => {
  it("a button from an older version of the bot: told privately, in Vietnamese", async () => {
    toldPrivately(await send(h, h.fake.button(pat, "approve:17", oldMessage(), "vi")), "Nút đó không còn hoạt động");
  });

  it("a select menu the bot no longer sends", async () => {
    const i = { ...h.fake.button(pat, "pick_event", oldMessage()), data: { custom_id: "pick_event", component_type: 3, values: ["3"] } };
    toldPrivately(await send(h, i), "That button no longer works");
  });

  it("a form the bot no longer knows", async () => {
    const i = h.fake.modalSubmit(pat, "file_grievance_v1", [{ type: 1, components: [{ type: 4, custom_id: "narrative", value: "x" }] }], "es-ES");
    toldPrivately(await send(h, i), "Este formulario venció");
  });

  it("a button of ours whose action is gone: the core's answer, privately", async () => {
    const cb = await send(h, h.fake.button(pat, `${BUTTON_PREFIX}no-such-token`, oldMessage()));
    const text = cb.type === 4 ? textOf(cb.data) : textOf((await h.fake.waitFor(() => h.fake.followUps.find((f) => f.token === cb.token) ?? h.fake.edits.find((e) => e.token === cb.token), 20_000, "the answer")).body);
    expect(text).toContain("This button has expired or is no longer valid");
  });
});
