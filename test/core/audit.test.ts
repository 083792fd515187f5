import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { appendAuditAsync, verifyAudit } from "../../db/audit.ts";
import type { Store } from "../../db/store.ts";
import { tempStore } from "../helpers/store.ts";

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
});

describe("audit log", () => {
  it("chains every entry to the one before and verifies", async () => {
    store = await tempStore();
    for (let i = 0; i < 5; i++) await appendAuditAsync(store, { actor: "cli", action: "demo.seed", details: { i } });
    expect(await verifyAudit(data(store))).toEqual({ ok: true, entries: 5 });
  });

  it("refuses edits and deletions through SQL", async () => {
    store = await tempStore();
    await appendAuditAsync(store, { actor: "cli", action: "demo.seed" });
    expect(() => store!.sql.prepare(`UPDATE "AuditEntry" SET action = 'x'`).run()).toThrow(/append-only/);
    expect(() => store!.sql.prepare(`DELETE FROM "AuditEntry"`).run()).toThrow(/append-only/);
  });

  it("detects an edit made behind the database's back, naming the first broken entry", async () => {
    store = await tempStore();
    for (let i = 0; i < 4; i++) await appendAuditAsync(store, { actor: "cli", action: "demo.seed", details: { i } });
    // Someone with the file drops the guard and rewrites history.
    store.sql.exec(`DROP TRIGGER "AuditEntry_no_update"`);
    store.sql.prepare(`UPDATE "AuditEntry" SET details = '{"i":99}' WHERE id = 3`).run();
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 3, reason: "content does not match its hash" });
  });

  it("detects a deleted entry", async () => {
    store = await tempStore();
    for (let i = 0; i < 4; i++) await appendAuditAsync(store, { actor: "cli", action: "demo.seed", details: { i } });
    store.sql.exec(`DROP TRIGGER "AuditEntry_no_delete"`);
    store.sql.prepare(`DELETE FROM "AuditEntry" WHERE id = 2`).run();
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 3, reason: "link to the previous entry does not match" });
  });
});
