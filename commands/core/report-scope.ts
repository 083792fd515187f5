// The scope a report covers, as people type it; shared by every area that reports on a scope.
export type ReportScope = { kind: "statewide" } | { kind: "sublocal"; id: string } | { kind: "employer_group"; id: string } | { kind: "region"; id: string };

/** "SL-083", "sublocal:SL-083", "employer-group:Human Services", "region:Lane", "statewide". */
export function parseReportScope(raw: string): ReportScope | null {
  const s = raw.trim();
  if (/^statewide$/i.test(s)) return { kind: "statewide" };
  const m = /^(sublocal|sub-local|employer[-_ ]group|group|region)\s*:\s*(.+)$/i.exec(s);
  if (m) {
    const k = m[1]!.toLowerCase();
    const id = m[2]!.trim();
    if (k.startsWith("sub")) return { kind: "sublocal", id: id.toUpperCase() };
    return { kind: k === "region" ? "region" : "employer_group", id };
  }
  if (/^SL-\d{2,4}$/i.test(s)) return { kind: "sublocal", id: s.toUpperCase() };
  return null;
}
