import { describe, expect, it } from "vitest";
import { arg, argsSchema, parseUserMention } from "../../commands/core/args.ts";
import { parseTextArgs, tokenize } from "../../commands/core/text.ts";

describe("tokenize", () => {
  it("keeps straight and curly quoted phrases together", () => {
    expect(tokenize(`grant 100001 "region:Mid Valley" “late shift” now`)).toEqual(["grant", "100001", "region:Mid Valley", "late shift", "now"]);
  });
});

describe("parseTextArgs", () => {
  const specs = { member: arg.member("d"), role: arg.choice("d", ["steward", "staff"] as const), note: arg.optional(arg.string("d", { rest: true })) };
  it("fills positional arguments in order and gives the rest to a rest argument", () => {
    expect(parseTextArgs(specs, ["100001", "steward", "covers", "night", "shift"])).toEqual({ ok: true, raw: { member: "100001", role: "steward", note: "covers night shift" } });
  });
  it("accepts name:value in any order", () => {
    expect(parseTextArgs(specs, ["role:staff", "100001"])).toEqual({ ok: true, raw: { member: "100001", role: "staff" } });
  });
  it("reports an unexpected extra word", () => {
    const r = parseTextArgs({ a: arg.string("d"), b: arg.string("d") }, ["x", "y", "z"]);
    expect(r).toEqual({ ok: false, problem: "tooMany", token: "z" });
  });
});

describe("argument schemas", () => {
  it("parse Slack, Discord and playground mentions", () => {
    expect(parseUserMention("<@U123ABC|maria>")).toBe("U123ABC");
    expect(parseUserMention("<@!81234567890>")).toBe("81234567890");
    expect(parseUserMention("@maria")).toBe("maria");
    expect(parseUserMention("maria")).toBeNull();
  });
  it("validate choices, integers, dates and members with clear failures", () => {
    const s = argsSchema({ role: arg.choice("d", ["steward", "chief_steward"] as const), n: arg.integer("d", { min: 1, max: 5 }), d: arg.date("d"), m: arg.member("d") });
    expect(s.parse({ role: "Chief Steward", n: "3", d: "2026-02-28", m: "<@U1>" })).toEqual({ role: "chief_steward", n: 3, d: "2026-02-28", m: { userId: "U1" } });
    const bad = s.safeParse({ role: "boss", n: "9", d: "2026-02-30", m: "nobody here" });
    expect(bad.success).toBe(false);
    const fields = new Set(bad.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["role", "n", "d", "m"]));
  });
  it("treat empty strings as not given", () => {
    const s = argsSchema({ a: arg.optional(arg.string("d")) });
    expect(s.parse({ a: "  " })).toEqual({ a: undefined });
  });
});
