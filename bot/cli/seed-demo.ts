import { seedDemo } from "../../db/demo.ts";
import type { CliCommand } from "./types.ts";
import { withStore } from "./open.ts";

export const seedDemoCli: CliCommand = {
  summary: "Seed demo sub-locals, members and one persona per role (idempotent)",
  run: () =>
    withStore(async (store) => {
      const r = await seedDemo(store);
      console.log(`Demo data ready: ${r.members} members, ${r.personas} personas.`);
      return 0;
    }),
};
