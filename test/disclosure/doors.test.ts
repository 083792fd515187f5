// Every door that publishes a count, walked as every persona, on small populations: a number of
// people from 1 to 4 is never visible, in the message, the CSV or the chart's text; a hidden cell
// can't be recovered from its total and sister cells, nor from adjacent periods; the same small
// places are pooled the same way in every report of a scope; a refusal shows no figure at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommand, type Outcome } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { fallbackText } from "../../commands/core/reply.ts";
import { importTraining, SEED_MODULES_DIR } from "../../commands/training/import.ts";
import { answer, createEvent, eventById } from "../events/db.ts";
import { ensureDefaults } from "../../commands/grievance/model.ts";
import { DEMO_ROLES_START, DEMO_WORKSPACE } from "../../db/demo.ts";
import { data, transaction } from "../../db/data.ts";
import { changeCase, contractByCode, createGrievance } from "../../db/grievances.ts";
import { linkIdentity } from "../../db/identities.ts";
import { grantRole } from "../../db/roles.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";

type World = Awaited<ReturnType<typeof demoCore>>;
let w: World;
const clock = testClock(new Date("2026-11-23T17:00:00Z"));

const run = (who: string, text: string) => handleCommand(w.core, { actor: { platform: "web", workspaceId: DEMO_WORKSPACE, userId: who, channelId: "general", locale: "en" }, text });
const textOf = (o: Outcome) => o.reply.fallbackText;
const csvOf = (o: Outcome) => String(o.reply.files.find((f) => f.mime === "text/csv")?.data ?? "");
const altOf = (o: Outcome) => o.reply.files.filter((f) => f.mime === "image/png").map((f) => (f as { alt?: string }).alt ?? f.title ?? "").join(" ");

async function file(sub: string, filed: string, category: string, closed: boolean) {
  const contractId = (await contractByCode(data(w.store), "STATE-2025"))!.id;
  const { id } = await transaction(w.store, (tx) => createGrievance(
    tx,
    {
      grievantId: 1, stewardId: 2, subLocalCode: sub, employer: "Oregon Department of Human Services", employerGroup: "Human Services", region: null, worksite: null, contractId,
      articles: "21.1", article: "21.1", category, incidentDate: filed, learnedDate: filed, disciplineDate: null, narrative: "x", remedy: "y",
      stepNo: 1, filedOn: filed, createdById: 2,
    },
    new Date(`${filed}T18:00:00Z`),
  ));
  if (closed) await transaction(w.store, (tx) => changeCase(tx, id, { status: "closed", outcome: "settled", closedOn: filed, daysToResolve: 3 }, { at: new Date(), actorId: 2, kind: "closed", stepNo: 1, text: null, details: {} }, { stepNo: 1, status: "open" }));
}

beforeAll(async () => {
  w = await demoCore(clock);
  await ensureDefaults(w.store);
  // SL-083: July 7 cases; August none; September 2; October 29 (1 open, 2 about pay); November 3.
  for (let i = 0; i < 7; i++) await file("SL-083", `2026-07-${String(3 + i).padStart(2, "0")}`, "discipline", true);
  for (let i = 0; i < 2; i++) await file("SL-083", `2026-09-${String(3 + i).padStart(2, "0")}`, "pay", true);
  for (let i = 0; i < 29; i++) await file("SL-083", `2026-10-${String(1 + (i % 28)).padStart(2, "0")}`, i < 27 ? "discipline" : "pay", i !== 0);
  for (let i = 0; i < 3; i++) await file("SL-083", `2026-11-0${2 + i}`, "safety", false);
  // SL-390: one case.
  await file("SL-390", "2026-10-05", "pay", false);
  // An officer of another sub-local: a demo member of SL-390, linked and made its president.
  const olga = (await data(w.store).one<{ id: number }>(`SELECT p."id" FROM "Person" p JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE s."code" = 'SL-390' AND p."memberNumber" > '100100' ORDER BY p."id" LIMIT 1`))!;
  await linkIdentity(data(w.store), { platform: "web", workspaceId: DEMO_WORKSPACE, userId: "olga", personId: olga.id, linkedVia: "demo" });
  await grantRole(w.store, { personId: olga.id, role: "sublocal_officer", office: "president", scopeType: "sublocal", scopeId: "SL-390", startsAt: DEMO_ROLES_START, grantedById: null });
  // Training modules nobody has finished: SL-083's four leaders (pat, tom, sam, carla) are a small group.
  await importTraining(w.store, SEED_MODULES_DIR, clock.now());
  // An SL-083 meeting Tom organises: three going, one maybe, one can't.
  const tz = "America/Los_Angeles";
  const starts = new Date("2026-12-03T02:00:00Z");
  [eventId] = (await createEvent(w.store, { title: "SL-083 budget meeting", description: null, kind: "meeting", link: null, place: "Union hall", audienceType: "sublocal", audienceId: "SL-083", capacity: null, language: "en", organiserId: await personOf("tom"), startsAt: starts, endsAt: new Date(starts.getTime() + 3_600_000), rsvpDeadline: null, isPublic: false, repeat: null }, clock.now(), tz)).ids as [number];
  const e = (await eventById(w.store, eventId))!;
  for (const [who, a] of [["maria", "going"], ["sam", "going"], ["carla", "going"], ["pat", "maybe"], ["tom", "cant"]] as const) await answer(w.store, e, await personOf(who), a, clock.now(), tz);
}, 60_000);
let eventId = 0;
const personOf = async (handle: string) => (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, handle))!.personId;
afterAll(async () => {
  await w.store.close();
});

