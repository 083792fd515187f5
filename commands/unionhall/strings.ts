import type { Strings } from "../core/i18n.ts";

export const unionhallStrings: Record<string, Strings> = {
  en: {
    unionhall: {
      description: "Help, your account, and administration",
      help: {
        description: "List the commands you can run",
        argArea: "Only show one area, e.g. grievance",
        title: "Commands you can run",
        intro: "Type a command alone to get a form; put text with spaces in quotes.",
        notLinked: "Your chat account isn't linked to a member record yet, so only a few commands are open to you. Ask union staff to link you (or use a link code: /unionhall link CODE).",
        unknownArea: "There's no area called “{{area}}”. Areas: {{areas}}.",
      },
      whoami: {
        description: "Show who you are to the bot: your member record and roles",
        title: "You are {{name}}",
        member: "Member number",
        subLocal: "Sub-local",
        employer: "Employer",
        worksite: "Worksite",
        status: "Membership status",
        roles: "Your roles",
        noRoles: "No roles assigned yet.",
        since: "since {{date}}",
        until: "until {{date}}",
        notLinkedTitle: "Your account isn't linked yet",
        notLinkedText: "Your {{platform}} user id is `{{user}}`. Give it to union staff so they can link you to your member record, or use a link code they give you: /unionhall link CODE.",
      },
      link: {
        description: "Link your chat account with a one-time code from union staff",
        argCode: "The code staff gave you",
        badCode: "That code isn't valid: it may be mistyped, already used or expired. Ask staff for a new one.",
        already: "Your account is already linked to member {{number}}. Nothing was changed.",
        done: "Thank you — your account is now linked to member {{number}}.",
      },
      admin: {
        link: {
          description: "Link a chat user to a member record (staff)",
          argUser: "The chat user to link (@mention)",
          argMember: "Their member number",
          done: "Linked {{user}} to member {{number}} ({{name}}).",
          relinked: "Re-linked {{user}} to member {{number}} ({{name}}); it was linked to member {{previous}} before.",
        },
        linkCode: {
          description: "Issue a one-time code a member uses to link their own account (staff)",
          argMember: "The member number",
          done: "One-time link code for member {{number}} ({{name}}): `{{code}}`. It works once, until {{expires}}. Give it to them privately; they type /unionhall link {{code}}.",
        },
        audit: {
          description: "Show recent audit log entries (staff)",
          argAction: "Only entries whose action starts with this, e.g. role",
          title: "Audit log (latest {{count}})",
          empty: "No audit entries match.",
          entry: "#{{id}} {{at}} — {{action}} by {{actor}}",
        },
      },
      role: {
        grant: { description: "Give a person a role in a scope (staff)", done: "Granted {{role}} ({{scope}}) to {{name}}, member {{number}}.", exists: "{{name}} already holds {{role}} ({{scope}}). Nothing was changed." },
        revoke: { description: "End a person's role (staff)", done: "Ended {{role}} ({{scope}}) for {{name}}.", none: "{{name}} doesn't hold {{role}} ({{scope}}). Nothing was changed." },
        list: { description: "List a person's roles and role history (staff)", title: "Roles of {{name}} (member {{number}})", none: "No roles, now or before.", ended: "ended {{date}}" },
        revokeButton: "End {{role}}",
        argMember: "Member number or @mention",
        argRole: "The role",
        argScope: "Sub-local code (SL-083), region:NAME, employer-group:NAME, or statewide",
        argUntil: "Last day of the role, if it ends (YYYY-MM-DD)",
        unknownSubLocal: "There's no sub-local with code {{code}}.",
        scopeRequired: "This role needs a scope: a sub-local code like SL-083, or region:NAME / employer-group:NAME for directors.",
        scopeNotForRole: "A {{role}} can't hold that scope. Allowed: {{allowed}}.",
        untilInPast: "The end date must be today or later.",
      },
      member: {
        notFound: "I couldn't find member {{ref}}.",
        userNotLinked: "That person's chat account isn't linked to a member record yet.",
      },
    },
  },
};
