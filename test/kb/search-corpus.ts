// The knowledge-base search corpus the tests share: the documents test/kb/flow.test.ts searches
// (titles over bodies, phrases, audiences, sub-locals, kinds, Spanish, Vietnamese, Chinese), and
// the queries asked of it. test/kb/search-engines.test.ts asks them of both engines.
import type { Audience } from "../../commands/kb/rules.ts";

export interface CorpusDoc {
  title: string;
  body: string;
  kind?: string;
  audience?: Audience;
  subLocal?: string;
  tags?: string;
}

export const SEARCH_DOCS: CorpusDoc[] = [
  { title: "Steward guide: filing a grievance", body: "## Deadlines\nA steward files within 30 days of learning of the problem.", audience: "stewards" },
  { title: "Contract summary", body: "The grievance procedure has three steps. A steward may help." },
  { title: "Step meeting checklist", body: "Bring the step meeting notes and the timeline." },
  { title: "Meeting room list", body: "The step ladder is in the meeting room." },
  { title: "Guía para delegados", body: "Cómo presentar una queja formal. La guía explica los plazos." },
  { title: "Hướng dẫn cho đại diện", body: "Cách nộp đơn khiếu nại." },
  { title: "工会合同指南", body: "这是关于申诉程序的说明。" },
  { title: "SL-083 officers' budget notes", body: "Budget for the grievance training.", audience: "officers", subLocal: "SL-083" },
  { title: "SL-390 officers' notes", body: "Grievance training plan for SL-390.", audience: "officers", subLocal: "SL-390" },
  { title: "Staff-only grievance strategy", body: "Grievance strategy for staff.", audience: "staff" },
  { title: "Grievance form", body: "Fill it in with your steward.", kind: "form" },
];

/** What people type: plain words, phrases, prefixes, accents or none, Chinese, operators, hostile text. */
export const SEARCH_QUERIES: string[] = [
  "grievance",
  "grievance steward",
  "step meeting",
  '"step meeting"',
  "griev",
  "grievance fo",
  "guia queja",
  "Guía",
  "huong dan",
  "dai dien",
  "đại diện",
  "申诉",
  "合同",
  "诉程序",
  "工",
  "SL-083",
  "30",
  "dues OR fees",
  "OR",
  "AND OR NOT",
  '"unbalanced',
  "NEAR(a b)",
  "((( grievance",
  "*",
  "🙂",
  "title:grievance",
  "'; DROP TABLE \"KbDocument\"; --",
  "zzzz",
];
