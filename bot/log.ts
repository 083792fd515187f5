// Structured JSON lines on stderr, written by pino. Callers pass ids and codes only: never names,
// e-mails, phone numbers or message text (the member-records policy). The redaction paths below
// are a second guard should a personal field slip into a log call anyway. Every line written
// while a piece of work runs carries that work's request id (commands/core/request-context.ts).
import { pino, type DestinationStream } from "pino";
import type { Logger } from "../commands/core/command.ts";
import { currentRequestId } from "../commands/core/request-context.ts";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Personal fields that must never reach a log line, at the top level and one level down. */
const PERSONAL = [
  "firstName",
  "lastName",
  "preferredName",
  "displayName",
  "fullName",
  "email",
  "workEmail",
  "homeEmail",
  "verifiedEmail",
  "phone",
  "workPhone",
  "homePhone",
  "homeAddress",
  "address",
  "birthdate",
  "narrative",
  "remedy",
  "text",
  "note",
];
export const redactPaths = [...PERSONAL, ...PERSONAL.map((k) => `*.${k}`)];

export interface ProcessLogger extends Logger {
  debug: Logger["info"];
}

export function createLogger(
  level: LogLevel = "info",
  write: (line: string) => void = (l) => process.stderr.write(l + "\n"),
  opts: { onError?: (event: string) => void } = {},
): ProcessLogger {
  const dest: DestinationStream = { write: (s: string) => write(s.endsWith("\n") ? s.slice(0, -1) : s) };
  const p = pino(
    {
      level,
      base: undefined,
      messageKey: "event",
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: "[redacted]" },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    dest,
  );
  return {
    debug: (e, f) => p.debug(f ?? {}, e),
    info: (e, f) => p.info(f ?? {}, e),
    warn: (e, f) => p.warn(f ?? {}, e),
    error: (e, f) => {
      opts.onError?.(e);
      p.error(f ?? {}, e);
    },
  };
}
