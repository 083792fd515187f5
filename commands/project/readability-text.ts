// The readability line under a preview, in the author's words: a grade for English, a reading ease
// for Spanish and Russian, and for Vietnamese and Chinese a plain "no score for this language".
import type { Translate } from "../core/i18n.ts";
import type { Readability } from "./readability.ts";

export function readabilityLine(t: Translate, r: Readability): string {
  if (r.kind === "none") return `ℹ️ ${t("project.readability.none")}`;
  const name = { "flesch-kincaid": "fleschKincaid", "fernandez-huerta": "fernandezHuerta", oborneva: "oborneva" }[r.formula];
  const key = `project.readability.${name}${r.plain ? "Ok" : "High"}`;
  return `${r.plain ? "✅" : "⚠️"} ${t(key, { score: r.score, target: r.target })}`;
}
