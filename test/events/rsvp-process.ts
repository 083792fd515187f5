// One bot process answering for several people at once, for the cross-process RSVP test: opens the
// database (a SQLite file or a PostgreSQL URL), waits for the common start instant, then says Going for each person and Can't for
// the first. Prints nothing but errors; the test reads the database.
import { answer, eventById } from "./db.ts";
import { openStore } from "../../db/store.ts";

const [url, eventId, people, startAt] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore(url);
const ids = people.split(",").map(Number);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const e = (await eventById(store, Number(eventId)))!;
for (const id of ids) await answer(store, e, id, "going", new Date(), "America/Los_Angeles");
await answer(store, e, ids[0]!, "cant", new Date(), "America/Los_Angeles");
await store.close();
