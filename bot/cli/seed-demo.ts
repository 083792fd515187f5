import { seedDemo } from "../../db/demo.ts";
import { features } from "../../commands/index.ts";
import { seedDemoGrievances } from "../../commands/grievance/demo.ts";
import { importSeedModules } from "../../commands/training/import.ts";
import { importDemoKb } from "../../commands/kb/import.ts";
import { seedDemoProject } from "../../commands/project/demo.ts";
import { unionTimeZone } from "../../commands/core/format.ts";
import type { CliCommand } from "./types.ts";
import { parseFlags, withStore } from "./open.ts";

export const seedDemoCli: CliCommand = {
  summary: "seed-demo [--grievances N] — demo sub-locals, members, one persona per role (idempotent); optionally N demo grievances over the past year",
  async run(args) {
    const { flags } = parseFlags(args);
    const n = flags.grievances === undefined ? 0 : Number(flags.grievances);
    if (!Number.isInteger(n) || n < 0 || n > 5000) {
      console.error("--grievances takes a whole number from 0 to 5000");
      return 2;
    }
    return withStore(async (store) => {
      const r = await seedDemo(store);
      console.log(`Demo data ready: ${r.members} members, ${r.personas} personas.`);
      const training = await importSeedModules(store, new Date());
      if (training) console.log(`Training modules: ${training.added} added, ${training.updated} updated, ${training.unchanged} unchanged.`);
      const kb = await importDemoKb(store, new Date(), unionTimeZone());
      if (kb) console.log(`Knowledge base: ${kb.added} added, ${kb.updated} updated, ${kb.unchanged} unchanged.`);
      const project = await seedDemoProject(store, new Date(), unionTimeZone());
      if (project) console.log(`Project updates: ${project} added, each in all five languages.`);
      if (n > 0) {
        const g = await seedDemoGrievances(store, features, n);
        console.log(`Demo grievances: ${g.filed} filed (${g.closed} closed, ${g.open} open)${g.skipped ? `, ${g.skipped} skipped` : ""}.`);
      }
      return 0;
    });
  },
};
