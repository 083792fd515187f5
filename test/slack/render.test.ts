// Pure Block Kit renderer and manifest: no network, no Slack.
import { describe, expect, it } from "vitest";
import { slackManifest, SLACK_BOT_SCOPES } from "../../adapters/slack/manifest.ts";
import { verifySlackSignature } from "../../adapters/slack/receiver.ts";
import { chunkText, escapeMrkdwn, formValues, limits, renderBlocks, renderHome, renderMessage, renderMessageChecked, renderModal, viewErrors, truncate } from "../../adapters/slack/render.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { coreStrings } from "../../commands/core/strings.ts";
import type { RenderedBlock, RenderedForm, RenderedReply } from "../../commands/core/reply.ts";
import { features } from "../../commands/index.ts";
import { slackSignature } from "../fakes/slack.ts";

const rendered = (blocks: RenderedBlock[], extra: Partial<RenderedReply> = {}): RenderedReply => ({
  visibility: "private",
  blocks,
  files: [],
  update: false,
  fallbackText: "fallback",
  ...extra,
});

describe("mrkdwn escaping", () => {
  it("escapes &, < and > but keeps user and channel mentions", () => {
    expect(escapeMrkdwn("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(escapeMrkdwn("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    // People's mentions stay inert; only those the bot builds (commands/core/mention.ts) are live.
    expect(escapeMrkdwn("ask <@U123ABC> or <@U9|maria> in <#C042>")).toBe("ask &lt;@U123ABC&gt; or &lt;@U9|maria&gt; in &lt;#C042&gt;");
    expect(escapeMrkdwn("<!channel> <https://evil.example|click>")).toBe("&lt;!channel&gt; &lt;https://evil.example|click&gt;");
  });
});

describe("message blocks", () => {
  it("renders every block kind", () => {
    const out = renderBlocks([
      { type: "text", text: "Hello *there*" },
      { type: "section", title: "Case G-1", text: "Open", fields: [{ label: "Step", value: "2" }] },
      { type: "list", title: "Deadlines", items: [{ text: "Step 2 answer", detail: "2026-12-01" }] },
      { type: "list", items: [], empty: "Nothing due" },
      { type: "context", text: "Only you can see this" },
      { type: "divider" },
      { type: "buttons", buttons: [{ label: "Approve", style: "primary", token: "tokA" }, { label: "Deny", style: "danger", token: "tokD" }] },
    ]);
    expect(out.map((b) => b.type)).toEqual(["section", "section", "section", "section", "section", "context", "divider", "actions"]);
    expect(JSON.stringify(out[1])).toContain("*Case G-1*\\nOpen");
    expect(JSON.stringify(out[2])).toContain("*Step*\\n2");
    expect(JSON.stringify(out[3])).toContain("• Step 2 answer — _2026-12-01_");
    expect(JSON.stringify(out[4])).toContain("_Nothing due_");
    const actions = out[7] as unknown as { elements: { action_id: string; value: string; style: string; text: { text: string } }[] };
    expect(actions.elements.map((e) => [e.action_id, e.value, e.style, e.text.text])).toEqual([
      ["uh:b:tokA", "uh:b:tokA", "primary", "Approve"],
      ["uh:b:tokD", "uh:b:tokD", "danger", "Deny"],
    ]);
  });

  it("keeps within Slack's limits: section text, fields per section, button text, block count", () => {
    const long = "x".repeat(7000);
    const text = renderBlocks([{ type: "text", text: long }]);
    expect(text).toHaveLength(3);
    for (const b of text) expect((b.text as { text: string }).text.length).toBeLessThanOrEqual(limits.sectionText);

    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const sections = renderBlocks([{ type: "section", fields }]);
    expect(sections.map((s) => (s.fields as unknown[]).length)).toEqual([10, 10, 3]);

    const [btn] = renderBlocks([{ type: "buttons", buttons: [{ label: "y".repeat(200), token: "t" }] }]);
    expect(((btn!.elements as { text: { text: string } }[])[0]!).text.text.length).toBe(limits.buttonText);

    const many: RenderedBlock[] = [...Array.from({ length: 80 }, (_, i) => ({ type: "text" as const, text: `line ${i}` })), { type: "buttons", buttons: [{ label: "End", token: "keep" }] }];
    const capped = renderBlocks(many);
    expect(capped).toHaveLength(limits.messageBlocks);
    // The decision stays clickable; the overflow is announced.
    expect(capped.at(-1)!.type).toBe("actions");
    expect(JSON.stringify(capped)).toContain("more not shown");
  });

  it("says whether a reply passed the block cap, from the same rendering it sends", () => {
    const lines = (n: number) => rendered(Array.from({ length: n }, (_, i) => ({ type: "text" as const, text: `line ${i}` })));
    for (const n of [1, 50, 51, 80]) {
      const r = lines(n);
      const { message, overflowed } = renderMessageChecked(r);
      expect(overflowed, `${n} blocks`).toBe(n > limits.messageBlocks);
      expect(message).toEqual(renderMessage(r));
    }
  });

  it("shortens by characters, not UTF-16 units, whether or not the text needs counting", () => {
    expect(truncate("abc", 3)).toBe("abc");
    // Four characters in eight units: within a limit of 4, kept whole.
    expect(truncate("😀😀😀😀", 4)).toBe("😀😀😀😀");
    expect(truncate("😀😀😀😀😀", 4)).toBe("😀😀😀…");
    expect(truncate("one two three", 8)).toBe("one two…");
  });

  it("never emits a block Slack would reject for being empty", () => {
    expect(renderBlocks([{ type: "text", text: "" }, { type: "context", text: " " }, { type: "section", fields: [{ label: "A", value: "" }] }])).toEqual([
      { type: "section", fields: [{ type: "mrkdwn", text: "*A*\n—" }] },
    ]);
  });

  it("splits long text at line breaks", () => {
    expect(chunkText("aaa\nbbb\nccc", 7)).toEqual(["aaa\nbbb", "ccc"]);
    expect(chunkText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });

  it("gives a plain-text fallback with the message", () => {
    const m = renderMessage(rendered([{ type: "text", text: "hi" }], { fallbackText: "hi there" }));
    expect(m.text).toBe("hi there");
    expect(m.blocks).toHaveLength(1);
  });

  it("renders a home view with up to 100 blocks", () => {
    const home = renderHome(Array.from({ length: 120 }, () => ({ type: "divider" as const })));
    expect(home.type).toBe("home");
    expect(home.blocks).toHaveLength(limits.viewBlocks);
  });
});

describe("modals", () => {
  const form: RenderedForm = {
    token: "formTok123",
    title: "admin role grant with a very long title",
    submitLabel: "Submit",
    intro: "Give someone a role <b>",
    fields: [
      { name: "member", label: "Member", kind: "text", required: true, hint: "member number", maxLength: 40 },
      { name: "role", label: "Role", kind: "select", required: true, options: [{ value: "steward", label: "Steward" }, { value: "staff", label: "Staff" }], initial: "staff" },
      { name: "until", label: "Until", kind: "date", initial: "2026-12-31" },
      { name: "count", label: "Count", kind: "number" },
      { name: "story", label: "What happened", kind: "textarea" },
    ],
  };

  it("turns a form into a modal with one input per field", () => {
    const v = renderModal(form, { closeLabel: "Cancel", metadata: '{"c":"C1"}' });
    expect(v.callback_id).toBe("uh:f:formTok123");
    expect(v.title.text.length).toBeLessThanOrEqual(limits.modalTitle);
    expect(v.close.text).toBe("Cancel");
    expect(v.private_metadata).toBe('{"c":"C1"}');
    expect(JSON.stringify(v.blocks[0])).toContain("&lt;b&gt;");
    const inputs = v.blocks.filter((b) => b.type === "input") as unknown as { block_id: string; optional: boolean; element: Record<string, unknown> }[];
    expect(inputs.map((b) => [b.block_id, b.optional, b.element.type])).toEqual([
      ["uh:v:member", false, "plain_text_input"],
      ["uh:v:role", false, "static_select"],
      ["uh:v:until", true, "datepicker"],
      ["uh:v:count", true, "number_input"],
      ["uh:v:story", true, "plain_text_input"],
    ]);
    expect(inputs[0]!.element.max_length).toBe(40);
    expect(inputs[1]!.element.initial_option).toEqual({ text: { type: "plain_text", text: "Staff", emoji: true }, value: "staff" });
    expect(inputs[2]!.element.initial_date).toBe("2026-12-31");
    expect(inputs[4]!.element.multiline).toBe(true);
  });

  it("lets people type the value of a select Slack cannot show (no options, or more than 100)", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ value: `v${i}`, label: `V ${i}` }));
    const v = renderModal({ token: "t", title: "x", fields: [{ name: "a", label: "A", kind: "select", options: many }, { name: "b", label: "B", kind: "select", options: [] }] }, { closeLabel: "x" });
    expect(v.blocks.map((b) => (b.element as { type: string }).type)).toEqual(["plain_text_input", "plain_text_input"]);
  });

  it("drops private_metadata that would exceed Slack's limit instead of failing", () => {
    expect(renderModal(form, { closeLabel: "x", metadata: "m".repeat(4000) }).private_metadata).toBe("");
  });

  it("reads submitted values back by field name", () => {
    expect(
      formValues({
        "uh:v:member": { value: { type: "plain_text_input", value: "100001" } },
        "uh:v:role": { value: { type: "static_select", selected_option: { value: "steward" } } },
        "uh:v:until": { value: { type: "datepicker", selected_date: "2026-12-31" } },
        "uh:v:story": { value: { type: "plain_text_input", value: null } },
        other: { x: { value: "ignored" } },
      }),
    ).toEqual({ member: "100001", role: "steward", until: "2026-12-31", story: "" });
  });

  it("keys field errors by block id, and never drops an error for an unknown field", () => {
    expect(viewErrors({ member: "give a member number" }, ["member", "role"])).toEqual({ "uh:v:member": "give a member number" });
    expect(viewErrors({ scope: "not allowed" }, ["member", "role"])).toEqual({ "uh:v:member": "scope: not allowed" });
  });
});

