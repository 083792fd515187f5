// import-kb: front matter, linked files judged by their bytes, one line per bad file, idempotent.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importKb } from "../../commands/kb/import.ts";
import { data } from "../../db/data.ts";
import { readFile } from "../../db/kb-files.ts";
import { tempDir, testEngine } from "../helpers/store.ts";
import { kbWorld, textOf } from "./helpers.ts";

// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

describe("import-kb", () => {
  let w: Awaited<ReturnType<typeof kbWorld>>;
  let dir: string;
  const now = new Date("2026-11-23T17:00:00Z");
  const run = () => importKb(w.store, dir, { now, timeZone: "America/Los_Angeles" });
  beforeAll(async () => {
    w = await kbWorld();
    dir = tempDir("uh-kb-import-");
    fs.mkdirSync(path.join(dir, "flyers"));
    fs.writeFileSync(path.join(dir, "flyers", "rally.png"), PNG);
    fs.writeFileSync(path.join(dir, "flyers", "rally.md"), "---\ntitle: Rally flyer\nkind: flyer\naudience: members\ntags: [rally, capitol]\nfile: rally.png\nowner: '100007'\n---\nPrint and post at your worksite.\n");
    fs.writeFileSync(path.join(dir, "guide.md"), "---\nid: steward-guide\ntitle: Steward guide\nkind: officer_guide\naudience: stewards\nreview_by: 2027-03-01\n---\n## Filing\nFile within 30 days.\n");
    fs.writeFileSync(path.join(dir, "no-title.md"), "---\nkind: flyer\n---\nText.\n");
    fs.writeFileSync(path.join(dir, "bad-yaml.md"), "---\ntitle: [unclosed\n---\nText.\n");
    fs.writeFileSync(path.join(dir, "evil.pdf"), EXE);
    fs.writeFileSync(path.join(dir, "evil.md"), "---\ntitle: Contract PDF\nkind: contract\nfile: evil.pdf\n---\nThe contract.\n");
    fs.writeFileSync(path.join(dir, "outside.md"), "---\ntitle: Escape\nkind: form\nfile: ../../etc/passwd\n---\nx\n");
  });
  afterAll(() => w.store.close());

  it("imports the good files and names each bad one with its reason", async () => {
    const r = await run();
    expect({ added: r.added, updated: r.updated, unchanged: r.unchanged }).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const byFile = Object.fromEntries(r.problems.map((p) => [p.file, p.message]));
    expect(Object.keys(byFile).sort()).toEqual(["bad-yaml.md", "evil.md", "no-title.md", "outside.md"]);
    expect(byFile["no-title.md"]).toContain("title");
    expect(byFile["evil.md"]).toContain("judged by its contents");
    expect(byFile["outside.md"]).toContain("not found inside the folder");
    expect(byFile["bad-yaml.md"]).toContain("not valid YAML");
  });

  it("stores the file once by content hash, private to the bot, and attaches it on /kb show", async () => {
    const row = (await data(w.store).one<{ id: number; fileHash: string; fileMime: string; fileName: string }>(
      `SELECT "id", "fileHash", "fileMime", "fileName" FROM "KbDocument" WHERE "title" = 'Rally flyer'`,
    ))!;
    expect(row.fileMime).toBe("image/png");
    expect(row.fileName).toBe("rally.png");
    expect((await readFile(w.store, row.fileHash))?.equals(PNG)).toBe(true);
    // On SQLite the bytes are a file beside the database, private to the bot's user; on PostgreSQL
    // they live in the database itself, where there is no file mode to check.
    if (testEngine === "sqlite") {
      const stored = path.join(path.dirname(w.store.file), "kb-files", row.fileHash.slice(0, 2), row.fileHash);
      expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    }
    const shown = await w.run("maria", `/kb show ${row.id}`);
    expect(shown.reply.files.map((f) => [f.name, f.mime])).toEqual([["rally.png", "image/png"]]);
    expect(Buffer.from(shown.reply.files[0]!.data as Buffer).equals(PNG)).toBe(true);
    expect(textOf((await w.run("sam", "/kb search capitol")).reply)).toContain("Rally flyer");
  });

  it("a second run changes nothing; a changed file becomes a new version", async () => {
    const count = async () => Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "KbDocument"`))!.n);
    const before = await count();
    const again = await run();
    expect({ added: again.added, updated: again.updated, unchanged: again.unchanged }).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(await count()).toBe(before);
    fs.writeFileSync(path.join(dir, "guide.md"), "---\nid: steward-guide\ntitle: Steward guide\nkind: officer_guide\naudience: stewards\nreview_by: 2027-03-01\n---\n## Filing\nFile within 45 days.\n");
    const changed = await run();
    expect(changed.updated).toBe(1);
    const doc = await data(w.store).one<{ version: number; body: string }>(`SELECT "version", "body" FROM "KbDocument" WHERE "title" = 'Steward guide'`);
    expect(doc).toEqual({ version: 2, body: "## Filing\nFile within 45 days." });
  });
});

describe("import-kb keys documents on a stable id", () => {
  const now = new Date("2026-11-23T17:00:00Z");
  const write = (dir: string, name: string, text: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  const doc = (w: Awaited<ReturnType<typeof kbWorld>>, title: string) =>
    data(w.store).one<Record<string, unknown>>(
      `SELECT "id", "title", "body", "audience", "ownerId", "fileHash", "version", "importId", "reviewBy" FROM "KbDocument" WHERE "title" = ?`,
      title,
    );

  it("another folder's good.md never replaces a document it did not create; the refusal names the file and the id to add", async () => {
    const w = await kbWorld();
    const a = tempDir("uh-kb-a-");
    const b = tempDir("uh-kb-b-");
    write(a, "flyer.png", PNG);
    write(a, "good.md", "---\ntitle: SL-083 officers' bargaining notes\nkind: minutes\naudience: officers\nsublocal: SL-083\nowner: '100004'\nfile: flyer.png\n---\nOur bargaining priorities.\n");
    write(b, "good.md", "---\ntitle: Good practice for stewards\nkind: officer_guide\naudience: everyone\n---\nBe kind.\n");
    const first = await importKb(w.store, a, { now, timeZone: "America/Los_Angeles" });
    expect(first.added).toBe(1);
    expect(first.warnings.map((x) => x.message).join()).toContain('write "id: good" in its front matter');
    const before = (await doc(w, "SL-083 officers' bargaining notes"))!;
    const second = await importKb(w.store, b, { now, timeZone: "America/Los_Angeles" });
    expect({ added: second.added, updated: second.updated }).toEqual({ added: 0, updated: 0 });
    expect(second.problems).toEqual([{ file: "good.md", message: expect.stringContaining(`has no id in its front matter, and document #${before.id} was imported from a file at this path before`) }]);
    expect(second.problems[0]!.message).toContain('"id: good"');
    expect(await doc(w, "SL-083 officers' bargaining notes")).toEqual(before);
    expect(await doc(w, "Good practice for stewards")).toBeUndefined();

    // Running the first folder again changes nothing; giving b's file its own id adds it beside.
    expect((await importKb(w.store, a, { now, timeZone: "America/Los_Angeles" })).unchanged).toBe(1);
    write(b, "good.md", "---\nid: good-practice\ntitle: Good practice for stewards\nkind: officer_guide\naudience: everyone\n---\nBe kind.\n");
    const third = await importKb(w.store, b, { now, timeZone: "America/Los_Angeles" });
    expect({ added: third.added, problems: third.problems }).toEqual({ added: 1, problems: [] });
    expect(await doc(w, "SL-083 officers' bargaining notes")).toEqual(before);
    expect(await doc(w, "Good practice for stewards")).toMatchObject({ importId: "good-practice", audience: "everyone" });

    // With an id, a re-import updates that document, wherever the file now stands.
    write(b, "moved/elsewhere.md", "---\nid: good-practice\ntitle: Good practice for stewards\nkind: officer_guide\naudience: everyone\n---\nBe kind and write it down.\n");
    fs.rmSync(path.join(b, "good.md"));
    const fourth = await importKb(w.store, b, { now, timeZone: "America/Los_Angeles" });
    expect({ added: fourth.added, updated: fourth.updated }).toEqual({ added: 0, updated: 1 });
    expect(await doc(w, "Good practice for stewards")).toMatchObject({ body: "Be kind and write it down.", version: 2 });
    await w.store.close();
  });

  it("two files with one id are refused; two with the same text are both kept with a warning", async () => {
    const w = await kbWorld();
    const dir = tempDir("uh-kb-dup-");
    write(dir, "a.md", "---\nid: rally\ntitle: Rally\nkind: flyer\n---\nSaturday.\n");
    write(dir, "b.md", "---\nid: rally\ntitle: Rally (copy)\nkind: flyer\n---\nSunday.\n");
    write(dir, "c.md", "---\nid: rally-copy\ntitle: Rally\nkind: flyer\n---\nSaturday.\n");
    const r = await importKb(w.store, dir, { now, timeZone: "America/Los_Angeles" });
    expect(r.problems).toEqual([{ file: "b.md", message: "id rally is also the id of a.md: each document needs its own id" }]);
    expect(r.added).toBe(2);
    expect(r.warnings).toEqual([{ file: "c.md", message: expect.stringContaining("has the same title and text as a.md") }]);
    // Against a document already there too.
    write(dir, "d.md", "---\nid: rally-again\ntitle: Rally\nkind: flyer\n---\nSaturday.\n");
    const again = await importKb(w.store, dir, { now, timeZone: "America/Los_Angeles" });
    expect(again.warnings.map((x) => `${x.file}: ${x.message}`)).toEqual([expect.stringMatching(/^d\.md: has the same title and text as (a|c)\.md/)]);
    await w.store.close();
  });

  it("refuses an impossible review date with the reason, and stores nothing", async () => {
    const w = await kbWorld();
    const dir = tempDir("uh-kb-date-");
    write(dir, "feb.md", "---\nid: feb\ntitle: February guide\nkind: policy\nreview_by: 2027-02-30\n---\nText.\n");
    write(dir, "month.md", "---\nid: month\ntitle: Month guide\nkind: policy\nreview_by: 2027-13-01\n---\nText.\n");
    write(dir, "leap.md", "---\nid: leap\ntitle: Leap guide\nkind: policy\nreview_by: 2028-02-29\n---\nText.\n");
    const r = await importKb(w.store, dir, { now, timeZone: "America/Los_Angeles" });
    expect(Object.fromEntries(r.problems.map((p) => [p.file, p.message]))).toEqual({
      "feb.md": "review_by 2027-02-30 is not a real date: February 2027 has 28 days",
      "month.md": "review_by 2027-13-01 is not a real date: there is no month 13",
    });
    expect(await doc(w, "February guide")).toBeUndefined();
    expect(await doc(w, "Leap guide")).toMatchObject({ reviewBy: "2028-02-29" });
    await w.store.close();
  });
});

