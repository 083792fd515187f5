// Every command of the registry, run through discord.js as a new user would first try it (no
// options): each answers within Discord's deadline, with a message or a modal that fits Discord,
// and never with "something went wrong".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressOf } from "../../adapters/discord/commands.ts";
import { createRegistry } from "../../commands/core/registry.ts";
import { features } from "../../commands/index.ts";
import { linkDiscord, send, startHarness, textOf, type Harness } from "./harness.ts";

let h: Harness;
const registry = createRegistry(features);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe("every registry command through Discord", () => {
  for (const who of ["staff", "steward", "stranger", "executive director"] as const) {
    it(`answers every command for ${who === "executive director" || who === "staff" ? "" : "a "}${who}`, async () => {
      const user = who === "executive director" ? await linkDiscord(h.bot, h.fake, "100008") : h[who];
      const seen: string[] = [];
      for (const cmd of registry.commands) {
        const a = addressOf(cmd.path);
        const sub = { name: a.subcommand, type: 1, options: [] };
        const i = h.fake.chatInput(user, a.command, a.group ? [{ name: a.group, type: 2, options: [sub] }] : [sub]);
        const cb = await send(h, i);
        const where = `/${cmd.path.join(" ")} as ${who}`;
        expect([4, 5, 9], where).toContain(cb.type);
        if (cb.type === 9) {
          expect(cb.data.title.length, where).toBeLessThanOrEqual(45);
          expect(cb.data.components.length, where).toBeLessThanOrEqual(5);
        } else {
          const body = cb.type === 5 ? (await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === i.token))).body : cb.data;
          const text = textOf(body);
          expect(text.length, where).toBeGreaterThan(0);
          expect(text, where).not.toMatch(/Something went wrong/);
          // A form too big for a modal says how to run the command with its options instead.
          if (/doesn't fit in a Discord dialog/.test(text)) expect(text, where).toContain(`\`/${cmd.path.join(" ")}`);
        }
        seen.push(where);
      }
      expect(seen).toHaveLength(registry.commands.length);
    });
  }
});
