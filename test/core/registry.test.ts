import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRegistry } from "../../commands/core/registry.ts";
import { defineAction, defineCommand, type Feature } from "../../commands/core/command.ts";
import { arg } from "../../commands/core/args.ts";
import { reply } from "../../commands/core/reply.ts";
import { features } from "../../commands/index.ts";

const cmd = (path: string[], extra: Partial<Parameters<typeof defineCommand>[0]> = {}) =>
  defineCommand({ path, description: "d", args: {}, access: { linked: true }, run: () => reply.private(), ...extra });
const feature = (area: string, f: Partial<Feature>): Feature => ({ area, description: "d", commands: [], strings: {}, ...f });

describe("registry", () => {
  it("accepts the real feature set", () => {
    expect(createRegistry(features).commands.length).toBeGreaterThan(5);
  });
  it("throws at start-up on duplicate commands, actions and areas", () => {
    expect(() => createRegistry([feature("x", { commands: [cmd(["x", "a"]), cmd(["x", "a"])] })])).toThrow('duplicate command "x a"');
    const act = defineAction({ id: "x.go", payload: z.null(), access: { linked: true }, run: () => reply.private() });
    expect(() => createRegistry([feature("x", { actions: [act, act] })])).toThrow('duplicate action "x.go"');
    expect(() => createRegistry([feature("x", {}), feature("x", {})])).toThrow('duplicate feature area "x"');
  });
  it("rejects paths outside their area, malformed words and ambiguous prefixes", () => {
    expect(() => createRegistry([feature("x", { commands: [cmd(["y", "a"])] })])).toThrow("must start with its area");
    expect(() => createRegistry([feature("x", { commands: [cmd(["x", "Bad Word"])] })])).toThrow("2 to 4 lowercase words");
    expect(() => createRegistry([feature("x", { commands: [cmd(["x", "a"]), cmd(["x", "a", "b"])] })])).toThrow("is a prefix of");
  });
  it("rejects an argument whose autocomplete source does not exist", () => {
    expect(() => createRegistry([feature("x", { commands: [cmd(["x", "a"], { args: { q: arg.string("d", { autocomplete: "nope" }) } })] })])).toThrow('unknown autocomplete "nope"');
  });
});
