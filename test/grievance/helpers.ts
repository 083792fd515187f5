// A real core over a temporary database with the demo data, and a clock the test moves.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCore, handleAction, handleCommand, handleForm, type Core, type Outcome } from "../../commands/core/dispatch.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { grievanceFeature } from "../../commands/grievance/index.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import type { Store } from "../../db/store.ts";
import { seededStore } from "../helpers/store.ts";

export class TestClock {
  constructor(public t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string) {
    this.t = new Date(iso);
  }
}

export interface World {
  core: Core;
  store: Store;
  clock: TestClock;
  dir: string;
  cmd(who: string, text: string): Promise<Outcome>;
  click(who: string, reply: RenderedReply, label: string | RegExp): Promise<Outcome>;
  submit(who: string, reply: RenderedReply, values: Record<string, unknown>): ReturnType<typeof handleForm>;
  text(o: Outcome | RenderedReply): string;
  close(): Promise<void>;
}

export async function world(now = "2026-11-23T17:00:00Z"): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-griev-"));
  const store = await seededStore(path.join(dir, "x.db"));
  const clock = new TestClock(new Date(now));
  const core = createCore({ store, features: [unionhallFeature, grievanceFeature], clock });
  const actor = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, channelId: "general" });
  const text = (o: Outcome | RenderedReply) => ("reply" in o ? o.reply : o).fallbackText;
  return {
    core,
    store,
    clock,
    dir,
    text,
    cmd: (who, t) => handleCommand(core, { actor: actor(who), text: t }),
    async click(who, r, label) {
      for (const b of r.blocks)
        if (b.type === "buttons")
          for (const btn of b.buttons) if (typeof label === "string" ? btn.label === label : label.test(btn.label)) return handleAction(core, { actor: actor(who), token: btn.token });
      throw new Error(`no button ${String(label)} in: ${r.fallbackText}`);
    },
    submit(who, r, values) {
      if (!r.form) throw new Error(`no form in: ${r.fallbackText}`);
      return handleForm(core, { actor: actor(who), token: r.form.token, values });
    },
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Intake values for Maria (member 100001, SL-083). */
export function intake(over: Record<string, string> = {}): Record<string, string> {
  return {
    grievant: "100001",
    contract: "STATE-2025",
    articles: "21.1, 18",
    category: "discipline",
    incident: "2026-11-16",
    learned: "2026-11-17",
    discipline: "2026-11-18",
    narrative: "Written reprimand without just cause.",
    remedy: "Remove the reprimand from the file.",
    ...over,
  };
}

const PAGE1 = ["grievant", "contract", "category", "articles", "incident"];

/**
 * Files through both intake forms as a person would: page 1, then page 2 with its prefilled
 * values kept unless given. Returns the outcome of the last submission (or of page 1 if refused).
 */
export async function fileVia(w: World, who: string, values: Record<string, string>) {
  const open = await w.cmd(who, "/grievance file");
  const first = await w.submit(who, open.reply, Object.fromEntries(Object.entries(values).filter(([k]) => PAGE1.includes(k))));
  if (!first.ok || !first.reply.form) return first;
  const initial = Object.fromEntries(first.reply.form.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial!]));
  return w.submit(who, first.reply, { ...initial, ...Object.fromEntries(Object.entries(values).filter(([k]) => !PAGE1.includes(k))) });
}

export function buttons(r: RenderedReply): string[] {
  return r.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.label) : []));
}
