// Property: any text up to 100,000 characters survives edit → history → restore byte-for-byte,
// through the real dispatcher (the form for a text that fits, a Markdown file for a longer one).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleForm } from "../../commands/core/dispatch.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { data } from "../../db/data.ts";
import { web } from "../helpers/store.ts";
import { addDoc, kbWorld, textOf } from "./helpers.ts";

let w: Awaited<ReturnType<typeof kbWorld>>;
beforeAll(async () => {
  w = await kbWorld();
});
afterAll(() => w.store.close());

const body = async (id: number) => (await data(w.store).one<{ body: string }>(`SELECT "body" FROM "KbDocument" WHERE "id" = ?`, id))!.body;
const head = { title: "Round trip", kind: "officer_guide", audience: "everyone" };

async function edit(id: number, text: string) {
  if (text.length <= 3000 && (await body(id)).length <= 3000) {
    const form = (await w.run("sofia", `/kb edit ${id}`)).reply.form!;
    return w.submit("sofia", form.token, { ...head, body: text });
  }
  const form = (await w.run("sofia", `/kb edit ${id} file`)).reply.form!;
  return handleForm(w.core, { actor: web("sofia"), token: form.token, values: head, files: { bodyFile: [{ name: "text.md", data: Buffer.from(text, "utf8") }] } });
}

/** A version's whole text as /kb history ID VERSION gives it: in the message, or the attached file when long. */
function versionText(r: RenderedReply): string {
  const file = r.files.find((f) => f.name.endsWith(".md"));
  if (file) return typeof file.data === "string" ? file.data : file.data.toString("utf8");
  const s = r.blocks.find((b) => b.type === "section") as { text?: string };
  return s.text ?? "";
}

// Any Unicode text (whole code points, so it can be written as UTF-8) with something in it to read.
// Not a NUL (a file holding one is not a text file) and not a leading U+FEFF (a byte-order mark,
// which a text file's reader drops).
const text = fc
  .oneof(fc.string({ unit: "binary", maxLength: 3000 }), fc.string({ unit: "binary", minLength: 3001, maxLength: 100_000, size: "max" }), fc.string({ unit: "grapheme", maxLength: 6000 }))
  .filter((s) => s.trim().length > 0 && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s) && !s.includes("\u0000") && !s.startsWith("\uFEFF") && s.length <= 100_000);

describe("a document's text round trip", () => {
  it("survives edit → history → restore byte-for-byte", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const id = await addDoc(w.store, { title: "Round trip", body: "Start." });
        const saved = await edit(id, t);
        expect(saved.ok, JSON.stringify(saved).slice(0, 300)).toBe(true);
        expect((await body(id)) === t).toBe(true);
        expect((await edit(id, "Something else.")).ok).toBe(true);
        expect(versionText((await w.run("sam", `/kb history ${id} 2`)).reply) === t).toBe(true);
        expect(textOf((await w.run("sofia", `/kb restore ${id} 2`)).reply)).toContain("saved as version 4");
        expect((await body(id)) === t).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
