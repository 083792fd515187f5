// The personal home page (Slack App Home) as the core builds it: who you are, then each area's
// own section; an area that fails is left out and the rest still shows.
import { describe, expect, it } from "vitest";
import { renderHome } from "../../adapters/slack/render.ts";
import type { Feature } from "../../commands/core/command.ts";
import { createCore } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { fallbackText } from "../../commands/core/reply.ts";
import { tempStore } from "../helpers/store.ts";

const deadlines: Feature = {
  area: "hometest",
  description: "hometest.description",
  commands: [],
  strings: { en: { hometest: { description: "x" } } },
  home: (ctx) => [
    { type: "list", title: "Your deadlines", items: [{ text: `Step 2 answer for ${ctx.person.memberNumber}`, detail: "2026-12-01" }] },
    { type: "buttons", buttons: [{ label: "Open case", action: "hometest.open" }] },
  ],
};
const broken: Feature = {
  area: "broken",
  description: "broken.description",
  commands: [],
  strings: { en: { broken: { description: "x" } } },
  home: () => {
    throw new Error("boom");
  },
};

async function setup(extra: Feature[]) {
  const store = await tempStore({ seed: true });
  const warnings: string[] = [];
  const log = { info() {}, warn: (e: string) => void warnings.push(e), error() {} };
  return { core: createCore({ store, features: extra, log }), warnings };
}

describe("handleHome", () => {
  it("shows the person, their roles and every area's section; a failing area is skipped", async () => {
    const { core, warnings } = await setup([broken, deadlines]);
    const home = await handleHome(core, { platform: "web", workspaceId: "playground", userId: "sam", locale: "en" });
    const text = fallbackText(home.blocks);
    expect(text).toContain("Hello, Sam Okafor");
    expect(text).toContain("100002");
    expect(text).toContain("steward");
    expect(text).toContain("Step 2 answer for 100002");
    // Buttons on the home page are bound to stored tokens like any other reply.
    const buttons = home.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.token).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(warnings).toEqual(["home.section.failed"]);
    const view = renderHome(home.blocks);
    expect(JSON.stringify(view.blocks)).toContain(`uh:b:${buttons[0]!.token}`);
  });

  it("says so when nothing needs attention", async () => {
    const { core } = await setup([]);
    const text = fallbackText((await handleHome(core, { platform: "web", workspaceId: "playground", userId: "maria" })).blocks);
    expect(text).toContain("Hello, Maria Alvarez");
    expect(text).toContain("Nothing needs your attention");
  });

  it("tells someone who is not linked how to get linked, without running any area", async () => {
    const { core, warnings } = await setup([broken]);
    const home = await handleHome(core, { platform: "slack", workspaceId: "T1", userId: "U404" });
    const text = fallbackText(home.blocks);
    expect(text).toContain("isn't linked");
    expect(text).toContain("U404");
    expect(warnings).toEqual([]);
  });
});
