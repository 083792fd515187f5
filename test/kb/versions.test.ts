// Editing never cuts a document: past a chat form's 3,000 characters the text goes through a
// Markdown file; /kb history shows what each version changed and its whole text; staff restore.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleForm } from "../../commands/core/dispatch.ts";
import { data } from "../../db/data.ts";
import { web } from "../helpers/store.ts";
import { addDoc, kbWorld, textOf } from "./helpers.ts";

type W = Awaited<ReturnType<typeof kbWorld>>;
let w: W;
const body = async (id: number) => (await data(w.store).one<{ body: string }>(`SELECT "body" FROM "KbDocument" WHERE "id" = ?`, id))!.body;
const long = (n: number) => Array.from({ length: Math.ceil(n / 10) }, (_, i) => `word${String(i).padStart(5, "0")} `).join("").slice(0, n - 1) + ".";
const submitFile = (who: string, token: string, values: Record<string, string>, text?: string) =>
  handleForm(w.core, { actor: web(who), token, values, ...(text === undefined ? {} : { files: { bodyFile: [{ name: "new.md", data: Buffer.from(text, "utf8") }] } }) });

beforeAll(async () => {
  w = await kbWorld();
});
afterAll(() => w.store.close());

describe("/kb edit of a long document", () => {
  it("never puts a cut text in the form; the whole text comes as a .md file and goes back as one", async () => {
    const text = long(4294);
    const id = await addDoc(w.store, { title: "Long contract summary", body: text, audience: "members" });
    const opened = await w.run("sofia", `/kb edit ${id}`);
    const form = opened.reply.form!;
    expect(form.fields.map((f) => f.kind)).not.toContain("textarea");
    for (const f of form.fields) expect(text.startsWith(f.initial ?? "\u0000") && f.initial !== text, f.name).toBe(false);
    expect(form.fields.find((f) => f.name === "bodyFile")?.kind).toBe("file");
    expect(form.intro).toContain("4,294");
    expect(opened.reply.files.map((f) => [f.name, f.data])).toEqual([[`kb-${id}.md`, text]]);

    // Saved without a file: the text stays whole.
    const same = await submitFile("sofia", form.token, { title: "Long contract summary (2026)", kind: "officer_guide", audience: "members" });
    expect(same.ok && textOf(same.reply)).toContain("now at version 2");
    expect(await body(id)).toBe(text);

    // A longer replacement through the file is kept exactly.
    const next = `${text}\n\n## Added\nA new section.\r\n`;
    const again = (await w.run("sofia", `/kb edit ${id}`)).reply.form!;
    const saved = await submitFile("sofia", again.token, { title: "Long contract summary (2026)", kind: "officer_guide", audience: "members" }, next);
    expect(saved.ok && textOf(saved.reply)).toContain("now at version 3");
    expect(await body(id)).toBe(next);
  });

  it("a file that is not text is refused on the form and nothing changes", async () => {
    const id = await addDoc(w.store, { title: "Another long one", body: long(3500) });
    const form = (await w.run("sofia", `/kb edit ${id}`)).reply.form!;
    const out = await handleForm(w.core, { actor: web("sofia"), token: form.token, values: { title: "X", kind: "officer_guide", audience: "everyone" }, files: { bodyFile: [{ name: "x.md", data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe]) }] } });
    expect(out.ok).toBe(false);
    expect(JSON.stringify(!out.ok && out.errors)).toContain("not a text file");
    expect(await body(id)).toBe(long(3500));
  });

  it("a short document grows past the form's limit with /kb edit ID file", async () => {
    const id = await addDoc(w.store, { title: "Short", body: "Short text." });
    const short = (await w.run("sofia", `/kb edit ${id}`)).reply.form!;
    expect(short.fields.find((f) => f.name === "body")?.initial).toBe("Short text.");
    const tooLong = await w.submit("sofia", short.token, { title: "Short", kind: "officer_guide", audience: "everyone", body: long(3001) });
    expect(tooLong.ok, JSON.stringify(tooLong).slice(0, 300)).toBe(false);
    expect(await body(id)).toBe("Short text.");
    const viaFile = (await w.run("sofia", `/kb edit ${id} file`)).reply.form!;
    const out = await submitFile("sofia", viaFile.token, { title: "Short", kind: "officer_guide", audience: "everyone" }, long(8000));
    expect(out.ok).toBe(true);
    expect(await body(id)).toBe(long(8000));
  });

  it("a form opened before someone else saved is refused, so their change is not lost", async () => {
    const id = await addDoc(w.store, { title: "Shared notes", body: "First." });
    const mine = (await w.run("sofia", `/kb edit ${id}`)).reply.form!;
    const theirs = (await w.run("sofia", `/kb edit ${id}`)).reply.form!;
    expect((await w.submit("sofia", theirs.token, { title: "Shared notes", kind: "officer_guide", audience: "everyone", body: "Their change." })).ok).toBe(true);
    const late = await w.submit("sofia", mine.token, { title: "Shared notes", kind: "officer_guide", audience: "everyone", body: "My change." });
    expect(textOf((late as { reply: Parameters<typeof textOf>[0] }).reply)).toContain("after you opened this form");
    expect(await body(id)).toBe("Their change.");
  });
});

describe("/kb history and /kb restore", () => {
  it("shows what each edit changed and each version's whole text; staff restore one, audited", async () => {
    const id = await addDoc(w.store, { title: "Steward guide", body: "## Deadlines\nFile within 30 days.\n" });
    const form = (await w.run("sofia", `/kb edit ${id}`)).reply.form!;
    await w.submit("sofia", form.token, { title: "Steward guide", kind: "officer_guide", audience: "everyone", body: "## Deadlines\nFile within 45 days.\n" });
    const history = textOf((await w.run("sam", `/kb history ${id}`)).reply);
    expect(history).toContain("Version 2 (now): Steward guide");
    expect(history).toContain("lines: +1 −1");
    expect(history).toContain("+ File within 45 days.");
    expect(history).toContain("− File within 30 days.");
    expect(textOf((await w.run("sam", `/kb history ${id} 1`)).reply)).toContain("File within 30 days.");
    expect(textOf((await w.run("sam", `/kb history ${id} 7`)).reply)).toContain("has no version 7");

    expect(textOf((await w.run("pat", `/kb restore ${id} 1`)).reply)).not.toContain("has the text of version 1");
    const restored = textOf((await w.run("sofia", `/kb restore ${id} 1`)).reply);
    expect(restored).toContain("has the text of version 1");
    expect(restored).toContain("saved as version 3");
    expect(await body(id)).toBe("## Deadlines\nFile within 30 days.\n");
    expect(textOf((await w.run("sofia", `/kb history ${id} 2`)).reply)).toContain("File within 45 days.");
    const audit = await data(w.store).all<{ details: string }>(`SELECT "action", "details" FROM "AuditEntry" WHERE "action" = 'kb.restore'`);
    expect(audit.length).toBe(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ restored: 1, replaced: 2, version: 3 });
  });
});
