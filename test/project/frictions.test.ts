// What made newcomers stop in the project area: milestones named as chat shows them, a question
// typed after /project ask, questions nobody would have read, and answers that could never be
// published after being given to the member only.
import { data } from "../../db/data.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { milestoneByKey, publishedQuestions } from "../../db/project.ts";
import { buttons, kbWorld as world, textOf } from "../kb/helpers.ts";

type W = Awaited<ReturnType<typeof world>>;
const personId = async (w: W, handle: string) => (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, handle))!.personId;

describe("/project milestone by the name chat shows", () => {
  let w: W;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.store.close());

  const opens = async (typed: string, locale = "en") => {
    const out = await w.run("sofia", `/project milestone ${typed}`, locale);
    return out.reply.form ? out.reply.form.intro : `error: ${textOf(out.reply)}`;
  };

  it("opens the milestone typed as /project timeline shows it, in any language, any case, with or without accents", async () => {
    expect(await opens("Study: how we work today")).toBe("Study: how we work today");
    expect(await opens("study how we work TODAY")).toBe("Study: how we work today");
    expect(await opens('"Estudio: cómo trabajamos hoy"')).toBe("Study: how we work today");
    expect(await opens("estudio como trabajamos hoy")).toBe("Study: how we work today");
    expect(await opens("nghien cuu cach lam viec hien nay")).toBe("Study: how we work today");
    expect(await opens("研究：现在的工作方式")).toBe("Study: how we work today");
    expect(await opens("исследование: как мы работаем сейчас")).toBe("Study: how we work today");
    // The reader's own language names it in the form.
    expect(await opens("Study: how we work today", "es")).toBe("Estudio: cómo trabajamos hoy");
    // The key still works for those who know it.
    expect(await opens("fitgap_current_process")).toBe("Study: how we work today");
  });

  it("opens by the start of a name when only one milestone starts that way", async () => {
    expect(await opens("Joint")).toBe("Joint decision");
    expect(await opens("vendor's find")).toBe("Vendor's findings to the committee");
  });

  it("asks for more when the start fits several, naming them as shown; an unknown name lists every name", async () => {
    const several = await opens("Study");
    expect(several).toContain("fits more than one milestone");
    expect(several).toContain("“Study: how we work today”");
    expect(several).toContain("“Study: the options”");
    expect(several).not.toMatch(/fitgap_/);
    const none = await opens("Payroll cutover");
    expect(none).toContain("There is no milestone “Payroll cutover”");
    expect(none).toContain("“Joint decision”");
    expect(none).not.toMatch(/fitgap_|joint_decision/);
  });

  it("saves the change through the form it opened", async () => {
    const form = (await w.run("sofia", "/project milestone joint decision")).reply.form!;
    const saved = await w.submit("sofia", form.token, { status: "at_risk", target: "2027-03-01", done: "" });
    expect(saved.ok && textOf(saved.reply)).toContain("Joint decision is changed");
    expect((await milestoneByKey(data(w.store), "joint_decision"))!.status).toBe("at_risk");
  });
});

describe("questions", () => {
  it("/project ask with the question typed after it sends it at once, with the asker's name", async () => {
    const w = await world();
    await w.run("sofia", "/unionhall admin role grant 100004 project_committee");
    const sent = await w.run("maria", "/project ask Will the new system keep my records private?");
    expect(sent.reply.form).toBeUndefined();
    expect(textOf(sent.reply)).toContain("Your question #1 was sent to the project committee");
    const pat = await personId(w, "pat");
    const card = sent.notices.find((n) => n.personId === pat)!.message;
    expect(textOf(card)).toContain("Will the new system keep my records private?");
    expect(textOf(card)).toContain("Maria");
    // Alone, it still opens the form (where the name can be withheld); too short is refused politely.
    expect((await w.run("maria", "/project ask")).reply.form?.fields.map((f) => f.name)).toEqual(["question", "anonymous"]);
    expect(textOf((await w.run("maria", "/project ask why")).reply)).toContain("a few more words");
    w.store.close();
  });

  it("with nobody on the committee, a question goes to staff and the asker is told so", async () => {
    const w = await world();
    const sent = await w.run("maria", "/project ask When do we get the new tools?");
    expect(textOf(sent.reply)).toContain("was sent to union staff, because nobody else is on the project committee");
    const to = sent.notices.map((n) => n.personId).sort();
    const sofia = await personId(w, "sofia");
    expect(to).toEqual([sofia, await personId(w, "elena")].sort());
    // Staff answer it from the card, and the member gets the answer.
    const card = sent.notices.find((n) => n.personId === sofia)!.message;
    const form = (await w.click("sofia", buttons(card).find((b) => b.label === "Answer")!.token)).reply.form!;
    const answered = await w.submit("sofia", form.token, { answer: "Next spring, with training first.", publish: "no" });
    expect(answered.ok && answered.notices.map((n) => n.personId)).toEqual([await personId(w, "maria")]);
    w.store.close();
  });

  it("asked by the committee's only member, a question goes to staff, not back to the asker", async () => {
    const w = await world();
    await w.run("sofia", "/unionhall admin role grant 100004 project_committee");
    const sent = await w.run("pat", "/project ask Who pays for the vendor?");
    expect(textOf(sent.reply)).toContain("union staff");
    expect(sent.notices.map((n) => n.personId)).not.toContain(await personId(w, "pat"));
    expect(sent.notices.length).toBeGreaterThan(0);
    // Staff find it waiting on Home too.
    expect(textOf((await w.run("sofia", "/unionhall pending")).reply)).toContain("Question #1 for the project committee");
    w.store.close();
  });

  it("an answer given to the member only can be published later: the button under it, or /project publish ID", async () => {
    const w = await world();
    await w.run("sofia", "/unionhall admin role grant 100004 project_committee");
    const ask = async (q: string) => {
      const sent = await w.run("maria", `/project ask ${q}`);
      const pat = await personId(w, "pat");
      const card = sent.notices.find((n) => n.personId === pat)!.message;
      const form = (await w.click("pat", buttons(card).find((b) => b.label === "Answer")!.token)).reply.form!;
      const answered = await w.submit("pat", form.token, { answer: "Yes, the same rules apply.", publish: "no" });
      if (!answered.ok) throw new Error("not answered");
      return answered.reply;
    };
    const first = await ask("Do the privacy rules stay the same?");
    expect(textOf(first)).toContain("/project publish 1");
    expect(await publishedQuestions(data(w.store))).toEqual([]);
    const published = await w.click("pat", buttons(first).find((b) => b.label === "Put it on the project page")!.token);
    expect(textOf(published.reply)).toContain("Question #1 is now on the project page");
    expect((await publishedQuestions(data(w.store))).map((q) => q.id)).toEqual([1]);

    await ask("Will stewards get training?");
    // Staff can publish it by number; twice says it is already there; a member may not.
    expect(textOf((await w.run("maria", "/project publish 2")).reply)).not.toContain("now on the project page");
    expect(textOf((await w.run("sofia", "/project publish 2")).reply)).toContain("Question #2 is now on the project page");
    expect(textOf((await w.run("sofia", "/project publish 2")).reply)).toContain("already on the project page");
    expect(textOf((await w.run("sofia", "/project publish 9")).reply)).toContain("There is no question #9");
    const unanswered = await w.run("maria", "/project ask Is the vendor local?");
    expect(unanswered.notices.length).toBeGreaterThan(0);
    expect(textOf((await w.run("sofia", "/project publish 3")).reply)).toContain("no answer yet");
    w.store.close();
  });
});
