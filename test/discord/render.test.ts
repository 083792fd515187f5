// Pure: RenderedReply → Discord message, RenderedForm → modal, modal submission → values.
import { describe, expect, it } from "vitest";
import { modalValues, renderMessage, renderModal, toDiscordMarkdown } from "../../adapters/discord/render.ts";
import { fallbackText, type RenderedBlock, type RenderedForm, type RenderedReply } from "../../commands/core/reply.ts";

function rendered(blocks: RenderedBlock[], over: Partial<RenderedReply> = {}): RenderedReply {
  return { visibility: "channel", blocks, files: [], update: false, fallbackText: fallbackText(blocks), ...over };
}

const size = (m: ReturnType<typeof renderMessage>) =>
  m.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0), 0);

describe("renderMessage", () => {
  it("renders text, a section with fields, a list and context as embeds", () => {
    const m = renderMessage(
      rendered([
        { type: "text", text: "*Case* GR-1 opened for <@U1|maria>" },
        { type: "section", title: "Case GR-1", text: "Overtime", fields: [{ label: "Status", value: "open" }, { label: "What happened", value: "x".repeat(60) }] },
        { type: "list", title: "Deadlines", items: [{ text: "Step 1", detail: "2026-12-01" }] },
        { type: "list", title: "Notes", items: [], empty: "No notes yet." },
        { type: "context", text: "Only stewards see this" },
      ]),
    );
    expect(m.flags).toBeUndefined();
    expect(m.embeds).toHaveLength(4);
    expect(m.embeds[0]!.description).toBe("**Case** GR-1 opened for <@U1>");
    // A titled section or list starts its own embed.
    expect(m.embeds.map((e) => e.title)).toEqual([undefined, "Case GR-1", "Deadlines", "Notes"]);
    expect(m.embeds[1]!.description).toBe("Overtime");
    const fields = m.embeds.flatMap((e) => e.fields ?? []);
    expect(fields).toEqual([
      { name: "Status", value: "open", inline: true },
      { name: "What happened", value: "x".repeat(60), inline: false },
    ]);
    expect(m.embeds[2]!.description).toBe("• Step 1 — 2026-12-01");
    expect(m.embeds[3]!.description).toBe("_No notes yet._\n-# Only stewards see this");
    expect(m.allowed_mentions).toEqual({ parse: [] });
  });

  it("marks only-you replies ephemeral (flag 64)", () => {
    expect(renderMessage(rendered([{ type: "text", text: "hi" }], { visibility: "private" })).flags).toBe(64);
  });

  it("puts buttons in action rows of at most five with our custom id", () => {
    const buttons = Array.from({ length: 12 }, (_, i) => ({ label: `B${i}`, token: `t${i}`, style: i === 0 ? ("danger" as const) : i === 1 ? ("primary" as const) : undefined }));
    const m = renderMessage(rendered([{ type: "text", text: "pick" }, { type: "buttons", buttons }]));
    expect(m.components.map((r) => r.components.length)).toEqual([5, 5, 2]);
    const flat = m.components.flatMap((r) => r.components) as any[];
    expect(flat[0]).toEqual({ type: 2, style: 4, label: "B0", custom_id: "uh:b:t0" });
    expect(flat[1].style).toBe(1);
    expect(flat[2].style).toBe(2);
  });

  it("splits more than 25 fields over several embeds", () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: `${i}` }));
    const m = renderMessage(rendered([{ type: "section", title: "Many", fields }]));
    expect(m.embeds.map((e) => e.fields?.length)).toEqual([25, 5]);
  });

  it("keeps within 6000 characters and 10 embeds, attaching the whole reply as a file", () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ text: `Item number ${i} with some words`, detail: "and a detail" }));
    const r = rendered([{ type: "list", title: "Big", items }]);
    const m = renderMessage(r, { truncatedNote: "The full reply is in the attached file." });
    expect(size(m)).toBeLessThanOrEqual(6000);
    expect(m.embeds.length).toBeLessThanOrEqual(10);
    expect(m.embeds.at(-1)!.description).toBe("-# The full reply is in the attached file.");
    const file = m.files.find((f) => f.name === "reply.txt")!;
    expect(file.data.toString("utf8")).toBe(r.fallbackText);
    expect(file.data.toString("utf8")).toContain("Item number 399");
  });

  it("sends files as attachments and shows a PNG in the embed", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const m = renderMessage(
      rendered([{ type: "text", text: "Chart" }], {
        files: [
          { name: "chart.png", mime: "image/png", data: png, title: "Cases by month" },
          { name: "cases.csv", mime: "text/csv", data: "a,b\n" },
        ],
      }),
    );
    expect(m.files.map((f) => f.name)).toEqual(["chart.png", "cases.csv"]);
    expect(m.files[0]!.data).toEqual(png);
    expect(m.files[0]!.description).toBe("Cases by month");
    expect(m.files[1]!.data.toString()).toBe("a,b\n");
    expect(m.embeds[0]!.image).toEqual({ url: "attachment://chart.png" });
  });

  it("falls back to plain content when there is nothing to embed", () => {
    const m = renderMessage(rendered([{ type: "divider" }], { fallbackText: "" }));
    expect(m.embeds).toEqual([]);
    expect(m.content).toBe("✓");
  });
});

