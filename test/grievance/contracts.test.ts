// Contracts as they are written: staff enter three grievance articles from chat, stewards record
// when things really happened, and the deadlines match dates worked out by hand on a calendar.
// The three articles are paraphrases modelled on public contract language (a State of Oregon
// master agreement's Article 21, a public university's classified-staff contract, a home care
// agreement): not verbatim text, but the same structure and counting rules.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { listAudit } from "../../db/audit.ts";
import { fileVia, world, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  // Monday 2026-11-23, 09:00 in Oregon.
  w = await world("2026-11-23T17:00:00Z");
});
afterEach(async () => {
  await w.close();
});

async function staff(...lines: string[]) {
  for (const line of lines) {
    const out = w.text(await w.cmd("sofia", line));
    expect(out, line).toMatch(/^✅/);
  }
}

async function fileCase(contract: string, dates: { incident: string; learned: string }, articles = "21.1") {
  const out = await fileVia(w, "sam", {
    grievant: "100001",
    contract,
    articles,
    category: "discipline",
    incident: dates.incident,
    learned: dates.learned,
    narrative: "Written reprimand without just cause.",
    remedy: "Remove the reprimand from the file.",
  });
  if (!out.ok) throw new Error(`not filed: ${JSON.stringify(out.errors)}`);
  const text = w.text(out.reply);
  const ref = /Filed (G-\d{4}-\d{4})/.exec(text)?.[1];
  if (!ref) throw new Error(`not filed: ${text}`);
  return { ref, text };
}

const show = async (ref: string) => w.text(await w.cmd("sam", `/grievance show ${ref}`));

/** Article 21 as staff type it: no informal step; calendar days counted from receipt. */
const STATE_ARTICLE_21 = [
  "/grievance contract add OR-STATE State of Oregon master agreement, Article 21",
  "/grievance contract set OR-STATE filing 30 calendar from knew|discipline",
  "/grievance contract set OR-STATE step1.response 15 calendar from received",
  "/grievance contract set OR-STATE step1.appeal 15 calendar from response_received|response_due",
  "/grievance contract set OR-STATE step2.response 15 calendar from received",
  "/grievance contract set OR-STATE step2.appeal 15 calendar from response_received|response_due",
  "/grievance contract set OR-STATE step3.response 15 calendar from received",
  "/grievance contract set OR-STATE step3.appeal 15 calendar from response_received|response_due",
];

/** A university contract: working days, a step meeting, its own closure days, per-kind cut-offs. */
const UNIVERSITY = [
  "/grievance contract add UNIV Public university classified staff agreement, Article 18",
  "/grievance contract set UNIV filing 20 working from knew",
  "/grievance contract set UNIV step1.meeting 10 working from received",
  "/grievance contract set UNIV step1.response 10 working from meeting_held",
  "/grievance contract set UNIV step1.appeal 10 working from response_received|response_due",
  "/grievance contract set UNIV step2.response 15 working from received",
  "/grievance contract set UNIV step2.appeal 20 working from response_received|response_due",
  "/grievance contract set UNIV cutoff.meeting 23:59",
  "/grievance contract calendar UNIV add thanksgiving+1 Day after Thanksgiving",
  "/grievance contract calendar UNIV add 12-24 Winter closure",
];

/** A home care agreement: calendar days, a meeting, and a state holiday the employer works. */
const HOMECARE = [
  "/grievance contract add HOMECARE-X Home care workers agreement, Article 12",
  "/grievance contract set HOMECARE-X filing 30 calendar from knew",
  "/grievance contract set HOMECARE-X step1.meeting 14 calendar from received",
  "/grievance contract set HOMECARE-X step1.response 14 calendar from meeting_held",
  "/grievance contract set HOMECARE-X step1.appeal 14 calendar from response_received|response_due",
  "/grievance contract set HOMECARE-X step2.response 30 calendar from received",
  "/grievance contract set HOMECARE-X step2.appeal 30 calendar from response_received|response_due",
  "/grievance contract calendar HOMECARE-X remove 11-11 Veterans Day is a working day",
];

