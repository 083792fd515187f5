// The one HTTP server: /healthz, the playground, and (later) Slack's /slack/events and public
// pages are mounted on it, so the bot needs a single port.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface MountOptions {
  /** Answer only peers on this machine (the playground: whoever reaches it can act as anyone). */
  loopbackOnly?: boolean;
}

/** True when the connection comes from this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8). */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/i.test(address);
}

export interface HttpServer {
  server: http.Server;
  /** Routes requests whose path starts with `prefix` to `handler` (longest prefix wins). */
  mount(prefix: string, handler: Handler, opts?: MountOptions): void;
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

/** Reads a request body (bounded, 1 MiB by default). */
export async function readBody(req: http.IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error("request body too large");
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
