// Kept replies (help for one language, platform and set of roles): built and rendered once, frozen
// so no receiver can change what the next person gets, and never kept past what they depend on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, handleCommand, type Core } from "../../commands/core/dispatch.ts";
import { materialize } from "../../commands/core/render.ts";
import { reply } from "../../commands/core/reply.ts";
import { MEMO_LIMIT, memoReply } from "../../commands/core/reply-memo.ts";
import { features } from "../../commands/index.ts";
import { data } from "../../db/data.ts";
import { personByNumber } from "../../db/people.ts";
import { grantRole } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import { tempStore, web } from "../helpers/store.ts";

let store: Store;
let core: Core;
beforeAll(async () => {
  store = await tempStore({ seed: true });
  core = createCore({ store, features });
});
afterAll(async () => {
  await store.close();
});

const help = async (who: string, locale = "en") => (await handleCommand(core, { actor: { ...web(who), locale }, text: "/unionhall help" })).reply;

describe("kept replies", () => {
  it("are rendered once for everyone who asks alike, and frozen", async () => {
    const first = await help("maria");
    const again = await help("maria");
    expect(again).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.blocks) && Object.isFrozen(first.blocks[0])).toBe(true);
    expect(() => (first.blocks as unknown[]).push({ type: "text", text: "changed" })).toThrow(TypeError);
    expect((await help("maria")).fallbackText).toBe(first.fallbackText);
  });

  it("differ by language and by roles, and a role granted since shows at once", async () => {
    const member = await help("maria");
    expect((await help("maria", "es")).fallbackText).not.toBe(member.fallbackText);
    expect(member.fallbackText).not.toContain("admin role grant");
    expect((await help("sofia")).fallbackText).toContain("admin role grant");
    const maria = await personByNumber(data(store), "100001");
    await grantRole(store, { personId: maria!.id, role: "staff", scopeType: "statewide", scopeId: null, startsAt: new Date(Date.now() - 60_000), grantedById: null });
    expect((await help("maria")).fallbackText).toContain("admin role grant");
  });

  it("with buttons still get tokens of their own each time they are sent", async () => {
    const owner = {};
    const kept = memoReply(owner, "with-buttons", () => reply.private(reply.text("Pick"), reply.buttons({ label: "Yes", action: "demo.yes" })));
    expect(memoReply(owner, "with-buttons", () => reply.private(reply.text("other")))).toBe(kept);
    const a = await materialize(data(store), kept, null, new Date());
    const b = await materialize(data(store), kept, null, new Date());
    const token = (r: typeof a) => r.blocks.flatMap((x) => (x.type === "buttons" ? x.buttons.map((y) => y.token) : []))[0];
    expect(token(a)).toBeTruthy();
    expect(token(b)).not.toBe(token(a));
  });

  it("are bounded: past the limit the oldest goes", () => {
    const owner = {};
    const first = memoReply(owner, "k0", () => reply.private(reply.text("0")));
    for (let i = 1; i <= MEMO_LIMIT; i++) memoReply(owner, `k${i}`, () => reply.private(reply.text(String(i))));
    expect(memoReply(owner, "k0", () => reply.private(reply.text("0")))).not.toBe(first);
    expect(memoReply(owner, `k${MEMO_LIMIT}`, () => reply.private(reply.text("new")))).toMatchObject({ blocks: [{ text: String(MEMO_LIMIT) }] });
  });
});
