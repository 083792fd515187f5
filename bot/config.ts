// Environment configuration, validated once at start-up with a readable line per bad variable.
import fs from "node:fs";
import { z } from "zod";
import { KeyConfigError, parseKeyring } from "../db/crypto.ts";
import { auditKeyProblem } from "../db/audit.ts";
import { DEFAULT_POOL_SIZE } from "../db/data.ts";

/** Why a logo file cannot be used, or null. */
function logoFileProblem(p: string): string | null {
  try {
    const b = fs.readFileSync(p);
    const png = b.subarray(0, 4).toString("latin1") === "\x89PNG";
    return png || (b[0] === 0xff && b[1] === 0xd8) ? null : "not a PNG or JPEG";
  } catch {
    return "unreadable";
  }
}

/** The TLS modes a PostgreSQL URL may name, with libpq's meaning (db/store-postgres.ts). */
export const SSL_MODES = ["disable", "prefer", "require", "verify-ca", "verify-full"] as const;

/**
 * Why the TLS parameters of a PostgreSQL URL cannot work, or null. They mean what they mean to psql
 * and pg_dump; a certificate file is read once here so a wrong path stops the start with its name,
 * never the URL (which may carry a password).
 */
export function postgresTlsProblem(url: string): string | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null; // The URL's own rule reports it.
  }
  const mode = params.get("sslmode");
  if (mode !== null && !(SSL_MODES as readonly string[]).includes(mode)) return `sslmode must be one of ${SSL_MODES.join(", ")}`;
  if (mode === "verify-ca" && !params.get("sslrootcert")) return "sslmode=verify-ca also needs sslrootcert=FILE, the certificate of the authority that signed the server's";
  for (const p of ["sslrootcert", "sslcert", "sslkey"]) {
    const file = params.get(p);
    if (file === null) continue;
    try {
      fs.readFileSync(file);
    } catch {
      return `${p}=${file}: the bot cannot read this file`;
    }
  }
  if (Boolean(params.get("sslcert")) !== Boolean(params.get("sslkey"))) return "a client certificate needs both sslcert=FILE and sslkey=FILE";
  return null;
}

const POOL_SIZE_RULE = "must be a whole number from 1 to 1000";

const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional());

export const envSchema = z
  .object({
    // The embedded SQLite file (the default), or a PostgreSQL server for several processes.
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:.+|postgres(ql)?:\/\/.+)$/,
        "must be a SQLite file URL such as file:./data/unionhall.db, or a PostgreSQL URL such as postgres://user:password@host:5432/unionhall",
      )
      .default("file:./data/unionhall.db")
      .superRefine((url, ctx) => {
        const problem = url.startsWith("file:") ? null : postgresTlsProblem(url);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    // PostgreSQL only: the most connections each of the process's two pools opens (its data layer's
    // and Prisma's); one more listens for job wake-ups.
    DATABASE_POOL_SIZE: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce.number({ error: POOL_SIZE_RULE }).int(POOL_SIZE_RULE).min(1, POOL_SIZE_RULE).max(1000, POOL_SIZE_RULE).default(DEFAULT_POOL_SIZE),
    ),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: optionalString,
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    UNION_TIME_ZONE: z
      .string()
      .default("America/Los_Angeles")
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "must be an IANA time zone such as America/Los_Angeles"),
    // The union's name and logo on every PDF, certificate and public page.
    UNION_NAME: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(120, "must be at most 120 characters").optional()),
    UNION_LOGO: optionalString.refine((p) => p === undefined || logoFileProblem(p) === null, { message: "must be the path of a PNG or JPEG file the bot can read" }),
    PLAYGROUND: z.enum(["auto", "on", "off"]).default("auto"),
    DEMO_DATA: z.enum(["auto", "never"]).default("auto"),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_BOT_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().startsWith("xoxb-", "must start with xoxb-").optional()),
    SLACK_APP_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().startsWith("xapp-", "must start with xapp-").optional()),
    SLACK_API_URL: optionalUrl,
    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: optionalString,
    DISCORD_API_URL: optionalUrl,
    // Only one process connects to Discord's gateway; the others take over this long after it dies.
    DISCORD_GATEWAY_LEASE_SECONDS: z.coerce.number().min(1).max(300).default(10),
    // Answer an interaction directly when the work is this quick, else defer it (Discord allows 3 s).
    // 0 always defers, before the work starts: the tests' way to take the deferred path every time.
    DISCORD_DEFER_AFTER_MS: z.coerce.number().int().min(0).max(2500).default(1500),
    // The address people reach the bot at from outside; public links (feeds, calendars) are built from it.
    PUBLIC_URL: optionalUrl,
    // Load: how many commands one person may send per minute (and at once), how much work may wait.
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(30),
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1000).default(10),
    QUEUE_CAPACITY: z.coerce.number().int().min(0).max(100_000).default(5000),
    QUEUE_MAX_WAIT_SECONDS: z.coerce.number().min(1).max(600).default(8),
    // /metrics answers loopback only, unless this token is set: then anyone presenting it as a Bearer token.
    METRICS_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
    MEMBER_DATA_KEY: optionalString.superRefine((v, ctx) => {
      try {
        parseKeyring(v);
      } catch (e) {
        if (!(e instanceof KeyConfigError)) throw e;
        // The message names the entry and the problem, never the key material.
        ctx.addIssue({ code: "custom", message: e.message.replace(/^MEMBER_DATA_KEY:?\s*/, "") });
      }
    }),
    // Keys the audit chain (HMAC) and signs its checkpoints; same format and rotation as MEMBER_DATA_KEY.
    AUDIT_KEY: optionalString.superRefine((v, ctx) => {
      const problem = auditKeyProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  })
  .superRefine((env, ctx) => {
    // The playground lets anyone act as anyone. Beside live chat tokens it may only ever listen on
    // this machine, and a HOST left unset would mean every interface.
    const chat = Boolean(env.SLACK_BOT_TOKEN || env.DISCORD_TOKEN);
    if (env.PLAYGROUND === "on" && chat && !(env.HOST && isLoopbackHost(env.HOST))) {
      ctx.addIssue({
        code: "custom",
        path: ["PLAYGROUND"],
        message: "refusing to start: the playground lets anyone act as anyone, so with chat tokens set it needs HOST=127.0.0.1 (or PLAYGROUND=off)",
      });
    }
    if (Boolean(env.SLACK_SIGNING_SECRET) !== Boolean(env.SLACK_BOT_TOKEN)) {
      ctx.addIssue({ code: "custom", path: [env.SLACK_BOT_TOKEN ? "SLACK_SIGNING_SECRET" : "SLACK_BOT_TOKEN"], message: "Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN" });
    }
    if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["SLACK_APP_TOKEN"], message: "Socket Mode also needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** True for a listening address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

export interface Config extends Env {
  slackEnabled: boolean;
  discordEnabled: boolean;
  playgroundEnabled: boolean;
  host: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const e = parsed.data;
  const slackEnabled = Boolean(e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET);
  const discordEnabled = Boolean(e.DISCORD_TOKEN);
  const playgroundEnabled = e.PLAYGROUND === "on" || (e.PLAYGROUND === "auto" && !slackEnabled && !discordEnabled);
  // The playground lets anyone pick who they are: keep it on this machine unless told otherwise.
  const host = e.HOST ?? (slackEnabled || discordEnabled ? "0.0.0.0" : "127.0.0.1");
  return { ...e, slackEnabled, discordEnabled, playgroundEnabled, host };
}
