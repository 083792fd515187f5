// The fake Slack's server, on a thread of its own (bench/support/load.ts's AnswerSink): a slash
// command's answer arrives at Slack's servers, not at the client that timed its acknowledgement,
// so reading hundreds of answers a second (each a few kilobytes) must not hold up the loop that
// times the acknowledgements. Each answer is reduced here to when it arrived and what kind it was.
// Plain JavaScript: a worker thread does not load TypeScript through the bench's tsx.
import http from "node:http";
import { parse as parseQuery } from "node:querystring";
import { parentPort } from "node:worker_threads";

const USERS_INFO_PER_MINUTE = 100;
const port = parentPort;
/** @param {import("./load.ts").SinkMessage} m */
const tell = (m) => port.postMessage(m);
/** @type {number[]} */
const usersInfoAt = [];

// Answers that arrive together go to the load generator in one message: each message wakes its
// thread, and on a busy machine a wake-up per answer cost more than the answers themselves.
/** @typedef {import("./load.ts").Answer & { id: string }} Arrived */
/** @type {Arrived[]} */
let arriving = [];
/** @param {Arrived} a */
function arrived(a) {
  if (arriving.length === 0) setImmediate(() => {
    tell({ kind: "answers", answers: arriving });
    arriving = [];
  });
  arriving.push(a);
}
let calls = 0;
let refused = 0;

const server = http.createServer((req, res) => {
  /** @type {Buffer[]} */
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const at = performance.timeOrigin + performance.now();
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = req.url ?? "/";
    if (url.startsWith("/respond/")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
      arrived({ id: url.slice("/respond/".length), at, busy: /very busy/i.test(raw), failed: /went wrong on my side/i.test(raw) });
      return;
    }
    const method = url.replace(/^\/api\//, "").split("?")[0];
    const args = parseQuery(raw);
    if (method === "users.info") {
      // As strict as Slack: Tier 4, 100 a minute at its floor, then 429 with Retry-After.
      const now = performance.now();
      while (usersInfoAt.length && now - usersInfoAt[0] >= 60_000) usersInfoAt.shift();
      if (usersInfoAt.length >= USERS_INFO_PER_MINUTE) {
        refused++;
        tell({ kind: "usersInfo", calls, refused });
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(Math.max(1, Math.ceil((usersInfoAt[0] + 60_000 - now) / 1000))) });
        res.end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      usersInfoAt.push(now);
      calls++;
      tell({ kind: "usersInfo", calls, refused });
    }
    res.writeHead(200, { "content-type": "application/json" });
    if (method === "users.info") res.end(JSON.stringify({ ok: true, user: { id: args.user, name: "bench", real_name: "Bench", is_bot: false, locale: "en-US", profile: { display_name: "Bench" } } }));
    else if (method === "auth.test") res.end(JSON.stringify({ ok: true, team_id: "T0BENCH", user_id: "UBOT", bot_id: "BBOT" }));
    else if (method === "conversations.open") res.end(JSON.stringify({ ok: true, channel: { id: `D${String(args.users)}` } }));
    else res.end(JSON.stringify({ ok: true, ts: `${Date.now() / 1000}`, channel: args.channel ?? "C0" }));
  });
});
server.keepAliveTimeout = 10_000;

port.on("message", (m) => {
  if (m.kind !== "stop") return;
  server.closeAllConnections();
  server.close(() => {
    tell({ kind: "stopped" });
    port.close();
  });
});

server.listen(0, "127.0.0.1", () => tell({ kind: "listening", port: /** @type {import("node:net").AddressInfo} */ (server.address()).port }));