describe("three contracts entered from chat, checked against hand-worked dates", () => {
  it("State of Oregon Article 21: starts at Step 1; response from receipt; an agreed response extension moves the appeal", async () => {
    await staff(...STATE_ARTICLE_21);
    const list = w.text(await w.cmd("sam", "/grievance contract list"));
    expect(list).toContain("Steps — Step 1 → Step 2 → Step 3 → Arbitration");
    // Knew Mon Nov 2: 30 calendar days → Wed Dec 2.
    const { ref } = await fileCase("OR-STATE", { incident: "2026-11-02", learned: "2026-11-02" });
    expect(await show(ref)).toContain("Step: Step 1");
    // Filed with management Fri Nov 20, received Mon Nov 23 (typed in Monday).
    expect(w.text(await w.cmd("sam", `/grievance date ${ref} filed 2026-11-20`))).toContain("filed with management on 2026-11-20");
    await w.cmd("sam", `/grievance date ${ref} received 2026-11-23`);
    let s = await show(ref);
    expect(s).toContain("Filing deadline (union): Wed 2026-12-02 17:00");
    expect(s).toContain("filed 2026-11-20, on time");
    // 15 calendar days from receipt Nov 23 → Tue Dec 8; the appeal 15 days after that → Wed Dec 23.
    expect(s).toContain("Management's response at Step 1: Tue 2026-12-08 17:00");
    expect(s).toContain("Union's appeal to Step 2: Wed 2026-12-23 17:00");
    // Management asks for ten more days, agreed: due Fri Dec 18; the appeal window then ends
    // Sat Jan 2 → Fri Jan 1 is New Year's Day → Mon Jan 4, 2027.
    await w.cmd("sam", `/grievance extend ${ref} 2026-12-18 agreed with the agency HR manager deadline:response`);
    s = await show(ref);
    expect(s).toContain("Management's response at Step 1: Fri 2026-12-18 17:00");
    expect(s).toContain("Union's appeal to Step 2: Mon 2027-01-04 17:00");
  });

  it("University: working days skip its day after Thanksgiving and winter closure; the meeting is due by end of day", async () => {
    await staff(...UNIVERSITY);
    // Knew Mon Nov 16: 20 working days, skipping Thanksgiving (state) and Nov 27 (university) → Wed Dec 16.
    const { ref } = await fileCase("UNIV", { incident: "2026-11-16", learned: "2026-11-16" }, "18.2");
    await w.cmd("sam", `/grievance date ${ref} filed 2026-11-20`);
    await w.cmd("sam", `/grievance date ${ref} received 2026-11-23`);
    let s = await show(ref);
    expect(s).toContain("Filing deadline (union): Wed 2026-12-16 17:00");
    // Meeting: 10 working days from receipt Mon Nov 23, skipping Nov 26 and 27 → Wed Dec 9, 23:59.
    expect(s).toContain("Management's meeting at Step 1: Wed 2026-12-09 23:59");
    // The response counts from the meeting, which hasn't happened yet: no response date shown.
    expect(s).not.toContain("Management's response at Step 1");
    // The meeting took place Thu Dec 3 (recorded the next day): response 10 working days → Thu Dec 17;
    // the appeal 10 working days after that, skipping Dec 24 (university), Dec 25 and Jan 1 → Tue Jan 5.
    w.clock.set("2026-12-04T17:00:00Z");
    await w.cmd("sam", `/grievance date ${ref} meeting 2026-12-03`);
    s = await show(ref);
    expect(s).toContain("Management's response at Step 1: Thu 2026-12-17 17:00");
    expect(s).toContain("Union's appeal to Step 2: Tue 2027-01-05 17:00");
    // The same window under a contract without those closures ends a day earlier.
    const preview = w.text(await w.cmd("sofia", "/grievance contract preview UNIV 2026-11-16"));
    expect(preview).toContain("filing: Wed 2026-12-16 17:00");
    await staff("/grievance contract calendar UNIV reset thanksgiving+1");
    expect(await show(ref)).toContain("Filing deadline (union): Tue 2026-12-15 17:00");
  });

  it("Home care: calendar days; Veterans Day is worked, so a deadline on it stays; an agreed meeting extension", async () => {
    await staff(...HOMECARE);
    // Knew Mon Oct 12: 30 calendar days → Wed Nov 11. The state would roll it to Thu Nov 12; this employer works that day.
    const { ref, text } = await fileCase("HOMECARE-X", { incident: "2026-10-12", learned: "2026-10-12" }, "12.3");
    expect(text).toContain("By the contract the filing deadline was 2026-11-11");
    // Typed in late: it was really filed Tue Nov 10, received Thu Nov 12.
    await w.cmd("sam", `/grievance date ${ref} filed 2026-11-10`);
    await w.cmd("sam", `/grievance date ${ref} received 2026-11-12`);
    let s = await show(ref);
    expect(s).toContain("Filing deadline (union): Wed 2026-11-11 17:00");
    expect(s).toContain("filed 2026-11-10, on time");
    // Meeting 14 calendar days from Nov 12 → Thu Nov 26, Thanksgiving → Fri Nov 27.
    expect(s).toContain("Management's meeting at Step 1: Fri 2026-11-27 17:00");
    await w.cmd("sam", `/grievance extend ${ref} 2026-12-04 agreed with the Commission deadline:meeting`);
    s = await show(ref);
    expect(s).toContain("Management's meeting at Step 1: Fri 2026-12-04 17:00 — ");
    expect(s).toContain("(extended; was 2026-11-27)");
  });
});

