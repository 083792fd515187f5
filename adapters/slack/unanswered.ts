// Everything else Slack may send to the interactivity URL is acknowledged too: a click on a button
// of an older version of the bot (an action id it no longer knows), a link button (Slack reports
// the click as well), a form closed with × (view_closed), a form whose callback the bot no longer
// knows. Unanswered, Bolt would log "not acknowledged within 3 seconds", answer 404, and Slack
// would show the person an error. Where a person clicked something that no longer works, they are
// told so privately, in their language.
import type { App, RespondFn } from "@slack/bolt";
import type { Logger } from "../../commands/core/command.ts";
import { BUTTON_PREFIX, escapeMrkdwn, FORM_PREFIX } from "./render.ts";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface UnansweredDeps {
  log: Logger;
  /** Translates for this person (their Slack locale, looked up after the acknowledgement when needed). */
  textFor(teamId: string, userId: string): Promise<(key: string) => string>;
  /** The same from what is already known of the person, without asking Slack (before an acknowledgement). */
  knownTextFor(teamId: string, userId: string): (key: string) => string;
  /** Shows the person's Home again (its buttons were stale). */
  refreshHome(teamId: string, userId: string): Promise<void>;
}

/** Registers listeners for every interaction the bot's own listeners do not match. */
export function answerTheRest(app: App, deps: UnansweredDeps): void {
  const { log } = deps;
  const after = (what: string, work: () => Promise<void>) => {
    work().catch((e: unknown) => log.warn("slack.unanswered.note_failed", { what, error: e instanceof Error ? e.name : "unknown" }));
  };

  app.action({ type: "block_actions", action_id: new RegExp(`^(?!${escape(BUTTON_PREFIX)})`) }, async ({ ack, body, action, respond }) => {
    await ack();
    // A link button opens its page in the browser; Slack tells the app too, and nothing more is due.
    if ("url" in action && action.url) return;
    const teamId = body.team?.id ?? body.user.team_id ?? "";
    log.info("slack.action.unknown", { kind: action.type, from: body.view?.type ?? "message" });
    if (body.view?.type === "home") return after("home", () => deps.refreshHome(teamId, body.user.id));
    const reply: RespondFn | undefined = body.response_url ? respond : undefined;
    if (!reply) return;
    after("action", async () => {
      const t = await deps.textFor(teamId, body.user.id);
      await reply({ response_type: "ephemeral", replace_original: false, text: `⚠️ ${escapeMrkdwn(t("core.load.clickGone"))}` });
    });
  });

  // A form from before a restart or an update that the bot no longer knows: the same modal says so.
  app.view({ type: "view_submission", callback_id: new RegExp(`^(?!${escape(FORM_PREFIX)})`) }, async ({ ack, body, view }) => {
    const t = deps.knownTextFor(body.team?.id ?? body.user.team_id ?? "", body.user.id);
    log.info("slack.form.unknown", {});
    await ack({
      response_action: "update",
      view: {
        type: "modal",
        title: view.title ?? { type: "plain_text", text: "unionhall" },
        close: { type: "plain_text", text: t("core.form.cancel").slice(0, 24) },
        blocks: [{ type: "section", text: { type: "mrkdwn", text: `⚠️ ${escapeMrkdwn(t("core.errors.formExpired"))}` } }],
      },
    });
  });

  // Closing a form changes nothing: acknowledged, nothing to say.
  app.view({ type: "view_closed", callback_id: /.*/ }, async ({ ack }) => {
    await ack();
  });
}
