// An issued statement as its reader gets it, from figures alone: the chat message (at most 15
// entries, the rest in the files), the CSV a spreadsheet sums, and what the PDF prints. A
// correction names the entry it corrects and that entry's day.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFormatter } from "../../commands/core/format.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { statementFigures } from "../../commands/rebate/ledger.ts";
import { en } from "../../commands/rebate/locales/en.ts";
import { parsePeriod } from "../../commands/rebate/period.ts";
import { columnWeights, issuedLine, MESSAGE_LINES, periodText, statementBlocks, statementCsv, statementPdfSpec, type IssuedStatement } from "../../commands/rebate/statement-doc.ts";
import { postEntries, type EntryKind, type EntryRow } from "../../db/rebate.ts";
import { openStore, type Store } from "../../db/store.ts";

const NOW = new Date("2026-11-23T17:00:00Z");
let store: Store;
let earlier: number;
beforeAll(async () => {
  store = await openStore(`file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "uh-statement-doc-")), "x.db")}`);
  earlier = (await postEntries(store, [{ subLocalCode: "SL-1", kind: "deposit", postedOn: "2026-08-22", amountCents: 10_000, description: "August rebate", externalRef: "DOC-1", recordedBy: "t" }], NOW))[0]!;
});
afterAll(async () => store?.close());

const v = () => ({ store, t: createTranslator([{ en }]).forLocale("en"), fmt: createFormatter("en"), clock: { now: () => NOW }, locale: "en" });
const row = (id: number, kind: EntryKind, postedOn: string, amountCents: number, description: string, extra: Partial<EntryRow> = {}): EntryRow => ({ id, accountId: 1, kind, postedOn, amountCents, description, externalRef: `R-${id}`, correctsId: null, recordedById: null, recordedBy: "import", ...extra });

function issued(entries: EntryRow[], approvedBy: string | null = "Sofia Chen"): IssuedStatement {
  return {
    id: 7,
    sl: { code: "SL-1", name: "Salem", employerGroup: null, region: null },
    period: parsePeriod("2026-10")!,
    figures: statementFigures(100_000, entries),
    issuedAt: NOW,
    requestedBy: "Tom Haddad",
    approvedBy,
  };
}

const OCTOBER = () => [
  row(40, "deposit", "2026-10-02", 50_000, "October rebate"),
  row(41, "reimbursement", "2026-10-05", -4_500, "Printer ink, toner"),
  row(42, "adjustment", "2026-10-09", 500, "Ink overcharged", { correctsId: earlier }),
  row(43, "adjustment", "2026-10-10", -100, "Bank fee", { correctsId: 999, externalRef: null }),
];

describe("the chat message", () => {
  it("opening, the totals of the kinds that moved, closing; each entry with its balance; who asked and who approved", async () => {
    const blocks = await statementBlocks(v(), issued(OCTOBER()));
    expect(blocks).toEqual([
      {
        type: "section",
        title: "SL-1 Salem: rebate statement",
        text: "2026-10 (Oct 1, 2026 – Oct 31, 2026)",
        fields: [
          { label: "Opening balance", value: "$1,000.00" },
          { label: "Rebate deposit", value: "$500.00" },
          { label: "Expense reimbursement", value: "-$45.00" },
          { label: "Correction", value: "$4.00" },
          { label: "Closing balance", value: "$1,459.00" },
        ],
      },
      {
        type: "list",
        title: "4 entries",
        items: [
          { text: "#40 · Oct 2, 2026 · Rebate deposit · $500.00 · October rebate", detail: "balance $1,500.00" },
          { text: "#41 · Oct 5, 2026 · Expense reimbursement · -$45.00 · Printer ink, toner", detail: "balance $1,455.00" },
          { text: `#42 · Oct 9, 2026 · Correction · $5.00 · Ink overcharged (corrects #${earlier} of Aug 22, 2026)`, detail: "balance $1,460.00" },
          { text: "#43 · Oct 10, 2026 · Correction · -$1.00 · Bank fee (corrects #999)", detail: "balance $1,459.00" },
        ],
        empty: "No entries in this period.",
      },
      { type: "context", text: "Statement #7 · as of Mon, Nov 23, 2026, 9:00 AM PST · asked for by Tom Haddad · approved by Sofia Chen" },
    ]);
  });

  it("at most 15 entries in the message, the rest said to be in the files; a monthly statement says it was sent automatically", async () => {
    const many = Array.from({ length: MESSAGE_LINES + 2 }, (_, i) => row(i + 1, "deposit", "2026-10-02", 100, `Deposit ${i + 1}`));
    const blocks = await statementBlocks(v(), issued(many, null));
    expect(MESSAGE_LINES).toBe(15);
    expect(blocks[1]).toMatchObject({ title: "17 entries" });
    expect((blocks[1] as { items: unknown[] }).items).toHaveLength(15);
    expect(blocks[2]).toEqual({ type: "context", text: "…and 2 more entries in the CSV and PDF files." });
    expect(blocks[3]).toEqual({ type: "context", text: "Statement #7 · as of Mon, Nov 23, 2026, 9:00 AM PST · sent automatically to Tom Haddad" });
    expect(await statementBlocks(v(), issued(many.slice(0, 15)))).toHaveLength(3);
    // A quiet month: no entries, no totals, opening = closing.
    const quiet = await statementBlocks(v(), issued([]));
    expect(quiet[0]).toMatchObject({ fields: [{ label: "Opening balance", value: "$1,000.00" }, { label: "Closing balance", value: "$1,000.00" }] });
    expect(quiet[1]).toMatchObject({ title: "0 entries", items: [] });
  });

  it("the issued line and the period as words", () => {
    expect(issuedLine(v(), issued([], null))).toBe("Statement #7 · as of Mon, Nov 23, 2026, 9:00 AM PST · sent automatically to Tom Haddad");
    expect(periodText(v(), parsePeriod("2026-Q3")!)).toBe("2026-Q3 (Jul 1, 2026 – Sep 30, 2026)");
  });
});