describe("gaps the contracts showed", () => {
  it("an agreed extension of the filing deadline is recorded after filing, and the filing is no longer late", async () => {
    // STATE-2025: 30 calendar days from Mon Oct 12 → Wed Nov 11, Veterans Day → Thu Nov 12. Filed Nov 23: late.
    const { ref, text } = await fileCase("STATE-2025", { incident: "2026-10-12", learned: "2026-10-12" });
    expect(text).toContain("By the contract the filing deadline was 2026-11-12");
    expect(text).toContain(`record that day: /grievance date ${ref} filed YYYY-MM-DD`);
    expect(await show(ref)).toContain("filed 2026-11-23, after the deadline");
    const opened = await w.cmd("sam", `/grievance show ${ref}`);
    const form = await w.click("sam", opened.reply, "Record extension");
    expect(form.reply.form?.fields.find((f) => f.name === "deadline")?.options?.map((o) => o.value)).toContain("filing");
    const done = await w.submit("sam", form.reply, { deadline: "filing", until: "2026-11-30", agreedWith: "HR manager", reason: "Agreed in writing on Nov 5 to extend the time to file" });
    expect(done.ok && w.text(done.reply)).toContain("filed 2026-11-23, on time");
    expect(await show(ref)).toContain("Filing deadline (union): Mon 2026-11-30 17:00");
  });

  it("a contract without an informal step: `none` removes it, and new cases start at Step 1", async () => {
    await staff("/grievance contract set STATE-2025 informal.response none");
    let list = w.text(await w.cmd("sam", "/grievance contract list"));
    expect(list).toMatch(/STATE-2025[^\n]*\n• Steps — Informal → Step 1/);
    await staff("/grievance contract set STATE-2025 informal.appeal none");
    list = w.text(await w.cmd("sam", "/grievance contract list"));
    expect(list).toMatch(/STATE-2025[^\n]*\n• Steps — Step 1 → Step 2 → Step 3 → Arbitration/);
    const { ref, text } = await fileCase("STATE-2025", { incident: "2026-11-16", learned: "2026-11-17" });
    expect(text).toContain(`Filed ${ref} at Step 1`);
    // A whole step goes the same way, and advancing skips it.
    await staff("/grievance contract set STATE-2025 step2 none");
    await w.cmd("sam", `/grievance respond ${ref} received:2026-11-23 Denied.`);
    expect(w.text(await w.cmd("carla", `/grievance advance ${ref}`))).toContain("Advanced");
    expect(await show(ref)).toContain("Step: Step 3");
    expect(w.text(await w.cmd("sofia", "/grievance contract set STATE-2025 step1 15 working from filed"))).toContain("can only be set to none");
  });

  it("backdated events: windows count from the real dates, checked against a sane range, with history and audit", async () => {
    const { ref } = await fileCase("STATE-2025", { incident: "2026-11-02", learned: "2026-11-03" });
    // Informal: 7 calendar days from filing. Typed in Nov 23 → Nov 30.
    expect(await show(ref)).toContain("Management's response at Informal: Mon 2026-11-30 17:00");
    await w.cmd("sam", `/grievance date ${ref} filed 2026-11-09`);
    let s = await show(ref);
    expect(s).toContain("Management's response at Informal: Mon 2026-11-16 17:00");
    expect(s).toContain("OVERDUE");
    expect(s).toContain("Real date recorded: filed on 2026-11-09");
    // The appeal counts from the response date actually received.
    await w.cmd("sam", `/grievance date ${ref} responded 2026-11-13`);
    s = await show(ref);
    expect(s).toContain("Union's appeal to Step 1: Fri 2026-11-27 17:00");
    // Out of range: before the incident, in the future, a year back, after a later event.
    expect(w.text(await w.cmd("sam", `/grievance date ${ref} filed 2026-10-30`))).toContain("must be on or after 2026-11-02");
    expect(w.text(await w.cmd("sam", `/grievance date ${ref} received 2026-11-24`))).toContain("future");
    expect(w.text(await w.cmd("sam", `/grievance date ${ref} received 2025-11-01`))).toContain("at most a year back");
    expect(w.text(await w.cmd("sam", `/grievance date ${ref} filed 2026-11-14`))).toContain("must be on or before 2026-11-13");
    expect(w.text(await w.cmd("maria", `/grievance date ${ref} filed 2026-11-10`))).not.toContain("Recorded");
    expect(await show(ref)).toContain("Management's response at Informal: Mon 2026-11-16 17:00");
    const audit = await listAudit(w.store, { action: "grievance.date" });
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      expect.objectContaining({ event: "responded", from: null, to: "2026-11-13" }),
      expect.objectContaining({ event: "filed", from: "2026-11-23", to: "2026-11-09" }),
    ]);
    // The filing month moved with the real date; the case still reports in November.
    const row = await data(w.store).one(`SELECT "filedOn", "filedMonth" FROM "Grievance" WHERE ref = ?`, ref);
    expect(row).toEqual({ filedOn: "2026-11-09", filedMonth: "2026-11" });
  });

  it("a contract-only closure moves that contract's working days and nobody else's", async () => {
    await staff("/grievance contract set TRANSPORT-2025 informal.response 5 working from filed");
    const a = await fileCase("TRANSPORT-2025", { incident: "2026-11-16", learned: "2026-11-17" }, "7");
    const b = await fileCase("STATE-2025", { incident: "2026-11-16", learned: "2026-11-17" }, "8");
    await staff("/grievance contract set STATE-2025 informal.response 5 working from filed");
    // Mon Nov 23 + 5 working days, Thanksgiving skipped: Nov 24, 25, 27, 30, Dec 1 → Tue Dec 1.
    expect(await show(a.ref)).toContain("Management's response at Informal: Tue 2026-12-01 17:00");
    const out = w.text(await w.cmd("sofia", "/grievance contract calendar TRANSPORT-2025 add 2026-11-27 Day after Thanksgiving"));
    expect(out).toContain("TRANSPORT-2025 is now closed on 2026-11-27");
    // With Nov 27 closed too: Nov 24, 25, 30, Dec 1, 2 → Wed Dec 2, for this contract only.
    expect(out).toContain("informal.response: Wed 2026-12-02 17:00");
    expect(await show(a.ref)).toContain("Management's response at Informal: Wed 2026-12-02 17:00");
    expect(await show(b.ref)).toContain("Management's response at Informal: Tue 2026-12-01 17:00");
    expect(w.text(await w.cmd("sofia", "/grievance contract calendar TRANSPORT-2025 add 27-11 typo"))).toContain("isn't a day");
    expect(w.text(await w.cmd("sam", "/grievance contract calendar TRANSPORT-2025 add 2026-11-30 nope"))).toMatch(/only for/);
  });

  it("a cut-off time per kind of deadline", async () => {
    const { ref } = await fileCase("STATE-2025", { incident: "2026-11-16", learned: "2026-11-17" });
    await staff("/grievance contract set STATE-2025 cutoff.response 23:59", "/grievance contract set STATE-2025 cutoff.appeal 12:00");
    const s = await show(ref);
    expect(s).toContain("Management's response at Informal: Mon 2026-11-30 23:59");
    expect(s).toContain("Union's appeal to Step 1: Mon 2026-12-14 12:00");
    expect(s).toMatch(/Filing deadline \(union\): [^\n]* 17:00/);
    expect(w.text(await w.cmd("sofia", "/grievance contract set STATE-2025 cutoff.appeal noon"))).toContain("isn't valid for cutoff.appeal");
  });

  it("staff see a preview of the computed deadlines when they change a rule", async () => {
    const out = w.text(await w.cmd("sofia", "/grievance contract set STATE-2025 step1.response 10 working from received"));
    expect(out).toContain("STATE-2025: deadlines if each event happened on Mon 2026-11-23");
    // 10 working days from Mon Nov 23, Thanksgiving skipped → Tue Dec 8.
    expect(out).toContain("step1.response: Tue 2026-12-08 17:00");
    expect(out).toContain("filing: Wed 2026-12-23 17:00");
  });
});

