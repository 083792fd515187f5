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
import { seededStore, tempStore, testEngine } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";

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

// On PostgreSQL a folder stands for its database: a world opened again on the same `dir` (a restart)
// opens the same database.
const postgresByDir = new Map<string, string>();

async function openWorldStore(dir: string, again: boolean, seed: boolean): Promise<Store> {
  if (testEngine !== "postgres") {
    const store = await openStore(`file:${path.join(dir, "x.db")}`);
    if (seed) await seedDemo(store);
    return store;
  }
  const known = again ? postgresByDir.get(dir) : undefined;
  if (known) {
    const store = await openStore(known);
    if (seed) await seedDemo(store);
    return store;
  }
  // The seeded template is the demo seedDemo writes, copied instead of written again per test.
  const store = seed ? await seededStore(path.join(dir, "x.db")) : await tempStore();
  postgresByDir.set(dir, storeUrl(store));
  return store;
}

export async function reportWorld(now = "2026-11-23T17:00:00Z", opts: { seed?: boolean; dir?: string } = {}): Promise<ReportWorld> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "uh-report-"));
  const store = await openWorldStore(dir, opts.dir !== undefined, opts.seed !== false);
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