describe("toDiscordMarkdown", () => {
  it("converts bold, mentions and links but leaves code alone", () => {
    expect(toDiscordMarkdown("*bold* and `*code*` <@U1|x> <#C1|general> <https://e.org|site>")).toBe("**bold** and `*code*` <@U1> <#C1> site (<https://e.org>)");
    expect(toDiscordMarkdown("2 * 3 * 4")).toBe("2 * 3 * 4");
  });
});

describe("renderModal", () => {
  const form: RenderedForm = {
    token: "tok123",
    title: "admin role grant — a title that is far too long for Discord",
    intro: "Give a person a role",
    submitLabel: "Submit",
    fields: [
      { name: "member", label: "Member", kind: "text", required: true, hint: "Member number or @mention" },
      { name: "role", label: "Role", kind: "select", required: true, options: [{ value: "steward", label: "steward" }, { value: "staff", label: "staff" }] },
      { name: "what", label: "What happened", kind: "textarea", maxLength: 8000 },
      { name: "until", label: "Until", kind: "date" },
    ],
  };

  it("renders labels with text inputs and a string select, within Discord's limits", () => {
    const m = renderModal(form, { role: "staff", member: "100001" })!;
    expect(m.custom_id).toBe("uh:f:tok123");
    expect(m.title.length).toBeLessThanOrEqual(45);
    expect(m.components).toHaveLength(5);
    expect(m.components[0]).toEqual({ type: 10, content: "Give a person a role" });
    const [, member, role, what, until] = m.components as any[];
    expect(member).toMatchObject({ type: 18, label: "Member", description: "Member number or @mention", component: { type: 4, custom_id: "member", style: 1, required: true, value: "100001" } });
    expect(role.component.type).toBe(3);
    expect(role.component.options).toEqual([
      { label: "steward", value: "steward", default: false },
      { label: "staff", value: "staff", default: true },
    ]);
    expect(what.component).toMatchObject({ style: 2, max_length: 4000, required: false });
    expect(until.component.placeholder).toBe("YYYY-MM-DD");
  });

  it("leaves out the intro when five fields fill the modal, and refuses more than five fields", () => {
    const five = { ...form, fields: [...form.fields, { name: "x", label: "X", kind: "text" as const }] };
    expect(renderModal(five)!.components.every((c: any) => c.type === 18)).toBe(true);
    const six = { ...five, fields: [...five.fields, { name: "y", label: "Y", kind: "text" as const }] };
    expect(renderModal(six)).toBeUndefined();
  });

  it("types a select with no options or more than 25 as text, which the core then validates", () => {
    const bigSelect = { ...form, intro: undefined, fields: [{ name: "s", label: "S", kind: "select" as const, options: Array.from({ length: 26 }, (_, i) => ({ value: `${i}`, label: `${i}` })) }, { name: "e", label: "E", kind: "select" as const, options: [] }] };
    const m = renderModal(bigSelect)!;
    expect(m.components.map((c: any) => [c.component.custom_id, c.component.type])).toEqual([
      ["s", 4],
      ["e", 4],
    ]);
  });

  it("reads submitted text inputs and selects back as values", () => {
    expect(
      modalValues([
        { customId: "member", type: 4, value: "100001" },
        { customId: "role", type: 3, values: ["staff"] },
        { customId: "none", type: 3, values: [] },
      ]),
    ).toEqual({ member: "100001", role: "staff", none: "" });
  });
});
