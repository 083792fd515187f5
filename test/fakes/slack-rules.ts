// What Slack refuses, for the fake Slack (test/fakes/slack.ts). Limits are Slack's published
// Block Kit and API limits (api.slack.com: "Blocks" and each block/element reference page,
// "Modals", "Handling user interaction"); the payload shapes the fake sends are those of the samples
// Slack's maintainers record for their SDK tests (github.com/slackapi/java-slack-sdk,
// json-logs/samples/app-backend/: views/ViewSubmissionPayload.json,
// interactive-components/BlockActionPayload.json with `container.type` "view" and `view_id`).
// The fake's clock only moves when a test says so (`advance`), so expiries are enforced without
// making tests depend on how busy the machine is.

export const SLACK_LIMITS = {
  /** "Blocks": up to 50 blocks in a message, 100 in a modal or Home tab. */
  messageBlocks: 50,
  viewBlocks: 100,
  /** Section block: text up to 3,000 characters; each of up to 10 fields up to 2,000. */
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  /** Header block text: 150. Context block: 10 elements. Actions block: 25 elements. */
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  /** Button element: text 75, value 2,000, action_id 255. */
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Select menus: up to 100 options; option text 75, value 150. */
  options: 100,
  optionText: 75,
  optionValue: 150,
  /** Input block: label 2,000; plain-text input initial value 3,000 (max_length at most 3,000). */
  inputLabel: 2000,
  inputValue: 3000,
  /** Modal view: title, submit and close text 24; private_metadata 3,000; callback_id 255. */
  viewTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
  /** "Handling user interaction": a response_url works 5 times within 30 minutes; a trigger_id expires after 3 seconds. */
  responseUrlUses: 5,
  responseUrlLifeMs: 30 * 60_000,
  triggerLifeMs: 3000,
} as const;

/**
 * The bot scopes Slack requires per Web API method (api.slack.com/methods/<method>, "Required
 * scopes"; any one of a list will do). Written from Slack's reference, not from the app's own table
 * (adapters/slack/scopes.ts), so a manifest that lacks a scope a call needs fails here as it would
 * on Slack. A method not listed needs no scope (auth.test, views.*).
 */
export const SLACK_REQUIRED_SCOPES: Record<string, readonly string[]> = {
  "users.info": ["users:read"],
  "users.lookupByEmail": ["users:read.email"],
  "conversations.open": ["im:write", "mpim:write", "channels:manage", "groups:write"],
  "conversations.info": ["channels:read", "groups:read", "im:read", "mpim:read"],
  "conversations.members": ["channels:read", "groups:read", "im:read", "mpim:read"],
  "conversations.join": ["channels:join"],
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.delete": ["chat:write"],
  "files.info": ["files:read"],
  "files.getUploadURLExternal": ["files:write"],
  "files.completeUploadExternal": ["files:write"],
  "reactions.add": ["reactions:write"],
};

/**
 * Web API rate limits, calls a minute per workspace and app (api.slack.com/apis/rate-limits and
 * each method's "Rate limits" tier): users.info is Tier 4, "100+ per minute", taken at its floor.
 * Past it Slack answers HTTP 429 with `{"ok":false,"error":"ratelimited"}` and Retry-After in
 * seconds. Counted over any 60 s of the fake's clock (which tests move on purpose).
 */
export const SLACK_RATE_LIMITS: Record<string, number> = {
  "users.info": 100,
};

export interface SlackRefusal {
  method: string;
  error: string;
  problems: string[];
}

const chars = (s: unknown) => (typeof s === "string" ? [...s].length : 0);
const textOf = (t: unknown) => (t && typeof t === "object" ? (t as { text?: unknown }).text : undefined);

function over(p: string[], where: string, s: unknown, max: number) {
  const n = chars(s);
  if (n > max) p.push(`${where}: at most ${max} characters (has ${n})`);
}

function element(p: string[], where: string, e: any) {
  over(p, `${where}.action_id`, e.action_id, SLACK_LIMITS.actionId);
  if (e.type === "button") {
    over(p, `${where}.text`, textOf(e.text), SLACK_LIMITS.buttonText);
    over(p, `${where}.value`, e.value, SLACK_LIMITS.buttonValue);
  }
  if (Array.isArray(e.options)) {
    if (e.options.length > SLACK_LIMITS.options) p.push(`${where}.options: at most ${SLACK_LIMITS.options} (has ${e.options.length})`);
    e.options.forEach((o: any, i: number) => {
      over(p, `${where}.options[${i}].text`, textOf(o.text), SLACK_LIMITS.optionText);
      over(p, `${where}.options[${i}].value`, o.value, SLACK_LIMITS.optionValue);
    });
  }
  if (e.type === "plain_text_input") over(p, `${where}.initial_value`, e.initial_value, SLACK_LIMITS.inputValue);
}