/** What an attacker knows a released figure to be (the published method: below 5 hidden, others rounded to 5). */
function possible(v: string): [number, number] {
  if (/^fewer than 5$/.test(v)) return [1, 4];
  if (/^not shown/.test(v)) return [0, Infinity];
  const n = Number(v.replace(/,/g, ""));
  if (n === 0) return [0, 0];
  return [Math.max(5, n - 2), n + 2];
}

/** The values a hidden cell may take given its total and its sisters; it must still be any of 1 to 4. */
function expectStillHidden(total: string, cells: string[], label: string) {
  const [tlo, thi] = possible(total);
  cells.forEach((c, i) => {
    if (c !== "fewer than 5") return;
    const others = cells.filter((_, j) => j !== i).map(possible);
    const lo = Math.max(1, tlo - others.reduce((a, [, h]) => a + h, 0));
    const hi = Math.min(4, thi - others.reduce((a, [l]) => a + l, 0));
    expect(lo <= 1 && hi >= 4, `${label}: cell ${i} narrowed to ${lo}..${hi} (total ${total}, cells ${cells.join(" | ")})`).toBe(true);
  });
}

/** Standalone counts of 1 to 4 in a text, ignoring dates, references, article and step numbers. */
const smallNumbers = (s: string) =>
  [
    ...s
      .replace(/\d{4}-\d{2}(-\d{2})?|art\. [\d.]+|Step \d|SL-\d+|1 to 4|\(\d+ groups?\)|\d+(\.\d+)?%|#\d+|median of \d+ days?|\d+ days?|Q[1-4]/g, "")
      .matchAll(/(?<![\d.,:])([1-4])(?![\d.,%:])/g),
  ].map((m) => m[1]);

const PERSONAS = ["maria", "sam", "pat", "olga", "sofia", "nico"] as const;

/** Each door: the command, and the lines of its answer that are published counts. */
const DOORS: { name: string; cmd: string; counts: (o: Outcome) => string }[] = [
  { name: "/grievance report", cmd: "/grievance report SL-083 2026-07-01 2026-11-23", counts: (o) => textOf(o).split("\n").filter((l) => !/^Top recurring|^Grievance report/.test(l)).join("\n") },
  { name: "/grievance report (one month)", cmd: "/grievance report SL-083 2026-10-01 2026-10-31", counts: textOf },
  { name: "/grievance report (statewide)", cmd: "/grievance report statewide 2026-10-01 2026-10-31", counts: textOf },
  { name: "/report run grievances", cmd: "/report run grievances SL-083 2026-10", counts: textOf },
  { name: "/report run grievances (quarter)", cmd: "/report run grievances SL-083 2026-Q4", counts: textOf },
  { name: "/report run membership", cmd: "/report run membership SL-083 2026-11", counts: textOf },
  { name: "/report run cape", cmd: "/report run cape SL-083 2026-11", counts: textOf },
  { name: "/report run contacts", cmd: "/report run contacts SL-083 2026-11", counts: textOf },
  { name: "/event report", cmd: "/event report SL-083 12", counts: (o) => textOf(o).split("\n").filter((l) => /Said going|Came|Events/.test(l)).join("\n") },
  { name: "/training report", cmd: "/training report SL-083", counts: (o) => textOf(o).split("\n").filter((l) => l.startsWith("•")).map((l) => l.split(" — ").at(-1)).join("\n") },
  { name: "/handoff packet", cmd: "/handoff packet SL-083", counts: (o) => textOf(o).split("\n").filter((l) => /^(Filed|Open|Closed):/.test(l)).join("\n") },
];

/** Numeric CSV cells that count people (a figure, never a rate or a change). */
function csvCounts(csv: string): string[] {
  const [head, ...rows] = csv.trim().split(/\r?\n/);
  if (!head) return [];
  const cols = head.split(",");
  const countCol = (c: string) => !/pct|change|place|category|month|audience|kind|events|sub_local|role|office|module|key|section|sub_key|stewards|per_100/.test(c);
  return rows.flatMap((r) => {
    const cells = r.split(",");
    if (cols[0] === "section") return ["meta", "note", "top_issue"].includes(cells[0]!) || cells[1] === "median_days_to_resolution" ? [] : [cells.at(-1)!];
    return cells.filter((_, i) => countCol(cols[i] ?? ""));
  });
}

describe.each(PERSONAS)("as %s", (who) => {
  it.each(DOORS)("$name shows no count of 1 to 4, in text, CSV or chart text", async (door) => {
    const o = await run(who, door.cmd);
    const text = textOf(o);
    if (o.reply.files.length === 0 && /can't|only for|not allowed|link|isn't yours|may not/i.test(text)) {
      // Refused: no figure of the scope leaks through the refusal.
      expect(smallNumbers(text.replace(/\/[a-z]+ [a-z]+/g, ""))).toEqual([]);
      return;
    }
    expect(smallNumbers(door.counts(o)), `${door.name}: ${door.counts(o)}`).toEqual([]);
    for (const c of csvCounts(csvOf(o))) expect(["1", "2", "3", "4"], `${door.name} CSV`).not.toContain(c);
    expect(altOf(o)).not.toMatch(/\s—(;|,|\.|$)/);
    expect(smallNumbers(altOf(o).replace(/[A-Z][a-z]+ \d{4}/g, "")), `${door.name} chart text`).toEqual([]);
  });
});

describe("what is shown can't be worked back into what is hidden", () => {
  const sections = (csv: string) => {
    const out = new Map<string, string[]>();
    for (const line of csv.trim().split("\r\n").slice(1)) {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, ""));
      out.set(cells[0]!, [...(out.get(cells[0]!) ?? []), cells.at(-1)!]);
    }
    return out;
  };

  it("/grievance report: no total minus its shown cells gives a hidden one, in any breakdown", async () => {
    for (const cmd of ["/grievance report SL-083 2026-10-01 2026-10-31", "/grievance report SL-083 2026-07-01 2026-11-23", "/grievance report SL-083 2026-09-01 2026-10-31"]) {
      const s = sections(csvOf(await run("sofia", cmd)));
      const total = s.get("total")![0]!;
      const [, open, closed] = s.get("total")!;
      expectStillHidden(total, [open!, closed!], `${cmd} open/closed`);
      for (const k of ["category", "employer", "article", "step_reached", "outcome", "month_filed"]) expectStillHidden(total, s.get(k) ?? [], `${cmd} ${k}`);
    }
  });

  it("adjacent periods: a run of months minus the months shown on their own leaves a hidden month hidden", async () => {
    const month = async (m: string, last: string) => sections(csvOf(await run("sofia", `/grievance report SL-083 ${m}-01 ${m}-${last}`))).get("total")![0]!;
    const both = sections(csvOf(await run("sofia", "/grievance report SL-083 2026-09-01 2026-10-31"))).get("total")![0]!;
    expectStillHidden(both, [await month("2026-09", "30"), await month("2026-10", "31")], "September + October");
    const q = sections(csvOf(await run("sofia", "/grievance report SL-083 2026-07-01 2026-09-30"))).get("total")![0]!;
    expectStillHidden(q, [await month("2026-07", "31"), await month("2026-08", "31"), await month("2026-09", "30")], "Q3");
  });

  it("/grievance report and the report catalogue publish the same month the same way", async () => {
    const g = textOf(await run("pat", "/grievance report SL-083 2026-10-01 2026-10-31"));
    const r = textOf(await run("pat", "/report run grievances SL-083 2026-10"));
    const open = /Open: (.+)/.exec(g)![1]!;
    expect(r).toContain(open);
    // A hidden cell reads "fewer than 5" in the chat table too, never a blank.
    expect(r).toContain("Pay — Filed not shown");
    expect(r).not.toMatch(/Filed {1,2}·|Period before $/m);
  });

  it("membership, CAPE and contact data pool the same places in every scope", async () => {
    for (const scope of ["statewide", "SL-083", "employer-group:Human Services"]) {
      const rows = async (name: string) => {
        const csv = csvOf(await run("sofia", `/report run ${name} ${scope} 2026-11`));
        const places = csv.trim().split("\r\n").slice(1).map((l) => l.match(/^("([^"]|"")*"|[^,]*)/)![0].replace(/^"|"$/g, ""));
        return { pooled: places.filter((p) => /combined/.test(p)), alone: places.filter((p) => !/combined/.test(p)) };
      };
      const [m, c, d] = [await rows("membership"), await rows("cape"), await rows("contacts")];
      // One pool, the same size, wherever it appears; nothing pooled in one report stands alone in another.
      expect(c.pooled, scope).toEqual(m.pooled);
      expect(d.pooled, scope).toEqual(m.pooled);
      for (const p of [...c.alone, ...d.alone]) expect(m.alone, `${scope}: ${p}`).toContain(p);
    }
  });
});

