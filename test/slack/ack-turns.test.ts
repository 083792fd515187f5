// Requests that arrive together take turns on the event loop: within a turn's budget they go on at
// once; past it they wait, in arrival order, for a later turn, and each later turn lets the
// waiting ones on as each leaves. A fake clock says how much of the turn each request spends.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { AckTurns, type Leave } from "../../adapters/slack/ack-turns.ts";
import { MountedReceiver } from "../../adapters/slack/receiver.ts";
import { slackSignature } from "../fakes/slack.ts";

const nextTurn = () => new Promise<void>((r) => setImmediate(r));
const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe("AckTurns", () => {
  it("lets requests on while the turn has budget, and holds the rest for a later turn", async () => {
    await nextTurn();
    let clock = 0;
    const turns = new AckTurns(10, () => clock);
    let turnEnded = false;
    setImmediate(() => (turnEnded = true));
    const order: string[] = [];
    const a = await turns.enter();
    order.push(`a:${turnEnded}`);
    clock = 9;
    a();
    const b = await turns.enter();
    order.push(`b:${turnEnded}`);
    clock = 11;
    b();
    const c = await turns.enter();
    order.push(`c:${turnEnded}`);
    c();
    expect(order).toEqual(["a:false", "b:false", "c:true"]);
  });

  it("lets every waiting request on, in arrival order, several a turn as each leaves within the budget", async () => {
    await nextTurn();
    let clock = 0;
    const turns = new AckTurns(10, () => clock);
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    // The first request spends the whole budget: the other 20 arrive in the same poll and wait.
    const first = await turns.enter();
    clock += 12;
    const wentOn: { i: number; turn: number }[] = [];
    const all = Array.from({ length: 20 }, (_, i) =>
      turns.enter().then((leave: Leave) => {
        wentOn.push({ i, turn });
        // Each one's acknowledgement costs 4 ms of loop time.
        clock += 4;
        leave();
      }),
    );
    expect(turns.waitingCount).toBe(20);
    first();
    expect(wentOn).toEqual([]);
    await Promise.all(all);
    counting = false;
    expect(wentOn.map((w) => w.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // 4 ms each in a 10 ms budget: the first of a turn, then two more while under 10 ms.
    const perTurn = new Map<number, number>();
    for (const w of wentOn) perTurn.set(w.turn, (perTurn.get(w.turn) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBe(3);
    expect(perTurn.size).toBe(7);
    expect(turns.waitingCount).toBe(0);
  });

  it("lets the next one on in a later turn even when a request never leaves in its own (it waits for other I/O)", async () => {
    await nextTurn();
    let clock = 0;
    const turns = new AckTurns(10, () => clock);
    await turns.enter();
    clock = 20;
    // Never left: its work waits on something else (a modal submission's work).
    const second = turns.enter();
    const third = turns.enter();
    (await second)();
    (await third)();
    expect(turns.waitingCount).toBe(0);
  });
});

describe("the Slack receiver in a burst", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it("acknowledges every click of a burst, in the order they arrived, spread over the loop's turns", async () => {
    let clock = 0;
    const secret = "burst-signing-secret";
    const receiver = new MountedReceiver({ signingSecret: secret, log: silent, turns: new AckTurns(10, () => clock) });
    const app = new App({ receiver, authorize: async () => ({ botToken: "xoxb-burst" }), tokenVerificationEnabled: false });
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const arrived: string[] = [];
    const acked: { user: string; turn: number }[] = [];
    app.action(/.*/, async ({ ack, body }) => {
      // Bolt's middleware, the parsing and the ack cost 6 ms of loop time each.
      clock += 6;
      await ack();
      acked.push({ user: body.user.id, turn });
    });
    const users = Array.from({ length: 40 }, (_, i) => `U${String(i).padStart(4, "0")}${crypto.randomBytes(2).toString("hex").toUpperCase()}`);
    // Each request's headers and all but the last byte of its body arrive first; then the last
    // bytes of all of them are written at once, so the bot reads the whole burst in one poll.
    let headersIn = 0;
    let allHeadersIn: () => void = () => undefined;
    const headersArrived = new Promise<void>((r) => (allHeadersIn = r));
    server = http.createServer((req, res) => {
      if (++headersIn === users.length) allHeadersIn();
      // Arrived once the whole body is in (the receiver reads it to its end before its turn).
      req.once("end", () => arrived.push(String(req.headers["x-click"])));
      void receiver.handle(req, res);
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: false, maxSockets: 64 });
    const finish: (() => void)[] = [];
    const clicks = users.map(
      (user) =>
        new Promise<number>((resolve, reject) => {
          const payload = { type: "block_actions", user: { id: user, team_id: "T0BURST" }, team: { id: "T0BURST" }, api_app_id: "A0BURST", trigger_id: `${user}.1`, actions: [{ type: "button", action_id: "go", block_id: "b0", value: "going", action_ts: "1700000000.1" }] };
          const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
          const ts = Math.floor(Date.now() / 1000);
          const req = http.request(
            { agent, host: "127.0.0.1", port, path: "/slack/events", method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(secret, ts, body), "x-click": user } },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            },
          );
          req.on("error", reject);
          req.flushHeaders();
          req.write(body.slice(0, -1));
          finish.push(() => req.end(body.slice(-1)));
        }),
    );
    await headersArrived;
    for (const f of finish) f();
    const statuses = await Promise.all(clicks);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(acked.map((a) => a.user)).toEqual(arrived);
    expect(new Set(arrived)).toEqual(new Set(users));
    // 6 ms each in a 10 ms budget: no more than two acknowledgements between two turns of the loop.
    const perTurn = new Map<number, number>();
    for (const a of acked) perTurn.set(a.turn, (perTurn.get(a.turn) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(2);
  });
});
