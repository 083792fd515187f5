// Treasury staff's two settings as they type them: where approval cards go (`/rebate channel`,
// in any of the ways a channel is written, or back to direct messages), and the monthly statement
// (`/rebate auto`), which needs a treasurer to send it to.
import { beforeEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { listAudit } from "../../db/audit.ts";
import { findJobs, listRules } from "../../db/jobs.ts";
import { treasuryChannel } from "../../db/rebate-requests.ts";
import { accountByCode } from "../../db/rebate.ts";
import { CARD_JOB } from "../../commands/rebate/route.ts";
import { AUTO_CRON, AUTO_JOB, autoKey } from "../../commands/rebate/staff.ts";
import { personaIds, text, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

const cardsInChannel = async () => (await findJobs(data(w.store), { status: "pending" })).filter((j) => j.kind === CARD_JOB);

describe("/rebate channel", () => {
  it.each([
    ["#treasury", "treasury"],
    ["treasury-2026", "treasury-2026"],
    ["<#C0TREAS>", "C0TREAS"],
    ["<#C0TREAS|treasury>", "C0TREAS"],
    // Channels whose names merely contain "dm" or start with "direct" are channels.
    ["#treasury-dm", "treasury-dm"],
    ["direct-deposits", "direct-deposits"],
  ])("%j sends the next cards to channel %s, not to staff's direct messages", async (typed, channelId) => {
    expect(text(await w.run("sofia", `/rebate channel ${typed}`))).toMatch(new RegExp(`Treasury approval cards will go to #${channelId}\\.`));
    expect(await treasuryChannel(data(w.store), "web")).toMatchObject({ channelId });
    const asked = await w.run("tom", "/rebate statement 2026-10");
    expect(asked.notices).toEqual([]);
    // Nobody is told that no one will decide it: the channel will.
    expect(text(asked)).not.toMatch(/Nobody on treasury staff/);
    expect((await cardsInChannel()).map((j) => ({ platform: j.platform, channelId: j.channelId, payload: JSON.parse(j.payload) }))).toEqual([{ platform: "web", channelId, payload: { type: "statement", id: 1 } }]);
    const set = (await listAudit(w.store, { action: "rebate.channel.set" })).map((a) => JSON.parse(a.details as string));
    expect(set).toEqual([{ platform: "web", channelId }]);
  });

  it.each(["dm", "DM", "direct", "off", "None"])("%j takes the cards back to each staff member's direct messages", async (typed) => {
    await w.run("sofia", "/rebate channel #treasury");
    expect(text(await w.run("sofia", `/rebate channel ${typed}`))).toMatch(/will go to each treasury staff member as a direct message/);
    expect(await treasuryChannel(data(w.store), "web")).toBeUndefined();
    const asked = await w.run("tom", "/rebate statement 2026-10");
    expect(asked.notices.map((n) => n.personId)).toEqual([id.sofia]);
    expect(await cardsInChannel()).toEqual([]);
    const cleared = await listAudit(w.store, { action: "rebate.channel.clear" });
    expect(cleared.map((a) => JSON.parse(a.details as string))).toEqual([{ platform: "web" }]);
  });

  it.each(["#two words", "#bad!", "<#C0TREAS", "x<#C0TREAS>", "<#C0TREAS>x", "https://example.org/treasury"])("%j is not a channel: nothing changes", async (typed) => {
    await w.run("sofia", "/rebate channel #treasury");
    expect(text(await w.run("sofia", `/rebate channel "${typed}"`))).toMatch(/name a channel, like #stewards/);
    expect(await treasuryChannel(data(w.store), "web")).toMatchObject({ channelId: "treasury" });
  });

  it("an officer can't choose it", async () => {
    expect(text(await w.run("tom", "/rebate channel #treasury"))).toMatch(/Sorry/);
    expect(await treasuryChannel(data(w.store), "web")).toBeUndefined();
  });
});

describe("/rebate auto", () => {
  it("on: a monthly rule for the 1st at 08:00 local, addressed to the sub-local's treasurer; off stops it", async () => {
    await w.run("sofia", "/rebate auto sl-083 on");
    const rule = (await listRules(data(w.store))).find((r) => r.idempotencyKey === autoKey("SL-083"))!;
    expect(rule).toMatchObject({ kind: AUTO_JOB, cron: AUTO_CRON, active: 1, personId: id.tom, timeZone: "America/Los_Angeles" });
    expect(JSON.parse(rule.payload)).toEqual({ code: "SL-083" });
    expect((await accountByCode(data(w.store), "SL-083"))!.autoStatement).toBe(1);
    const [on] = await listAudit(w.store, { action: "rebate.auto.on" });
    expect(on).toMatchObject({ actorPersonId: id.sofia, subjectType: "sublocal", subjectId: "SL-083" });
    expect(JSON.parse(on!.details)).toMatchObject({ treasurerId: id.tom, ruleId: rule.id });
    expect(text(await w.run("sofia", "/rebate auto SL-083 off"))).toMatch(/Automatic statements for SL-083 are turned off/);
    expect(await listAudit(w.store, { action: "rebate.auto.off" })).toEqual([expect.objectContaining({ actorPersonId: id.sofia, subjectType: "sublocal", subjectId: "SL-083" })]);
    expect((await listRules(data(w.store))).find((r) => r.idempotencyKey === autoKey("SL-083"))).toMatchObject({ active: 0 });
    expect((await accountByCode(data(w.store), "SL-083"))!.autoStatement).toBe(0);
  });

  it("with no treasurer on record, staff are told so and nothing is scheduled", async () => {
    await w.run("sofia", "/unionhall admin role revoke 100005 sublocal_treasurer SL-083");
    expect(text(await w.run("sofia", "/rebate auto SL-083 on"))).toMatch(/SL-083 has no treasurer on record to send statements to/);
    expect((await listRules(data(w.store))).filter((r) => r.kind === AUTO_JOB)).toEqual([]);
    expect((await accountByCode(data(w.store), "SL-083"))!.autoStatement).toBe(0);
  });
});

describe("who decides when nobody holds a treasury role", () => {
  it("with no staff left, the executive director's own request reaches nobody, and she is told so", async () => {
    await w.run("elena", "/unionhall admin role revoke 100007 staff");
    const asked = await w.run("elena", "/rebate statement 2026-10 SL-083");
    expect(asked.notices).toEqual([]);
    expect(text(asked)).toMatch(/Nobody on treasury staff is on record to decide it yet/);
  });
});
