// Wiring: opens the store, builds the core, starts the HTTP server and whichever adapters are
// configured. Each adapter only translates platform events; all rules live in commands/.
import { createCore, repairAtStartup, type Core, type RenderedNotice } from "../commands/core/dispatch.ts";
import type { Clock, Logger } from "../commands/core/command.ts";
import { features } from "../commands/index.ts";
import { isEmpty, seedDemo } from "../db/demo.ts";
import { importSeedModules } from "../commands/training/import.ts";
import { importDemoKb } from "../commands/kb/import.ts";
import { seedDemoProject } from "../commands/project/demo.ts";
import { identitiesOf } from "../db/identities.ts";
import { purgeExpiredKeys } from "../db/idempotency.ts";
import { purgeExpiredTokens } from "../db/tokens.ts";
import { data } from "../db/data.ts";
import { oneProcessAtATime } from "../db/session-lock.ts";
import { openStore } from "../db/store.ts";
import { memberDataKeyStatus } from "../db/crypto.ts";
import type { Config } from "./config.ts";
import { createLogger } from "./log.ts";
import type { Platform, Poster } from "./outbox.ts";
import { createHttpServer, type HttpServer } from "./server.ts";
import { startScheduler } from "./scheduler/index.ts";
import { startAuditCheckpoints } from "./audit-checkpoints.ts";
import { defaultIntake, Intake } from "../commands/core/intake.ts";
import { BUSY_CHECKPOINT_CHANGES, CHECKPOINT_POLL_MS, dueForCheckpoint, QUIET_CHECKPOINT_MS } from "../db/checkpoint.ts";
import { closeWorkerPools, runInWorker } from "../commands/core/pool.ts";
import { schedulerLagSeconds } from "../db/metrics.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { publicSite } from "../adapters/public/index.ts";
import { publicPrefixes } from "../commands/core/public-page.ts";
import type { AdapterHandle, AdapterHost } from "../commands/core/host.ts";
import { holdRole, type HeldRole } from "./role-lease.ts";

/** The lease that says which process connects to Discord's gateway. */
export const DISCORD_GATEWAY_ROLE = "discord-gateway";

/** The running process: what every adapter is handed (AdapterHost, declared in the core), and more. */
export interface Bot extends AdapterHost {
  config: Config;
  http: HttpServer;
  metrics: Metrics;
  port: number;
  stop(): Promise<void>;
}

export type { AdapterHandle };

/**
 * The PostgreSQL advisory lock under which a process looks whether to seed the demo, and seeds it:
 * several processes may start together on one empty database, and each would otherwise seed it.
 */
export const DEMO_SEED_LOCK = 5051;