describe("the CSV", () => {
  it("one row per entry, the balances in their own column, the totals in a section of their own", () => {
    const lines = statementCsv(v(), issued(OCTOBER())).split("\r\n");
    expect(lines).toEqual([
      "Entry,Date,Kind,Description,Reference,Corrects entry,Amount,Balance",
      ",2026-10-01,Opening balance,SL-1 2026-10,,,,1000.00",
      "40,2026-10-02,Rebate deposit,October rebate,R-40,,500.00,1500.00",
      '41,2026-10-05,Expense reimbursement,"Printer ink, toner",R-41,,-45.00,1455.00',
      `42,2026-10-09,Correction,Ink overcharged,R-42,${earlier},5.00,1460.00`,
      "43,2026-10-10,Correction,Bank fee,,999,-1.00,1459.00",
      ",2026-10-31,Closing balance,SL-1 2026-10,,,,1459.00",
      "",
      "Totals by kind,,Kind,,,,,Total",
      ",,Rebate deposit,,,,,500.00",
      ",,Payment,,,,,0.00",
      ",,Expense reimbursement,,,,,-45.00",
      ",,Transfer,,,,,0.00",
      ",,Correction,,,,,4.00",
      "",
      'Issued,,"Statement #7 · as of Mon, Nov 23, 2026, 9:00 AM PST · asked for by Tom Haddad · approved by Sofia Chen",,,,,',
      "",
    ]);
  });

  it("quotes and line breaks stay inside their cell; text a spreadsheet would run is defused, amounts are not", () => {
    const odd = [
      row(1, "deposit", "2026-10-02", 100, 'The "big" one'),
      row(2, "deposit", "2026-10-02", 100, "two\nlines"),
      row(3, "deposit", "2026-10-02", 100, "+1 555 0100"),
      row(4, "deposit", "2026-10-02", 100, "@sum(A1)"),
      row(5, "deposit", "2026-10-02", 100, "\tindent"),
      row(6, "deposit", "2026-10-02", 100, "-2 chairs"),
      row(7, "deposit", "2026-10-02", 100, "-12.50"),
      row(8, "deposit", "2026-10-02", 100, "a\rb"),
      row(9, "deposit", "2026-10-02", 100, "-2 chairs at 3.00"),
      row(10, "deposit", "2026-10-02", 100, "-12.50 refund"),
    ];
    const csv = statementCsv(v(), issued(odd));
    expect(csv).toContain(',"The ""big"" one",');
    expect(csv).toContain(',"two\nlines",');
    expect(csv).toContain(",'+1 555 0100,");
    expect(csv).toContain(",'@sum(A1),");
    expect(csv).toContain(",'\tindent,");
    expect(csv).toContain(",'-2 chairs,");
    expect(csv).toContain(",-12.50,R-7,");
    expect(csv).toContain(',"a\rb",');
    expect(csv).toContain(",'-2 chairs at 3.00,");
    expect(csv).toContain(",'-12.50 refund,");
  });
});

