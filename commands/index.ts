// Every feature area the bot offers. Adapters, the manifest and Discord registration all read this.
import type { Feature } from "./core/command.ts";
import { unionhallFeature } from "./unionhall/index.ts";
import { contactsFeature } from "./contacts/index.ts";
import { grievanceFeature } from "./grievance/index.ts";
import { rebateFeature } from "./rebate/index.ts";
import { kbFeature } from "./kb/index.ts";
import { projectFeature } from "./project/index.ts";
import { reportFeature } from "./report/index.ts";
import { trainingFeature } from "./training/index.ts";
import { handoffFeature } from "./handoff/index.ts";
import { eventsFeature } from "./events/index.ts";

export const features: readonly Feature[] = [unionhallFeature, contactsFeature, grievanceFeature, kbFeature, rebateFeature, reportFeature, projectFeature, trainingFeature, handoffFeature, eventsFeature];
