// /training start takes a module the way /training list shows it: its number in the list, or its
// title in whatever language the module is written, accents and case aside, quoted or not.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importTraining } from "../../commands/training/import.ts";
import { tempDir } from "../helpers/store.ts";
import { textOf, trainingWorld } from "./helpers.ts";

const NEGOTIATION = `---
slug: negociacion-101
title: Negociación 101
summary: Cómo se negocia un contrato.
language: es
required_for: []
lessons:
  - questions:
      - ask: ¿Quién vota el contrato?
        choices: ["Los miembros", "El supervisor"]
        answer: 0
        why: Los miembros votan el contrato.
---

## Qué es negociar

El sindicato y el empleador se sientan a la mesa.
`;

describe("/training start by what /training list shows", () => {
  let w: Awaited<ReturnType<typeof trainingWorld>>;
  beforeAll(async () => {
    w = await trainingWorld();
    const dir = tempDir("uh-training-");
    fs.writeFileSync(path.join(dir, "negociacion-101.md"), NEGOTIATION);
    const r = await importTraining(w.store, dir, w.clock.now());
    expect(r.problems).toEqual([]);
  });
  afterAll(() => w.store.close());

  const starts = async (typed: string) => textOf((await w.run("maria", `/training start ${typed}`)).reply);

  it("starts the module by its title as listed, quoted or not, with or without accents", async () => {
    const list = textOf((await w.run("maria", "/training list")).reply);
    expect(list).toContain("Negociación 101");
    for (const typed of ['"Negociación 101"', "Negociación 101", "negociacion 101", "“NEGOCIACIÓN 101”", "Negociac"]) {
      const out = await starts(typed);
      expect(out, typed).toContain("Qué es negociar");
    }
    expect(await starts("Member-records confidentiality")).not.toContain("There is no training module");
  });

  it("starts the module by its number in /training list", async () => {
    const list = textOf((await w.run("maria", "/training list")).reply);
    const line = list.split("\n").find((l) => l.includes("Steward basics"))!;
    const n = /(\d+)\. Steward basics/.exec(line)![1]!;
    expect(await starts(n)).toContain("What a steward does");
    expect(await starts("9")).toContain("There is no module number 9: /training list shows 4");
  });

  it("says which modules a short start fits, and what to type when nothing fits", async () => {
    const several = await starts("s");
    expect(several).toContain("fits more than one module");
    expect(several).toContain("“Steward basics”");
    expect(await starts("Payroll 202")).toContain("There is no training module called “Payroll 202”");
  });
});
