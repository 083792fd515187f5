// "Who is asking", on both engines: the statements every command runs to know the caller (their
// linked identity, their saved language, their roles), and the writes behind them (a language
// chosen, a link code redeemed, a role granted or ended), on SQLite and on a real PostgreSQL.
import { expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { channelLocale, deliveryLocale, forgetLocale, noteSeenLocale, personLocale, saveLocale, savedLocale, seenLocale, setChannelLocale } from "../../db/locales.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const T0 = new Date("2026-12-07T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeOnBothEngines("who is asking", ({ skip, store }) => {
  it.skipIf(skip)("saved languages: a person's choice, their app's last seen language, a channel's, and which one a delivery uses", async () => {
    const db = data(store());
    expect(await savedLocale(db, "person:1")).toBeUndefined();
    await saveLocale(db, "person:1", "es", T0);
    await saveLocale(db, "person:1", "vi", at(1000)); // a second choice replaces the first
    expect(await savedLocale(db, "person:1")).toBe("vi");
    expect(await forgetLocale(db, "person:1")).toBe(true);
    expect(await forgetLocale(db, "person:1")).toBe(false);
    expect(await savedLocale(db, "person:1")).toBeUndefined();

    // The app's language is noted only when it changes; the person's own choice wins over it.
    await noteSeenLocale(db, 2, "ru", T0);
    expect(await seenLocale(db, 2)).toBe("ru");
    expect(await personLocale(db, 2)).toBe("ru");
    await noteSeenLocale(db, 2, "ru", at(1000), "ru"); // already known: nothing written
    const stamp = await db.one<{ updatedAt: string }>(`SELECT "updatedAt" FROM "LocalePreference" WHERE "subject" = ?`, "seen:person:2");
    expect(new Date(stamp!.updatedAt).getTime()).toBe(T0.getTime());
    await noteSeenLocale(db, 2, "zh-Hans", at(2000), "ru");
    expect(await seenLocale(db, 2)).toBe("zh-Hans");
    await saveLocale(db, "person:2", "vi", at(3000));
    expect(await personLocale(db, 2)).toBe("vi");
    expect(await personLocale(db, 3)).toBeUndefined();

    const ch = { platform: "slack", workspaceId: "T1", channelId: "C1" };
    expect(await channelLocale(db, ch)).toBeUndefined();
    await setChannelLocale(db, ch, "es", 2, T0);
    await setChannelLocale(db, ch, "ru", null, at(1000));
    expect(await channelLocale(db, ch)).toBe("ru");
    expect(await channelLocale(db, { ...ch, channelId: "C2" })).toBeUndefined();

    // A delivery: the channel's language in a channel, else the person's, else the chat account's.
    expect(await deliveryLocale(db, { ...ch, userId: "U1", personId: 2 })).toBe("ru");
    expect(await deliveryLocale(db, { platform: "any", workspaceId: null, channelId: null, userId: null, personId: 2 })).toBe("vi");
    await saveLocale(db, "slack:T1:U9", "es", T0);
    expect(await deliveryLocale(db, { platform: "slack", workspaceId: "T1", channelId: null, userId: "U9", personId: null })).toBe("es");
    expect(await deliveryLocale(db, { platform: "slack", workspaceId: null, channelId: null, userId: null, personId: null })).toBeUndefined();
  });
});
