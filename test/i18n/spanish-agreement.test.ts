// Spanish agreement: "sublocal" is masculine everywhere ("un sublocal", "esos sublocales"), and a
// report about "Quejas" labels its columns in the feminine ("Presentadas", "Resueltas"), never
// "Quejas … Presentados".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";
import { replyText } from "./english.ts";
import { allAreas, flatten } from "./strings.ts";

const FEMININE = ["la", "las", "una", "esa", "esas", "esta", "estas", "aquella", "aquellas", "otra", "otras", "nuestra", "nuestras", "ninguna", "alguna", "algunas", "dicha", "cada una", "la misma", "su propia", "toda", "todas"];
const feminineSublocal = new RegExp(`(^|[^\\p{L}])(${FEMININE.join("|")}) sublocal`, "iu");
const sublocalFeminine = /sublocal(es)? (propia|misma|elegida|cerrada|nueva|entera|seleccionada)s?\b/iu;

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore(testClock()));
});
afterAll(async () => {
  await store?.close();
});

describe("Spanish agreement", () => {
  it("the check catches a feminine sub-local and passes a masculine one", () => {
    expect(feminineSublocal.test("Use una sublocal (SL-083)")).toBe(true);
    expect(feminineSublocal.test("informes de la sublocal")).toBe(true);
    expect(sublocalFeminine.test("su sublocal propia")).toBe(true);
    expect(feminineSublocal.test("Use un sublocal; el sublocal, esos sublocales, cada sublocal")).toBe(false);
  });

  it("every Spanish string treats “sublocal” as masculine", () => {
    const problems: string[] = [];
    for (const area of allAreas())
      for (const [key, text] of flatten(area.strings.es))
        if (feminineSublocal.test(text) || sublocalFeminine.test(text)) problems.push(`${area.name}: ${key}: ${text.slice(0, 100)}`);
    expect(problems).toEqual([]);
  });

  it("the grievances report labels its figures in the feminine, like “Quejas”", async () => {
    const out = await handleCommand(core, { actor: { ...web("sofia"), locale: "es", channelId: "stewards" }, text: "/report run grievances SL-083" });
    const text = replyText(out.reply).join("\n");
    expect(text).toContain("Quejas");
    expect(text).toMatch(/Presentadas/);
    expect(text).not.toMatch(/\b(Presentados|Resueltos|abiertos)\b/);
  });
});