/** Problems with a list of blocks (a message's or a view's). */
export function blockProblems(blocks: unknown, max: number): string[] {
  const p: string[] = [];
  if (blocks === undefined || blocks === null) return p;
  if (!Array.isArray(blocks)) return ["blocks: must be a list"];
  if (blocks.length > max) p.push(`blocks: at most ${max} (has ${blocks.length})`);
  blocks.forEach((b: any, i: number) => {
    const w = `blocks[${i}]`;
    over(p, `${w}.block_id`, b.block_id, SLACK_LIMITS.blockId);
    if (b.type === "section") {
      over(p, `${w}.text`, textOf(b.text), SLACK_LIMITS.sectionText);
      if (Array.isArray(b.fields)) {
        if (b.fields.length > SLACK_LIMITS.sectionFields) p.push(`${w}.fields: at most ${SLACK_LIMITS.sectionFields}`);
        b.fields.forEach((f: any, j: number) => over(p, `${w}.fields[${j}]`, textOf(f), SLACK_LIMITS.sectionField));
      }
      if (!textOf(b.text) && !b.fields?.length) p.push(`${w}: a section needs text or fields`);
      if (b.accessory) element(p, `${w}.accessory`, b.accessory);
    } else if (b.type === "header") over(p, `${w}.text`, textOf(b.text), SLACK_LIMITS.headerText);
    else if (b.type === "context") {
      if ((b.elements?.length ?? 0) > SLACK_LIMITS.contextElements) p.push(`${w}.elements: at most ${SLACK_LIMITS.contextElements}`);
      (b.elements ?? []).forEach((e: any, j: number) => over(p, `${w}.elements[${j}]`, textOf(e), SLACK_LIMITS.sectionText));
    } else if (b.type === "actions") {
      if ((b.elements?.length ?? 0) > SLACK_LIMITS.actionsElements) p.push(`${w}.elements: at most ${SLACK_LIMITS.actionsElements}`);
      (b.elements ?? []).forEach((e: any, j: number) => element(p, `${w}.elements[${j}]`, e));
    } else if (b.type === "input") {
      over(p, `${w}.label`, textOf(b.label), SLACK_LIMITS.inputLabel);
      if (b.element) element(p, `${w}.element`, b.element);
    }
  });
  return p;
}

/** Problems with a modal or Home view (views.open / push / update / publish, response_action views). */
export function viewProblems(view: any): string[] {
  if (!view || typeof view !== "object") return ["view: required"];
  const p = blockProblems(view.blocks, SLACK_LIMITS.viewBlocks);
  over(p, "private_metadata", view.private_metadata, SLACK_LIMITS.privateMetadata);
  over(p, "callback_id", view.callback_id, SLACK_LIMITS.callbackId);
  if (view.type === "modal") {
    const title = textOf(view.title);
    if (!title) p.push("title: a modal needs a title");
    over(p, "title", title, SLACK_LIMITS.viewTitle);
    over(p, "submit", textOf(view.submit), SLACK_LIMITS.viewTitle);
    over(p, "close", textOf(view.close), SLACK_LIMITS.viewTitle);
    if (view.blocks?.some((b: any) => b.type === "input") && !view.submit) p.push("submit: a modal with inputs needs a submit button");
  }
  return p;
}

/** Problems with a message (chat.* or a response_url body). */
export function messageProblems(args: any): string[] {
  const p = blockProblems(args?.blocks, SLACK_LIMITS.messageBlocks);
  if (!args?.text && !(Array.isArray(args?.blocks) && args.blocks.length) && !args?.delete_original) p.push("message: needs text or blocks (no_text)");
  return p;
}

/** The fake's clock, the response_urls and trigger_ids it handed out, and what it refused. */
export class SlackRules {
  private setMs = Date.UTC(2026, 10, 23, 17);
  /** While set, the clock also runs on by the wall-clock time since then (a benchmark under load). */
  private runningSince: number | null = null;
  private get clockMs(): number {
    return this.setMs + (this.runningSince === null ? 0 : performance.now() - this.runningSince);
  }
  /** How old each trigger_id was, by this clock, when views.open exchanged it (or found it expired). */
  readonly triggerAges: { triggerId: string; ageMs: number; expired: boolean }[] = [];
  private responseUrls = new Map<string, { issuedAt: number; uses: number }>();
  private triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private seq = 0;
  readonly refused: SlackRefusal[] = [];
  private acknowledged = 0;

  /** Marks every refusal so far as provoked on purpose by the test (and checked by it). */
  acknowledge(): void {
    this.acknowledged = this.refused.length;
  }

  /** Refusals nobody asked for: the bot broke one of Slack's rules. */
  unexpected(): SlackRefusal[] {
    return this.refused.slice(this.acknowledged);
  }

  now(): number {
    return this.clockMs;
  }

  /** Moves the fake's clock (past a trigger's 3 seconds or a response_url's 30 minutes). */
  advance(ms: number): void {
    this.setMs += ms;
  }

