// The demo ships the project's updates the README promises: three the committee posted (one a
// change to the timeline), each readable in all five languages as one update with its translations.
import { data } from "../../db/data.ts";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { publicSite } from "../../adapters/public/index.ts";
import { LOCALES } from "../../commands/core/i18n.ts";
import { DEMO_UPDATES, seedDemoProject } from "../../commands/project/demo.ts";
import { translationsOf } from "../../db/project-translations.ts";
import { latestUpdates, milestoneByKey } from "../../db/project.ts";
import { kbWorld, textOf } from "../kb/helpers.ts";

describe("the demo's project updates", () => {
  it("are three updates, each with a version in every language, read by each reader in their own", async () => {
    const w = await kbWorld();
    expect(await seedDemoProject(w.store, w.clock.now(), "America/Los_Angeles")).toBe(3);
    expect(await seedDemoProject(w.store, w.clock.now(), "America/Los_Angeles")).toBe(0);
    const rows = await latestUpdates(data(w.store), 10);
    expect(rows).toHaveLength(3);
    for (const u of rows) expect((await translationsOf(data(w.store), [u.id])).map((t) => t.language).concat(u.language).sort()).toEqual([...LOCALES].sort());
    // Not all written in English first: one was written in Spanish.
    expect(rows.map((u) => u.language).sort()).toEqual(["en", "en", "es"]);
    // The timeline change moved the milestone it speaks of.
    expect(await milestoneByKey(data(w.store), "findings_to_committee")).toMatchObject({ status: "on_track", targetDate: "2027-03-31" });

    const server = http.createServer(publicSite(w.core));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const locale of LOCALES) {
        const chat = textOf((await w.run("maria", "/project updates", locale)).reply);
        const page = await (await fetch(`http://127.0.0.1:${port}/project?lang=${locale}`)).text();
        for (const u of DEMO_UPDATES) {
          expect(chat).toContain(u.text[locale].title);
          expect(page).toContain(u.text[locale].title.replace(/'/g, "&#39;"));
          for (const other of LOCALES) if (other !== locale) expect(chat).not.toContain(u.text[other].title);
        }
        expect(chat).not.toContain("🌐");
        expect(page).not.toContain('class="note"');
      }
    } finally {
      server.close();
      await w.store.close();
    }
  });

  it("are written plainly in each language, not left in another", () => {
    for (const u of DEMO_UPDATES)
      for (const l of LOCALES) {
        const { title, summary } = u.text[l];
        expect(summary.split(/[.。!?！？]/).filter((s) => s.trim()).length).toBeGreaterThanOrEqual(2);
        if (l === "zh-Hans") expect(summary).toMatch(/\p{Script=Han}/u);
        if (l === "ru") expect(title + summary).toMatch(/[а-яё]/i);
        if (l === "vi") expect(summary).toMatch(/[ăâđêôơư]/i);
        if (l !== "en") expect(title).not.toBe(u.text.en.title);
      }
  });
});
