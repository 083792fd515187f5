// Shared fixtures for the scheduler tests: a temporary database and a recording fake platform.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Poster, Target } from "../../bot/outbox.ts";
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
    this.deliveries.push({ target, text: message.fallbackText, reply: message });
    return { messageId: `m${call}` };
  }
}

export const silent = { info() {}, warn() {}, error() {} };
