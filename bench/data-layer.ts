// Data layer benchmark (not a test): what the asynchronous, engine-neutral layer (db/data.ts) costs
// over today's synchronous cached statements (db/sql.ts) on SQLite, the default engine. Measured
// on one temporary database in this process, with the statements a command typically runs:
// - a read by a unique key (who is asking), synchronous vs awaited;
// - a transaction of one read and three writes (a decision, its audit-like row, a counter),
//   synchronous vs asynchronous (BEGIN IMMEDIATE … COMMIT around awaited statements).
// - a reply with ten buttons: its tokens written as before the move (ten cached single-row
//   INSERTs, each its own commit) and as now (`materialize`: one multi-row INSERT, awaited).
// Targets: each asynchronous form ≤ 1.10 × its synchronous one (the 10 % budget the command path
// has for the move to the asynchronous layer).
// BENCH_DATA_ROUNDS (default 20000) sets the loop size.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { data, transaction as asyncTransaction } from "../db/data.ts";
import { one, run as syncRun, transaction as syncTransaction } from "../db/sql.ts";
import { openStore } from "../db/store.ts";
import { newTokenId } from "../db/tokens.ts";
import { dbTime } from "../db/time.ts";
import { materialize } from "../commands/core/render.ts";
import { reply } from "../commands/core/reply.ts";

const ROUNDS = Number(process.env.BENCH_DATA_ROUNDS ?? 20_000);
const round = (x: number) => Math.round(x * 100) / 100;

async function perCallMicros(n: number, work: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(1000, n); i++) await work(i); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await work(i);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

export async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-data-"));
  const store = await openStore(`file:${path.join(dir, "data.db")}`);
  try {
    const now = new Date().toISOString();
    syncTransaction(store, () => {
      for (let i = 0; i < 1000; i++) syncRun(store, `INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, `SL-${i}`, `Sub-local ${i}`, now);
    });
    const db = data(store);
    const read = `SELECT "id", "name", "region" FROM "SubLocal" WHERE "code" = ?`;
    const syncRead = await perCallMicros(ROUNDS, (i) => one(store, read, `SL-${i % 1000}`));
    const asyncRead = await perCallMicros(ROUNDS, (i) => db.one(read, `SL-${i % 1000}`));

    const upd = `UPDATE "SubLocal" SET "region" = ? WHERE "code" = ?`;
    const syncTx = await perCallMicros(ROUNDS / 4, (i) =>
      syncTransaction(store, () => {
        one(store, read, `SL-${i % 1000}`);
        syncRun(store, upd, `r${i}`, `SL-${i % 1000}`);
        syncRun(store, upd, `s${i}`, `SL-${(i + 1) % 1000}`);
        syncRun(store, upd, `t${i}`, `SL-${(i + 2) % 1000}`);
      }),
    );
    const asyncTx = await perCallMicros(ROUNDS / 4, (i) =>
      asyncTransaction(store, async (tx) => {
        await tx.one(read, `SL-${i % 1000}`);
        await tx.run(upd, `r${i}`, `SL-${i % 1000}`);
        await tx.run(upd, `s${i}`, `SL-${(i + 1) % 1000}`);
        await tx.run(upd, `t${i}`, `SL-${(i + 2) % 1000}`);
      }),
    );
    // A card of ten buttons, two of them deciding together.
    const card = reply.private(
      reply.text("Ten buttons"),
      reply.buttons(
        { label: "Approve", action: "bench.approve", payload: { id: 1 }, once: true, group: "decide" },
        { label: "Deny", action: "bench.deny", payload: { id: 1 }, once: true, group: "decide" },
        ...Array.from({ length: 8 }, (_, i) => ({ label: `Open ${i}`, action: "bench.open", payload: { n: i } })),
      ),
    );
    const insertOne = `INSERT INTO "InteractionToken" (id, kind, handler, payload, once, groupId, createdById, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    const buttonsBefore = await perCallMicros(ROUNDS / 10, () => {
      // What materialize did before: one cached statement run per button.
      const when = new Date();
      const group = newTokenId();
      for (const b of card.blocks.flatMap((x) => (x.type === "buttons" ? x.buttons : []))) {
        syncRun(store, insertOne, newTokenId(), "button", b.action, JSON.stringify(b.payload ?? null), b.once ? 1 : 0, b.group ? group : null, 4, dbTime(when), dbTime(new Date(when.getTime() + 90 * 24 * 3600_000)));
      }
    });
    const buttonsAfter = await perCallMicros(ROUNDS / 10, () => materialize(db, card, 4, new Date()));
    const figures = [
      { name: "sqlite: read by key, synchronous", value: round(syncRead), unit: "µs", target: "reference", met: true },
      { name: "sqlite: read by key, awaited (db/data.ts)", value: round(asyncRead), unit: "µs", target: `≤ ${round(syncRead * 1.1)} (sync × 1.10)`, met: asyncRead <= syncRead * 1.1 },
      { name: "sqlite: transaction of 1 read + 3 writes, synchronous", value: round(syncTx), unit: "µs", target: "reference", met: true },
      { name: "sqlite: transaction of 1 read + 3 writes, asynchronous", value: round(asyncTx), unit: "µs", target: `≤ ${round(syncTx * 1.1)} (sync × 1.10)`, met: asyncTx <= syncTx * 1.1 },
      { name: "sqlite: a reply with 10 buttons, one INSERT per button (before)", value: round(buttonsBefore), unit: "µs", target: "reference", met: true },
      { name: "sqlite: a reply with 10 buttons, materialize (one multi-row INSERT)", value: round(buttonsAfter), unit: "µs", target: `≤ ${round(buttonsBefore * 1.1)} (before × 1.10)`, met: buttonsAfter <= buttonsBefore * 1.1 },
    ];
    return { figures };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
