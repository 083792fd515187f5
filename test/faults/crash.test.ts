// Nothing lost, nothing doubled across a kill -9. The work runs in a child process (the real core
// on a real database file) that is SIGKILLed at a chosen step of a multi-step write; the core is
// then started again on the same file, a minute later, and the person (or Slack) retries. Every
// acknowledged action must be whole, every open case fully planned, every request decidable.
// On the embedded SQLite file, or on PostgreSQL under TEST_ENGINE=postgres (a database of its own
// per case); everything is read through the data layer, so the same assertions hold on both.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../commands/core/command.ts";
import { createCore, handleAction, handleCommand, handleForm, repairAtStartup, type Core } from "../../commands/core/dispatch.ts";
import { contactsFeature } from "../../commands/contacts/index.ts";
import { grievanceFeature } from "../../commands/grievance/index.ts";
import { keyPrefix } from "../../commands/grievance/reminders.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { openStore, type Store } from "../../db/store.ts";
import { startBot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { TEST_KEY, button, cardFor } from "../contacts/setup.ts";
import { intake } from "../grievance/helpers.ts";
import { seededStore, tempDir } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const T0 = new Date("2026-11-23T17:00:00Z");
const LATER = new Date(T0.getTime() + 60_000); // the restart: well past any claim's lease
const features = [unionhallFeature, grievanceFeature, contactsFeature];
const fixed = (d: Date): Clock => ({ now: () => d });
const actor = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" });

let savedKey: string | undefined;
beforeAll(() => {
  savedKey = process.env.MEMBER_DATA_KEY;
  process.env.MEMBER_DATA_KEY = TEST_KEY;
});
afterAll(() => {
  if (savedKey === undefined) delete process.env.MEMBER_DATA_KEY;
  else process.env.MEMBER_DATA_KEY = savedKey;
});

interface Job {
  kind: "form" | "action" | "command";
  who: string;
  token: string;
  values?: Record<string, string>;
  deliveryId: string;
}

/** Runs the job in a child process, killed at `step` (or not at all). */
function runChild(db: string, job: Job, step: string | null): Promise<{ killed: boolean; acked: boolean; out: string; err: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/faults/fixtures/crash-child.ts"], {
    cwd: ROOT,
    env: { ...process.env, UH_DATABASE_URL: db, UH_NOW: T0.toISOString(), UH_JOB: JSON.stringify(job), UH_TEST_CRASH_AT: step ?? "", LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ killed: signal === "SIGKILL", acked: out.includes("ACK ") && code === 0, out, err })),
  );
}

/** The core started again on the same database, a minute later, with its start-up repair. */
async function restart(db: string): Promise<{ core: Core; store: Store }> {
  const store = await openStore(db);
  const core = createCore({ store, features, clock: fixed(LATER) });
  await repairAtStartup(core);
  return { core, store };
}

const n = async (store: Store, sql: string, ...p: unknown[]) => Number((await data(store).one<{ n: number | string }>(sql, ...p))!.n);
const count = (store: Store, table: string) => n(store, `SELECT count(*) AS "n" FROM "${table}"`);
const rows = <T>(store: Store, sql: string, ...p: unknown[]) => data(store).all<T>(sql, ...p);

/**
 * A fresh copy of the seeded demo database, closed, as the URL a process opens it by: a file on
 * SQLite, a database of its own on PostgreSQL (TEST_ENGINE=postgres).
 */
async function freshDatabase(): Promise<{ url: string; store: Store }> {
  const store = await seededStore(path.join(tempDir("uh-crash-"), "x.db"));
  return { url: storeUrl(store), store };
}

// ---- Filing a grievance ----------------------------------------------------------------------

const PAGE1 = ["grievant", "contract", "category", "articles", "incident"];

