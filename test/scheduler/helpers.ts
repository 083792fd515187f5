// Shared fixtures for the scheduler tests: a temporary database and a recording fake platform.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Poster, Target } from "../../bot/outbox.ts";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { openStore, type Store } from "../../db/store.ts";

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "uh-sched-"));
}

export async function tempStore(dir = tempDir()): Promise<{ store: Store; dir: string; url: string }> {
  const url = `file:${path.join(dir, "x.db")}`;
  return { store: await openStore(url), dir, url };
}

export interface Delivery {
  target: Target;
  text: string;
  reply: RenderedReply;
  messageId?: string;
}

/** A fake platform that records every message it is asked to post. `fail` decides per call. */
export class RecordingPoster implements Poster {
  readonly deliveries: Delivery[] = [];
  calls = 0;
  fail: ((call: number, target: Target) => Error | null) | null = null;
  constructor(readonly platform: "slack" | "discord" | "web" = "web") {}
  async post(target: Target, message: RenderedReply): Promise<{ messageId: string }> {
    const call = ++this.calls;
    const err = this.fail?.(call, target);
    if (err) throw err;
    this.deliveries.push({ target, text: message.fallbackText, reply: message, messageId: `m${call}` });
    return { messageId: `m${call}` };
  }
  readonly edits: (Delivery & { messageId: string })[] = [];
  async edit(target: Target, messageId: string, message: RenderedReply): Promise<void> {
    const call = ++this.calls;
    const err = this.fail?.(call, target);
    if (err) throw err;
    if (!/^m\d+$/.test(messageId) || Number(messageId.slice(1)) > call) throw new Error(`no message ${messageId} to edit`);
    this.edits.push({ target, text: message.fallbackText, reply: message, messageId });
  }
}

export const silent = { info() {}, warn() {}, error() {} };

import type { Feature } from "../../commands/core/command.ts";
import { createCore, type Core } from "../../commands/core/dispatch.ts";
import { defineJobKind } from "../../commands/core/jobs.ts";
import { reply } from "../../commands/core/reply.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";

/** A test area with a job kind that echoes its payload, says "nothing to send" or throws. */
export const echoFeature: Feature = {
  area: "schedtest",
  description: "schedtest.description",
  commands: [],
  jobs: [
    defineJobKind<{ text: string; obsolete?: boolean; boom?: boolean }>({
      kind: "schedtest.echo",
      render(_ctx, p) {
        if (p.boom) throw new Error("render failed");
        if (p.obsolete) return null;
        return reply.channel(reply.text(p.text));
      },
    }),
  ],
  strings: { en: { schedtest: { description: "Scheduler tests" } } },
};

export function testCore(store: Store, clock?: { now(): Date }): Core {
  return createCore({ store, features: [unionhallFeature, echoFeature], clock });
}

export class TestClock {
  constructor(public t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, stepMs = 10): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the scheduler once a minute on, delivering everything due to the web; returns what was posted. */
export async function deliverDue(w: { store: Store; core: Core; clock: { now(): Date; advance(ms: number): void } }): Promise<RecordingPoster> {
  const poster = new RecordingPoster("web");
  const s = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock, retryBaseMs: 1 });
  await s.start();
  w.clock.advance(60_000);
  await s.runDue();
  await s.stop();
  return poster;
}
