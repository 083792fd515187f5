// What `/event edit` refuses before anything is saved: a change to how the event repeats, and
// fewer places than people already going (on the date edited, or on any date a series edit covers).
import { counts, eventById, restOfSeries, type EventRow } from "../../db/events.ts";
import type { LinkedCtx } from "../core/command.ts";
import { FieldErrors } from "../core/errors.ts";

/** The dates an edit covers: the one event, or with `all` it and every later date still on. */
export async function editedDates(ctx: LinkedCtx, e: EventRow, all: boolean): Promise<EventRow[]> {
  if (!all) return [e];
  const dates: EventRow[] = [];
  for (const id of await restOfSeries(ctx.db, e)) dates.push((await eventById(ctx.db, id))!);
  return dates;
}

/**
 * The fewest places an edit may leave: the most people going on any date it covers. Fewer is
 * refused, not resolved by moving people to the waiting list: an organiser who typed a smaller
 * number by mistake must not take places away from people who were told they had one.
 */
export async function busiestDate(ctx: LinkedCtx, dates: readonly EventRow[]): Promise<{ going: number; date: EventRow } | undefined> {
  let best: { going: number; date: EventRow } | undefined;
  for (const d of dates) {
    const going = (await counts(ctx.db, d.id)).going;
    if (!best || going > best.going) best = { going, date: d };
  }
  return best;
}

export async function capacityProblem(ctx: LinkedCtx, dates: readonly EventRow[], capacity: number | null): Promise<{ key: string; vars: Record<string, unknown> } | undefined> {
  if (capacity === null) return undefined;
  const b = await busiestDate(ctx, dates);
  if (!b || b.going <= capacity) return undefined;
  return { key: "event.edit.capacityBelow", vars: { count: b.going, capacity, when: ctx.fmt.dateTime(new Date(b.date.startsAt)) } };
}

/** The details page of an edit: the repeat stays as it is, and the places hold everyone going. */
export async function checkEditDetails(ctx: LinkedCtx, edit: { eventId: number; all: boolean }, draft: { repeat: string | null }, v: { capacity: number | null; repeat: string | null }): Promise<void> {
  if (v.repeat !== draft.repeat) throw new FieldErrors({ repeat: { key: "event.edit.repeatFixed", vars: { id: edit.eventId } } });
  const e = await eventById(ctx.db, edit.eventId);
  if (!e) return;
  const problem = await capacityProblem(ctx, await editedDates(ctx, e, edit.all), v.capacity);
  if (problem) throw new FieldErrors({ capacity: problem });
}
