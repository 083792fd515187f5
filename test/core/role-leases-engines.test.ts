// One process at a time holds a role (the Discord gateway): taken, renewed, refused to a second
// process while alive, taken over once expired, handed back on a graceful stop. The same on SQLite
// and on a real PostgreSQL, where many connections race for a free role and exactly one wins.
import { expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { releaseRoleLease, roleHolder, takeRoleLease } from "../../db/role-leases.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const T0 = new Date("2026-12-07T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const TTL = 15_000;

describeOnBothEngines("role leases", ({ skip, store }) => {
  it.skipIf(skip)("one holder at a time; renewals keep it, expiry frees it, release hands it back", async () => {
    const db = data(store());
    expect(await takeRoleLease(db, "gateway", "a", TTL, T0)).toBe(true);
    expect(await takeRoleLease(db, "gateway", "b", TTL, at(1_000))).toBe(false);
    // a renews at 10 s: b is still refused at 20 s (the renewal moved the expiry to 25 s).
    expect(await takeRoleLease(db, "gateway", "a", TTL, at(10_000))).toBe(true);
    expect(await takeRoleLease(db, "gateway", "b", TTL, at(20_000))).toBe(false);
    const held = await roleHolder(db, "gateway", at(20_000));
    expect(held?.holder).toBe("a");
    // takenAt stays when the holder renews.
    expect(new Date(held!.takenAt).getTime()).toBe(T0.getTime());

    // a dies (stops renewing): at its expiry exactly, b takes over, with a new takenAt.
    expect(await takeRoleLease(db, "gateway", "b", TTL, at(25_000))).toBe(true);
    expect(await takeRoleLease(db, "gateway", "a", TTL, at(26_000))).toBe(false);
    const taken = await roleHolder(db, "gateway", at(26_000));
    expect(taken?.holder).toBe("b");
    expect(new Date(taken!.takenAt).getTime()).toBe(at(25_000).getTime());
    expect(await roleHolder(db, "gateway", at(41_000))).toBeUndefined();

    // Releasing someone else's role does nothing; releasing one's own frees it at once.
    await releaseRoleLease(db, "gateway", "a");
    expect(await takeRoleLease(db, "gateway", "c", TTL, at(27_000))).toBe(false);
    await releaseRoleLease(db, "gateway", "b");
    expect(await roleHolder(db, "gateway", at(27_000))).toBeUndefined();
    expect(await takeRoleLease(db, "gateway", "c", TTL, at(27_000))).toBe(true);

    // Roles are separate.
    expect(await takeRoleLease(db, "other", "a", TTL, at(27_000))).toBe(true);
  });

  it.skipIf(skip)("twenty processes asking for a free role at the same instant: exactly one holds it", async () => {
    const db = data(store());
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const now = at(100_000 + round);
      const won = await Promise.all(Array.from({ length: 20 }, (_, i) => takeRoleLease(db, name, `p${i}`, TTL, now)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await roleHolder(db, name, now))?.holder).toBe(`p${won.indexOf(true)}`);
      // And when it has expired, again exactly one of them takes it over.
      const later = at(100_000 + round + TTL);
      const again = await Promise.all(Array.from({ length: 20 }, (_, i) => takeRoleLease(db, name, `q${i}`, TTL, later)));
      expect(again.filter(Boolean)).toHaveLength(1);
    }
  });
});
