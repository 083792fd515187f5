// Project updates per reader: the bot's timeline changes are made for each follower in their own
// language (not the staff member's), staff add versions of their updates in other languages, and
// readability is judged by a formula made for the text's language (or not at all).
import { describe, expect, it } from "vitest";
import { readabilityOf, russianSyllables, spanishSyllables } from "../../commands/project/readability.ts";
import { deliverDue } from "../scheduler/helpers.ts";
import { buttons, kbWorld as world, textOf } from "../kb/helpers.ts";


describe("a timeline change is rendered for each follower", () => {
  it("reaches a Spanish and a Russian follower in their languages though staff wrote in English", async () => {
    const w = await world();
    await w.run("sam", "/unionhall language es");
    await w.run("maria", "/unionhall language ru");
    await w.run("sam", "/project subscribe me");
    await w.run("maria", "/project subscribe me");
    const form = (await w.run("sofia", "/project milestone findings_to_committee")).reply.form!;
    const saved = await w.submit("sofia", form.token, { status: "at_risk", target: "2027-03-01", done: "" });
    expect(saved.ok && textOf(saved.reply)).toContain("An update was posted");
    const poster = await deliverDue(w);
    const to = (who: string) => poster.deliveries.find((d) => d.target.userId === who)?.text ?? "";
    expect(to("sam")).toContain("Cambio en el calendario");
    expect(to("sam")).not.toContain("Timeline change");
    expect(to("maria")).toContain("Изменение сроков");
    expect(to("maria")).not.toContain("Timeline change");
    // The list renders it for whoever reads it, too.
    expect(textOf((await w.run("carla", "/project updates", "vi")).reply)).toContain("Thay đổi lộ trình");
    expect(textOf((await w.run("carla", "/project updates", "en")).reply)).toContain("Timeline change");
    await w.store.close();
  });
});

describe("an update in several languages", () => {
  it("staff add a Spanish version; Spanish readers get it, others the original (with a note when theirs is missing)", async () => {
    const w = await world();
    const opened = await w.run("sofia", "/project post");
    const preview = await w.submit("sofia", opened.reply.form!.token, { title: "Vendor chosen", summary: "We picked a company to help us. They start in March." });
    const publish = buttons(preview.ok ? preview.reply : ({} as never)).find((b) => b.label === "Publish")!;
    expect(textOf((await w.click("sofia", publish.token)).reply)).toContain("Update #1 is published");
    const form = (await w.run("sofia", "/project translate 1 es")).reply.form!;
    const saved = await w.submit("sofia", form.token, { title: "Ya elegimos proveedor", summary: "Elegimos una empresa para ayudarnos. Empieza en marzo." });
    expect(saved.ok && textOf(saved.reply)).toContain("readers of Spanish now get update #1");
    expect(saved.ok && textOf(saved.reply)).toContain("Fernández-Huerta");
    const es = textOf((await w.run("sam", "/project updates", "es")).reply);
    expect(es).toContain("Ya elegimos proveedor");
    expect(es).not.toContain("Vendor chosen");
    const ru = textOf((await w.run("sam", "/project updates", "ru")).reply);
    expect(ru).toContain("Vendor chosen");
    expect(ru).toContain("показан оригинал на английском языке");
    expect(textOf((await w.run("sam", "/project updates", "en")).reply)).not.toContain("Not yet in");
    expect(textOf((await w.run("sofia", "/project translate 1 en")).reply)).toContain("already written in English");
    expect(textOf((await w.run("sam", "/project translate 1 es")).reply)).toMatch(/not allowed|only/i);
    await w.store.close();
  });
});

describe("readability by language", () => {
  it("counts Spanish syllables with diphthongs and hiatus, and Russian ones by vowels", () => {
    expect(["casa", "ciudad", "día", "país", "leer", "guía", "agua", "hoy", "y"].map(spanishSyllables)).toEqual([2, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(["профсоюз", "член", "взносы", "объявление"].map(russianSyllables)).toEqual([3, 1, 2, 5]);
  });

  it("gives a grade for English, a reading ease for Spanish and Russian, and no score for Vietnamese or Chinese", () => {
    expect(readabilityOf("We picked a company to help us. They start in March.", "en")).toMatchObject({ kind: "grade", formula: "flesch-kincaid", plain: true });
    const plainEs = readabilityOf("Elegimos una empresa. Nos va a ayudar. Empieza en marzo.", "es");
    expect(plainEs).toMatchObject({ kind: "ease", formula: "fernandez-huerta", plain: true });
    const hardEs = readabilityOf("La heterogeneidad organizacional de la infraestructura tecnológica institucional requiere metodologías exhaustivas de evaluación de interoperabilidad.", "es");
    expect(hardEs).toMatchObject({ kind: "ease", plain: false });
    expect(readabilityOf("Мы выбрали фирму. Она начнёт в марте.", "ru")).toMatchObject({ kind: "ease", formula: "oborneva", plain: true });
    expect(readabilityOf("Chúng tôi đã chọn một công ty.", "vi")).toEqual({ kind: "none" });
    expect(readabilityOf("我们选定了一家公司。", "zh-Hans")).toEqual({ kind: "none" });
  });

  it("a Chinese preview says plainly that no score is given (never 'grade 0')", async () => {
    const w = await world();
    await w.run("sofia", "/unionhall language zh-Hans");
    const opened = await w.run("sofia", "/project post");
    const preview = await w.submit("sofia", opened.reply.form!.token, { title: "选定了供应商", summary: "我们选定了一家公司来帮助我们。他们三月开始工作。" });
    const t = preview.ok ? textOf(preview.reply) : "";
    expect(t).toContain("不打阅读难度分");
    expect(t).not.toMatch(/阅读难度 0/);
    await w.store.close();
  });
});
