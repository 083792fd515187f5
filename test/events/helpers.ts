// A fresh demo database with the real core, a controlled clock, and the real scheduler delivering
// to a recording poster; plus the steps an organiser takes to publish an event through the forms.
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { createCore, handleAction, handleCommand, handleForm, type Core } from "../../commands/core/dispatch.ts";
import { features } from "../../commands/index.ts";
import { data } from "../../db/data.ts";
import { fallbackText, type RenderedReply } from "../../commands/core/reply.ts";
import { RecordingPoster, silent } from "../scheduler/helpers.ts";
import { tempStore, testClock, web } from "../helpers/store.ts";

export async function eventsWorld(start = new Date("2026-11-23T17:00:00Z")) {
  const store = await tempStore({ seed: true });
  const clock = testClock(start);
  const core: Core = createCore({ store, features, clock, timeZone: "America/Los_Angeles" });
  const poster = new RecordingPoster("web");
  const w = {
    store,
    core,
    clock,
    poster,
    run: (who: string, text: string, channelId?: string) => handleCommand(core, { actor: { ...web(who), locale: "en", ...(channelId ? { channelId } : {}) }, text }),
    click: (who: string, token: string) => handleAction(core, { actor: web(who), token }),
    submit: (who: string, token: string, values: Record<string, string>) => handleForm(core, { actor: web(who), token, values }),
    /** Runs whatever is due now through a fresh scheduler (as a restarted bot would). */
    async deliver() {
      const s = createScheduler({ store, core, posters: new Map([["web", poster]]), log: silent, clock, retryBaseMs: 1 });
      await s.start();
      await s.runDue();
      await s.stop();
    },
    personId: async (handle: string) => (await data(store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, handle))!.personId,
    /** The ids of a series' dates (its first event's id), in date order. */
    seriesDates: async (first: number) => (await data(store).all<{ id: number }>(`SELECT id FROM "Event" WHERE "seriesId" = ? ORDER BY "startsAt"`, first)).map((r) => r.id),
    /** How many events the store holds. */
    eventCount: async () => Number((await data(store).one<{ n: number }>(`SELECT count(*) AS n FROM "Event"`))!.n),
    /** Opens the form, fills both pages, previews and publishes; returns the event id. */
    async publish(who: string, basics: Record<string, string>, details?: Record<string, string>): Promise<number> {
      const opened = await w.run(who, "/event create");
      if (!opened.reply.form) throw new Error(textOf(opened.reply));
      let preview = await w.submit(who, opened.reply.form.token, { kind: "meeting", ...basics });
      if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
      if (details) {
        const more = await w.click(who, buttons(preview.reply).find((b) => b.label === "More details")!.token);
        preview = await w.submit(who, more.reply.form!.token, details);
        if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
      }
      const done = await w.click(who, buttons(preview.reply).find((b) => b.label === "Publish")!.token);
      const m = /Event #(\d+) is published/.exec(textOf(done.reply));
      if (!m) throw new Error(textOf(done.reply));
      return Number(m[1]);
    },
  };
  return w;
}

export type World = Awaited<ReturnType<typeof eventsWorld>>;
export const textOf = (r: RenderedReply) => fallbackText(r.blocks);
export const buttons = (r: RenderedReply) => r.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
