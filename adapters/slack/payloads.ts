// The shape of every request Slack signs for us, checked at the edge before Bolt or the core sees
// it: a signed but malformed payload (a Slack bug, a replayed fragment, a hand-made request with a
// leaked secret) is answered 400 and changes nothing, instead of failing deep inside as a 500.
// Only the fields the adapter reads are required; everything else Slack adds passes through.
import { z } from "zod";

const id = z.string().min(1).max(64);
const url = z.url({ protocol: /^https?$/ }).max(2000);

/** A slash command (form fields). */
export const slashCommand = z.looseObject({
  command: z.string().regex(/^\/[a-z][a-z0-9_-]*$/i).max(64),
  text: z.string().max(12_000).optional(),
  team_id: id,
  user_id: id,
  channel_id: id.optional(),
  trigger_id: z.string().min(1).max(256),
  response_url: url,
});

const user = z.looseObject({ id, team_id: id.optional() });
const team = z.looseObject({ id }).nullable().optional();

const blockActions = z.looseObject({
  type: z.literal("block_actions"),
  user,
  team,
  trigger_id: z.string().max(256).optional(),
  response_url: url.optional(),
  channel: z.looseObject({ id }).optional(),
  view: z.looseObject({ id: id.optional(), type: z.string().optional() }).optional(),
  actions: z
    .array(z.looseObject({ type: z.string().min(1), action_id: z.string().min(1).max(255), action_ts: z.string().max(64).optional() }))
    .min(1)
    .max(25),
});

const viewSubmission = z.looseObject({
  type: z.literal("view_submission"),
  user,
  team,
  view: z.looseObject({
    id,
    hash: z.string().max(256).optional(),
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).optional(),
    blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })).max(100),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }).optional(),
  }),
});

const viewClosed = z.looseObject({ type: z.literal("view_closed"), user, team, view: z.looseObject({ id }) });

/** What Slack posts to the interactivity URL (the JSON in the `payload` form field). */
export const interaction = z.discriminatedUnion("type", [blockActions, viewSubmission, viewClosed]);

/** What Slack posts to the Events API URL. */
export const eventEnvelope = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("url_verification"), challenge: z.string().max(200) }),
  z.looseObject({ type: z.literal("event_callback"), team_id: id, event_id: z.string().max(64).optional(), event: z.looseObject({ type: z.string().min(1), user: id.optional() }) }),
  z.looseObject({ type: z.literal("app_rate_limited"), team_id: id.optional() }),
]);

export type Checked = { ok: true; body: Record<string, unknown> } | { ok: false; kind: string; fields: string[] };

/** Checks a verified body against what its kind must carry; names the bad fields (never values). */
export function checkSlackPayload(body: unknown, form: { interactive: boolean; command: boolean }): Checked {
  const kind = form.interactive ? "interaction" : form.command ? "command" : "event";
  const schema = form.interactive ? interaction : form.command ? slashCommand : eventEnvelope;
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data as Record<string, unknown> };
  return { ok: false, kind, fields: [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(body)"))].slice(0, 5) };
}

/** In Socket Mode the envelope's payload comes without its HTTP form: its kind is read from its fields. */
export function socketPayloadKind(body: unknown): { interactive: boolean; command: boolean } {
  const b = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  if (typeof b.command === "string" || !("type" in b)) return { interactive: false, command: true };
  if (b.type === "event_callback" || b.type === "url_verification" || b.type === "app_rate_limited") return { interactive: false, command: false };
  return { interactive: true, command: false };
}
