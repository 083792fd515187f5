// Words that look like search operators are searched for when they stand alone: "OR" is Oregon.
import { afterEach, describe, expect, it } from "vitest";
import { addDoc, kbWorld, textOf } from "./helpers.ts";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("/kb search with operator-like words", () => {
  it("/kb search OR finds the document about Oregon; 'dues OR fees' still finds documents with both words", async () => {
    const w = await kbWorld();
    close = () => w.store.close();
    await addDoc(w.store, { title: "Working in OR state offices", body: "Oregon state rules for remote work." });
    await addDoc(w.store, { title: "Dues and fees table", body: "How dues and fees are set each year." });
    const or = textOf((await w.run("sofia", "/kb search OR")).reply);
    expect(or).toContain("Working in OR state offices");
    const both = textOf((await w.run("sofia", "/kb search dues OR fees")).reply);
    expect(both).toContain("Dues and fees table");
  });
});