describe("request signatures", () => {
  const secret = "s3cret";
  const body = "command=%2Funionhall&text=whoami";
  const now = 1_800_000_000_000;
  const ts = String(now / 1000);

  it("accepts Slack's v0 signature and rejects others", () => {
    expect(verifySlackSignature(secret, { timestamp: ts, signature: slackSignature(secret, Number(ts), body) }, body, now)).toEqual({ ok: true });
    expect(verifySlackSignature(secret, { timestamp: ts, signature: slackSignature("other", Number(ts), body) }, body, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySlackSignature(secret, { timestamp: ts, signature: "v0=short" }, body, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySlackSignature(secret, { timestamp: ts }, body, now)).toEqual({ ok: false, reason: "missing" });
    expect(verifySlackSignature(secret, { timestamp: "abc", signature: "v0=x" }, body, now)).toEqual({ ok: false, reason: "missing" });
  });

  it("rejects timestamps more than five minutes away", () => {
    const old = String(now / 1000 - 301);
    expect(verifySlackSignature(secret, { timestamp: old, signature: slackSignature(secret, Number(old), body) }, body, now)).toEqual({ ok: false, reason: "stale" });
    const edge = String(now / 1000 - 299);
    expect(verifySlackSignature(secret, { timestamp: edge, signature: slackSignature(secret, Number(edge), body) }, body, now).ok).toBe(true);
  });
});

describe("manifest", () => {
  const t = createTranslator([coreStrings, ...features.map((f) => f.strings)]).forLocale("en");

  it("lists one slash command per feature area, the scopes and the request URLs", () => {
    const m = slackManifest({ features, t, baseUrl: "https://bot.example.org/" }) as any;
    expect(m.features.slash_commands.map((c: any) => c.command)).toEqual(features.map((f) => `/${f.area}`));
    for (const c of m.features.slash_commands) {
      expect(c.url).toBe("https://bot.example.org/slack/events");
      expect(c.should_escape).toBe(true);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
    expect(m.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["commands", "chat:write", "users:read", "users:read.email", "im:write", "files:write"]));
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: "https://bot.example.org/slack/events" });
    expect(m.settings.event_subscriptions.bot_events).toContain("app_home_opened");
    expect(m.features.app_home.home_tab_enabled).toBe(true);
  });

  it("has no request URLs in Socket Mode", () => {
    const m = slackManifest({ features, t, baseUrl: "https://x.example", socketMode: true }) as any;
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(m)).not.toContain("https://x.example");
  });
});
