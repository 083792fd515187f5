// `npm run cli -- jobs [--limit N]`: the scheduler's queue, the same view as /unionhall jobs.
import { createCore } from "../../commands/core/dispatch.ts";
import { DEFAULT_LOCALE } from "../../commands/core/i18n.ts";
import { fallbackText } from "../../commands/core/reply.ts";
import { features } from "../../commands/index.ts";
import { jobsView } from "../../commands/unionhall/jobs.ts";
import { unionTimeZone } from "../../commands/unionhall/when.ts";
import { data } from "../../db/data.ts";
import { parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

export const jobsCli: CliCommand = {
  summary: "Scheduled jobs: due, parked, upcoming and recent (same as /unionhall jobs)",
  run: (args) =>
    withStore(async (store) => {
      const { flags } = parseFlags(args);
      const limit = typeof flags.limit === "string" ? Number(flags.limit) : 10;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        console.error("--limit must be a whole number from 1 to 1000");
        return 2;
      }
      const core = createCore({ store, features });
      const t = core.translator.forLocale(DEFAULT_LOCALE);
      console.log(fallbackText(await jobsView(data(store), t, new Date(), unionTimeZone(), { buttons: false, limit })));
      return 0;
    }),
};
