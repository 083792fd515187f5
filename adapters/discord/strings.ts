// The few words the Discord adapter adds around the core's replies (who decided, form problems).
// Through the core's translator factory, so `interaction.locale` picks the language like elsewhere.
import { createTranslator, type Translate } from "../../commands/core/i18n.ts";

const translator = createTranslator([
  {
    en: {
      discord: {
        decidedBy: "Decided by {{user}} {{when}}",
        fixForm: "That form wasn't sent: please correct these and submit again. Nothing was changed.",
        reopen: "Correct the form",
        openForm: "Open the form",
        truncated: "The full reply is in the attached file.",
        formTooBig: "This form doesn't fit in a Discord dialog. Run the command with its options instead: {{usage}}",
        unexpected: "Something went wrong on my side and nothing was changed. Please try again.",
        modalGone: "This form is no longer open. Please run the command again.",
      },
    },
  },
]);

export function discordT(locale: string | undefined): Translate {
  return translator.forLocale(locale);
}
