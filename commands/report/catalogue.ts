// The report catalogue: every standard report, in the order leaders see them.
import { capeReport } from "./cape.ts";
import { contactDataReport } from "./contact-data.ts";
import { grievancesReport } from "./grievances.ts";
import { growthReport } from "./growth.ts";
import { leadersReport } from "./leaders.ts";
import { membershipReport } from "./membership.ts";
import type { ReportDef } from "./model.ts";

export const CATALOGUE: readonly ReportDef[] = [membershipReport, growthReport, capeReport, contactDataReport, leadersReport, grievancesReport];

export function findReport(name: string): ReportDef | undefined {
  const n = name.trim().toLowerCase();
  return CATALOGUE.find((r) => r.name === n);
}
