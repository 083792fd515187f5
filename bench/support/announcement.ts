// An event announced to the whole local, for the burst benchmark: the event and the "Going"
// button of its announcement, bound to a stored token exactly as the announcement card binds it.
import { data, transaction } from "../../db/data.ts";
import { createEvent } from "../../db/events.ts";
import { openStore } from "../../db/store.ts";
import { createToken } from "../../db/tokens.ts";
import { one } from "../../db/sql.ts";

export interface Announced {
  eventId: number;
  /** The token in the action_id of the announcement's "Going" button. */
  goingToken: string;
}

export async function announceEvent(file: string, now = new Date()): Promise<Announced> {
  const store = await openStore(`file:${file}`);
  try {
    const organiser = one<{ id: number }>(store, `SELECT "id" FROM "Person" ORDER BY "id" LIMIT 1`)!.id;
    const startsAt = new Date(now.getTime() + 7 * 24 * 3600_000);
    const { ids } = await transaction(store, (tx) => createEvent(
      tx,
      store,
      {
        title: "Bargaining update town hall",
        description: "Where the table stands, and what comes next.",
        kind: "meeting",
        link: null,
        place: "Salem union hall",
        audienceType: "statewide",
        audienceId: null,
        capacity: null,
        language: "en",
        organiserId: organiser,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        rsvpDeadline: null,
        isPublic: false,
        repeat: null,
      },
      now,
      "America/Los_Angeles",
    ));
    const eventId = ids[0]!;
    const goingToken = await createToken(data(store), { kind: "button", handler: "event.rsvp", payload: { eventId, answer: "going" }, createdById: organiser, now });
    return { eventId, goingToken };
  } finally {
    await store.close();
  }
}
