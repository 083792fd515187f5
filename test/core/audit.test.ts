import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { appendAuditAsync, verifyAudit } from "../../db/audit.ts";
import type { Store } from "../../db/store.ts";
import { tempStore } from "../helpers/store.ts";
import { dropTrigger } from "../helpers/tamper.ts";

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
    await expect(data(store).run(`UPDATE "AuditEntry" SET "action" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(data(store).run(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/append-only/);
  });

  it("detects an edit made behind the database's back, naming the first broken entry", async () => {
    store = await tempStore();
    for (let i = 0; i < 4; i++) await appendAuditAsync(store, { actor: "cli", action: "demo.seed", details: { i } });
    // Someone with the file drops the guard and rewrites history.
    await dropTrigger(store, "AuditEntry", "AuditEntry_no_update");
    await data(store).run(`UPDATE "AuditEntry" SET "details" = '{"i":99}' WHERE "id" = 3`);
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 3, reason: "content does not match its hash" });
  });

  it("detects a deleted entry", async () => {
    store = await tempStore();
    for (let i = 0; i < 4; i++) await appendAuditAsync(store, { actor: "cli", action: "demo.seed", details: { i } });
    await dropTrigger(store, "AuditEntry", "AuditEntry_no_delete");
    await data(store).run(`DELETE FROM "AuditEntry" WHERE "id" = 2`);
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 3, reason: "link to the previous entry does not match" });
  });
});
