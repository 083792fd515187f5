// Every command of every area, run in each language by someone allowed to run it, answers in
// that language: no sentence of English left (checked with a list of common English words).
// Areas come from the registry, so an area added later is checked too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, CommandDef } from "../../commands/core/command.ts";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { resolveCaller, type Caller } from "../../commands/core/identity.ts";
import { allows } from "../../commands/core/roles.ts";
import { MODAL_TITLE_MAX } from "../../commands/core/form-title.ts";
import { argFormFields } from "../../commands/core/usage.ts";
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
        const commandForm = out.reply.form !== undefined && Object.values(cmd.args).some((a) => a.required);
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

describe("forms and choices in the reader's language", () => {
  const form = async (cmd: CommandDef, lng: string) => (await handleCommand(core, { actor: actor(runner(cmd)!, lng), text: `/${cmd.path.join(" ")}` })).reply.form;
  const withForm = () => core.registry.commands.filter((c) => runner(c) && Object.values(c.args).some((a) => a.required));

  it("a command typed alone opens a form titled with its area and action in each language, within Slack's 24 characters", async () => {
    const problems: string[] = [];
    expect(withForm().length).toBeGreaterThan(40);
    for (const cmd of withForm()) {
      const english = (await form(cmd, "en"))?.title;
      for (const lng of ["en", ...LANGS]) {
        const title = lng === "en" ? english : (await form(cmd, lng))?.title;
        const where = `/${cmd.path.join(" ")} (${lng}): “${title}”`;
        if (!title) problems.push(`${where}: no form`);
        else if ([...title].length > MODAL_TITLE_MAX) problems.push(`${where}: longer than ${MODAL_TITLE_MAX}`);
        else if (title === cmd.path.slice(1).join(" ") || title.includes("formTitles") || title.includes("areaTitles")) problems.push(`${where}: the bare command word or a key`);
        else if (lng !== "en" && title === english) problems.push(`${where}: the same as in English`);
      }
    }
    expect(problems).toEqual([]);
    expect((await form(core.registry.command(["report", "run"])!, "es"))?.title).toBe("Informes: ejecutar");
  });

  it("every choice of every command is labelled in the reader's language", () => {
    const problems: string[] = [];
    const en = core.translator.forLocale("en");
    for (const cmd of core.registry.commands)
      for (const lng of LANGS) {
        const t = core.translator.forLocale(lng);
        const fields = argFormFields(cmd, t);
        for (const [name, spec] of Object.entries(cmd.args)) {
          if (spec.kind !== "choice") continue;
          const options = fields.find((f) => f.name === name)!.options!;
          spec.choices!.forEach((c, i) => {
            const label = options[i]!.label;
            const where = `/${cmd.path.join(" ")} ${name}=${c.value} (${lng}): “${label}”`;
            // A label written as plain text is a name in its own language (Español, 简体中文): the same for everyone.
            if (!core.translator.has(c.label)) {
              if (/^[a-z]+(\.[\w-]+)+$/.test(c.label)) problems.push(`${where}: key ${c.label} is missing`);
              return;
            }
            if (label === en(c.label)) problems.push(`${where}: the same as in English`);
          });
        }
      }
    expect(problems).toEqual([]);
  });

  it("a choice typed as its label in the reader's language is read as its value, and a wrong one is told with the reader's labels", async () => {
    const run = async (lng: string, text: string) => replyText((await handleCommand(core, { actor: actor("sofia", lng), text })).reply).join("\n");
    expect(await run("es", "/grievance list vencidas")).toBe(await run("es", "/grievance list overdue"));
    expect(await run("vi", "/grievance list \"quá hạn\"")).toBe(await run("vi", "/grievance list overdue"));
    expect(await run("vi", "/grievance list \"qua han\"")).toBe(await run("vi", "/grievance list overdue"));
    const wrong = await run("es", "/grievance list view:nada");
    expect(wrong).toContain("elija uno de: abiertas, “por vencer”, vencidas, cerradas, todas");
    const vi = await run("vi", "/grievance extend G-2026-0001 2026-12-30 lý do deadline:xyz");
    expect(vi).toContain("chọn một trong:");
    expect(vi).not.toMatch(/chọn một trong: filing/);
  });
});
