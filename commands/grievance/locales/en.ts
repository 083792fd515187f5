// The grievance area in English (the source every other language is checked against).
import { grievanceStrings } from "../strings.ts";

export const en = grievanceStrings.en!;
