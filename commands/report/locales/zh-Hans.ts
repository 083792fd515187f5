import { en } from "./en.ts";
export const zhHans = en;
