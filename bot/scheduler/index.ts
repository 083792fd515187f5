// Starts the durable scheduler for a running bot. Registered last in bot/app.ts, after every
// adapter has put its Poster in bot.posters, so jobs that fell due while the bot was down are
// caught up on start-up through the adapters that are now running.
import type { AdapterHandle, Bot } from "../app.ts";
import { createScheduler, type Scheduler, type SchedulerOptions } from "./dispatcher.ts";

export { createScheduler, type Scheduler, type SchedulerOptions } from "./dispatcher.ts";

export async function startScheduler(bot: Bot, opts: Partial<SchedulerOptions> = {}): Promise<AdapterHandle & { scheduler: Scheduler }> {
  const scheduler = createScheduler({ store: bot.store, core: bot.core, posters: bot.posters, log: bot.log, timeZone: bot.config.UNION_TIME_ZONE, ...opts });
  await scheduler.start();
  return { name: "scheduler", scheduler, stop: () => scheduler.stop() };
}