  /**
   * Lets the clock run with real time from now on, as Slack's does: a trigger_id then expires 3 s
   * after it was issued however long the bot takes (benchmarks; tests keep the clock still).
   */
  run(): void {
    if (this.runningSince === null) this.runningSince = performance.now();
  }

  issueResponseUrl(id: string): void {
    this.responseUrls.set(id, { issuedAt: this.clockMs, uses: 0 });
  }

  /** A trigger_id as Slack sends with each command and click: good for one view, for 3 seconds. */
  triggerId(): string {
    const id = `${++this.seq}.${Date.now()}.trig${Math.random().toString(16).slice(2, 10)}`;
    this.triggers.set(id, { issuedAt: this.clockMs, used: false });
    return id;
  }

  /** The bot scopes the app was installed with (the test harness installs the bot's own manifest). */
  scopes = new Set<string>();

  private refuse(method: string, error: string, problems: string[] = [], extra: Record<string, unknown> = {}): { ok: false; error: string } {
    this.refused.push({ method, error, problems });
    return { ok: false, error, ...extra };
  }

  /**
   * A refusal that is Slack's ordinary answer to a request it cannot serve (a channel the bot is not
   * in): recorded, but not a rule the bot broke; the bot must cope with it.
   */
  refuseProvoked(method: string, error: string): { ok: false; error: string } {
    this.provoked.push({ method, error, problems: [] });
    return { ok: false, error };
  }

  /** Ordinary refusals (not_in_channel …) the bot met, for tests to look at. */
  readonly provoked: SlackRefusal[] = [];

  private callTimes = new Map<string, number[]>();

  /**
   * Seconds until `method` may be called again when this call is over its limit (Slack's 429
   * `ratelimited`, recorded as an ordinary refusal the bot must cope with), else null; the call counts.
   */
  rateLimited(method: string): number | null {
    const limit = SLACK_RATE_LIMITS[method];
    if (limit === undefined) return null;
    const times = this.callTimes.get(method) ?? [];
    this.callTimes.set(method, times);
    while (times.length && this.clockMs - times[0]! >= 60_000) times.shift();
    if (times.length >= limit) {
      this.provoked.push({ method, error: "ratelimited", problems: [`at most ${limit} a minute`] });
      return Math.max(1, Math.ceil((times[0]! + 60_000 - this.clockMs) / 1000));
    }
    times.push(this.clockMs);
    return null;
  }

  /** Slack's missing_scope answer when the app lacks every scope `method` accepts, else null. */
  scopeRefusal(method: string): { ok: false; error: string } | null {
    const needed = SLACK_REQUIRED_SCOPES[method];
    if (!needed || needed.some((s) => this.scopes.has(s))) return null;
    return this.refuse(method, "missing_scope", [`needs ${needed.join(" or ")}`], { needed: needed.join(","), provided: [...this.scopes].join(",") });
  }

  /** A post to a response_url: HTTP status and body when Slack refuses it, else null. */
  response(id: string, body: any): { status: number; body: unknown } | null {
    const url = this.responseUrls.get(id);
    if (!url) return { status: 404, body: this.refuse("response_url", "invalid_url") };
    if (this.clockMs - url.issuedAt > SLACK_LIMITS.responseUrlLifeMs) return { status: 404, body: this.refuse("response_url", "expired_url") };
    if (url.uses >= SLACK_LIMITS.responseUrlUses) return { status: 404, body: this.refuse("response_url", "used_url") };
    const problems = messageProblems(body);
    if (problems.length) return { status: 400, body: this.refuse("response_url", "invalid_blocks", problems) };
    url.uses++;
    return null;
  }

  /** A Web API call: Slack's `ok: false` answer when it refuses it, else null. */
  apiCall(method: string, args: Record<string, any>): { ok: false; error: string } | null {
    const unscoped = this.scopeRefusal(method);
    if (unscoped) return unscoped;
    if (method === "views.open") {
      const t = this.triggers.get(String(args.trigger_id));
      if (!t) return this.refuse(method, "invalid_trigger_id");
      if (t.used) return this.refuse(method, "exchanged_trigger_id");
      const ageMs = this.clockMs - t.issuedAt;
      this.triggerAges.push({ triggerId: String(args.trigger_id), ageMs, expired: ageMs >= SLACK_LIMITS.triggerLifeMs });
      if (ageMs >= SLACK_LIMITS.triggerLifeMs) return this.refuse(method, "expired_trigger_id");
      t.used = true;
    }
    if (method.startsWith("views.")) {
      const problems = viewProblems(args.view);
      if (problems.length) return this.refuse(method, "invalid_arguments", problems);
    }
    if (method === "chat.postMessage" || method === "chat.postEphemeral" || method === "chat.update") {
      const problems = messageProblems(args);
      if (problems.length) return this.refuse(method, problems.some((x) => x.includes("no_text")) ? "no_text" : "invalid_blocks", problems);
    }
    return null;
  }
}
