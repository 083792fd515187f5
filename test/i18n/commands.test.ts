// Every command of every area, run in each language by someone allowed to run it, answers in
// that language: no sentence of English left (checked with a list of common English words).
// Areas come from the registry, so an area added later is checked too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, CommandDef } from "../../commands/core/command.ts";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { resolveCaller, type Caller } from "../../commands/core/identity.ts";
import { allows } from "../../commands/core/roles.ts";
import { personas } from "../../db/demo.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";
import { COMMON_ENGLISH, englishIn, ourEnglishIn, replyText } from "./english.ts";
import { allAreas } from "./strings.ts";

const LANGS = ["es", "vi", "zh-Hans", "ru"] as const;
/** Who runs a command: the first persona allowed to, most powerful first so commands show their full content. */
const ORDER = ["sofia", "elena", "paul", "pat", "tom", "carla", "sam", "dana", "maria", "nico"];

let core: Core;
let store: Store;
const callers = new Map<string, Caller>();

beforeAll(async () => {
  const d = await demoCore(testClock());
  core = d.core;
  store = d.store;
  for (const h of personas.map((p) => p.handle)) callers.set(h, await resolveCaller(store, web(h), core.clock.now()));
});
afterAll(async () => {
  await store?.close();
});

function runner(cmd: CommandDef): string | undefined {
  return ORDER.find((h) => {
    const c = callers.get(h)!;
    return allows(cmd.access, c.person !== null, c.roles);
  });
}

const actor = (handle: string, locale: string): Actor => ({ ...web(handle), locale, channelId: "stewards" });

describe("every command answers in the caller's language", () => {
  it("the English-word check catches English and passes translated text", () => {
    expect(englishIn(["Nothing was changed."])).toEqual(["was,nothing in “Nothing was changed.”"]);
    expect(englishIn(["No se cambió nada. Use `/grievance show REF` o “tomorrow 09:00”."])).toEqual([]);
    expect(COMMON_ENGLISH.length).toBeGreaterThan(30);
    const bundles = allAreas().map((a) => a.strings);
    expect(ourEnglishIn(["⚠️ This was already decided (today). Nothing was changed."], bundles)).toContain("This was already decided (");
    expect(ourEnglishIn(["Esto ya se decidió (hoy). No se cambió nada.", "Member contacts and records are private."], bundles)).toEqual([]);
  });

  for (const lng of LANGS) {
    it(`${lng}: every command, typed alone, answers without English sentences`, async () => {
      const problems: string[] = [];
      let ran = 0;
      for (const cmd of core.registry.commands) {
        const who = runner(cmd);
        if (!who) continue;
        const text = `/${cmd.path.join(" ")}`;
        const [en, out] = [
          await handleCommand(core, { actor: actor(who, "en"), text }),
          await handleCommand(core, { actor: actor(who, lng), text }),
        ];
        ran++;
        const commandForm = out.reply.form?.title === cmd.path.slice(1).join(" ");
        const texts = replyText(out.reply, { commandForm });
        for (const hit of englishIn(texts)) problems.push(`${text} (${who}): ${hit}`);
        const english = replyText(en.reply, { commandForm }).join("\n");
        if (texts.join("\n") === english && english.trim() !== "") problems.push(`${text} (${who}): the same as in English`);
      }
      expect(ran).toBeGreaterThan(core.registry.commands.length * 0.9);
      expect(problems).toEqual([]);
    });
  }

  for (const lng of LANGS) {
    it(`${lng}: Home is in the caller's language for every persona`, async () => {
      const problems: string[] = [];
      for (const h of ORDER) {
        const home = await handleHome(core, actor(h, lng));
        for (const hit of englishIn(replyText(home))) problems.push(`${h}: ${hit}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
