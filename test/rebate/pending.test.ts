// The treasury's items in `/unionhall pending`, as each person reads the list: staff see what waits
// for treasury staff (never what they asked for, signed or opened themselves), officers see what
// waits for their signature (never their own request, even holding both offices), and each item
// says since when it has waited: a co-signed request since its signature.
import { beforeEach, describe, expect, it } from "vitest";
import type { LinkedCtx } from "../../commands/core/command.ts";
import { makeCtx, type Outcome } from "../../commands/core/dispatch.ts";
import { resolveCaller } from "../../commands/core/identity.ts";
import { rebateFeature } from "../../commands/rebate/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { button, fileRequest, noticeFor, PERSONAS, personaIds, text, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

const HOUR = 3600_000;

async function grant(member: string, choice: string, scope: string) {
  const r = await w.run("sofia", `/unionhall admin role grant ${member} ${choice} ${scope}`);
  expect(text(r)).not.toMatch(/⚠️/);
}

/** The numbered titles of one's pending list, each with the line saying since when it waits. */
async function pendingOf(who: string): Promise<string[]> {
  const r: Outcome = await w.run(who, "/unionhall pending");
  const out: string[] = [];
  for (const b of r.reply.blocks) {
    if ((b.type === "section" && /^\d+\. /.test(b.title ?? "")) || (b.type === "text" && /^\d+\. /.test(b.text))) out.push(b.type === "section" ? b.title! : b.text);
    else if (b.type === "context" && b.text.startsWith("waiting since") && out.length) out[out.length - 1] += ` | ${b.text}`;
  }
  return out.filter((x) => /Statement|Payment|Dispute/.test(x));
}

describe("staff's pending list", () => {
  it("holds each kind that waits for staff, a co-signed request since its signature, oldest first", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    const filed = await fileRequest(w, "tom");
    w.clock.advance(2 * HOUR);
    await w.run("tom", "/rebate statement 2026-10");
    w.clock.advance(2 * HOUR);
    await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    w.clock.advance(HOUR);
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    expect(await pendingOf("sofia")).toEqual([
      "1. Statement request #1 (SL-083) | waiting since Mon, Nov 23, 2026, 11:00 AM PST",
      "2. Payment request #1 (SL-083) | waiting since Mon, Nov 23, 2026, 1:00 PM PST",
      "3. Dispute #1 (SL-083) | waiting since Mon, Nov 23, 2026, 2:00 PM PST",
    ]);
  });

  it("leaves out a statement staff asked for themselves, and what they signed or opened as an officer", async () => {
    await grant(PERSONAS.pat, "staff", "statewide");
    await grant(PERSONAS.tom, "staff", "statewide");
    await w.run("sofia", "/rebate statement 2026-10 SL-083");
    const filed = await fileRequest(w, "tom");
    await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    const opened = await w.form("pat", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    expect((await pendingOf("sofia")).map((x) => x.split(" | ")[0])).toEqual(["1. Payment request #1 (SL-083)", "2. Dispute #1 (SL-083)"]);
    // Pat signed the request and opened the dispute; Tom filed the request.
    expect((await pendingOf("pat")).map((x) => x.split(" | ")[0])).toEqual(["1. Statement request #1 (SL-083)"]);
    expect((await pendingOf("tom")).map((x) => x.split(" | ")[0])).toEqual(["1. Statement request #1 (SL-083)", "2. Dispute #1 (SL-083)"]);
  });
});

describe("an officer's pending list", () => {
  it("holds what waits for their signature only, never staff's items", async () => {
    await w.run("tom", "/rebate statement 2026-10");
    const filed = await fileRequest(w, "tom");
    expect(await pendingOf("pat")).toEqual([expect.stringMatching(/^1\. Payment request #1 \(SL-083\)/)]);
    expect(await pendingOf("tom")).toEqual([]);
    await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    expect(await pendingOf("pat")).toEqual([]);
    expect(await pendingOf("tom")).toEqual([]);
  });

  it("never their own request, even holding the other office as well", async () => {
    await grant(PERSONAS.tom, "sublocal_president", "SL-083");
    await fileRequest(w, "tom");
    expect(await pendingOf("tom")).toEqual([]);
    expect((await pendingOf("pat")).map((x) => x.split(" | ")[0])).toEqual(["1. Payment request #1 (SL-083)"]);
  });
});

describe("the handoff packet", () => {
  it("counts this year's entries by kind, not the ledger's whole history", async () => {
    const actor = { platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: "pat", locale: "en" };
    const ctx = makeCtx(w.core, actor, await resolveCaller(w.store, actor, w.clock.now())) as LinkedCtx;
    const section = (await rebateFeature.handoff!(ctx, { id: 1, code: "SL-083", name: "Salem State Workers" }))!;
    // The demo ledger starts in January 2025; these are its 2026 entries only.
    expect(section.markdown).toContain("- **Rebate deposit (2026):** $18,162.50\n- **Payment (2026):** -$950.00\n- **Expense reimbursement (2026):** -$455.00\n");
  });
});
