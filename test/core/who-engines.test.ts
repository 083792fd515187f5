// "Who is asking", on both engines: the statements every command runs to know the caller (their
// linked identity, their saved language, their roles), and the writes behind them (a language
// chosen, a link code redeemed, a role granted or ended), on SQLite and on a real PostgreSQL.
import { expect, it } from "vitest";
import { data, transaction, type Db } from "../../db/data.ts";
import { findIdentity, findIdentityWithLocales, firstLinkedWorkspace, identitiesOf, issueLinkCode, linkIdentity, redeemLinkCode } from "../../db/identities.ts";
import { channelLocale, deliveryLocale, forgetLocale, noteSeenLocale, personLocale, saveLocale, savedLocale, seenLocale, setChannelLocale } from "../../db/locales.ts";
import { knownCaller } from "../../db/callers.ts";
import { personById } from "../../db/people.ts";
import { activeRoles, grantRoleIn, holdersOf, othersHoldingOffice, outgoingHolders, revokeRoleIn } from "../../db/roles.ts";
import { openStore, type Store } from "../../db/store.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const T0 = new Date("2026-12-07T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function person(db: Db, n: string, last: string): Promise<number> {
  return (await db.one<{ id: number }>(`INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "updatedAt") VALUES (?, 'Test', ?, ?) RETURNING "id"`, n, last, T0))!.id;
}

/**
 * Another connection to the same PostgreSQL database, as a second bot process opens it. SQLite
 * serves one bot process through its one connection (a second connection in the same process would
 * wait synchronously for the first one's transaction, which can then never finish): there the
 * racers share the store, and its lock puts them in turn.
 */
async function sameDatabase(store: Store): Promise<{ store: Store; close(): Promise<void> }> {
  if (store.engine === "sqlite") return { store, close: async () => {} };
  const other = await openStore((store.pool!.options as { connectionString: string }).connectionString);
  return { store: other, close: () => other.close() };
}

