// English strings of choosing a language (yours, and a channel's), merged into the unionhall area.
import type { Strings } from "../core/i18n.ts";

export const languageStrings: Record<string, Strings> = {
  en: {
    unionhall: {
      language: {
        // Each language as this reader names it, in a form that reads right after a colon or "in".
        names: { en: "English", es: "Spanish", vi: "Vietnamese", "zh-Hans": "Simplified Chinese", ru: "Russian" },
        description: "Choose the language the bot uses with you",
        argLanguage: "Your language",
        resetDescription: "Forget your chosen language and follow your app's language again",
        unknown: "choose one of: English, Español, Tiếng Việt, 简体中文, Русский",
        done: "Done: I will answer you in {{language}} from now on.",
        doneHint: "Commands and their options keep their English names, and dates typed as 2026-11-24, “tomorrow” or “friday 5pm” work in every language.",
        reset: "Your chosen language is forgotten: I will follow your app's language again.",
        nothingToReset: "You had not chosen a language, so nothing was changed.",
      },
      channelLanguage: {
        description: "Choose the language of messages the bot posts in this channel (stewards, officers, staff)",
        argLanguage: "The channel's language",
        noChannel: "Run this in the channel whose language you want to set.",
        notAllowed: "Only stewards, officers and staff can set a channel's language.",
        same: "This channel already uses {{language}}. Nothing was changed.",
        done: "From now on, reminders, digests and reports in this channel will be in {{language}}.",
      },
    },
  },
};
