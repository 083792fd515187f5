// `/handoff note TEXT`: an officer (or one whose role ended in the last 60 days) leaves a note for
// whoever comes next; kept, dated and signed. `/handoff edit ID TEXT`: its author corrects it.
import { addNote, editNote, noteById, notesFor, officerSubLocals, subLocalRow } from "../../db/handoff.ts";
import { displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type HandoffSection, type HandoffSubLocal, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { NOTE_MAX, NOTE_WINDOW_DAYS } from "./rules.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export const noteCommand = defineCommand({
  path: ["handoff", "note"],
  description: "handoff.note.description",
  args: { text: arg.string("handoff.note.argText", { maxLength: NOTE_MAX, rest: true, min: 10 }) },
  access: { linked: true },
  examples: ["handoff.note.example"],
  run(ctx, { text }) {
    const now = ctx.clock.now();
    const codes = officerSubLocals(ctx.store, ctx.person.id, now, new Date(now.getTime() - NOTE_WINDOW_DAYS * DAY_MS));
    const sl = codes[0] ? subLocalRow(ctx.store, codes[0]) : undefined;
    if (!sl) throw userError.notAllowed("handoff.note.notOfficer", { days: NOTE_WINDOW_DAYS });
    const id = ctx.commit(() => addNote(ctx.store, sl.id, ctx.person.id, text.trim(), now));
    ctx.audit("handoff.note.add", { type: "handoff_note", id }, { subLocalId: sl.id });
    return reply.private(reply.text(`✅ ${ctx.t("handoff.note.done", { code: sl.code, id })}`));
  },
});

export const editCommand = defineCommand({
  path: ["handoff", "edit"],
  description: "handoff.edit.description",
  args: { id: arg.integer("handoff.edit.argId", { min: 1 }), text: arg.string("handoff.note.argText", { maxLength: NOTE_MAX, rest: true, min: 10 }) },
  access: { linked: true },
  examples: ["handoff.edit.example"],
  run(ctx, { id, text }) {
    const note = noteById(ctx.store, id);
    if (!note || note.authorId !== ctx.person.id) throw userError.notFound("handoff.edit.notYours", { id });
    ctx.commit(() => editNote(ctx.store, id, ctx.person.id, text.trim(), ctx.clock.now()));
    ctx.audit("handoff.note.edit", { type: "handoff_note", id });
    return reply.private(reply.text(`✅ ${ctx.t("handoff.edit.done", { id })}`));
  },
});

/** The notes part of the packet: newest first, each with its date, author and number. */
export function notesHandoff(ctx: LinkedCtx, sl: HandoffSubLocal): HandoffSection {
  const notes = notesFor(ctx.store, sl.id);
  const title = ctx.t("handoff.notes.title", { code: sl.code });
  const items = notes.map((n) => {
    const edited = n.updatedAt !== n.createdAt ? ` · ${ctx.t("handoff.notes.edited", { date: ctx.fmt.date(new Date(n.updatedAt)) })}` : "";
    return { text: n.body, detail: `#${n.id} · ${displayName(n)} · ${ctx.fmt.date(new Date(n.createdAt))}${edited}` };
  });
  const markdown = [`## ${title}`, "", ...(items.length ? items.map((i) => `- ${i.text.replace(/\s*\n\s*/g, " ")} (${i.detail})`) : [ctx.t("handoff.notes.none")]), ""].join("\n");
  return { area: "handoff", title, blocks: [reply.list(title, items, ctx.t("handoff.notes.none"))], markdown };
}
