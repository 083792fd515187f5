// The "done when", through the real discord.js client and the local fake Discord: an
// officer acknowledges the agreement and requests access in a modal, the sub-local president
// approves with a button in a direct message, the officer sees exactly the allowed fields, and the
// president sees the access in /contacts audit.
import { afterAll, beforeAll, expect, it } from "vitest";
import { buttonsOf, linkDiscord, send, startHarness, textOf, type Harness } from "../discord/harness.ts";
import type { FakeUser } from "../fakes/discord.ts";
import { TEST_KEY } from "./setup.ts";

let h: Harness;
let tom: FakeUser;
let pat: FakeUser;

beforeAll(async () => {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  h = await startHarness();
  tom = await linkDiscord(h.bot, h.fake, "100005");
  pat = await linkDiscord(h.bot, h.fake, "100004");
});
afterAll(async () => {
  await h?.stop();
});

const contacts = (user: FakeUser, name: string, options: { name: string; type: number; value: string | number }[] = []) =>
  send(h, h.fake.chatInput(user, "contacts", [{ name, type: 1, options }]));

it("officer requests, president approves in a DM, officer sees only the allowed fields, president sees the access", async () => {
  const agreement = await contacts(tom, "agreement");
  const ack = buttonsOf(agreement.data).find((b) => /acknowledge/i.test(b.label))!;
  const acked = await send(h, h.fake.button(tom, ack.custom_id, h.fake.messageFrom(agreement.data, 64)));
  expect(textOf(acked.data)).toMatch(/acknowledgement of version 1 was recorded/);

  const open = await contacts(tom, "request");
  expect(open.type).toBe(9); // a modal
  const modal = open.data;
  const ids = modal.components.filter((c: any) => c.type === 18).map((l: any) => l.component.custom_id);
  expect(ids).toEqual(["scope", "purpose", "classification", "justification", "days"]);
  // Filled in from the modal the bot sent (the fake refuses fields it did not show).
  const page1 = await send(h, h.fake.submitModal(tom, open, { scope: "sublocal:SL-083", purpose: "email", classification: "", justification: "Invite members to the ratification meeting next Tuesday.", days: "7" }));
  // Page 2, the requester's promise, opens from a button (Discord can't answer a modal with a modal).
  expect(textOf(page1.data)).toBe("📝 Your promise");
  const [next] = buttonsOf(page1.data);
  const promise = await send(h, h.fake.button(tom, next!.custom_id, h.fake.messageFrom(page1.data, 64)));
  expect(promise.type).toBe(9);
  const submitted = await send(h, h.fake.submitModal(tom, promise, { attest: "confirm" }));
  expect(textOf(submitted.data)).toMatch(/Request #1 was sent/);

  // The card reaches Pat as a direct message.
  const dm = await h.fake.waitFor(() => {
    const ch = h.fake.dmChannels.get(pat.id);
    return ch ? h.fake.messages.find((m) => m.channelId === ch && /Contact access request #1/.test(textOf(m.body))) : undefined;
  });
  const approve = buttonsOf(dm.body).find((b) => b.label === "Approve")!;
  const decided = await send(h, h.fake.dmButton(pat, approve.custom_id, { ...h.fake.messageFrom(dm.body), id: dm.id, channel_id: dm.channelId }, dm.channelId));
  expect(textOf(decided.data)).toMatch(/approved by Pat Larsen/);
  await h.fake.waitFor(() => {
    const ch = h.fake.dmChannels.get(tom.id);
    return ch ? h.fake.messages.find((m) => m.channelId === ch && /Your request #1 was approved/.test(textOf(m.body))) : undefined;
  });

  const list = await contacts(tom, "list");
  const t = textOf(list.data);
  expect(list.data.flags & 64).toBe(64); // only Tom sees it
  expect(t).toMatch(/work e-mail: .*@example\.gov/);
  expect(t).not.toMatch(/work phone|home\.example|Demo St/);

  const audit = await contacts(pat, "audit");
  expect(textOf(audit.data)).toMatch(/Tom Haddad \(member 100005\) listed/);
});
