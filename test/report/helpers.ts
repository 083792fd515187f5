// A real core over a temporary database with the demo data, the report area, and a movable clock.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCore, handleCommand, type Core, type Outcome } from "../../commands/core/dispatch.ts";
import { grievanceFeature } from "../../commands/grievance/index.ts";
import { reportFeature } from "../../commands/report/index.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { DEMO_WORKSPACE, seedDemo } from "../../db/demo.ts";
import { openStore, type Store } from "../../db/store.ts";

export class TestClock {
  constructor(public t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string) {
    this.t = new Date(iso);
  }
}

export interface ReportWorld {
  core: Core;
  store: Store;
  clock: TestClock;
  dir: string;
  cmd(who: string, text: string, locale?: string): Promise<Outcome>;
  text(o: Outcome): string;
  close(): Promise<void>;
}

export async function reportWorld(now = "2026-11-23T17:00:00Z", opts: { seed?: boolean; dir?: string } = {}): Promise<ReportWorld> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "uh-report-"));
  const store = await openStore(`file:${path.join(dir, "x.db")}`);
  if (opts.seed !== false) await seedDemo(store);
  const clock = new TestClock(new Date(now));
  const core = createCore({ store, features: [unionhallFeature, grievanceFeature, reportFeature], clock });
  const actor = (who: string, locale = "en") => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, channelId: "general", locale });
  return {
    core,
    store,
    clock,
    dir,
    text: (o) => o.reply.fallbackText,
    cmd: (who, t, locale) => handleCommand(core, { actor: actor(who, locale), text: t }),
    async close() {
      await store.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