describeOnBothEngines("who is asking", ({ skip, store }) => {
  it.skipIf(skip)("saved languages: a person's choice, their app's last seen language, a channel's, and which one a delivery uses", async () => {
    const db = data(store());
    expect(await savedLocale(db, "person:9001")).toBeUndefined();
    await saveLocale(db, "person:9001", "es", T0);
    await saveLocale(db, "person:9001", "vi", at(1000)); // a second choice replaces the first
    expect(await savedLocale(db, "person:9001")).toBe("vi");
    expect(await forgetLocale(db, "person:9001")).toBe(true);
    expect(await forgetLocale(db, "person:9001")).toBe(false);
    expect(await savedLocale(db, "person:9001")).toBeUndefined();

    // The app's language is noted only when it changes; the person's own choice wins over it.
    await noteSeenLocale(db, 9002, "ru", T0);
    expect(await seenLocale(db, 9002)).toBe("ru");
    expect(await personLocale(db, 9002)).toBe("ru");
    await noteSeenLocale(db, 9002, "ru", at(1000), "ru"); // already known: nothing written
    await noteSeenLocale(db, 9002, "ru", at(1000)); // read here, the same: nothing written
    const stamp = await db.one<{ updatedAt: string }>(`SELECT "updatedAt" FROM "LocalePreference" WHERE "subject" = ?`, "seen:person:9002");
    expect(new Date(stamp!.updatedAt).getTime()).toBe(T0.getTime());
    await noteSeenLocale(db, 9002, "zh-Hans", at(2000), "ru");
    expect(await seenLocale(db, 9002)).toBe("zh-Hans");
    await saveLocale(db, "person:9002", "vi", at(3000));
    expect(await personLocale(db, 9002)).toBe("vi");
    expect(await personLocale(db, 9003)).toBeUndefined();

    const ch = { platform: "slack", workspaceId: "T1", channelId: "C1" };
    expect(await channelLocale(db, ch)).toBeUndefined();
    await setChannelLocale(db, ch, "es", 9002, T0);
    await setChannelLocale(db, ch, "ru", null, at(1000));
    expect(await channelLocale(db, ch)).toBe("ru");
    expect(await channelLocale(db, { ...ch, channelId: "C2" })).toBeUndefined();

    // A delivery: the channel's language in a channel, else the person's, else the chat account's.
    expect(await deliveryLocale(db, { ...ch, userId: "U1", personId: 9002 })).toBe("ru");
    expect(await deliveryLocale(db, { platform: "any", workspaceId: null, channelId: null, userId: null, personId: 9002 })).toBe("vi");
    await saveLocale(db, "slack:T1:U9", "es", T0);
    expect(await deliveryLocale(db, { platform: "slack", workspaceId: "T1", channelId: null, userId: "U9", personId: null })).toBe("es");
    expect(await deliveryLocale(db, { platform: "slack", workspaceId: null, channelId: null, userId: null, personId: null })).toBeUndefined();
  });

  it.skipIf(skip)("identities: who an account is, with their languages in the same statement; linking, re-linking, a person's accounts", async () => {
    const db = data(store());
    const ana = await person(db, "710001", "Ana");
    const ben = await person(db, "710002", "Ben");
    const key = { platform: "slack", workspaceId: "T1", userId: "U1" };
    expect(await findIdentity(db, key)).toBeNull();
    expect(await findIdentityWithLocales(db, key)).toBeNull();
    const linked = await linkIdentity(db, { ...key, personId: ana, displayName: "Ana R", linkedVia: "admin" }, T0);
    expect(linked).toMatchObject({ ...key, personId: ana, displayName: "Ana R", linkedVia: "admin" });
    expect(linked.linkedAt.getTime()).toBe(T0.getTime());
    expect(await findIdentity(db, key)).toEqual(linked);
    expect(await findIdentityWithLocales(db, key)).toEqual({ ...linked, savedLocale: null, seenLocale: null });
    await saveLocale(db, `person:${ana}`, "es", T0);
    await noteSeenLocale(db, ana, "vi", T0);
    await saveLocale(db, `person:${ben}`, "ru", T0); // someone else's choice is not hers
    expect(await findIdentityWithLocales(db, key)).toMatchObject({ personId: ana, savedLocale: "es", seenLocale: "vi" });

    // Re-linking the same account moves it to another person (one row per account).
    const relinked = await linkIdentity(db, { ...key, personId: ben, linkedVia: "code" }, at(1000));
    expect(relinked.id).toBe(linked.id);
    expect(await findIdentityWithLocales(db, key)).toMatchObject({ personId: ben, displayName: null, linkedVia: "code", savedLocale: "ru", seenLocale: null });
    await linkIdentity(db, { platform: "discord", workspaceId: "G1", userId: "D1", personId: ben, linkedVia: "admin" }, at(2000));
    await linkIdentity(db, { platform: "discord", workspaceId: "G2", userId: "D1", personId: ben, linkedVia: "admin" }, at(3000));
    expect((await identitiesOf(db, ben)).map((i) => i.platform)).toEqual(["slack", "discord", "discord"]);
    expect((await identitiesOf(db, ben, "discord")).map((i) => i.workspaceId)).toEqual(["G1", "G2"]);
    expect(await identitiesOf(db, ana)).toEqual([]);
    expect(await firstLinkedWorkspace(db, "discord", "D1")).toBe("G1");
    expect(await firstLinkedWorkspace(db, "discord", "D9")).toBeNull();
  });

  it.skipIf(skip)("a link code: used once, never after it expires, never when mistyped; the person it names", async () => {
    const db = data(store());
    const cara = await person(db, "710003", "Cara");
    const { code, expiresAt } = await issueLinkCode(db, cara, null, 60_000, T0);
    expect(expiresAt.getTime()).toBe(at(60_000).getTime());
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await redeemLinkCode(db, "WRONG123", "slack:T1:U2", at(1000))).toBeNull();
    // Typed in lower case with spaces around: the same code.
    expect(await redeemLinkCode(db, ` ${code.toLowerCase()} `, "slack:T1:U2", at(1000))).toBe(cara);
    expect(await redeemLinkCode(db, code, "slack:T1:U3", at(2000))).toBeNull();
    const used = await db.one<{ usedBy: string; usedAt: string }>(`SELECT "usedBy", "usedAt" FROM "LinkCode" WHERE "personId" = ?`, cara);
    expect(used?.usedBy).toBe("slack:T1:U2");
    expect(new Date(used!.usedAt).getTime()).toBe(at(1000).getTime());
    const late = await issueLinkCode(db, cara, null, 60_000, T0);
    expect(await redeemLinkCode(db, late.code, "slack:T1:U2", at(60_000))).toBeNull(); // expired at that instant
  });

  it.skipIf(skip)("twenty processes redeeming one link code at the same instant: exactly one links their account", async () => {
    const db = data(store());
    const dana = await person(db, "710004", "Dana");
    const others = await Promise.all(Array.from({ length: 20 }, () => sameDatabase(store())));
    try {
      for (let round = 0; round < 3; round++) {
        const { code } = await issueLinkCode(db, dana, null, 60_000, T0);
        // Each as /unionhall link does it: the code used and the account linked in one transaction.
        const won = await Promise.all(
          others.map((s, i) =>
            transaction(s.store, async (tx) => {
              const id = await redeemLinkCode(tx, code, `slack:T1:R${round}-${i}`, at(1000));
              if (id) await linkIdentity(tx, { platform: "slack", workspaceId: "T1", userId: `R${round}-${i}`, personId: id, linkedVia: "code" }, at(1000));
              return id;
            }),
          ),
        );
        expect(won.filter((id) => id === dana)).toHaveLength(1);
        expect(won.filter((id) => id === null)).toHaveLength(19);
        const winner = `R${round}-${won.indexOf(dana)}`;
        const accounts = (await identitiesOf(db, dana, "slack")).filter((i) => i.userId.startsWith(`R${round}-`));
        expect(accounts.map((i) => i.userId)).toEqual([winner]);
      }
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });

  it.skipIf(skip)("roles: granted and ended with the audit's transaction, read in force at an instant, holders of a role, an office's other and outgoing holders", async () => {
    const s = store();
    const db = data(s);
    const eva = await person(db, "720001", "Eva");
    const fay = await person(db, "720002", "Fay");
    const gus = await person(db, "720003", "Gus");
    const day = 86_400_000;
    const grant = (g: Parameters<typeof grantRoleIn>[1], when = T0) => transaction(s, (tx) => grantRoleIn(tx, g, when));
    const steward = await grant({ personId: eva, role: "steward", scopeType: "sublocal", scopeId: "SL-1", startsAt: T0, grantedById: null });
    expect(steward).toEqual({ id: steward.id, personId: eva, role: "steward", office: null, scopeType: "sublocal", scopeId: "SL-1", startsAt: T0, endsAt: null });
    const until = at(10 * day);
    await grant({ personId: eva, role: "sublocal_officer", office: "treasurer", scopeType: "sublocal", scopeId: "SL-1", startsAt: T0, endsAt: until, grantedById: fay });
    await grant({ personId: eva, role: "staff", scopeType: "statewide", scopeId: null, startsAt: at(day), grantedById: fay });
    await grant({ personId: fay, role: "steward", scopeType: "sublocal", scopeId: "SL-2", startsAt: T0, grantedById: null });

    // In force: started, and not yet ended (the end is the first instant no longer held).
    expect((await activeRoles(db, eva, at(-1))).map((r) => r.role)).toEqual([]);
    expect((await activeRoles(db, eva, T0)).map((r) => r.role)).toEqual(["steward", "sublocal_officer"]);
    expect((await activeRoles(db, eva, at(day))).map((r) => r.role)).toEqual(["steward", "sublocal_officer", "staff"]);
    expect((await activeRoles(db, eva, until)).map((r) => r.role)).toEqual(["steward", "staff"]);
    const officer = (await activeRoles(db, eva, T0))[1]!;
    expect(officer).toMatchObject({ office: "treasurer", scopeId: "SL-1", endsAt: until });
    expect(officer.startsAt).toBeInstanceOf(Date);

    // Holders of a role: everywhere, in one scope, statewide.
    expect((await holdersOf(db, "steward", at(day))).map((h) => [h.personId, h.person.memberNumber])).toEqual([[eva, "720001"], [fay, "720002"]]);
    expect((await holdersOf(db, "steward", at(day), { scopeType: "sublocal", scopeId: "SL-2" })).map((h) => h.person.lastName)).toEqual(["Fay"]);
    expect((await holdersOf(db, "staff", at(day), { scopeType: "statewide", scopeId: null })).map((h) => h.personId)).toEqual([eva]);
    expect(await holdersOf(db, "staff", T0)).toEqual([]);

    // Ending: the matching assignment in force; another office of the same role, another scope or one already ended is untouched.
    const end = (r: Omit<Parameters<typeof revokeRoleIn>[1], "revokedById">) => transaction(s, (tx) => revokeRoleIn(tx, { ...r, revokedById: fay }));
    expect(await end({ personId: eva, role: "steward", scopeType: "sublocal", scopeId: "SL-2", at: at(day) })).toBe(0);
    expect(await end({ personId: eva, role: "sublocal_officer", office: "president", scopeType: "sublocal", scopeId: "SL-1", at: at(day) })).toBe(0);
    expect(await end({ personId: eva, role: "staff", scopeType: "statewide", scopeId: null, at: at(2 * day) })).toBe(1);
    expect(await end({ personId: eva, role: "staff", scopeType: "statewide", scopeId: null, at: at(3 * day) })).toBe(0);
    expect(await end({ personId: eva, role: "sublocal_officer", scopeType: "sublocal", scopeId: "SL-1", at: at(2 * day) })).toBe(1); // any office
    expect((await activeRoles(db, eva, at(2 * day))).map((r) => r.role)).toEqual(["steward"]);
    const ended = await db.one<{ endsAt: string; revokedAt: string; revokedById: number }>(`SELECT "endsAt", "revokedAt", "revokedById" FROM "RoleAssignment" WHERE "personId" = ? AND "role" = 'staff'`, eva);
    expect([new Date(ended!.endsAt).getTime(), new Date(ended!.revokedAt).getTime(), ended!.revokedById]).toEqual([at(2 * day).getTime(), at(2 * day).getTime(), fay]);

    // A sub-local's treasurer: Fay takes it over from Eva (ended on day 2) while Gus still holds it.
    await grant({ personId: gus, role: "sublocal_officer", office: "treasurer", scopeType: "sublocal", scopeId: "SL-1", startsAt: at(day), grantedById: null });
    const taking = { personId: fay, role: "sublocal_officer", office: "treasurer", scopeType: "sublocal", scopeId: "SL-1" };
    const others = await othersHoldingOffice(db, taking, at(3 * day));
    expect(others).toEqual([{ assignmentId: expect.any(Number), personId: gus, firstName: "Test", lastName: "Gus", preferredName: null, memberNumber: "720003" }]);
    expect(await othersHoldingOffice(db, { ...taking, role: "steward" }, at(3 * day))).toEqual([]);
    const outgoing = await outgoingHolders(db, "SL-1", "treasurer", fay, at(3 * day), T0);
    expect(outgoing.map((o) => [o.personId, o.endsAt === null])).toEqual([[gus, true], [eva, false]]); // still holding it first, then the most recent end
    expect(new Date(outgoing[1]!.endsAt!).getTime()).toBe(at(2 * day).getTime());
    expect((await outgoingHolders(db, "SL-1", "treasurer", fay, at(3 * day), at(2 * day))).map((o) => o.personId)).toEqual([gus]); // ended before `since`
    expect(await outgoingHolders(db, "SL-1", "president", fay, at(3 * day), T0)).toEqual([]);
  });

  it.skipIf(skip)("twenty processes ending one role at the same instant: it ends once, and one of them is told it did", async () => {
    const db = data(store());
    const hal = await person(db, "720004", "Hal");
    const others = await Promise.all(Array.from({ length: 20 }, () => sameDatabase(store())));
    try {
      for (let round = 0; round < 3; round++) {
        const scopeId = `SL-R${round}`;
        await transaction(store(), (tx) => grantRoleIn(tx, { personId: hal, role: "steward", scopeType: "sublocal", scopeId, startsAt: T0, grantedById: null }, T0));
        // Each with its own clock, a few milliseconds apart: whoever commits first ends it, and a
        // later commit whose clock read an earlier instant does not end it a second time.
        const ended = await Promise.all(
          others.map((s, i) => transaction(s.store, (tx) => revokeRoleIn(tx, { personId: hal, role: "steward", scopeType: "sublocal", scopeId, revokedById: null, at: at(1019 - i) }))),
        );
        expect(ended.reduce((a, b) => a + b, 0)).toBe(1);
        const rows = await db.all<{ endsAt: string }>(`SELECT "endsAt" FROM "RoleAssignment" WHERE "personId" = ? AND "scopeId" = ?`, hal, scopeId);
        expect(rows).toHaveLength(1);
        expect(new Date(rows[0]!.endsAt).getTime()).toBe(at(1019 - ended.indexOf(1)).getTime());
      }
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });

  it.skipIf(skip)("the caller in one statement: the same identity, languages, person and roles in force as the separate reads", async () => {
    const s = store();
    const db = data(s);
    const cam = await person(db, "710101", "Cam");
    const sub = await db.one<{ id: number }>(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES ('SL-91', 'Ninety-one', ?) RETURNING "id"`, T0);
    await db.run(`UPDATE "Person" SET "subLocalId" = ?, "preferredName" = 'Cammy', "capeContributor" = ? WHERE "id" = ?`, sub!.id, true, cam);
    const key = { platform: "slack", workspaceId: "T9", userId: "U-cam" };
    expect(await knownCaller(db, key, T0)).toBeNull();
    await linkIdentity(db, { ...key, personId: cam, displayName: "Cam", linkedVia: "admin" }, T0);

    // Linked, no roles: one row, no role.
    const bare = await knownCaller(db, key, T0);
    expect(bare).toEqual({ identity: await findIdentityWithLocales(db, key), person: await personById(db, cam), roles: [] });
    expect(bare!.person).toMatchObject({ preferredName: "Cammy", capeContributor: true, subLocal: { code: "SL-91", name: "Ninety-one" } });

    // Three roles: one in force, one ended, one not started yet; languages saved.
    await transaction(s, (tx) => grantRoleIn(tx, { personId: cam, role: "steward", scopeType: "sublocal", scopeId: "SL-91", startsAt: at(-1000), grantedById: null }, T0));
    await transaction(s, (tx) => grantRoleIn(tx, { personId: cam, role: "officer", office: "president", scopeType: "sublocal", scopeId: "SL-91", startsAt: at(-2000), grantedById: null }, T0));
    await transaction(s, (tx) => grantRoleIn(tx, { personId: cam, role: "staff", scopeType: "union", scopeId: null, startsAt: at(-3000), endsAt: at(-500), grantedById: null }, T0));
    await transaction(s, (tx) => grantRoleIn(tx, { personId: cam, role: "admin", scopeType: "union", scopeId: null, startsAt: at(60_000), grantedById: null }, T0));
    await saveLocale(db, `person:${cam}`, "zh-Hans", T0);
    await noteSeenLocale(db, cam, "ru", T0);
    const full = await knownCaller(db, key, T0);
    expect(full).toEqual({ identity: await findIdentityWithLocales(db, key), person: await personById(db, cam), roles: await activeRoles(db, cam, T0) });
    expect(full!.roles.map((r) => r.role)).toEqual(["steward", "officer"]);
    expect(full!.identity).toMatchObject({ savedLocale: "zh-Hans", seenLocale: "ru" });
    // A minute on, the waiting role is in force too.
    expect((await knownCaller(db, key, at(61_000)))!.roles.map((r) => r.role)).toEqual(["steward", "officer", "admin"]);
  });
});
