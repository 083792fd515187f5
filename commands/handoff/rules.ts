// Who may see a sub-local's handoff packet, and who may leave a note there (pure).
import { markdownToPdf, type PdfBlock } from "../core/pdf.ts";
import type { ActiveRole } from "../core/roles.ts";
import { isStaff } from "../core/roles.ts";

/** An outgoing officer may still leave a note this long after their role ended. */
export const NOTE_WINDOW_DAYS = 60;
export const NOTE_MAX = 3000;

export interface SubLocalScope {
  code: string;
  employerGroup: string | null;
  region: string | null;
}

/**
 * The sub-local's officers, the board directors over it (its employer group or region), staff
 * and the statewide president. Stewards and members are not: the packet is for those who run it.
 */
export function mayViewPacket(roles: readonly ActiveRole[], sl: SubLocalScope): boolean {
  if (isStaff(roles) || roles.some((r) => r.role === "statewide_president")) return true;
  return roles.some(
    (r) =>
      (r.role === "sublocal_officer" && r.scopeType === "sublocal" && r.scopeId === sl.code) ||
      (r.role === "board_director" &&
        ((r.scopeType === "employer_group" && sl.employerGroup !== null && r.scopeId === sl.employerGroup) || (r.scopeType === "region" && sl.region !== null && r.scopeId === sl.region))),
  );
}

/**
 * A packet section's Markdown as PDF blocks through the one Markdown renderer: headings, list items
 * and paragraphs with their bold and italic as styles (no `**` printed). The packet's own "# "
 * title is the PDF's title already and is left out.
 */
export function markdownToPdfBlocks(md: string): PdfBlock[] {
  return markdownToPdf(md.replace(/^# .*$/gm, ""));
}