describe("reminders follow the contract", () => {
  it("a meeting deadline is reminded like the others, and an appeal names the contract's next step", async () => {
    const { createScheduler } = await import("../../bot/scheduler/dispatcher.ts");
    const { RecordingPoster } = await import("../scheduler/helpers.ts");
    const poster = new RecordingPoster("web");
    const sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: { info() {}, warn() {}, error() {} }, clock: w.clock });
    await sched.start();
    try {
      await staff(...HOMECARE);
      const { ref } = await fileCase("HOMECARE-X", { incident: "2026-11-16", learned: "2026-11-16" }, "12.3");
      // Received Mon Nov 23: meeting 14 calendar days → Mon Dec 7.
      await w.cmd("sam", `/grievance date ${ref} received 2026-11-23`);
      expect(await show(ref)).toContain("Management's meeting at Step 1: Mon 2026-12-07 17:00");
      w.clock.set("2026-12-07T17:00:00Z");
      poster.deliveries.length = 0;
      await sched.runDue();
      const texts = poster.deliveries.map((d) => d.text);
      expect(texts).toContain(`⏰ ${ref}: management must meet on the grievance at Step 1 today (Mon 2026-12-07).\nNames are left out of reminders; open the case to see it.\n[Open case] [Record extension]`);
      // Step 1 → Step 2 in this contract; the appeal reminder names Step 2, and after it arbitration (no Step 3).
      await staff("/grievance contract set HOMECARE-X step2 none");
      await w.cmd("sam", `/grievance date ${ref} meeting 2026-12-04`);
      await w.cmd("sam", `/grievance respond ${ref} received:2026-12-07 Denied.`);
      expect(await show(ref)).toContain("Union's demand for arbitration: Mon 2026-12-21 17:00");
    } finally {
      await sched.stop();
    }
  });
});
