// The events module's functions as the tests call them: with the store, each write in a
// transaction of its own (as a handler's commitAsync would run it), each read on the data layer.
// The real functions, nothing stubbed.
import { data, transaction } from "../../db/data.ts";
import * as events from "../../db/events.ts";
import type { Store } from "../../db/store.ts";

export { reminderKey, reminderTimes } from "../../db/events.ts";

type Rest<F> = F extends (a: never, b: never, ...rest: infer R) => unknown ? R : never;
type ReadRest<F> = F extends (a: never, ...rest: infer R) => unknown ? R : never;

export const eventById = (store: Store, ...a: ReadRest<typeof events.eventById>) => events.eventById(data(store), ...a);
export const counts = (store: Store, ...a: ReadRest<typeof events.counts>) => events.counts(data(store), ...a);
export const rsvpOf = (store: Store, ...a: ReadRest<typeof events.rsvpOf>) => events.rsvpOf(data(store), ...a);
export const personByFeedToken = (store: Store, ...a: ReadRest<typeof events.personByFeedToken>) => events.personByFeedToken(data(store), ...a);
export const goingEvents = (store: Store, ...a: ReadRest<typeof events.goingEvents>) => events.goingEvents(data(store), ...a);
export const upcomingFor = (store: Store, ...a: ReadRest<typeof events.upcomingFor>) => events.upcomingFor(data(store), ...a);
export const revokeFeedTokens = (store: Store, ...a: ReadRest<typeof events.revokeFeedTokens>) => events.revokeFeedTokens(data(store), ...a);
export const newFeedToken = (store: Store, ...a: ReadRest<typeof events.newFeedToken>) => transaction(store, (tx) => events.newFeedToken(tx, ...a));
export const createEvent = (store: Store, ...a: Rest<typeof events.createEvent>) => transaction(store, (tx) => events.createEvent(tx, store, ...a));
export const answer = (store: Store, ...a: Rest<typeof events.answer>) => transaction(store, (tx) => events.answer(tx, store, ...a));
