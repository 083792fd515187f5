// Pure: registry → Discord application command JSON, and interaction options → path and options.
import { describe, expect, it } from "vitest";
import { usageLine } from "../../commands/core/usage.ts";
import { addressOf, buildCommands, discordSpelling, DiscordCommandError, parseInvocation, textSize } from "../../adapters/discord/commands.ts";
import { discordCommandsJson } from "../../bot/cli/discord-register.ts";
import { arg } from "../../commands/core/args.ts";
import { defineCommand, type Feature } from "../../commands/core/command.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { createRegistry } from "../../commands/core/registry.ts";
import { reply } from "../../commands/core/reply.ts";
import { features } from "../../commands/index.ts";

const run = () => reply.private(reply.text("ok"));

function feature(over: Partial<Feature> & { commands: Feature["commands"] }, strings: Record<string, unknown> = {}): Feature {
  return {
    area: "demo",
    description: "demo.description",
    strings: { en: { demo: { description: "A demo area", d: "Does a thing", a: "An argument", ...strings } } } as Feature["strings"],
    ...over,
  };
}

function build(f: Feature) {
  const registry = createRegistry([f]);
  return { registry, json: buildCommands(registry, createTranslator(registry.strings).forLocale("en")) };
}

describe("buildCommands", () => {
  const cmds = [
    defineCommand({ path: ["demo", "ping"], description: "demo.d", args: {}, access: { anyone: true }, run }),
    defineCommand({
      path: ["demo", "case", "show"],
      description: "demo.d",
      args: { ref: arg.string("demo.a", { maxLength: 30, autocomplete: "demo.refs" }), n: arg.optional(arg.integer("demo.a", { min: 1, max: 9 })) },
      access: { anyone: true },
      run,
    }),
    defineCommand({
      path: ["demo", "case", "note", "add"],
      description: "demo.d",
      args: { who: arg.user("demo.a"), where: arg.channel("demo.a"), ok: arg.optional(arg.boolean("demo.a")), kind: arg.choice("demo.a", ["a_b", "c"]), on: arg.optional(arg.date("demo.a")), m: arg.member("demo.a") },
      access: { anyone: true },
      run,
    }),
  ];
  // A choice declared without labels is labelled from <area>.choices.<argument>.<value>.
  const f = feature({ commands: cmds, autocompletes: [{ id: "demo.refs", access: { anyone: true }, suggest: () => [] }] }, { choices: { kind: { a_b: "a b", c: "c" } } });

  it("makes one top-level command per area, with subcommands and groups by path length", () => {
    const { json } = build(f);
    expect(json).toHaveLength(1);
    const top = json[0]!;
    expect(top).toMatchObject({ name: "demo", description: "A demo area", type: 1, contexts: [0] });
    expect(top.options!.map((o) => [o.name, o.type])).toEqual([
      ["ping", 1],
      ["case", 2],
    ]);
    const group = top.options![1] as any;
    expect(group.options.map((o: any) => o.name)).toEqual(["show", "note-add"]);
    expect(group.description).toBe("show, note-add");
  });

  it("turns each argument kind into a typed option with its description and limits", () => {
    const { json } = build(f);
    const group = json[0]!.options![1] as any;
    const show = group.options[0];
    expect(show.options).toEqual([
      { name: "ref", description: "An argument", required: false, type: 3, max_length: 30, autocomplete: true },
      { name: "n", description: "An argument", required: false, type: 4, min_value: 1, max_value: 9 },
    ]);
    const add = group.options[1];
    // Needed options first (Discord shows them in this order), then the optional ones.
    expect(add.options.map((o: any) => [o.name, o.type])).toEqual([
      ["who", 6],
      ["where", 7],
      ["kind", 3],
      ["m", 3],
      ["ok", 5],
      ["on", 3],
    ]);
    expect(add.options[2].choices).toEqual([
      { name: "a b", value: "a_b" },
      { name: "c", value: "c" },
    ]);
  });

  it("reports every broken Discord limit at once", () => {
    const long = "x".repeat(101);
    const bad = feature(
      {
        commands: [
          defineCommand({ path: ["demo", "longdesc"], description: "demo.long", args: {}, access: { anyone: true }, run }),
          defineCommand({ path: ["demo", "g", "averyveryverylongword", "anotherlongwordhere"], description: "demo.d", args: {}, access: { anyone: true }, run }),
          defineCommand({ path: ["demo", "many"], description: "demo.d", args: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`a${i}`, arg.optional(arg.string("demo.a"))])), access: { anyone: true }, run }),
        ],
      },
      { long },
    );
    let err: unknown;
    try {
      build(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DiscordCommandError);
    const problems = (err as DiscordCommandError).problems.join("\n");
    expect(problems).toContain("/demo longdesc: description must be 1–100 characters (has 101");
    expect(problems).toContain("averyveryverylongword-anotherlongwordhere");
    expect(problems).toContain("/demo many: at most 25 options (has 26)");
  });

  it("offers more than 25 choices through autocomplete instead of choices", () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const { json } = build(feature({ commands: [defineCommand({ path: ["demo", "pick"], description: "demo.d", args: { v: arg.choice("demo.a", values) }, access: { anyone: true }, run })] }));
    const opt = (json[0]!.options![0] as any).options[0];
    expect(opt.autocomplete).toBe(true);
    expect(opt.choices).toBeUndefined();
  });

  it("builds the real registry within Discord's limits", () => {
    const json = discordCommandsJson();
    expect(json.map((c) => c.name)).toEqual(features.map((f) => f.area));
    for (const c of json) expect(textSize(c)).toBeLessThanOrEqual(4000);
  });
});

