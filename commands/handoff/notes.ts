// `/handoff note TEXT`: an officer (or one whose role ended in the last 60 days) leaves a note for
// whoever comes next; kept, dated and signed. `/handoff edit ID TEXT`: its author corrects it.
// Before saving, a note is screened for members' personal data (phone, e-mail, street address, a
// name on the roster): the writer rewrites it, or keeps it as a note only staff see.
// `/handoff redact ID`: staff remove a note's text for good (audited).
import { z } from "zod";
import { addNote, editNote, noteById, notesFor, officerSubLocals, redactNote, rosterNamesAmong, subLocalRow } from "../../db/handoff.ts";
import { displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type HandoffSection, type HandoffSubLocal, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { isStaff, STAFF } from "../core/roles.ts";
import { NOTE_MAX, NOTE_WINDOW_DAYS } from "./rules.ts";
import { namePairs, screenText, type Finding } from "./screen.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What in this text looks like a member's personal data (the author's own name does not count). */
export async function findPersonalData(ctx: LinkedCtx, text: string): Promise<Finding[]> {
  const names = (await rosterNamesAmong(ctx.db, namePairs(text), ctx.person.id)).map((p) => ({ kind: "name" as const, name: `${cap(p.first)} ${cap(p.last)}` }));
  return [...screenText(text), ...names];
}
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** The warning: what was found, how to rewrite, and the one button that keeps it for staff only. */
function warning(ctx: LinkedCtx, findings: Finding[], payload: { text: string; editId: number | null }): Reply {
  const what = ctx.fmt.list(findings.map((f) => (f.kind === "name" ? ctx.t("handoff.screen.name", { name: f.name }) : ctx.t(`handoff.screen.${f.kind}`))));
  return reply.private(
    reply.text(`⚠️ ${ctx.t("handoff.screen.found", { what })}`),
    reply.context(ctx.t(payload.editId === null ? "handoff.screen.rewrite" : "handoff.screen.rewriteEdit", { id: payload.editId ?? 0 })),
    reply.buttons({ label: ctx.t("handoff.screen.keepStaffOnly"), action: "handoff.note.staffOnly", payload, once: true }),
  );
}

async function writableSubLocal(ctx: LinkedCtx) {
  const now = ctx.clock.now();
  const codes = await officerSubLocals(ctx.db, ctx.person.id, now, new Date(now.getTime() - NOTE_WINDOW_DAYS * DAY_MS));
  const sl = codes[0] ? await subLocalRow(ctx.db, codes[0]) : undefined;
  if (!sl) throw userError.notAllowed("handoff.note.notOfficer", { days: NOTE_WINDOW_DAYS });
  return sl;
}

async function saveNew(ctx: LinkedCtx, text: string, staffOnly: boolean): Promise<Reply> {
  const sl = await writableSubLocal(ctx);
  const id = await ctx.commitAsync((tx) => addNote(tx, sl.id, ctx.person.id, text, ctx.clock.now(), staffOnly));
  await ctx.audit("handoff.note.add", { type: "handoff_note", id }, { subLocalId: sl.id, staffOnly });
  return reply.private(reply.text(`✅ ${ctx.t(staffOnly ? "handoff.note.doneStaffOnly" : "handoff.note.done", { code: sl.code, id })}`));
}

async function saveEdit(ctx: LinkedCtx, id: number, text: string, staffOnly: boolean): Promise<Reply> {
  const note = await noteById(ctx.db, id);
  if (!note || note.authorId !== ctx.person.id || note.redactedAt !== null) throw userError.notFound("handoff.edit.notYours", { id });
  const changed = await ctx.commitAsync((tx) => editNote(tx, id, ctx.person.id, text, ctx.clock.now(), staffOnly));
  if (!changed) throw userError.notFound("handoff.edit.notYours", { id });
  await ctx.audit("handoff.note.edit", { type: "handoff_note", id }, { staffOnly });
  return reply.private(reply.text(`✅ ${ctx.t(staffOnly ? "handoff.edit.doneStaffOnly" : "handoff.edit.done", { id })}`));
}

export const noteCommand = defineCommand({
  path: ["handoff", "note"],
  description: "handoff.note.description",
  args: { text: arg.string("handoff.note.argText", { maxLength: NOTE_MAX, rest: true, min: 10 }) },
  access: { linked: true },
  examples: ["handoff.note.example"],
  async run(ctx, { text }) {
    const sl = await writableSubLocal(ctx);
    const body = text.trim();
    const findings = await findPersonalData(ctx, body);
    if (findings.length) {
      await ctx.audit("handoff.note.screened", { type: "sublocal", id: sl.id }, { kinds: [...new Set(findings.map((f) => f.kind))].join(",") });
      return warning(ctx, findings, { text: body, editId: null });
    }
    return saveNew(ctx, body, false);
  },
});

export const editCommand = defineCommand({
  path: ["handoff", "edit"],
  description: "handoff.edit.description",
  args: { id: arg.integer("handoff.edit.argId", { min: 1 }), text: arg.string("handoff.note.argText", { maxLength: NOTE_MAX, rest: true, min: 10 }) },
  access: { linked: true },
  examples: ["handoff.edit.example"],
  async run(ctx, { id, text }) {
    const note = await noteById(ctx.db, id);
    if (!note || note.authorId !== ctx.person.id || note.redactedAt !== null) throw userError.notFound("handoff.edit.notYours", { id });
    const body = text.trim();
    const findings = await findPersonalData(ctx, body);
    if (findings.length) return warning(ctx, findings, { text: body, editId: id });
    return saveEdit(ctx, id, body, false);
  },
});

/** "Keep it as a staff-only note": the writer's explicit choice after the warning. */
export const staffOnlyAction = defineAction({
  id: "handoff.note.staffOnly",
  payload: z.object({ text: z.string().min(1).max(NOTE_MAX), editId: z.number().int().positive().nullable() }),
  access: { linked: true },
  async run(ctx, p) {
    const out = p.editId === null ? await saveNew(ctx, p.text, true) : await saveEdit(ctx, p.editId, p.text, true);
    return { ...out, update: true };
  },
});

export const redactCommand = defineCommand({
  path: ["handoff", "redact"],
  description: "handoff.redact.description",
  args: { id: arg.integer("handoff.edit.argId", { min: 1 }) },
  access: { roles: STAFF },
  examples: ["handoff.redact.example"],
  async run(ctx, { id }) {
    const note = await noteById(ctx.db, id);
    if (!note) throw userError.notFound("handoff.redact.none", { id });
    const done = await ctx.commitAsync((tx) => redactNote(tx, id, ctx.person.id, ctx.clock.now()));
    if (!done) return reply.private(reply.text(ctx.t("handoff.redact.already", { id })));
    await ctx.audit("handoff.note.redact", { type: "handoff_note", id }, { subLocalId: note.subLocalId });
    return reply.private(reply.text(`✅ ${ctx.t("handoff.redact.done", { id })}`));
  },
});

/** The notes part of the packet: newest first, each with its date, author and number. Staff-only notes for staff only. */
export async function notesHandoff(ctx: LinkedCtx, sl: HandoffSubLocal): Promise<HandoffSection> {
  const staff = isStaff(ctx.roles);
  const notes = await notesFor(ctx.db, sl.id, { staff });
  const title = ctx.t("handoff.notes.title", { code: sl.code });
  const items: { text: string; detail: string }[] = [];
  for (const n of notes) {
    const edited = n.updatedAt !== n.createdAt ? ` · ${ctx.t("handoff.notes.edited", { date: ctx.fmt.date(new Date(n.updatedAt)) })}` : "";
    const tag = n.staffOnly ? ` · ${ctx.t("handoff.notes.staffOnly")}` : "";
    // A note kept before notes were screened is screened as it is shown: one that looks like it
    // holds personal data is held back from all but staff, so the packet's footer stays true.
    const heldBack = !staff && n.redactedAt === null && (await findPersonalData(ctx, n.body)).length > 0;
    const text =
      n.redactedAt !== null ? ctx.t("handoff.notes.redacted", { date: ctx.fmt.date(new Date(n.redactedAt)) }) : heldBack ? ctx.t("handoff.notes.heldBack", { id: n.id }) : n.body;
    items.push({ text, detail: `#${n.id} · ${displayName(n)} · ${ctx.fmt.date(new Date(n.createdAt))}${edited}${tag}` });
  }
  const markdown = [`## ${title}`, "", ...(items.length ? items.map((i) => `- ${i.text.replace(/\s*\n\s*/g, " ")} (${i.detail})`) : [ctx.t("handoff.notes.none")]), ""].join("\n");
  return { area: "handoff", title, blocks: [reply.list(title, items, ctx.t("handoff.notes.none"))], markdown };
}
