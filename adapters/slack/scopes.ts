// The one table of what the Slack adapter asks of Slack: every Web API method the code calls, with
// the bot scope Slack requires for it (api.slack.com/methods/<method>, "Required scopes"), and the
// few scopes that do not belong to one method. The manifest's scopes are derived from this table,
// so the app is never installed without a scope a call needs. A test reads the adapter's source and
// fails when it calls a method missing here; the fake Slack refuses a method whose scope is absent.

/** Web API method → the bot scope it needs (none: any token may call it). */
export const SLACK_METHOD_SCOPES = {
  "auth.test": null, // who the bot is (lazily, once)
  "users.info": "users:read", // display name and locale of the person acting
  "conversations.open": "im:write", // the direct message for notices and private files
  "conversations.info": "channels:read", // whether the bot is in a channel set up for posts (is_member)
  "chat.postMessage": "chat:write", // notices, reminders, announcements, scheduled reports
  "chat.update": "chat:write", // announcements and cards edited in place as answers come
  "views.open": null, // forms (needs only a fresh trigger_id)
  "views.update": null, // a form's "working…" page replaced by the outcome
  "views.publish": null, // the App Home tab
  "files.info": "files:read", // a file attached to a form: its size and private download address
  "files.getUploadURLExternal": "files:write", // CSV, PNG, PDF and Markdown replies (step 1 of an upload)
  "files.completeUploadExternal": "files:write", // … and sharing them into the conversation (step 3)
} as const satisfies Record<string, string | null>;

export type SlackMethod = keyof typeof SLACK_METHOD_SCOPES;

/** WebClient helpers that call several methods: what each one calls. */
export const SLACK_HELPER_METHODS: Record<string, readonly SlackMethod[]> = {
  "files.uploadV2": ["files.getUploadURLExternal", "files.completeUploadExternal"],
};

/** Scopes that do not belong to one Web API method, and why the app needs each. */
export const SLACK_OTHER_SCOPES = {
  commands: "the slash commands (one per feature area)",
  "users:read.email": "users.info returns a person's e-mail only with it: a verified work e-mail links a member once",
  "files:read": "downloading a form's attached file from url_private_download with the bot token",
  "groups:read": "conversations.info on a private channel set up for posts: whether the bot was invited to it",
} as const;

/** The bot scopes the app is installed with: exactly what the table above needs, sorted. */
export function slackBotScopes(): string[] {
  const all = new Set<string>(Object.keys(SLACK_OTHER_SCOPES));
  for (const scope of Object.values(SLACK_METHOD_SCOPES)) if (scope) all.add(scope);
  return [...all].sort();
}

/** Why the app asks for `scope`: the methods that need it, or its note above. */
export function scopeReasons(scope: string): string[] {
  const methods = Object.entries(SLACK_METHOD_SCOPES)
    .filter(([, s]) => s === scope)
    .map(([m]) => m);
  const other = (SLACK_OTHER_SCOPES as Record<string, string>)[scope];
  return [...methods, ...(other ? [other] : [])];
}
