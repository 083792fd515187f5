// Editing a document that has translations: readers of each translation see that it may be behind
// the original until someone saves it again, and its owner is told once, in their own language.
import { describe, expect, it } from "vitest";
import { deliverDue } from "../scheduler/helpers.ts";
import { addDoc, kbWorld, textOf } from "./helpers.ts";

type W = Awaited<ReturnType<typeof kbWorld>>;

async function deliver(w: W): Promise<(who: string) => string[]> {
  const poster = await deliverDue(w);
  return (who) => poster.deliveries.filter((d) => d.target.userId === who).map((d) => d.text);
}

async function edit(w: W, who: string, id: number, body: string, locale = "en"): Promise<string> {
  const form = (await w.run(who, `/kb edit ${id}`, locale)).reply.form!;
  const values = Object.fromEntries(form.fields.map((f) => [f.name, f.initial ?? ""]));
  const saved = await w.submit(who, form.token, { ...values, body });
  expect(saved.ok).toBe(true);
  return saved.ok ? textOf(saved.reply) : "";
}

describe("a translation behind its original", () => {
  it("is noted for its readers and its owner is told once, in Spanish, until it is saved again", async () => {
    const w = await kbWorld();
    const guide = await addDoc(w.store, { title: "Steward guide", body: "File within 30 days.", audience: "everyone" });
    await w.run("elena", "/unionhall language es");
    const form = (await w.run("elena", `/kb translate ${guide} es`, "es")).reply.form!;
    const made = await w.submit("elena", form.token, { title: "Guía para delegados", body: "Presente la queja dentro de 30 días." });
    const guia = Number(/documento n\.º (\d+)/.exec(made.ok ? textOf(made.reply) : "")?.[1]);
    expect(guia).toBeGreaterThan(guide);
    expect(textOf((await w.run("sam", `/kb show ${guide}`, "es")).reply)).not.toContain("puede que esta traducción");

    w.clock.advance(86_400_000);
    const said = await edit(w, "sofia", guide, "File within 21 days.");
    expect(said).toContain(`Document #${guide} has 1 translation`);
    const first = await deliver(w);
    expect(first("elena")).toHaveLength(1);
    expect(first("elena")[0]).toContain(`El documento n.º ${guide} «Steward guide» se cambió el`);
    expect(first("elena")[0]).toContain(`/kb edit ${guia}`);
    expect(first("sofia")).toEqual([]);

    const es = textOf((await w.run("sam", `/kb show ${guide}`, "es")).reply);
    expect(es).toContain("Guía para delegados");
    expect(es).toContain("El original se cambió el mar, 24 de nov de 2026; puede que esta traducción no esté al día.");
    // Asked by its own number, the translation carries the note too; the original's readers see none.
    expect(textOf((await w.run("sam", `/kb show ${guia}`, "en")).reply)).toContain("this translation may be out of date");
    expect(textOf((await w.run("sam", `/kb show ${guide}`, "en")).reply)).not.toContain("out of date");

    // A second edit before the translation is saved again: nobody is told twice.
    w.clock.advance(3_600_000);
    await edit(w, "sofia", guide, "File within 14 days.");
    expect((await deliver(w))("elena")).toEqual([]);

    // Elena saves her version again: the note goes.
    w.clock.advance(3_600_000);
    await edit(w, "elena", guia, "Presente la queja dentro de 14 días.", "es");
    expect(textOf((await w.run("sam", `/kb show ${guide}`, "es")).reply)).not.toContain("puede que esta traducción");
    await w.store.close();
  });
});
