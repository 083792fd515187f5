// Reference autocomplete offers exactly the cases the caller may open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleAutocomplete } from "../../commands/core/dispatch.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { fileVia, intake, world, type World } from "./helpers.ts";

let w: World;
let ref: string;
beforeAll(async () => {
  w = await world();
  const filed = await fileVia(w, "sam", intake());
  ref = /G-\d{4}-\d{4}/.exec(w.text(filed as never))![0];
});
afterAll(() => w.close());

const suggest = (who: string, partial: string) =>
  handleAutocomplete(w.core, { actor: { platform: "web", workspaceId: DEMO_WORKSPACE, userId: who }, path: ["grievance", "show"], arg: "ref", partial });

describe("grievance reference autocomplete", () => {
  it("offers the grievant, the steward, the chief steward and the director their case", async () => {
    for (const who of ["maria", "sam", "carla", "dana", "sofia"]) {
      const s = await suggest(who, ref.slice(-4));
      expect(s.map((x) => x.value), who).toContain(ref);
    }
    const [first] = await suggest("sam", "g-2026");
    expect(first!.label).toMatch(new RegExp(`^${ref} · discipline · .* · SL-083$`));
  });

  it("offers nothing to someone who may not open the case, matching /grievance show", async () => {
    expect(await suggest("paul", ref)).toEqual([]);
    expect(w.text(await w.cmd("paul", `/grievance show ${ref}`))).not.toContain("Deadlines");
    expect(await suggest("nico", ref)).toEqual([]);
  });

  it("treats LIKE wildcards in what is typed as plain text", async () => {
    expect(await suggest("sofia", "%")).toEqual([]);
  });
});
