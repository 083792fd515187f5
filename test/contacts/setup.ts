// Drives the real core on a fresh demo database: commands, clicks and forms as a persona would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCore, handleAction, handleCommand, handleForm, type Core, type Outcome } from "../../commands/core/dispatch.ts";
import type { Clock } from "../../commands/core/command.ts";
import { fallbackText, type Reply } from "../../commands/core/reply.ts";
import { contactsFeature } from "../../commands/contacts/index.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { seededStore } from "../helpers/store.ts";

/** A fixed test key (never used outside tests). */
export const TEST_KEY = `t1:${Buffer.alloc(32, 7).toString("base64")}`;

export function clock(start = new Date("2026-11-23T17:00:00Z")): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now = new Date(now.getTime() + ms)), set: (d) => (now = d) };
}

export const DAY = 24 * 3600_000;

export interface World {
  core: Core;
  store: Store;
  dir: string;
  clock: ReturnType<typeof clock>;
  run(who: string, text: string): Promise<Outcome>;
  click(who: string, token: string): Promise<Outcome>;
  submit(who: string, token: string, values: Record<string, string>): ReturnType<typeof handleForm>;
  /** Shows the agreement and clicks its acknowledge button (unless already acknowledged). */
  ack(who: string): Promise<Outcome>;
  /** Opens /contacts request and submits it; returns the form outcome. */
  request(who: string, values: Record<string, string>): ReturnType<typeof handleForm>;
  personId(memberNumber: string): number;
}

export const text = (o: { reply: Outcome["reply"] } | Outcome["reply"] | Reply) => fallbackText("reply" in o ? o.reply.blocks : o.blocks);

export function buttonsOf(o: Outcome["reply"]): { label: string; token: string }[] {
  return o.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
}

export function button(o: Outcome["reply"], label: RegExp): string {
  const b = buttonsOf(o).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} in: ${fallbackText(o.blocks)}`);
  return b.token;
}

export async function world(opts: { key?: string | null; members?: number } = {}): Promise<World> {
  if (opts.key === null) delete process.env.MEMBER_DATA_KEY;
  else process.env.MEMBER_DATA_KEY = opts.key ?? TEST_KEY;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-contacts-"));
  const store = await seededStore(path.join(dir, "x.db"), { members: opts.members ?? 300 });
  const c = clock();
  const core = createCore({ store, features: [unionhallFeature, contactsFeature], clock: c });
  // The seeded people, read once: personId stays synchronous for the tests' many call sites, on either engine.
  const people = new Map((await data(store).all<{ id: number; memberNumber: string }>(`SELECT "id", "memberNumber" FROM "Person"`)).map((p) => [p.memberNumber, p.id]));
  const actor = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" });
  const w: World = {
    core,
    store,
    dir,
    clock: c,
    run: (who, t) => handleCommand(core, { actor: actor(who), text: t }),
    click: (who, token) => handleAction(core, { actor: actor(who), token }),
    submit: (who, token, values) => handleForm(core, { actor: actor(who), token, values }),
    async ack(who) {
      const shown = await w.run(who, "/contacts agreement");
      if (/You acknowledged version/.test(text(shown))) return shown;
      return w.click(who, button(shown.reply, /acknowledge/i));
    },
    async request(who, values) {
      const opened = await w.run(who, "/contacts request");
      if (!opened.reply.form) throw new Error(`no form: ${text(opened)}`);
      const { attest, ...page1 } = values;
      const first = await w.submit(who, opened.reply.form.token, page1);
      // Page 2: the requester's promise (confirmed unless the test says otherwise).
      if (!first.ok || !first.reply.form) return first;
      return w.submit(who, first.reply.form.token, { attest: attest ?? "confirm" });
    },
    personId(n) {
      const id = people.get(n);
      if (id === undefined) throw new Error(`no demo person numbered ${n}`);
      return id;
    },
  };
  return w;
}

export const PERSONAS = { maria: "100001", sam: "100002", carla: "100003", pat: "100004", tom: "100005", dana: "100006", sofia: "100007", elena: "100008", paul: "100009", nico: "100010" } as const;

/** The Approve/Deny card a person was sent by an outcome. */
export function cardFor(o: { notices: Outcome["notices"] }, personId: number) {
  const n = o.notices.find((x) => x.personId === personId);
  if (!n) throw new Error(`no notice for person ${personId}`);
  return n.message;
}

export const outreach = { scope: "sublocal:SL-083", purpose: "email", justification: "Invite members to the Thursday worksite meeting about the new contract." };

/** Tom (treasurer SL-083) asks, Pat (president SL-083) approves: returns the grant's outcome. */
export async function tomGetsGrant(w: World, values: Record<string, string> = outreach) {
  await w.ack("tom");
  const sent = await w.request("tom", values);
  if (!sent.ok) throw new Error(JSON.stringify(sent.errors));
  const card = cardFor(sent, w.personId(PERSONAS.pat));
  const decided = await w.click("pat", button(card, /approve/i));
  return { sent, card, decided };
}
