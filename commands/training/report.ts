// `/training report [SUB-LOCAL]` (staff): how many people in each sub-local and role have
// completed each module. Counts only, in chat and as CSV.
import { completionByRole, listModules } from "../../db/training.ts";
import { readerVersion } from "./rules.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { reply } from "../core/reply.ts";
import { protectNamed, releasedCsv, releasedText, type Released } from "../core/disclosure.ts";
import type { Translate } from "../core/i18n.ts";
import { roleLabel, STAFF } from "../core/roles.ts";

export interface CompletionCount {
  subLocal: string;
  role: string;
  office: string | null;
  module: string;
  people: number;
  completed: number;
}

/** Groups person-by-module rows into counts per sub-local, role and module (pure). */
export function countCompletion(rows: readonly { personId: number; subLocalCode: string | null; role: string; office: string | null; moduleSlug: string; completedAt: string | null }[]): CompletionCount[] {
  const groups = new Map<string, CompletionCount & { seen: Set<number>; done: Set<number> }>();
  for (const r of rows) {
    const key = [r.subLocalCode ?? "", r.role, r.office ?? "", r.moduleSlug].join("\u0000");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { subLocal: r.subLocalCode ?? "—", role: r.role, office: r.office, module: r.moduleSlug, people: 0, completed: 0, seen: new Set(), done: new Set() }));
    g.seen.add(r.personId);
    if (r.completedAt) g.done.add(r.personId);
  }
  return [...groups.values()].map(({ seen, done, ...g }) => ({ ...g, people: seen.size, completed: done.size }));
}

const csvCell = (v: string | number) => (typeof v === "number" ? String(v) : /[",\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : v);

/** A row as published: people and completions released through disclosure control (the one rule in core). */
export interface ReleasedCompletion extends Omit<CompletionCount, "people" | "completed"> {
  people: Released;
  completed: Released;
}

/** Each row is one table: its people, broken down into those who completed and those who did not. */
export function releaseCompletion(counts: readonly CompletionCount[]): ReleasedCompletion[] {
  return counts.map((c) => {
    const r = protectNamed({ total: c.people, breakdowns: { status: [["completed", c.completed], ["not", c.people - c.completed]] } });
    return { ...c, people: r.total, completed: r.breakdowns.status![0]![1] };
  });
}

export function completionCsv(counts: readonly ReleasedCompletion[], t: Translate): string {
  const lines = [["sub_local", "role", "office", "module", "people", "completed"].join(",")];
  for (const c of counts) lines.push([c.subLocal, c.role, c.office ?? "", c.module, releasedCsv(c.people, t), releasedCsv(c.completed, t)].map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}

export const reportCommand = defineCommand({
  path: ["training", "report"],
  description: "training.report.description",
  args: { code: arg.optional(arg.string("training.report.argSubLocal", { maxLength: 20 })) },
  access: { roles: STAFF },
  async run(ctx, args) {
    const code = args.code?.trim().toUpperCase();
    const counts = releaseCompletion(countCompletion(await completionByRole(ctx.db, ctx.clock.now(), code)));
    await ctx.audit("training.report", undefined, { subLocal: code ?? null, rows: counts.length });
    const mods = await listModules(ctx.db);
    const titleOf = (slug: string) => readerVersion(mods, slug, ctx.locale)?.module.title ?? slug;
    const shown = counts.slice(0, 40);
    const num = (r: Released) => releasedText(r, ctx.t, ctx.fmt);
    return {
      ...reply.private(
        reply.list(
          ctx.t("training.report.title", { scope: code ?? ctx.t("training.report.everywhere") }),
          shown.map((c) => ({ text: `${c.subLocal} · ${roleLabel(ctx.t, c)} · ${titleOf(c.module)}`, detail: ctx.t("training.report.counts", { completed: num(c.completed), people: num(c.people) }) })),
          ctx.t("training.report.none"),
        ),
        ...(counts.length > shown.length ? [reply.context(ctx.t("training.report.more", { count: counts.length - shown.length }))] : []),
        reply.context(ctx.t("core.disclosure.note")),
      ),
      files: [{ name: `training-completion${code ? `-${code}` : ""}.csv`, mime: "text/csv", data: completionCsv(counts, ctx.t) }],
    };
  },
});