/** How long a stopping bot waits for work in flight before it closes anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startBot(config: Config, opts: { clock?: Clock; log?: Logger } = {}): Promise<Bot> {
  const metrics = createMetrics({ token: config.METRICS_TOKEN, knownAreas: () => features.map((f) => f.area) });
  const log = opts.log ?? createLogger(config.LOG_LEVEL, undefined, { onError: metrics.error });
  const store = await openStore(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    onConnectionLost: (e) => log.warn("db.connection.lost", { code: (e as { code?: string }).code ?? e.name }),
  });
  // Sensitive member fields: say at start-up whether they are available. Key id only.
  const keyStatus = memberDataKeyStatus();
  log[keyStatus.sensitiveFields === "available" ? "info" : "warn"]("member_data.sensitive_fields", keyStatus);
  if (config.DEMO_DATA === "auto" && config.playgroundEnabled) {
    await oneProcessAtATime(store, DEMO_SEED_LOCK, async () => {
      if (!(await isEmpty(store))) return;
      const seeded = await seedDemo(store);
      log.info("demo.seeded", seeded);
      const training = await importSeedModules(store, new Date());
      if (training) log.info("demo.training", { added: training.added, problems: training.problems.length });
      const kb = await importDemoKb(store, new Date(), config.UNION_TIME_ZONE);
      if (kb) log.info("demo.kb", { added: kb.added, problems: kb.problems.length });
      const project = await seedDemoProject(store, opts.clock?.now() ?? new Date(), config.UNION_TIME_ZONE);
      if (project) log.info("demo.project", { updates: project });
    });
  }
  const core = createCore({ store, features, clock: opts.clock, log, timeZone: config.UNION_TIME_ZONE });
  const purged = { keys: await purgeExpiredKeys(data(store), core.clock.now()), tokens: await purgeExpiredTokens(data(store), core.clock.now()) };
  if (purged.keys + purged.tokens > 0) log.info("store.purged", purged);
  await repairAtStartup(core);
  const poolState = () => store.pool && { max: Number(store.pool.options.max), open: store.pool.totalCount, idle: store.pool.idleCount, waiting: store.pool.waitingCount };
  // For a load balancer (200 or 503) and for whoever runs several processes: which database this
  // process is on and whether it answers, its pool's use on PostgreSQL, and the roles it holds.
  const http = createHttpServer(async () => {
    let database: "ok" | "unavailable" = "ok";
    try {
      await data(store).one(`SELECT 1 AS "alive"`);
    } catch {
      database = "unavailable";
    }
    const pool = poolState();
    return {
      status: database === "ok" ? "ok" : "degraded",
      database,
      engine: store.engine,
      ...(pool ? { pool } : {}),
      adapters: handles.map((h) => h.name),
      roles: roles.filter((r) => r.held()).map((r) => r.name),
    };
  });
  const posters = new Map<Platform, Poster>();
  const handles: AdapterHandle[] = [];
  const roles: HeldRole[] = [];
  const intake = new Intake({
    // Most of an answer's time is spent waiting on the platform's API (who the person is, the
    // response URL), not on the loop: enough run at once that those waits overlap.
    concurrency: defaultIntake.concurrency,
    capacity: config.QUEUE_CAPACITY,
    maxWaitMs: config.QUEUE_MAX_WAIT_SECONDS * 1000,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    burst: config.RATE_LIMIT_BURST,
    onDepth: metrics.queueDepth,
    onRefused: metrics.refused,
    onDone: metrics.workDone,
  });
  // The database's checkpoint runs on a worker thread's connection, so no answer waits behind the
  // copy and sync of the WAL: once the bot is quiet, and under sustained writes every few
  // hundred changed rows. Then the connection's own checkpoint (inside a commit, past 128 MiB of
  // WAL) finds almost everything copied already and mostly restarts the log.
  let checkpointing = false;
  const checkpointOffThread = (minChanges: number) => {
    if (checkpointing || !dueForCheckpoint(store, minChanges)) return;
    checkpointing = true;
    runInWorker("core/checkpoint", "checkpoint", store.file)
      .catch((e: unknown) => log.warn("db.checkpoint.failed", { error: e instanceof Error ? e.name : "unknown" }))
      .finally(() => (checkpointing = false));
  };
  // Only SQLite's file has a WAL to copy back; PostgreSQL's server checkpoints by itself.
  const walFile = store.engine === "sqlite" && store.file !== ":memory:";
  if (walFile) intake.whenIdle(() => checkpointOffThread(1), QUIET_CHECKPOINT_MS);
  const checkpointUnderLoad = walFile ? setInterval(() => checkpointOffThread(BUSY_CHECKPOINT_CHANGES), CHECKPOINT_POLL_MS) : undefined;
  checkpointUnderLoad?.unref();
  metrics.schedulerLag(() => schedulerLagSeconds(store, core.clock.now()));
  metrics.processState(() => ({ pool: poolState(), roles: roles.map((r) => ({ name: r.name, held: r.held() })) }));
  http.mount("/metrics", (req, res) => metrics.handle(req, res));
  // The areas' public pages (the project page, certificate checks, calendar feeds), served in every
  // mode to whoever reaches the port: each area decides what its pages show and to whom.
  const site = publicSite(core, { publicUrl: config.PUBLIC_URL });
  for (const prefix of publicPrefixes(core)) http.mount(prefix, site);

  const bot: Bot = {
    config,
    store,
    core,
    http,
    log,
    posters,
    intake,
    metrics,
    port: 0,
    async notify(notices, platform) {
      const poster = posters.get(platform);
      if (!poster) return;
      for (const n of notices) {
        for (const id of await identitiesOf(data(store), n.personId, platform)) {
          try {
            await poster.post({ platform, workspaceId: id.workspaceId, channelId: null, userId: id.userId }, n.message);
          } catch (e) {
            log.warn("notice.failed", { platform, personId: n.personId, error: e instanceof Error ? e.name : "unknown" });
          }
        }
      }
    },
    /**
     * Graceful: take no new work (new commands are told "busy, try again in a minute"), stop
     * accepting connections, let what is queued or running finish (up to a grace period), then
     * stop the adapters and the scheduler (which hands back the leases of jobs it had claimed),
     * the worker threads, and finally the database.
     */
    async stop() {
      clearInterval(checkpointUnderLoad);
      intake.queue.close();
      log.info("bot.stopping", { inFlight: intake.queue.depth });
      http.server.close();
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        intake.queue.drained().then(() => true),
        new Promise<false>((r) => (timer = setTimeout(() => r(false), SHUTDOWN_GRACE_MS))),
      ]);
      clearTimeout(timer);
      if (!drained) log.warn("bot.stop.unfinished", { depth: intake.queue.depth });
      for (const h of [...handles].reverse()) await h.stop().catch(() => undefined);
      await closeWorkerPools().catch(() => undefined);
      await http.close();
      await store.close();
      log.info("bot.stopped", { drained });
    },
  };

  // Each adapter (and its platform library: Bolt, discord.js) is loaded only when configured, so an
  // unconfigured platform costs neither start-up time nor memory.
  if (config.playgroundEnabled) handles.push(await (await import("../adapters/web/index.ts")).startPlayground(bot));
  if (config.slackEnabled) handles.push(await (await import("../adapters/slack/index.ts")).startSlack(bot)); // also sets bot.posters "slack"
  if (config.discordEnabled) {
    const discord = await import("../adapters/discord/index.ts");
    // Every process posts; one process at a time holds the gateway (two would answer twice).
    handles.push(discord.startDiscordPosting(bot)); // sets bot.posters "discord"
    const gateway = await holdRole({ store, log, role: DISCORD_GATEWAY_ROLE, ttlMs: config.DISCORD_GATEWAY_LEASE_SECONDS * 1000, start: () => discord.startDiscord(bot, { gatewayOnly: true, deferAfterMs: config.DISCORD_DEFER_AFTER_MS }) });
    roles.push(gateway);
    handles.push(gateway);
  }

  // The scheduler goes last: it catches up through the posters the adapters above registered.
  handles.push(await startScheduler(bot));
  // A signed checkpoint of the audit log goes to the process log now and daily (kept outside the database).
  handles.push(await startAuditCheckpoints({ store, log, timeZone: config.UNION_TIME_ZONE, now: () => core.clock.now() }));

  bot.port = await http.listen(config.PORT, config.host);
  log.info("bot.started", { port: bot.port, host: config.host, adapters: handles.map((h) => h.name) });
  return bot;
}
