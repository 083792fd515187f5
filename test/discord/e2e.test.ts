// End to end: the real bot and the real discord.js client against the local fake Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personByNumber } from "../../db/people.ts";
import { roleHistory } from "../../db/roles.ts";
import { listAudit } from "../../db/audit.ts";
import { buttonsOf, send, slash, startHarness, textOf, type Harness } from "./harness.ts";
import { data } from "../../db/data.ts";

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
    expect(h.bot.posters.get("discord")?.platform).toBe("discord");
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
    const pat = (await personByNumber(data(h.bot.store), "100004"))!;
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

describe("Discord end to end: help", () => {
  it("lists commands spelled as Discord shows them", async () => {
    const cb = await send(h, slash(h, h.staff, { name: "help" }, { area: "unionhall" }));
    const text = textOf(cb.data);
    expect(text).toContain("`/unionhall admin role-grant member:…");
    expect(text).toContain("`/unionhall admin link-code member:…`");
    expect(text).not.toContain("/unionhall admin role grant");
  });
});

describe("Discord end to end: commands in replies are written as Discord takes them", () => {
  it("help writes each command with its named options, not Slack's words in order", async () => {
    const cb = await send(h, slash(h, h.staff, { name: "help" }, { area: "grievance" }));
    const text = textOf(cb.data);
    expect(text).toContain("`/grievance respond ref:… [received:…] summary:…`");
    expect(text).toContain("`/grievance show ref:…`");
    expect(text).not.toMatch(/`\/grievance [a-z-]+ <[a-z]/);
  });

  it("a usage error writes the command as Discord takes it", async () => {
    const cb = await send(h, slash(h, h.staff, { group: "admin", name: "role-grant" }, { member: "100001" }));
    const text = textOf(cb.data);
    expect(text).toContain("`/unionhall admin role-grant member:… role:");
    expect(text).not.toContain("<member>");
  });

  it("a hint names the command with its option: /event show id:…", async () => {
    const cb = await send(h, h.fake.chatInput(h.steward, "event", [{ name: "list", type: 1, options: [] }]));
    const text = textOf(cb.data);
    expect(text).toContain("/event show id:");
    expect(text).not.toMatch(/\/event show (\d|NUMBER)/);
  });
});

describe("Discord end to end: hints about typing speak of option fields, not quotes", () => {
  it("a usage error says to fill each option's field, not to type the command alone or to quote", async () => {
    const cb = await send(h, slash(h, h.staff, { group: "admin", name: "role-grant" }, { member: "100001" }));
    const text = textOf(cb.data);
    expect(text).toContain("put each value in its option's field (no quotes needed), or run the command with no options to fill in a form");
    expect(text).not.toMatch(/quotes\)|in quotes|type the command alone/);
  });

  it.each([
    ["en-US", "no quotes needed", /quotes\.|in quotes/],
    ["es-ES", "sin comillas", /entre comillas/],
    ["vi", "không cần dấu ngoặc kép", /đặt chữ có khoảng trắng/],
    ["zh-CN", "不用加引号", /请加引号/],
    ["ru", "кавычки не нужны", /берите в кавычки/],
  ])("help in %s explains option fields the Discord way", async (locale, said, notSaid) => {
    const cb = await send(h, slash(h, h.staff, { name: "help" }, { area: "event" }, {}, locale));
    const text = textOf(cb.data);
    expect(text).toContain(said);
    expect(text).not.toMatch(notSaid);
  });
});

