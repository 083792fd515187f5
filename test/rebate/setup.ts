// Drives the real core with the treasury area on a fresh demo database (demo ledger included):
// commands, clicks and forms as a persona would, on a controlled clock.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Clock } from "../../commands/core/command.ts";
import { createCore, handleAction, handleCommand, handleForm, type Core, type Outcome } from "../../commands/core/dispatch.ts";
import { fallbackText, type Reply } from "../../commands/core/reply.ts";
import { rebateFeature } from "../../commands/rebate/index.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { data } from "../../db/data.ts";
import { DEMO_WORKSPACE, seedDemo } from "../../db/demo.ts";
import { openStore, type Store } from "../../db/store.ts";
import { seededStore, testEngine } from "../helpers/store.ts";

export const TEST_KEY = `t1:${Buffer.alloc(32, 7).toString("base64")}`;

export function clock(start = new Date("2026-11-23T17:00:00Z")): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now = new Date(now.getTime() + ms)), set: (d) => (now = d) };
}

export const PERSONAS = { maria: "100001", sam: "100002", carla: "100003", pat: "100004", tom: "100005", dana: "100006", sofia: "100007", elena: "100008", paul: "100009" } as const;

export interface World {
  core: Core;
  store: Store;
  clock: ReturnType<typeof clock>;
  run(who: string, text: string, locale?: string): Promise<Outcome>;
  click(who: string, token: string): Promise<Outcome>;
  submit(who: string, token: string, values: Record<string, string>): ReturnType<typeof handleForm>;
  /** Opens a command's form and submits it. */
  form(who: string, command: string, values: Record<string, string>): ReturnType<typeof handleForm>;
  personId(memberNumber: string): number;
}

export const text = (o: { reply: Outcome["reply"] } | Outcome["reply"] | Reply) => fallbackText("reply" in o ? o.reply.blocks : o.blocks);

export function button(o: Outcome["reply"], label: RegExp): string {
  const b = o.blocks.flatMap((x) => (x.type === "buttons" ? x.buttons : [])).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} in: ${fallbackText(o.blocks)}`);
  return b.token;
}

export function noticeFor(o: { notices: Outcome["notices"] }, personId: number) {
  const n = o.notices.find((x) => x.personId === personId);
  if (!n) throw new Error(`no notice for person ${personId}; notices for ${o.notices.map((x) => x.personId).join(",")}`);
  return n.message;
}

/**
 * The seeded demo database, built once per test process and copied for each world: seeding takes
 * most of a world's set-up, and mutation runs build hundreds of worlds.
 */
let template: Promise<string> | undefined;
function templateFile(): Promise<string> {
  template ??= (async () => {
    // A mutation run of commands/ modules names one file for all its test processes
    // (REBATE_TEMPLATE, see vitest.mutate.config.ts): seeding is most of a mutant's test time, and
    // the seed runs only db/ code, which those mutants never change. Written under a name of its
    // own, then renamed, so a process never copies a half-written file.
    const shared = process.env.REBATE_TEMPLATE;
    if (shared && fs.existsSync(shared)) return shared;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "uh-rebate-template-")), "template.db");
    const store = await openStore(`file:${file}`);
    await seedDemo(store, { members: 40 });
    store.sql.pragma("wal_checkpoint(TRUNCATE)");
    await store.close();
    if (!shared) return file;
    fs.copyFileSync(file, `${shared}.${process.pid}`);
    fs.renameSync(`${shared}.${process.pid}`, shared);
    return shared;
  })();
  return template;
}

/** A fresh copy of the seeded demo: a file beside the template, or under TEST_ENGINE=postgres a new PostgreSQL database. */
async function freshStore(): Promise<Store> {
  if (testEngine === "postgres") return seededStore("", { members: 40 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-rebate-"));
  fs.copyFileSync(await templateFile(), path.join(dir, "x.db"));
  return openStore(`file:${path.join(dir, "x.db")}`);
}

export async function world(): Promise<World> {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  const store = await freshStore();
  const people = new Map((await data(store).all<{ memberNumber: string; id: number }>(`SELECT "memberNumber", "id" FROM "Person"`)).map((p) => [p.memberNumber, p.id]));
  const c = clock();
  const core = createCore({ store, features: [unionhallFeature, rebateFeature], clock: c });
  const actor = (who: string, locale = "en") => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale });
  const w: World = {
    core,
    store,
    clock: c,
    run: (who, t, locale) => handleCommand(core, { actor: actor(who, locale), text: t }),
    click: (who, token) => handleAction(core, { actor: actor(who), token }),
    submit: (who, token, values) => handleForm(core, { actor: actor(who), token, values }),
    async form(who, command, values) {
      const opened = await w.run(who, command);
      if (!opened.reply.form) throw new Error(`no form: ${text(opened)}`);
      return w.submit(who, opened.reply.form.token, values);
    },
    personId(n) {
      const id = people.get(n);
      if (id === undefined) throw new Error(`no member ${n} in the demo`);
      return id;
    },
  };
  return w;
}

/** Each persona's person id in a world, by first name. */
export function personaIds(w: World): Record<keyof typeof PERSONAS, number> {
  return Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as Record<keyof typeof PERSONAS, number>;
}

/** A payment request as an officer fills in the form: $250.00 for flyers, needed in December. */
export const REQUEST_FORM = { payee: "Salem Print Shop", amount: "250.00", purpose: "Flyers for the worksite meeting", needed_by: "2026-12-10", receipt: "" };

/** Files a payment request through `/rebate request`; a refusal fails the test with the form's errors. */
export async function fileRequest(w: World, who: string, values: Record<string, string> = REQUEST_FORM) {
  const filed = await w.form(who, "/rebate request", values);
  if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
  return filed;
}

/** Presses a button that asks for a reason (decline, deny, keep as is) and submits the reason. */
export async function withReason(w: World, who: string, card: Outcome["reply"], label: RegExp, reason: string) {
  const opened = await w.click(who, button(card, label));
  if (!opened.reply.form) throw new Error(`no form: ${text(opened)}`);
  const done = await w.submit(who, opened.reply.form.token, { reason });
  if (!done.ok) throw new Error(JSON.stringify(done.errors));
  return done;
}
