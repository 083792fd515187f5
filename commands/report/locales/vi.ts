import { en } from "./en.ts";
export const vi = en;
