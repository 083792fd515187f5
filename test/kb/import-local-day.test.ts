// import-kb reads "today" where the local is: a file without review_by imported at 18:00 on
// 31 October in Oregon (1 November in UTC) is due for review a year on from 31 October.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importKb } from "../../commands/kb/import.ts";
import { data } from "../../db/data.ts";
import { tempDir } from "../helpers/store.ts";
import { kbWorld } from "./helpers.ts";

let w: Awaited<ReturnType<typeof kbWorld>>;
beforeAll(async () => {
  w = await kbWorld();
});
afterAll(() => w.store.close());

it("a year on from the local day, not the UTC one", async () => {
  const dir = tempDir("uh-kb-local-");
  fs.writeFileSync(path.join(dir, "dues.md"), "---\nid: dues-basics\ntitle: Dues basics\nkind: officer_guide\naudience: everyone\n---\nHow dues work.\n");
  const r = await importKb(w.store, dir, { now: new Date("2026-11-01T01:00:00Z"), timeZone: "America/Los_Angeles" });
  expect(r.added).toBe(1);
  expect(await data(w.store).one(`SELECT "reviewBy" FROM "KbDocument" WHERE "title" = 'Dues basics'`)).toEqual({ reviewBy: "2027-10-31" });
});
