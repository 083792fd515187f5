// The import is idempotent and names each bad file; staff see completion by sub-local and role.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importTraining, parseModule } from "../../commands/training/import.ts";
import { data } from "../../db/data.ts";
import { DEMO_ROLES_START } from "../../db/demo.ts";
import { grantRole } from "../../db/roles.ts";
import { tempDir } from "../helpers/store.ts";
import { buttonLabelled, MODULES_DIR, rightAnswers, textOf, trainingWorld } from "./helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const moduleFile = (title: string, answer = 0) => `---
title: ${title}
required_for: steward
lessons:
  - questions:
      - ask: Two plus two?
        choices: ["4", "5"]
        answer: ${answer}
        why: Count them.
---

## Counting

One, two, three, four.
`;

describe("import-training", () => {
  it("runs twice without doubling; a changed file replaces its lessons and restarts progress on them", async () => {
    w = await trainingWorld();
    expect(await importTraining(w.store, MODULES_DIR, w.clock.now())).toEqual({ added: 0, updated: 0, unchanged: 15, problems: [] });
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "counting.md"), moduleFile("Counting"));
    expect(await importTraining(w.store, dir, w.clock.now())).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
    const first = await w.run("maria", "/training start counting");
    expect(textOf(first.reply)).toContain("Counting · Lesson 1 of 1: Counting");
    fs.writeFileSync(path.join(dir, "counting.md"), moduleFile("Counting", 1).replace("choices: [\"4\", \"5\"]", "choices: [\"3\", \"4\"]"));
    expect(await importTraining(w.store, dir, w.clock.now())).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
    // The old button belongs to the old version: it moves nobody.
    const stale = await w.click("maria", buttonLabelled(first.reply, "4").token);
    expect(textOf(stale.reply)).toContain("That button is from an earlier step");
    const again = await w.run("maria", "/training next");
    expect(buttonLabelled(again.reply, "3").label).toBe("3");
    const done = await w.click("maria", buttonLabelled(again.reply, "4").token);
    expect(textOf(done.reply)).toContain("You finished “Counting”");
  });

  it("names each bad file and what is wrong, and imports the good ones", () => {
    expect(parseModule("---\ntitle: X\n---\nNo headings here.", "x.md")).toEqual({ problem: 'has no lessons: start each one with a "## Title" line' });
    expect(parseModule(moduleFile("X", 7), "x.md")).toEqual({ problem: "lessons.0.questions.0.answer answer must be the number of a choice, counting from 0" });
    expect(parseModule("---\ntitle: [\n---\n## A\n", "x.md")).toMatchObject({ problem: expect.stringContaining("front matter is not valid YAML") });
    const m = parseModule(moduleFile("Counting things"), "Counting Things.md");
    expect(m).toMatchObject({ slug: "counting-things", requiredFor: ["steward"], lessons: [{ title: "Counting", body: "One, two, three, four.", kbDocumentId: null }] });
  });
});

describe("/training report", () => {
  it("staff see completion by sub-local and role with a CSV; others are refused", async () => {
    w = await trainingWorld();
    // Sam (steward, SL-083) completes the confidentiality module.
    let r = (await w.run("sam", "/training start member-records-confidentiality")).reply;
    for (const answer of await rightAnswers(w.store, "member-records-confidentiality")) r = (await w.click("sam", buttonLabelled(r, answer).token)).reply;
    expect(textOf(r)).toContain("You finished");

    const o = await w.run("sofia", "/training report SL-083");
    expect(textOf(o.reply)).toContain("Training completion: SL-083");
    // One steward, one completion: counts of people below 5 read "fewer than 5" (disclosure control).
    expect(textOf(o.reply)).toContain("• SL-083 · steward · Member-records confidentiality — fewer than 5 of fewer than 5 completed");
    const csv = o.reply.files.find((f) => f.mime === "text/csv")!;
    expect(csv.name).toBe("training-completion-SL-083.csv");
    const lines = String(csv.data).trim().split("\n");
    expect(lines[0]).toBe("sub_local,role,office,module,people,completed");
    expect(lines).toContain("SL-083,steward,,member-records-confidentiality,fewer than 5,fewer than 5");
    expect(lines).toContain("SL-083,sublocal_officer,president,member-records-confidentiality,fewer than 5,0");
    for (const l of lines.slice(1)) expect(l.split(",").slice(-2).filter((n) => /^[1-4]$/.test(n))).toEqual([]);
    expect(String(csv.data)).not.toMatch(/Sam|Okafor|1000\d\d/);

    expect(textOf((await w.run("pat", "/training report")).reply)).not.toContain("Training completion");
  });

  it("lists its rows in one order on either engine: no sub-local before a sub-local, no office before an office", async () => {
    w = await trainingWorld();
    const db = data(w.store);
    const personOf = async (handle: string) => (await db.one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, handle))!.personId;
    // Sofia (staff) belongs to no sub-local; Maria is an SL-083 officer without a named office.
    await db.run(`UPDATE "Person" SET "subLocalId" = NULL WHERE "id" = ?`, await personOf("sofia"));
    await grantRole(w.store, { personId: await personOf("maria"), role: "sublocal_officer", office: null, scopeType: "sublocal", scopeId: "SL-083", startsAt: DEMO_ROLES_START, grantedById: null });
    const csv = (await w.run("sofia", "/training report")).reply.files.find((f) => f.mime === "text/csv")!;
    const groups = [...new Set(String(csv.data).trim().split("\n").slice(1).map((l) => l.split(",").slice(0, 3).join(",")))];
    expect(groups[0]).toBe("—,staff,");
    expect(groups.filter((g) => g.startsWith("SL-083,sublocal_officer,"))).toEqual(["SL-083,sublocal_officer,", "SL-083,sublocal_officer,president", "SL-083,sublocal_officer,treasurer"]);
  });
});