describe("Discord end to end: one's own action", () => {
  it("publishing one's own project update preview says it was published, not who decided it", async () => {
    const open = await send(h, h.fake.chatInput(h.staff, "project", [{ name: "post", type: 1, options: [] }]));
    expect(open.type).toBe(9);
    const preview = await send(h, h.fake.submitModal(h.staff, open, { title: "Scanning goes live", summary: "You can now scan your grievance forms at every worksite." }));
    expect(preview.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const publish = buttonsOf(preview.data).find((b) => b.label === "Publish")!;
    const done = await send(h, h.fake.button(h.staff, publish.custom_id, h.fake.messageFrom(preview.data, EPHEMERAL)));
    expect(done.type).toBe(7);
    expect(textOf(done.data)).toMatch(/Update #\d+ is published on the project page/);
    expect(textOf(done.data)).not.toContain("Decided by");
    expect(textOf(done.data)).not.toContain(`<@${h.staff.id}>`);
  });
});

describe("Discord end to end: autocomplete", () => {
  it("suggests scopes for /unionhall admin role grant within the deadline", async () => {
    const options = [{ name: "admin", type: 2, options: [{ name: "role-grant", type: 1, options: [{ name: "member", type: 3, value: "100001" }, { name: "scope", type: 3, value: "sl-0", focused: true }] }] }];
    // The fake refuses a callback after Discord's 3-second deadline (on its own clock).
    const cb = await send(h, h.fake.autocomplete(h.staff, "unionhall", options));
    expect(cb.type).toBe(8);
    const choices = cb.data.choices as { name: string; value: string }[];
    expect(choices).toEqual([{ name: "SL-083 — Salem State Workers", value: "SL-083" }]);
    const all = await send(h, h.fake.autocomplete(h.staff, "unionhall", [{ name: "admin", type: 2, options: [{ name: "role-grant", type: 1, options: [{ name: "scope", type: 3, value: "", focused: true }] }] }]));
    expect(new Set(all.data.choices.map((c: { value: string }) => c.value))).toEqual(new Set(["statewide", "SL-083", "SL-140", "SL-390", "SL-730", "SL-920"]));
  });

  it("suggests nothing to someone who may not run the command", async () => {
    const options = [{ name: "admin", type: 2, options: [{ name: "role-grant", type: 1, options: [{ name: "scope", type: 3, value: "", focused: true }] }] }];
    const cb = await send(h, h.fake.autocomplete(h.steward, "unionhall", options));
    expect(cb.type).toBe(8);
    expect(cb.data.choices).toEqual([]);
  });
});

describe("Discord end to end: modals", () => {
  it("opens a modal for a command run without options, rejects a bad value, then accepts a good one", async () => {
    const open = await send(h, slash(h, h.staff, { group: "admin", name: "role-grant" }));
    expect(open.type).toBe(9);
    const modal = open.data;
    expect(modal.custom_id).toMatch(/^uh:f:/);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    const labels = modal.components.filter((c: any) => c.type === 18);
    expect(labels.map((l: any) => l.component.custom_id)).toEqual(["member", "role", "scope", "until"]);
    const role = labels.find((l: any) => l.component.custom_id === "role").component;
    expect(role.type).toBe(3); // a string select inside a Label
    expect(role.options).toContainEqual(expect.objectContaining({ label: "steward", value: "steward" }));
    expect(labels.find((l: any) => l.component.custom_id === "member").component).toMatchObject({ type: 4, required: true });

    const maria = (await personByNumber(data(h.bot.store), "100001"))!;
    const rolesBefore = (await roleHistory(h.bot.store, maria.id)).length;
    // Filled in from the modal the bot sent, as Discord's client would send it back.
    const fields = (until: string) => ({ member: "100001", role: "steward", scope: "SL-083", until });
    const bad = await send(h, h.fake.submitModal(h.staff, open, fields("2026-02-30")));
    expect(bad.type).toBe(4);
    expect(bad.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(bad.data.content).toContain("Nothing was changed");
    expect(bad.data.content).toContain("**Until**: use a date like 2026-11-23");
    expect((await roleHistory(h.bot.store, maria.id)).length).toBe(rolesBefore);

    // "Correct the form" reopens the same modal with what was typed.
    const [fix] = buttonsOf(bad.data);
    expect(fix?.custom_id).toBe(`uh:m:${modal.custom_id.slice(5)}`);
    const again = await send(h, h.fake.button(h.staff, fix!.custom_id, h.fake.messageFrom(bad.data, EPHEMERAL)));
    expect(again.type).toBe(9);
    expect(again.data.custom_id).toBe(modal.custom_id);
    const refilled = again.data.components.filter((c: any) => c.type === 18).map((l: any) => l.component);
    expect(refilled.find((c: any) => c.custom_id === "until").value).toBe("2026-02-30");
    expect(refilled.find((c: any) => c.custom_id === "role").options.find((o: any) => o.value === "steward").default).toBe(true);

    const good = await send(h, h.fake.submitModal(h.staff, h.fake.lastModal(), fields("2099-12-31")));
    expect(good.type).toBe(4);
    expect(textOf(good.data)).toContain("✅ Granted steward (sub-local SL-083) to Maria Alvarez, member 100001.");
    const after = await roleHistory(h.bot.store, maria.id);
    expect(after.length).toBe(rolesBefore + 1);
  });
});

describe("Discord end to end: buttons", () => {
  it("a click ends the role and edits the private answer to show the decision, without announcing the clicker to herself", async () => {
    const granted = await send(h, slash(h, h.staff, { group: "admin", name: "role-grant" }, { member: "100005", role: "steward", scope: "SL-083" }));
    const [end] = buttonsOf(granted.data);
    const click = h.fake.button(h.staff, end!.custom_id, h.fake.messageFrom(granted.data, EPHEMERAL));
    const cb = await send(h, click);
    expect(cb.type).toBe(7);
    const text = textOf(cb.data);
    expect(text).toContain("✅ Ended steward (sub-local SL-083) for Tom Haddad.");
    expect(text).not.toContain("Decided by");
    expect(buttonsOf(cb.data)).toEqual([]); // the button is gone from the edited message
    const tom = (await personByNumber(data(h.bot.store), "100005"))!;
    expect((await roleHistory(h.bot.store, tom.id)).find((r) => r.role === "steward")?.endsAt).toBeInstanceOf(Date);
  });

  it("a double click decides once: one edit, one polite 'already decided'", async () => {
    // The list below shows the grant only once it is done: a slow grant is deferred and answered later.
    const grant = slash(h, h.staff, { group: "admin", name: "role-grant" }, { member: "100003", role: "steward", scope: "SL-390" });
    if ((await send(h, grant)).type === 5) await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === grant.token), undefined, "the grant's answer");
    const list = await send(h, slash(h, h.staff, { group: "admin", name: "role-list" }, { member: "100003" }));
    expect(textOf(list.data)).toContain("Roles of Carla Nguyen (member 100003)");
    const end = buttonsOf(list.data).find((b) => b.label === "End steward");
    expect(end?.custom_id).toMatch(/^uh:b:[A-Za-z0-9_-]{16}$/);
    const msg = h.fake.messageFrom(list.data, EPHEMERAL);
    const a = h.fake.button(h.staff, end!.custom_id, msg);
    const b = h.fake.button(h.staff, end!.custom_id, msg);
    h.fake.dispatch(a);
    h.fake.dispatch(b);
    const [ca, cbb] = await Promise.all([h.fake.callbackFor(a.id), h.fake.callbackFor(b.id)]);
    const types = [ca.type, cbb.type].sort();
    expect(types).toEqual([4, 7]);
    const second = ca.type === 4 ? ca : cbb;
    expect(second.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textOf(second.data)).toMatch(/already decided .*Nothing was changed/);
    const carla = (await personByNumber(data(h.bot.store), "100003"))!;
    const audit = await listAudit(h.bot.store, { actionPrefix: "role.revoke", limit: 100 });
    expect(audit.filter((e) => e.subjectId === String(carla.id))).toHaveLength(1);
    expect((await roleHistory(h.bot.store, carla.id)).filter((r) => r.role === "steward" && r.scopeId === "SL-390" && r.endsAt)).toHaveLength(1);
  });

  it("checks permission again at click time", async () => {
    const granted = await send(h, slash(h, h.staff, { group: "admin", name: "role-grant" }, { member: "100006", role: "steward", scope: "SL-390" }));
    const [end] = buttonsOf(granted.data);
    const cb = await send(h, h.fake.button(h.steward, end!.custom_id, h.fake.messageFrom(granted.data)));
    expect(cb.type).toBe(4);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textOf(cb.data)).toMatch(/only for: staff/);
    const dana = (await personByNumber(data(h.bot.store), "100006"))!;
    expect((await roleHistory(h.bot.store, dana.id)).find((r) => r.role === "steward")?.endsAt).toBeNull();
  });
});

