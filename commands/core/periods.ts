// Days, weeks and months as the local sees them (periodKey, shiftPeriod, windowStart…). Pure date
// arithmetic, kept in db/periods.ts so the data modules may use it too (db/ never imports
// commands/); the areas keep importing it from here.
export * from "../../db/periods.ts";
