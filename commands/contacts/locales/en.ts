// The contacts area in English (the source every other language is checked against).
import { contactsStrings } from "../strings.ts";

export const en = contactsStrings.en!;