describe("Discord end to end: identity and locale", () => {
  it("links a new Discord user with a one-time code from staff, once", async () => {
    const newcomer = { id: "1288888888888888888" };
    const before = await send(h, slash(h, newcomer, { name: "whoami" }));
    expect(textOf(before.data)).toContain("Your account isn't linked yet");
    expect(textOf(before.data)).toContain(newcomer.id);

    const issued = await send(h, slash(h, h.staff, { group: "admin", name: "link-code" }, { member: "100030" }));
    const code = /`([A-Z0-9]{8})`/.exec(textOf(issued.data))?.[1];
    expect(code).toMatch(/^[A-Z0-9]{8}$/);

    const wrong = await send(h, slash(h, newcomer, { name: "link" }, { code: "NOTACODE" }));
    expect(wrong.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textOf(wrong.data)).toContain("That code isn't valid");

    const ok = await send(h, slash(h, newcomer, { name: "link" }, { code: code! }));
    expect(textOf(ok.data)).toContain("your account is now linked to member 100030");
    const who = await send(h, slash(h, newcomer, { name: "whoami" }));
    expect(who.data.embeds[0].fields).toContainEqual(expect.objectContaining({ name: "Member number", value: "100030" }));

    const reuse = await send(h, slash(h, { id: "1277777777777777777" }, { name: "link" }, { code: code! }));
    expect(textOf(reuse.data)).toContain("That code isn't valid");
  });

  it("opens the self-link form as a modal when /unionhall link is run without a code", async () => {
    const open = await send(h, slash(h, { id: "1266666666666666666" }, { name: "link" }));
    expect(open.type).toBe(9);
    expect(open.data.components.filter((c: any) => c.type === 18).map((l: any) => l.component.custom_id)).toEqual(["code"]);
  });

  it("answers unknown commands politely", async () => {
    const cb = await send(h, h.fake.chatInput(h.staff, "nosuch", [{ name: "thing", type: 1, options: [] }]));
    expect(cb.type).toBe(4);
    expect(cb.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textOf(cb.data)).toContain("I don't know the command /nosuch thing");
  });
});
