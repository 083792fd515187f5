// zod validation issues → polite, translated sentences for the user.
import type { z } from "zod";
import type { ArgSpecs } from "./args.ts";
import { choiceList } from "./choices.ts";
import type { Translate } from "./i18n.ts";

/**
 * `given` is what the person typed for the field, when known: zod reports a word ("ten") and
 * nothing at all alike for a number (both are NaN once coerced), so only the input tells
 * "this is required" from "write a number".
 */
export function describeIssue(t: Translate, issue: z.core.$ZodIssue, specs?: ArgSpecs, given?: unknown): string {
  const spec = specs?.[String(issue.path[0] ?? "")];
  const typed = given !== undefined && given !== null && String(given).trim() !== "";
  if (spec?.kind === "integer" && typed && (issue.code === "invalid_type" || issue.code === "invalid_format")) return t("core.args.notANumber");
  // A choice names its options as the reader can type them: their labels in the reader's language.
  if (issue.code === "invalid_value" && spec?.kind === "choice") return t("core.args.oneOf", { options: choiceList(spec, t) });
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? t("core.args.missing") : t("core.args.wrongType", { expected: issue.expected });
    case "invalid_value":
      return t("core.args.oneOf", { options: issue.values.map(String).join(", ") });
    case "too_small":
      return issue.origin === "string"
        ? Number(issue.minimum) <= 1
          ? t("core.args.missing")
          : t("core.args.tooShort", { min: issue.minimum })
        : t("core.args.tooSmall", { min: issue.minimum });
    case "too_big":
      return issue.origin === "string" ? t("core.args.tooLong", { max: issue.maximum }) : t("core.args.tooBig", { max: issue.maximum });
    case "unrecognized_keys":
      return t("core.args.unknown", { names: issue.keys.join(", ") });
    case "custom":
      return issue.message.includes(".") ? t(issue.message, issue.params ?? {}) : issue.message;
    default:
      return t("core.args.invalid");
  }
}

/** First problem per top-level field name. */
export function issuesByField(t: Translate, error: z.ZodError, specs?: ArgSpecs, input?: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const names = issue.code === "unrecognized_keys" ? issue.keys : [String(issue.path[0] ?? "_")];
    for (const name of names) out[name] ??= describeIssue(t, issue, specs, input?.[name]);
  }
  return out;
}
