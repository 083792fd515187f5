// An audit entry written inside an asynchronous transaction commits with the work it records or not
// at all, and the hash chain never forks, on SQLite and on a real PostgreSQL, including when several
// transactions append at once on PostgreSQL's pool (as several bot processes would).
import { expect, it } from "vitest";
import { appendAuditAsync, appendAuditIn, verifyAuditRows, type AuditRow } from "../../db/audit.ts";
import { data, transaction } from "../../db/data.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

async function* rowsOf(rows: AuditRow[]): AsyncIterable<AuditRow> {
  yield* rows;
}

describeOnBothEngines("audit entries in a transaction", ({ engine, skip, store }) => {
  const entries = () => data(store()).all<AuditRow>(`SELECT * FROM "AuditEntry" ORDER BY "id"`);

  it.skipIf(skip)("commit with their work, vanish with a rollback, and keep one unbroken chain", async () => {
    const s = store();
    const before = (await entries()).length;
    await transaction(s, (tx) => appendAuditIn(tx, { actor: "cli", action: "demo.seed", details: { step: 1 }, at: new Date("2026-12-06T10:00:00Z") }));
    await expect(
      transaction(s, async (tx) => {
        await appendAuditIn(tx, { actor: "cli", action: "demo.seed", details: { step: "rolled back" } });
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    await appendAuditAsync(s, { actor: "cli", action: "demo.seed", details: { step: 2 } });
    await transaction(s, (tx) => appendAuditIn(tx, { actor: "cli", action: "demo.seed", details: { step: 3 } }));
    const rows = await entries();
    expect(rows.length - before).toBe(3);
    expect(rows.map((r) => r.details)).not.toContain(JSON.stringify({ step: "rolled back" }));
    expect(await verifyAuditRows(rowsOf(rows), { keyring: null })).toEqual({ ok: true, entries: rows.length });
  });

  it.skipIf(skip || engine !== "postgres")("never fork when many transactions append at once", async () => {
    const s = store();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        transaction(s, async (tx) => {
          await tx.one(`SELECT 1`);
          await appendAuditIn(tx, { actor: "cli", action: "demo.seed", details: { i } });
        }),
      ),
    );
    const rows = await entries();
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    expect(await verifyAuditRows(rowsOf(rows), { keyring: null })).toEqual({ ok: true, entries: rows.length });
  });
});
