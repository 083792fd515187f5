// Who may see a sub-local's handoff packet, and who may leave a note there (pure).
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

/** Markdown of a packet to PDF blocks: "## " headings, "- " bullets, the rest as paragraphs. */
export function markdownToPdfBlocks(md: string): ({ kind: "heading"; text: string } | { kind: "paragraph"; text: string } | { kind: "bullets"; items: string[] })[] {
  const out: ({ kind: "heading"; text: string } | { kind: "paragraph"; text: string } | { kind: "bullets"; items: string[] })[] = [];
  for (const raw of md.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === "" || /^#\s/.test(line)) continue;
    const h = /^#{2,6}\s+(.*)$/.exec(line);
    const b = /^\s*[-*]\s+(.*)$/.exec(line);
    const last = out[out.length - 1];
    if (h) out.push({ kind: "heading", text: h[1]! });
    else if (b) {
      if (last?.kind === "bullets") last.items.push(b[1]!);
      else out.push({ kind: "bullets", items: [b[1]!] });
    } else out.push({ kind: "paragraph", text: line.trim() });
  }
  return out;
}