describe("a count of a list: exact for who may see the list, released for everyone else", () => {
  // Who may see the meeting's answers themselves (its organiser, staff), and who reads the packet.
  const EVENT_READERS = ["maria", "sam", "carla", "pat", "tom", "olga", "sofia", "nico"] as const;
  const MANAGES = new Set(["tom", "sofia"]);
  const EXACT = "3 going · 1 maybe · 1 can't · 0 waiting";
  const answersLine = (s: string) => s.split("\n").filter((l) => /going ·/.test(l)).join("\n");
  const trainingLines = (s: string) => s.split("\n").filter((l) => / of .* completed/.test(l)).join("\n");

  it.each(EVENT_READERS)("/event show as %s: exact answers only for the organiser and staff", async (who) => {
    const text = textOf(await run(who, `/event show ${eventId}`));
    if (["olga", "nico"].includes(who)) {
      expect(answersLine(text), who).toBe("");
      return;
    }
    if (MANAGES.has(who)) expect(text).toContain(EXACT);
    else {
      expect(answersLine(text), who).toContain("fewer than 5 going");
      expect(smallNumbers(answersLine(text)), who).toEqual([]);
    }
  });

  it.each(EVENT_READERS)("/handoff packet as %s: the meeting's answers and the officers' training as the reader may see them, in chat and Markdown", async (who) => {
    const o = await run(who, "/handoff packet SL-083");
    const md = String(o.reply.files.find((f) => f.mime === "text/markdown")?.data ?? "");
    for (const text of [textOf(o), md]) {
      if (!["pat", "tom", "sofia"].includes(who)) {
        expect(o.reply.files, who).toEqual([]);
        expect(answersLine(text) + trainingLines(text), who).toBe("");
        continue;
      }
      expect(text).toContain("SL-083 budget meeting");
      if (MANAGES.has(who)) expect(answersLine(text)).toContain(EXACT);
      else expect(smallNumbers(answersLine(text)), `${who}: ${answersLine(text)}`).toEqual([]);
      // Nobody sees who finished a module: four leaders and none done read "fewer than 5", for staff too.
      expect(trainingLines(text), who).toContain("0 of fewer than 5 completed");
      expect(smallNumbers(trainingLines(text)), who).toEqual([]);
    }
  });

  it.each(EVENT_READERS)("Home as %s: the meeting without anyone's count", async (who) => {
    const home = fallbackText((await handleHome(w.core, web(who))).blocks);
    expect(answersLine(home), who).toBe("");
    if (["maria", "sam", "carla", "pat"].includes(who)) expect(home, who).toContain("SL-083 budget meeting");
  });
});
