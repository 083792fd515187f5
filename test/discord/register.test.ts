// `npm run cli -- discord-register` against the fake Discord: one bulk overwrite with every command.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressOf } from "../../adapters/discord/commands.ts";
import { discordRegisterCli } from "../../bot/cli/discord-register.ts";
import { createRegistry } from "../../commands/core/registry.ts";
import { features } from "../../commands/index.ts";
import { FakeDiscord } from "../fakes/discord.ts";
import { runCli } from "../helpers/cli.ts";

process.env.NO_PROXY = "127.0.0.1,localhost";
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.stop();
});

// Every variable the command reads is given (empty when absent), so a developer's environment can't leak in.
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(discordRegisterCli, args, { DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "", DISCORD_API_URL: "", LOG_LEVEL: "silent", ...env });

const env = () => ({ DISCORD_TOKEN: "fake-bot-token", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });

describe("discord-register", () => {
  it("registers the whole registry in one PUT to the guild, every command with its options", async () => {
    const { code, stdout, stderr } = await cli(["--guild", fake.guildId], env());
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Registered ${features.length} command\\(s\\) with \\d+ subcommands in server ${fake.guildId}`));
    expect(fake.registrations).toHaveLength(1);
    const reg = fake.registrations[0]!;
    expect(reg.method).toBe("PUT");
    expect(reg.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    const body = reg.body as any[];
    expect(body.map((c) => c.name).sort()).toEqual(features.map((f) => f.area).sort());
    // Every registry command is there, at its address, with one option per argument.
    const registry = createRegistry(features);
    for (const cmd of registry.commands) {
      const a = addressOf(cmd.path);
      const top = body.find((c) => c.name === a.command);
      const holder = a.group ? top.options.find((o: any) => o.name === a.group && o.type === 2) : top;
      const sub = holder?.options.find((o: any) => o.name === a.subcommand && o.type === 1);
      expect(sub, `/${cmd.path.join(" ")}`).toBeDefined();
      const needed = Object.entries(cmd.args).filter(([, s]) => s.required).map(([n]) => n);
      const optional = Object.entries(cmd.args).filter(([, s]) => !s.required).map(([n]) => n);
      expect(sub.options.map((o: any) => o.name), `/${cmd.path.join(" ")}`).toEqual([...needed, ...optional]);
      expect(sub.description.length).toBeGreaterThan(0);
    }
    // The role argument is offered as choices; scope with autocomplete; member as text.
    const admin = body.find((c) => c.name === "unionhall").options.find((o: any) => o.name === "admin");
    const grant = admin.options.find((o: any) => o.name === "role-grant");
    expect(grant.options.find((o: any) => o.name === "role").choices).toContainEqual(expect.objectContaining({ name: "chief steward", value: "chief_steward", name_localizations: expect.objectContaining({ vi: "đại diện công đoàn trưởng" }) }));
    expect(grant.options.find((o: any) => o.name === "scope")).toMatchObject({ type: 3, autocomplete: true, max_length: 80 });
    expect(grant.options.find((o: any) => o.name === "until")).toMatchObject({ type: 3, min_length: 10, max_length: 10 });
  });

  it("registers globally without --guild", async () => {
    const { code, stdout } = await cli([], env());
    expect(code).toBe(0);
    expect(stdout).toContain("globally");
    expect(fake.registrations.at(-1)!.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(fake.registrations.at(-1)!.guildId).toBeNull();
  });

  it("explains what is missing instead of calling Discord", async () => {
    const before = fake.requests.length;
    const r = await cli(["--guild", "not-a-guild"], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--guild needs a server id");
    const r2 = await cli([], { DISCORD_API_URL: fake.apiUrl });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID");
    expect(fake.requests.length).toBe(before);
  });
});
