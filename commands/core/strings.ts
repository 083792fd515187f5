// The core's own user-facing English.
import type { Strings } from "./i18n.ts";

export const coreStrings: Record<string, Strings> = {
  en: {
    core: {
      errors: {
        unknownCommand: "Sorry, I don't know the command {{command}}.",
        nothingHere: "There is nothing under {{command}} that you can run.",
        notLinked: "Your chat account isn't linked to a member record yet, so I can't do that for you.",
        notAllowed: "Sorry, {{what}} is only for: {{roles}}.",
        badArguments: "That didn't quite work: {{problems}}.",
        tooMany: "I didn't expect “{{token}}” there (put text with spaces in quotes).",
        unknownName: "I don't know the option “{{token}}”.",
        buttonExpired: "This button has expired or is no longer valid. Please run the command again.",
        formExpired: "This form has expired. Please run the command again.",
        alreadyDecided: "This was already decided ({{when}}). Nothing was changed.",
        inProgress: "I'm still working on your earlier request; the answer will appear shortly.",
        unexpected: "Something went wrong on my side and nothing was changed. Please try again; if it keeps happening, give staff this code: {{incident}}.",
      },
      hints: {
        notLinked: "Ask union staff to link your account (they run /unionhall admin link). Tell them your {{platform}} user id: {{user}}. Meanwhile, /unionhall help shows what you can do.",
        notAllowed: "If you think you should be able to, ask union staff to check your role. /unionhall help lists what you can run.",
        usage: "Usage: `{{usage}}` — or type the command alone to fill in a form.",
        help: "Type /unionhall help to see what you can run.",
      },
      menu: { title: "Here is what you can run under {{command}}:" },
      things: { button: "this button", form: "this form" },
      form: { submit: "Submit", cancel: "Cancel" },
      visibility: { onlyYou: "Only visible to you" },
      args: {
        missing: "this is required",
        wrongType: "expected {{expected}}",
        oneOf: "choose one of: {{options}}",
        tooShort: "needs at least {{min}} characters",
        tooLong: "must be at most {{max}} characters",
        tooSmall: "must be at least {{min}}",
        tooBig: "must be at most {{max}}",
        unknown: "unknown option(s): {{names}}",
        invalid: "is not valid",
        notAUser: "mention a person, like @name",
        notAChannel: "name a channel, like #stewards",
        notAMember: "give a member number (like 100234) or mention a person",
        notADate: "use a date like 2026-11-23",
      },
      roles: {
        member: "member",
        steward: "steward",
        chief_steward: "chief steward",
        sublocal_officer: "sub-local officer",
        board_director: "board director",
        staff: "staff",
        executive_director: "executive director or designee",
        statewide_president: "statewide president",
      },
    },
  },
};
