// Starts the durable scheduler for a running bot. Registered last in bot/app.ts, after every
// adapter has put its Poster in bot.posters, so jobs that fell due while the bot was down are
// caught up on start-up through the adapters that are now running.
import type { AdapterHandle, Bot } from "../app.ts";
import { createScheduler, type Scheduler, type SchedulerOptions } from "./dispatcher.ts";

export { createScheduler, type Scheduler, type SchedulerOptions } from "./dispatcher.ts";

export interface SchedulerHandle extends AdapterHandle {
  scheduler: Scheduler;
  /** Resolves when the start-up catch-up is done (the bot does not wait for it to listen). */
  started: Promise<{ caughtUp: number }>;
}

export async function startScheduler(bot: Bot, opts: Partial<SchedulerOptions> = {}): Promise<SchedulerHandle> {
  const scheduler = createScheduler({ store: bot.store, core: bot.core, posters: bot.posters, log: bot.log, timeZone: bot.config.UNION_TIME_ZONE, ...opts });
  // A long backlog after an outage is delivered in the background, oldest first, so the bot
  // starts answering commands at once.
  const started = scheduler.start().catch((e: unknown) => {
    bot.log.error("scheduler.startFailed", { error: e instanceof Error ? e.name : "unknown" });
    return { caughtUp: 0 };
  });
  return { name: "scheduler", scheduler, started, stop: () => scheduler.stop() };
}
