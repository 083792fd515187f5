// Required training follows every role a module names, in the reader's language: granting the
// steward role starts the reminder as an officer's grant does; a module written in several
// languages is one requirement; a module nobody can read in your language is not required of you;
// a misspelt role in required_for is refused at import.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importTraining } from "../../commands/training/import.ts";
import { data } from "../../db/data.ts";
import { tempDir } from "../helpers/store.ts";
import { buttonLabelled, rightAnswers, textOf, trainingWorld } from "./helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const reminderFor = (w: W, handle: string) =>
  data(w.store).all<{ dueAt: string }>(
    `SELECT j."dueAt" FROM "ScheduledJob" j JOIN "ChatIdentity" i ON i."personId" = j."personId" WHERE j."kind" = 'training.remind' AND i."userId" = ?`,
    handle,
  );

const moduleFile = (front: string, lesson = "## Uno\n\nTexto.\n") => `---\n${front}\n---\n\n${lesson}`;

function spanishModules(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "negociacion-101.md"), moduleFile("title: Negociación 101\nlanguage: es\nrequired_for: [steward]"));
  return dir;
}

describe("role-based required training", () => {
  it("granting the steward role starts the weekly reminder, as an officer's grant does", async () => {
    w = await trainingWorld();
    expect(await reminderFor(w, "maria")).toEqual([]);
    const granted = await w.run("sofia", "/unionhall admin role grant 100001 steward SL-083");
    expect(textOf(granted.reply)).toContain("✅");
    expect((await reminderFor(w, "maria")).map((r) => r.dueAt.slice(0, 10))).toEqual(["2026-11-30"]);
    expect(textOf((await w.run("maria", "/training list")).reply)).toContain("Steward basics — required for you");
  });

  it("a role whose modules are all done starts no reminder", async () => {
    w = await trainingWorld();
    // A board director: no module names that role.
    await w.run("sofia", "/unionhall admin role grant 100001 board_director region:Willamette");
    expect(await reminderFor(w, "maria")).toEqual([]);
  });

  it("a module in two languages counts once, in the reader's language; a Spanish-only module is required only of Spanish readers", async () => {
    w = await trainingWorld();
    expect(await importTraining(w.store, spanishModules(), w.clock.now())).toMatchObject({ added: 1, problems: [] });
    await w.run("dana", "/unionhall language es");
    await w.run("sofia", "/unionhall admin role grant 100006 steward SL-390");
    await w.run("sofia", "/unionhall admin role grant 100001 steward SL-083");

    // Maria reads English: the English steward basics and confidentiality; nothing in Spanish.
    const maria = textOf((await w.run("maria", "/training progress")).reply);
    expect(maria).toContain("Steward basics");
    expect(maria).not.toContain("Lo básico para delegados sindicales");
    expect(maria).not.toContain("Negociación 101");
    // Dana reads Spanish: the demo's Spanish versions instead of the English ones, and the Spanish-only module.
    const danaList = textOf((await w.run("dana", "/training list", "es")).reply);
    const required = danaList.split("\n").filter((l) => /— (required for you|obligatori|requerid|necesari)/i.test(l));
    expect(required.map((l) => l.replace(/^• (\d+\. )?/, "").split(" — ")[0])).toEqual(["Confidencialidad de los datos de los miembros", "Lo básico para delegados sindicales", "Negociación 101"]);
    // The reminder Dana got is in Spanish and lists each requirement once.
    expect(await reminderFor(w, "dana")).toHaveLength(1);
  });

  it("finishing a module in one language completes it in every language", async () => {
    w = await trainingWorld();
    await importTraining(w.store, spanishModules(), w.clock.now());
    // Sam (a steward) finishes steward basics in English, then switches to Spanish.
    let r = (await w.run("sam", "/training start steward-basics")).reply;
    for (const answer of await rightAnswers(w.store, "steward-basics")) r = (await w.click("sam", buttonLabelled(r, answer.slice(0, 75)).token)).reply;
    expect(textOf(r)).toContain("You finished");
    await w.run("sam", "/unionhall language es");
    const progress = textOf((await w.run("sam", "/training progress", "es")).reply);
    const stillNeeded = progress.slice(progress.indexOf("Lo que su cargo todavía necesita"));
    expect(stillNeeded).toContain("Negociación 101");
    expect(stillNeeded).not.toContain("Lo básico para delegados sindicales");
    expect(stillNeeded).not.toContain("Steward basics");
  });

  it("import refuses a misspelt role, naming the file and the known roles, and a translation of nothing", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "typo.md"), moduleFile("title: Typo\nrequired_for: [stewrd]"));
    fs.writeFileSync(path.join(dir, "orphan.md"), moduleFile("title: Huérfano\nlanguage: es\ntranslation_of: no-such-module"));
    fs.writeFileSync(path.join(dir, "good.md"), moduleFile("title: Good\nrequired_for: steward, sublocal_treasurer, contacts"));
    return (async () => {
      w = await trainingWorld();
      const r = await importTraining(w.store, dir, w.clock.now());
      expect(r.added).toBe(1);
      const typo = r.problems.find((p) => p.file === "typo.md")!;
      expect(typo.message).toContain('unknown role "stewrd"');
      expect(typo.message).toContain("steward, chief_steward");
      expect(typo.message).toContain("sublocal_treasurer");
      expect(r.problems.find((p) => p.file === "orphan.md")!.message).toContain('"no-such-module", which is neither in this folder nor imported before');
      expect(Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "TrainingModule" WHERE "slug" IN ('typo', 'orphan')`))!.n)).toBe(0);
    })();
  });
});