describe("the PDF", () => {
  it("prints the same figures: opening, every entry, totals, closing and the arithmetic", async () => {
    const spec = await statementPdfSpec(v(), issued(OCTOBER()));
    expect(spec).toMatchObject({
      title: "SL-1 Salem: rebate statement",
      subtitle: expect.stringMatching(/ · 2026-10 \(Oct 1, 2026 – Oct 31, 2026\)$/),
      locale: "en",
      footer: "Confidential: for the sub-local's officers and union treasury staff",
    });
    const [generated, note, opening, heading, entries, totalsHeading, totals, arithmetic] = spec.blocks;
    expect(generated).toEqual({ kind: "paragraph", text: "Statement #7, generated on Nov 23, 2026. It shows the account as it stood then; a later correction appears in a later period as an adjustment." });
    expect(note).toEqual({ kind: "note", text: "Statement #7 · as of Mon, Nov 23, 2026, 9:00 AM PST · asked for by Tom Haddad · approved by Sofia Chen" });
    expect(opening).toEqual({ kind: "table", columns: [{ label: "Opening balance", weight: 2 }, { label: "Amount", align: "right" }], rows: [["Oct 1, 2026", "$1,000.00"]] });
    expect(heading).toEqual({ kind: "heading", text: "4 entries" });
    expect(entries).toMatchObject({
      kind: "table",
      columns: [{ label: "Date" }, { label: "#" }, { label: "Kind" }, { label: "Description" }, { label: "Reference" }, { label: "Amount", align: "right" }, { label: "Balance", align: "right" }],
      rows: [
        ["Oct 2, 2026", "40", "Rebate deposit", "October rebate", "R-40", "$500.00", "$1,500.00"],
        ["Oct 5, 2026", "41", "Expense reimbursement", "Printer ink, toner", "R-41", "-$45.00", "$1,455.00"],
        ["Oct 9, 2026", "42", "Correction", `Ink overcharged (corrects #${earlier} of Aug 22, 2026)`, "R-42", "$5.00", "$1,460.00"],
        ["Oct 10, 2026", "43", "Correction", "Bank fee (corrects #999)", "", "-$1.00", "$1,459.00"],
      ],
    });
    const cols = (entries as { columns: { align?: string; weight?: number }[] }).columns;
    // Each column at least its minimum width, wider only for a longer word ("reimbursement",
    // "Reference", "$1,500.00").
    expect(cols.map((c) => c.weight)).toEqual([1.3, 0.6, "reimbursement".length * 0.16, 2.6, "Reference".length * 0.16, 1.3, "$1,500.00".length * 0.16]);
    expect(cols.slice(0, 5).every((c) => !("align" in c))).toBe(true);
    expect(totalsHeading).toEqual({ kind: "heading", text: "Totals by kind" });
    expect(totals).toEqual({
      kind: "table",
      columns: [{ label: "Kind", weight: 2 }, { label: "Amount", align: "right" }],
      rows: [
        ["Rebate deposit", "$500.00"],
        ["Payment", "$0.00"],
        ["Expense reimbursement", "-$45.00"],
        ["Transfer", "$0.00"],
        ["Correction", "$4.00"],
        ["Closing balance", "$1,459.00"],
      ],
    });
    expect(arithmetic).toEqual({ kind: "note", text: "Opening balance $1,000.00 + entries $459.00 = closing balance $1,459.00." });
  });

  it("each column is at least as wide as its longest word, so words never break inside", () => {
    expect(columnWeights(["Date", "Description"], [["Oct 2", "a reimbursement"]], [1.3, 0.5])).toEqual([1.3, "reimbursement".length * 0.16]);
    expect(columnWeights(["Kind"], [["x"]], [])).toEqual([1]);
    expect(columnWeights(["Kind"], [[]], [0.1])).toEqual(["Kind".length * 0.16]);
    // CJK text breaks between characters: a word of it needs the width of two characters only.
    expect(columnWeights(["种类"], [["费用报销"]], [0.1])).toEqual([2 * 0.16]);
    expect(columnWeights(["", "Amount"], [["", "  spaced   out  "]], [0.2, 0.2])).toEqual([0.2, "Amount".length * 0.16]);
  });
});
