// A demo database with the seeded training modules imported through the real importer.
import { importTraining, SEED_MODULES_DIR } from "../../commands/training/import.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { buttons, kbWorld, textOf } from "../kb/helpers.ts";

export const MODULES_DIR = SEED_MODULES_DIR;

export async function trainingWorld() {
  const w = await kbWorld();
  const r = await importTraining(w.store, MODULES_DIR, w.clock.now());
  // Three modules, each in five languages.
  if (r.problems.length > 0 || r.added !== 15) throw new Error(`seed modules did not import: ${JSON.stringify(r)}`);
  return w;
}

export { buttons, textOf };

/** The right choice of every question of a module, in order, as the store holds them. */
export async function rightAnswers(store: Store, slug: string): Promise<string[]> {
  const lessons = await data(store).all<{ questions: string }>(
    `SELECT l."questions" FROM "TrainingLesson" l JOIN "TrainingModule" m ON m."id" = l."moduleId" WHERE m."slug" = ? ORDER BY l."position"`,
    slug,
  );
  return lessons.flatMap((l) => (JSON.parse(l.questions) as { choices: string[]; answer: number }[]).map((q) => q.choices[q.answer]!));
}

/** The answer buttons of a reply, by their label text. */
export function buttonLabelled(r: Parameters<typeof buttons>[0], label: string) {
  const b = buttons(r).find((x) => x.label === label);
  if (!b) throw new Error(`no button "${label}" in: ${buttons(r).map((x) => x.label).join(" | ")}`);
  return b;
}
