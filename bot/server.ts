// The one HTTP server: /healthz, the playground, and (later) Slack's /slack/events and public
// pages are mounted on it, so the bot needs a single port.
import http from "node:http";
import type { AddressInfo } from "node:net";

import type { HttpHandler, HttpMount, MountOptions } from "../commands/core/host.ts";
import { connectionSeen } from "../commands/core/turn.ts";

export type Handler = HttpHandler;
export type { MountOptions };

/** True when the connection comes from this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8). */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/i.test(address);
}

export interface HttpServer extends HttpMount {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createHttpServer(health: () => Promise<Record<string, unknown>> | Record<string, unknown>): HttpServer {
  const mounts: { prefix: string; handler: Handler; loopbackOnly: boolean }[] = [];
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    try {
      if (path === "/healthz") {
        const body = await health();
        res.writeHead(body.status === "ok" ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
        return;
      }
      const m = mounts.find((x) => path === x.prefix || path.startsWith(x.prefix.endsWith("/") ? x.prefix : `${x.prefix}/`) || x.prefix === "/");
      if (!m) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("Not found\n");
        return;
      }
      // A proxy on this machine would make every peer look local: forwarded requests are refused too.
      if (m.loopbackOnly && (!isLoopbackPeer(req.socket.remoteAddress) || req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined)) {
        res.writeHead(403, { "content-type": "text/plain" });
        res.end("Forbidden: the playground answers only on this machine\n");
        return;
      }
      await m.handler(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal error\n");
    }
  });
  server.keepAliveTimeout = 5000;
  // Queued answers stand aside for a turn whenever a connection comes (commands/core/turn.ts says why).
  server.on("connection", connectionSeen);
  return {
    server,
    mount(prefix, handler, opts = {}) {
      mounts.push({ prefix, handler, loopbackOnly: opts.loopbackOnly ?? false });
      mounts.sort((a, b) => b.prefix.length - a.prefix.length);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

export { readBody, sendJson } from "../adapters/http.ts";
