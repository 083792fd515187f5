// Wiring: opens the store, builds the core, starts the HTTP server and whichever adapters are
// configured. Each adapter only translates platform events; all rules live in commands/.
import { createCore, repairAtStartup, type Core, type RenderedNotice } from "../commands/core/dispatch.ts";
import type { Clock, Logger } from "../commands/core/command.ts";
import { features } from "../commands/index.ts";
import { isEmpty, seedDemo } from "../db/demo.ts";
import { identitiesOf } from "../db/identities.ts";
import { purgeExpiredKeys } from "../db/idempotency.ts";
import { purgeExpiredTokens } from "../db/tokens.ts";
import { openStore, type Store } from "../db/store.ts";
import { memberDataKeyStatus } from "../db/crypto.ts";
import type { Config } from "./config.ts";
import { createLogger } from "./log.ts";
import type { Platform, Poster } from "./outbox.ts";
import { createHttpServer, type HttpServer } from "./server.ts";
import { startPlayground } from "../adapters/web/index.ts";
import { startScheduler } from "./scheduler/index.ts";
import { startSlack } from "../adapters/slack/index.ts";
import { startDiscord } from "../adapters/discord/index.ts";

export interface Bot {
  config: Config;
  store: Store;
  core: Core;
  http: HttpServer;
  log: Logger;
  /** One poster per running platform, for messages that are not direct answers. */
  posters: Map<Platform, Poster>;
  /** Delivers notices (e.g. "your request was approved") as direct messages on `platform`. */
  notify(notices: RenderedNotice[], platform: Platform): Promise<void>;
  port: number;
  stop(): Promise<void>;
}

export interface AdapterHandle {
  name: string;
  stop(): Promise<void>;
}

export async function startBot(config: Config, opts: { clock?: Clock; log?: Logger } = {}): Promise<Bot> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const store = await openStore(config.DATABASE_URL);
  // Sensitive member fields (issue 7): say at start-up whether they are available. Key id only.
  const keyStatus = memberDataKeyStatus();
  log[keyStatus.sensitiveFields === "available" ? "info" : "warn"]("member_data.sensitive_fields", keyStatus);
  if (config.DEMO_DATA === "auto" && config.playgroundEnabled && (await isEmpty(store))) {
    const seeded = await seedDemo(store);
    log.info("demo.seeded", seeded);
  }
  const core = createCore({ store, features, clock: opts.clock, log, timeZone: config.UNION_TIME_ZONE });
  const purged = { keys: purgeExpiredKeys(store, core.clock.now()), tokens: purgeExpiredTokens(store, core.clock.now()) };
  if (purged.keys + purged.tokens > 0) log.info("store.purged", purged);
  await repairAtStartup(core);
  const http = createHttpServer(() => {
    try {
      store.sql.prepare("SELECT 1").get();
      return { status: "ok", adapters: handles.map((h) => h.name) };
    } catch {
      return { status: "degraded", database: "unavailable" };
    }
  });
  const posters = new Map<Platform, Poster>();
  const handles: AdapterHandle[] = [];

  const bot: Bot = {
    config,
    store,
    core,
    http,
    log,
    posters,
    port: 0,
    async notify(notices, platform) {
      const poster = posters.get(platform);
      if (!poster) return;
      for (const n of notices) {
        for (const id of await identitiesOf(store, n.personId, platform)) {
          try {
            await poster.post({ platform, workspaceId: id.workspaceId, channelId: null, userId: id.userId }, n.message);
          } catch (e) {
            log.warn("notice.failed", { platform, personId: n.personId, error: e instanceof Error ? e.name : "unknown" });
          }
        }
      }
    },
    async stop() {
      for (const h of [...handles].reverse()) await h.stop().catch(() => undefined);
      await http.close();
      await store.close();
    },
  };

  if (config.playgroundEnabled) handles.push(await startPlayground(bot));
  // Chat adapters and the scheduler register here (issues 3, 4, 5).
  if (config.slackEnabled) handles.push(await startSlack(bot)); // also sets bot.posters "slack"
  if (config.discordEnabled) handles.push(await startDiscord(bot)); // also sets bot.posters "discord"

  // The scheduler goes last: it catches up through the posters the adapters above registered.
  handles.push(await startScheduler(bot));

  bot.port = await http.listen(config.PORT, config.host);
  log.info("bot.started", { port: bot.port, host: config.host, adapters: handles.map((h) => h.name) });
  return bot;
}