describe("the demo documents the playground ships with", () => {
  it("all import cleanly, twice changing nothing, and the README's searches find them", async () => {
    const { importDemoKb } = await import("../../commands/kb/import.ts");
    const w = await kbWorld();
    const first = await importDemoKb(w.store, new Date("2026-11-23T17:00:00Z"), "America/Los_Angeles");
    expect(first!.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([]);
    expect(first!.added).toBe(18);
    expect((await importDemoKb(w.store, new Date("2026-11-24T17:00:00Z"), "America/Los_Angeles"))!.unchanged).toBe(18);
    expect(textOf((await w.run("sam", "/kb search steward guide")).reply)).toContain("Steward guide to filing a grievance");
    // Found through its Spanish version, shown in the reader's language.
    expect(textOf((await w.run("sam", "/kb search guia")).reply)).toContain("Steward guide to filing a grievance");
    expect(textOf((await w.run("sam", "/kb search guia", "es")).reply)).toContain("Guía para delegados");
    expect(textOf((await w.run("maria", "/kb search huong dan")).reply)).toContain("Hướng dẫn cho đoàn viên mới");
    expect(textOf((await w.run("maria", "/kb search 申诉")).reply)).toContain("工会合同简介");
    const flyer = await w.run("maria", "/kb search rally");
    expect(textOf(flyer.reply)).toContain("Flyer — rally for fair staffing");
    const id = Number(/\/kb show (\d+)/.exec(textOf(flyer.reply))![1]);
    expect((await w.run("maria", `/kb show ${id}`)).reply.files.map((f) => f.mime)).toEqual(["image/svg+xml"]);
    await w.store.close();
  });
});