/** A fresh database where Sam has filled page 1; returns page 2's submission as a job. */
async function filingUpToPage2(): Promise<{ db: string; job: Job }> {
  const { url: db, store } = await freshDatabase();
  const core = createCore({ store, features, clock: fixed(T0) });
  const values = intake();
  const open = await handleCommand(core, { actor: actor("sam"), text: "/grievance file" });
  const first = await handleForm(core, { actor: actor("sam"), token: open.reply.form!.token, values: Object.fromEntries(Object.entries(values).filter(([k]) => PAGE1.includes(k))) });
  if (!first.ok || !first.reply.form) throw new Error("page 1 refused");
  const initial = Object.fromEntries(first.reply.form.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial!]));
  const page2 = { ...initial, ...Object.fromEntries(Object.entries(values).filter(([k]) => !PAGE1.includes(k))) };
  await store.close();
  return { db, job: { kind: "form", who: "sam", token: first.reply.form.token, values: page2, deliveryId: "V0FILE:1712.aa:page2" } };
}

const deadlineJobs = (store: Store, id: number) =>
  n(store, `SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "kind" = 'grievance.deadline' AND "status" = 'pending' AND substr("idempotencyKey", 1, ?) = ?`, keyPrefix(id).length, keyPrefix(id));

// Child processes start slowly on a busy machine: generous time, no wall-clock assertion.
describe("a kill -9 while filing a grievance", { timeout: 180_000 }, () => {
  let planned = 0;

  it("without a crash: one case, acknowledged, with its whole reminder plan", async () => {
    const { db, job } = await filingUpToPage2();
    const run = await runChild(db, job, null);
    expect(run.err).toBe("");
    expect(run.acked).toBe(true);
    expect(run.out).toMatch(/Filed G-2026-0001/);
    const store = await openStore(db);
    const g = await rows<{ id: number }>(store, `SELECT "id" FROM "Grievance"`);
    expect(g).toHaveLength(1);
    planned = await deadlineJobs(store, g[0]!.id);
    expect(planned).toBeGreaterThan(3);
    await store.close();
  });

  for (const step of ["dispatch.afterClaim", "grievance.afterCase", "dispatch.afterWork"]) {
    it(`killed at ${step}: the retry leaves exactly one case, fully planned`, async () => {
      expect(planned).toBeGreaterThan(0);
      const { db, job } = await filingUpToPage2();
      const run = await runChild(db, job, step);
      expect([run.killed, run.acked]).toEqual([true, false]);
      const { core, store } = await restart(db);
      try {
        // Whatever survived the kill is whole: no case without its full plan.
        for (const { id } of await rows<{ id: number }>(store, `SELECT "id" FROM "Grievance"`)) expect(await deadlineJobs(store, id)).toBe(planned);
        // The person submits again (the same modal, the same values).
        const retry = await handleForm(core, { actor: actor("sam"), token: job.token, values: job.values!, deliveryId: job.deliveryId });
        expect(retry.ok).toBe(true);
        const text = retry.ok ? retry.reply.fallbackText : "";
        expect(text).not.toMatch(/still working/i);
        const cases = await rows<{ id: number; ref: string }>(store, `SELECT "id", "ref" FROM "Grievance"`);
        expect(cases).toHaveLength(1);
        expect(await deadlineJobs(store, cases[0]!.id)).toBe(planned);
        expect(await n(store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'grievance.file'`)).toBe(1);
        // Done before the kill: the retry says so instead of filing again.
        if (step === "dispatch.afterWork") expect(text).toMatch(/already/i);
        else expect(text).toContain(`Filed ${cases[0]!.ref}`);
      } finally {
        await store.close();
      }
    });
  }

  it("at start-up the bot completes an open case's half-written reminder plan", async () => {
    const { db, job } = await filingUpToPage2();
    await runChild(db, job, null);
    let store = await openStore(db);
    const id = (await rows<{ id: number }>(store, `SELECT "id" FROM "Grievance"`))[0]!.id;
    const full = await deadlineJobs(store, id);
    // What a crash between the two writes left before they were one transaction: a partial plan.
    await data(store).run(`DELETE FROM "ScheduledJob" WHERE "id" IN (SELECT "id" FROM "ScheduledJob" WHERE "kind" = 'grievance.deadline' ORDER BY "id" DESC LIMIT 5)`);
    expect(await deadlineJobs(store, id)).toBe(full - 5);
    await store.close();
    const bot = await startBot(loadConfig({ DATABASE_URL: db, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", PLAYGROUND: "on", DEMO_DATA: "never" }), { clock: fixed(T0) });
    try {
      expect(await deadlineJobs(bot.store, id)).toBe(full);
    } finally {
      await bot.stop();
    }
    store = await openStore(db);
    expect(await deadlineJobs(store, id)).toBe(full);
    await store.close();
  });
});

// ---- Approving a contact request ---------------------------------------------------------------

/** A fresh database where Tom has asked for contacts; returns Pat's Approve click as a job. */
async function requestAwaitingApproval(): Promise<{ db: string; job: Job; requestId: number }> {
  const { url: db, store } = await freshDatabase();
  const core = createCore({ store, features, clock: fixed(T0) });
  const shown = await handleCommand(core, { actor: actor("tom"), text: "/contacts agreement" });
  await handleAction(core, { actor: actor("tom"), token: button(shown.reply, /acknowledge/i) });
  const opened = await handleCommand(core, { actor: actor("tom"), text: "/contacts request" });
  let sent = await handleForm(core, {
    actor: actor("tom"),
    token: opened.reply.form!.token,
    values: { scope: "sublocal:SL-083", purpose: "email", justification: "Invite members to the Thursday worksite meeting about the new contract." },
  });
  // A follow-up page (an attestation) is answered the way a willing requester would.
  for (let page = 0; sent.ok && sent.reply.form && page < 3; page++) {
    const values = Object.fromEntries(sent.reply.form.fields.filter((f) => f.required).map((f) => [f.name, f.options?.find((o) => o.value === "confirm")?.value ?? f.options?.[0]?.value ?? "yes"]));
    sent = await handleForm(core, { actor: actor("tom"), token: sent.reply.form.token, values });
  }
  if (!sent.ok) throw new Error(JSON.stringify(sent.errors));
  if (!sent.notices.length) throw new Error(`no approval card sent: ${sent.reply.fallbackText}`);
  const pat = (await rows<{ id: number }>(store, `SELECT "id" FROM "Person" WHERE "memberNumber" = '100004'`))[0]!.id;
  const token = button(cardFor(sent, pat), /approve/i);
  const requestId = (await rows<{ id: number }>(store, `SELECT "id" FROM "ContactRequest"`))[0]!.id;
  await store.close();
  return { db, requestId, job: { kind: "action", who: "pat", token, deliveryId: "U0PAT:1764522000.1" } };
}

async function decision(store: Store, requestId: number) {
  return {
    status: (await rows<{ status: string }>(store, `SELECT "status" FROM "ContactRequest" WHERE "id" = ?`, requestId))[0]!.status,
    grants: await count(store, "ContactGrant"),
    endJobs: await n(store, `SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "kind" = 'contacts.grant_ended' AND "status" = 'pending'`),
    audits: await n(store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'contacts.request.approve'`),
  };
}

describe("a kill -9 while approving a contact request", { timeout: 180_000 }, () => {
  it("without a crash: approved once, with its grant, its end-of-access reminder and its audit entry", async () => {
    const { db, job, requestId } = await requestAwaitingApproval();
    const run = await runChild(db, job, null);
    expect(run.acked).toBe(true);
    expect(run.out).toMatch(/approved by Pat Larsen/);
    const store = await openStore(db);
    expect(await decision(store, requestId)).toEqual({ status: "approved", grants: 1, endJobs: 1, audits: 1 });
    await store.close();
  });

  it("at start-up a running grant that lost its end-of-access reminder gets it back", async () => {
    const { db, job, requestId } = await requestAwaitingApproval();
    await runChild(db, job, null);
    let store = await openStore(db);
    // What a crash between the decision and the job left before they were one transaction.
    await data(store).run(`DELETE FROM "ScheduledJob" WHERE "kind" = 'contacts.grant_ended'`);
    await store.close();
    const restarted = await restart(db);
    store = restarted.store;
    try {
      expect(await decision(store, requestId)).toEqual({ status: "approved", grants: 1, endJobs: 1, audits: 1 });
    } finally {
      await store.close();
    }
  });

  for (const step of ["dispatch.afterClaim", "dispatch.afterConsume", "contacts.afterDecision", "dispatch.afterWork"]) {
    it(`killed at ${step}: the request stays decidable and ends approved once, whole`, async () => {
      const { db, job, requestId } = await requestAwaitingApproval();
      const run = await runChild(db, job, step);
      expect([run.killed, run.acked]).toEqual([true, false]);
      const { core, store } = await restart(db);
      try {
        // Nothing half-done survived: pending with nothing, or approved with everything.
        const after = await decision(store, requestId);
        expect([{ status: "pending", grants: 0, endJobs: 0, audits: 0 }, { status: "approved", grants: 1, endJobs: 1, audits: 1 }]).toContainEqual(after);
        // Slack retries the same click; the approver may also click again.
        const retry = await handleAction(core, { actor: actor("pat"), token: job.token, deliveryId: job.deliveryId });
        expect(retry.reply.fallbackText).not.toMatch(/still working/i);
        const again = await handleAction(core, { actor: actor("pat"), token: job.token, deliveryId: "U0PAT:1764522099.9" });
        expect(again.reply.fallbackText).toMatch(/already decided/i);
        expect(await decision(store, requestId)).toEqual({ status: "approved", grants: 1, endJobs: 1, audits: 1 });
        if (after.status === "pending") expect(retry.reply.fallbackText).toMatch(/approved by Pat Larsen/);
      } finally {
        await store.close();
      }
    });
  }
});

// ---- Other multi-step writes: a role with its audit entry, a reminder with its audit entry --------

describe("a kill -9 after a command's writes committed, before its answer was stored", { timeout: 180_000 }, () => {
  const cases = [
    {
      name: "a role grant",
      who: "sofia",
      text: "/unionhall admin role grant 100050 steward SL-083",
      state: async (s: Store) => ({
        roles: await n(s, `SELECT count(*) AS "n" FROM "RoleAssignment" r JOIN "Person" p ON p."id" = r."personId" WHERE p."memberNumber" = '100050' AND r."role" = 'steward'`),
        audits: await n(s, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'role.grant'`),
      }),
      done: { roles: 1, audits: 1 },
    },
    {
      name: "a reminder",
      who: "sam",
      text: "/unionhall remind \"in 2 hours\" me Call the member back",
      state: async (s: Store) => ({
        reminders: await n(s, `SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder'`),
        audits: await n(s, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'reminder.schedule'`),
      }),
      done: { reminders: 1, audits: 1 },
    },
  ];
  for (const c of cases) {
    for (const step of ["dispatch.afterClaim", "dispatch.afterWork"]) {
      it(`${c.name}, killed at ${step}: done once after Slack's retry`, async () => {
        const { url: db, store: seeded } = await freshDatabase();
        await seeded.close();
        const job: Job = { kind: "command", who: c.who, token: c.text, deliveryId: "trig.123.456" };
        const run = await runChild(db, job, step);
        expect([run.killed, run.acked]).toEqual([true, false]);
        const { core, store } = await restart(db);
        try {
          const before = await c.state(store);
          expect([Object.fromEntries(Object.keys(c.done).map((k) => [k, 0])), c.done]).toContainEqual(before);
          const retry = await handleCommand(core, { actor: actor(c.who), text: c.text, deliveryId: job.deliveryId });
          expect(retry.reply.fallbackText).not.toMatch(/still working/i);
          expect(await c.state(store)).toEqual(c.done);
        } finally {
          await store.close();
        }
      });
    }
  }
});