describe("parseInvocation", () => {
  const f = feature({
    commands: [
      defineCommand({ path: ["demo", "ping"], description: "demo.d", args: {}, access: { anyone: true }, run }),
      defineCommand({ path: ["demo", "admin", "link-code"], description: "demo.d", args: { m: arg.member("demo.a") }, access: { anyone: true }, run }),
      defineCommand({ path: ["demo", "admin", "role", "grant"], description: "demo.d", args: { who: arg.user("demo.a"), where: arg.optional(arg.channel("demo.a")), n: arg.optional(arg.integer("demo.a")) }, access: { anyone: true }, run }),
    ],
  });
  const registry = createRegistry([f]);

  it("maps a subcommand back to its path", () => {
    expect(parseInvocation(registry, "demo", [{ name: "ping", type: 1, options: [] }])?.path).toEqual(["demo", "ping"]);
  });

  it("maps group + hyphenated subcommand back to 3 and 4 word paths without guessing at hyphens", () => {
    const three = parseInvocation(registry, "demo", [{ name: "admin", type: 2, options: [{ name: "link-code", type: 1, options: [{ name: "m", type: 3, value: "100001" }] }] }]);
    expect(three?.path).toEqual(["demo", "admin", "link-code"]);
    expect(three?.options).toEqual({ m: "100001" });
    const four = parseInvocation(registry, "demo", [
      {
        name: "admin",
        type: 2,
        options: [
          {
            name: "role-grant",
            type: 1,
            options: [
              { name: "who", type: 6, value: "123" },
              { name: "where", type: 7, value: "456" },
              { name: "n", type: 4, value: 7, focused: true },
            ],
          },
        ],
      },
    ]);
    expect(four?.path).toEqual(["demo", "admin", "role", "grant"]);
    expect(four?.options).toEqual({ who: "<@123>", where: "<#456>", n: 7 });
    expect(four?.focused).toEqual({ name: "n", value: "7" });
  });

  it("returns undefined for anything the registry doesn't have", () => {
    expect(parseInvocation(registry, "demo", [{ name: "nope", type: 1 }])).toBeUndefined();
    expect(parseInvocation(registry, "other", [{ name: "ping", type: 1 }])).toBeUndefined();
    expect(parseInvocation(registry, "demo", [])).toBeUndefined();
  });

  it("is the inverse of addressOf for every real command", () => {
    const real = createRegistry(features);
    for (const cmd of real.commands) {
      const a = addressOf(cmd.path);
      const sub = { name: a.subcommand, type: 1, options: [] };
      const parsed = parseInvocation(real, a.command, a.group ? [{ name: a.group, type: 2, options: [sub] }] : [sub]);
      expect(parsed?.path).toEqual(cmd.path);
    }
  });
});

describe("discordSpelling", () => {
  it("respells four-word commands the way Discord shows them, and nothing else", () => {
    const respell = discordSpelling(createRegistry(features));
    expect(respell("`/unionhall admin role grant <member> <role>`")).toBe("`/unionhall admin role-grant member:… role:…`");
    expect(respell("Try /unionhall admin role list.")).toBe("Try /unionhall admin role-list.");
    expect(respell("/unionhall admin link-code and /unionhall admin role")).toBe("/unionhall admin link-code and /unionhall admin role");
    expect(respell("/unionhall admin role grantee")).toBe("/unionhall admin role grantee");
  });

  it("writes a command's arguments as Discord's named options, and leaves the sentence around them alone", () => {
    const respell = discordSpelling(createRegistry(features));
    expect(respell("Details: /event show 2")).toBe("Details: /event show id:2");
    expect(respell("See one with /event show NUMBER.")).toBe("See one with /event show id:NUMBER.");
    expect(respell("Open one with /grievance show REF.")).toBe("Open one with /grievance show ref:REF.");
    expect(respell("/kb history 5 lists them.")).toBe("/kb history id:5 lists them.");
    expect(respell("/event cancel 3 all")).toBe("/event cancel id:3 which:all");
    expect(respell("/rebate balance followed by a code")).toBe("/rebate balance followed by a code");
    expect(respell("`/grievance extend <ref> <until> <reason…> [response|appeal]`")).toBe("`/grievance extend ref:… until:… reason:… [deadline:response|appeal]`");
    expect(respell("`/grievance respond <ref> [received] <summary…>`")).toBe("`/grievance respond ref:… [received:…] summary:…`");
  });

  it("writes text with spaces without Slack's quotes (an option field needs none), keeping a search's phrase quotes", () => {
    const respell = discordSpelling(createRegistry(features));
    expect(respell('`/grievance respond G-2026-0001 "Management denied it"`')).toBe("`/grievance respond ref:G-2026-0001 summary:Management denied it`");
    expect(respell('`/grievance extend G-2026-0001 2026-12-30 "agreed with HR" appeal`')).toBe("`/grievance extend ref:G-2026-0001 until:2026-12-30 reason:agreed with HR deadline:appeal`");
    expect(respell('Try `/kb search "steward guide"`.')).toBe('Try `/kb search query:"steward guide"`.');
  });

  it("is idempotent: a command already in option form stays as it is", () => {
    const respell = discordSpelling(createRegistry(features));
    for (const s of ["Details: /event show 2", "`/grievance extend <ref> <until> <reason…> [response|appeal]`", "Try /unionhall admin role list."]) expect(respell(respell(s))).toBe(respell(s));
  });

  it("every usage line of the registry reads in option form, with no bare <name> left", () => {
    const registry = createRegistry(features);
    const respell = discordSpelling(registry);
    const left = registry.commands.map((c) => respell(`\`${usageLine(c)}\``)).filter((l) => /[<[](?![a-z_]+:)[a-z]/.test(l));
    expect(left).toEqual([]);
  });
});
