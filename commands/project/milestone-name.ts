// A milestone named the way chat shows it: its title in any of the five languages (or its key, for
// those who know it), without caring about case, accents or tone marks, and by the start of the
// title when only one milestone begins that way. Nobody has to learn `fitgap_current_process`.
import type { MilestoneRow } from "../../db/project.ts";
import type { Translate } from "../core/i18n.ts";
import { findByName } from "../core/typed-name.ts";

export function findMilestone(all: readonly MilestoneRow[], typed: string, languages: readonly Translate[]) {
  return findByName(all, (m) => [m.key, ...languages.map((t) => t(`project.milestones.${m.key}.title`))], typed);
}
