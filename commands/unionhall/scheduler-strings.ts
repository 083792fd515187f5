// Strings of the reminder and scheduled-job commands, merged into the unionhall area.
import type { Strings } from "../core/i18n.ts";

export const schedulerStrings: Record<string, Strings> = {
  en: {
    unionhall: {
      remind: {
        description: "Set a reminder for yourself, or for a channel (stewards, officers, staff)",
        argWhen: "When: “in 10 minutes”, “tomorrow 09:00”, “friday 5pm”, “2026-11-24 08:00” (local time)",
        argWhere: "Where: “me” for a direct message, “here”, or a channel such as #stewards",
        argMessage: "What to remind about",
        example1: "/unionhall remind \"in 2 hours\" me Call Maria back about the schedule change",
        example2: "/unionhall remind \"tomorrow 09:00\" #stewards Step 1 responses are due today",
        badWhen: "I couldn't read “{{when}}” as a time. Try “in 30 minutes”, “tomorrow 09:00”, “friday 5pm” or “2026-11-24 08:00”.",
        past: "{{when}} is already past ({{zone}} time). Pick a time in the future.",
        tooFar: "Reminders can be set up to a year ahead; {{when}} is further out than that.",
        badWhere: "I couldn't read “{{where}}” as a place. Use “me”, “here” or a channel such as #stewards.",
        channelMention: "On Discord, pick the channel from the list (a channel mention) instead of typing “{{where}}”, or use “here”.",
        noChannelHere: "There's no channel here to post to; name one, e.g. #stewards, or use “me”.",
        channelNotAllowed: "Reminders in a channel are for stewards, officers and staff. You can set one for yourself with “me”.",
        noPlatform: "Reminders can only be set from Slack, Discord or the playground.",
        messageTooLong: "That reminder is too long ({{length}} characters); keep it under {{max}}.",
        emptyMessage: "What should the reminder say? Add the text after where it goes.",
        confirmed: "⏰ Got it. I'll remind {{where}} on {{at}} ({{in}}).",
        confirmedNote: "Reminder #{{id}}: “{{text}}”",
        confirmed_me: "⏰ Got it. I'll remind you by direct message on {{at}} ({{in}}).",
        in: {
          minutes_one: "in {{count}} minute",
          minutes_other: "in {{count}} minutes",
          hours_one: "in {{count}} hour",
          hours_other: "in {{count}} hours",
          days_one: "in {{count}} day",
          days_other: "in {{count}} days",
        },
        cancel: "Cancel reminder",
        cancelled: "Reminder #{{id}} is cancelled; it won't be sent.",
        notCancellable: "Reminder #{{id}} can't be cancelled any more: it has already been sent or stopped.",
        notYours: "Only the person who set reminder #{{id}}, or staff, can cancel it.",
        card: {
          title: "⏰ Reminder",
          setBy: "Set by {{who}}",
          snoozedFrom: "Snoozed from {{at}}",
          snooze: "Snooze 1 day",
          done: "Mark done",
          snoozed: "💤 Snoozed by {{who}} until {{at}}.",
          markedDone: "✅ Marked done by {{who}}.",
        },
        missing: "That reminder no longer exists.",
      },
      jobs: {
        description: "Scheduled jobs: due, parked and recent (staff)",
        title: "Scheduled jobs",
        counts: "Pending {{pending}} · in delivery {{claimed}} · sent {{sent}} · parked {{parked}} · cancelled {{cancelled}}",
        due: "Due now",
        dueEmpty: "Nothing is waiting: every due job has been delivered.",
        parked: "Parked (gave up; needs a look)",
        parkedEmpty: "No parked jobs.",
        upcoming: "Next up",
        upcomingEmpty: "Nothing scheduled.",
        recent: "Recently sent or cancelled",
        recentEmpty: "Nothing yet.",
        rules: "Recurring rules",
        item: "#{{id}} {{kind}} → {{where}}",
        detailDue: "due {{at}}",
        detailAttempts: "attempts {{attempts}}",
        detailError: "last error: {{error}}",
        detailSent: "sent {{at}}",
        detailCancelled: "cancelled {{at}}",
        detailInDelivery: "in delivery",
        rule: "{{name}} ({{kind}}) → {{where}}",
        ruleDetail: "{{cron}} {{zone}}{{state}}",
        ruleInactive: " · stopped",
        person: "person #{{id}}",
        retry: "Retry #{{id}}",
        retried: "Job #{{id}} is queued again and will be delivered now.",
        notParked: "Job #{{id}} isn't parked any more; nothing was changed.",
        zone: "Times in {{zone}}.",
      },
    },
  },
};

function merge(target: Strings, src: Strings, path: string): Strings {
  for (const [k, v] of Object.entries(src)) {
    const cur = target[k];
    if (typeof v === "object" && typeof cur === "object") target[k] = merge({ ...cur }, v, `${path}${k}.`);
    else if (cur !== undefined) throw new Error(`duplicate translation key "${path}${k}"`);
    else target[k] = v;
  }
  return target;
}

/** The unionhall strings with the scheduler's merged in (throws on a duplicate key). */
export function withSchedulerStrings(base: Record<string, Strings>): Record<string, Strings> {
  const out: Record<string, Strings> = { ...base };
  for (const [lng, strings] of Object.entries(schedulerStrings)) out[lng] = merge({ ...(out[lng] ?? {}) }, strings, "");
  return out;
}
