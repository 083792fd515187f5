// The treasury's ledger export as the treasurer's spreadsheet writes it, read without a database:
// every header name the bank and accounting software use, every word for a kind, and each bad row
// refused with the line people see in their file, the column and the reason in plain words.
import { describe, expect, it } from "vitest";
import { parseLedgerCsv, type KnownLedger } from "../../commands/rebate/ledger-csv.ts";

type Held = { subLocalCode: string; postedOn: string; amountCents: number; kind: string };

/** SL-083 and SL-140 exist; TR-500 (SL-083, a deposit) is already in the ledger. */
function known(extra: Partial<KnownLedger> = {}, held: Record<string, Held> = { "TR-500": { subLocalCode: "SL-083", postedOn: "2026-10-01", amountCents: 50_000, kind: "deposit" } }): KnownLedger {
  return { subLocals: new Set(["SL-083", "SL-140"]), byRef: (ref) => held[ref], ...extra };
}

const HEADER = "sub_local,date,kind,amount,description,reference,corrects";
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n");
/** The one problem of a one-row file: [line, column, message]. */
function problemOf(row: string, k: KnownLedger = known()) {
  const r = parseLedgerCsv(csv(row), k);
  expect(r.rows).toEqual([]);
  expect(r.problems).toHaveLength(1);
  const [p] = r.problems;
  return [p!.line, p!.column, p!.message];
}

describe("headers and words as exports write them", () => {
  const names: [string, string[]][] = [
    ["SL-083", ["sub_local", "Sublocal", "Sub Local Code", "Sub - Local", "local", "Account", "account-code"]],
    ["2026-11-02", ["date", "Posting Date", "posted", "Posted On", "post_date", "Transaction Date"]],
    ["deposit", ["kind", "Type", "Entry Type", "transaction type", "Category"]],
    ["10.00", ["amount", "Amount (USD)", "Net Amount", "value"]],
    ["Rebate", ["description", "Memo", "details", "Narrative"]],
    ["TR-1", ["reference", "External Reference", "Ref", "Reference Number", "Transaction ID", "external_ref"]],
  ];
  it("every column is found under each name the treasury's exports give it", () => {
    for (const [i, [, list]] of names.entries())
      for (const name of list) {
        const header = names.map(([, l], j) => (j === i ? name : l[0])).join(",");
        const r = parseLedgerCsv(`${header}\n${names.map(([v]) => v).join(",")}`, known());
        expect(r.problems, name).toEqual([]);
        expect(r.rows, name).toEqual([{ line: 2, subLocalCode: "SL-083", kind: "deposit", postedOn: "2026-11-02", amountCents: 1_000, description: "Rebate", externalRef: "TR-1", correctsRef: null, recordedBy: "import" }]);
      }
  });

  it("an adjustment names the entry it corrects under any of its names", () => {
    for (const name of ["corrects", "Corrects Reference", "adjusts", "Original Reference", "corrected_reference"]) {
      const r = parseLedgerCsv(`sub_local,date,kind,amount,reference,${name}\nSL-083,2026-11-02,adjustment,-5.00,TR-2,TR-500`, known());
      expect(r.problems, name).toEqual([]);
      expect(r.rows[0], name).toMatchObject({ kind: "adjustment", correctsRef: "TR-500", amountCents: -500, description: "adjustment" });
    }
  });

  it("every word for a kind", () => {
    const words: [string, string, string][] = [
      ["Deposit", "deposit", "10.00"],
      ["rebate", "deposit", "10.00"],
      ["Rebate Deposit", "deposit", "10.00"],
      ["disbursement", "disbursement", "-10.00"],
      ["Payment", "disbursement", "-10.00"],
      ["reimbursement", "reimbursement", "-10.00"],
      ["Expense Reimbursement", "reimbursement", "-10.00"],
      ["expense", "reimbursement", "-10.00"],
      ["transfer", "transfer", "-10.00"],
      ["Transfer", "transfer", "10.00"],
    ];
    for (const [word, kind, amount] of words) {
      const r = parseLedgerCsv(csv(`SL-083,2026-11-02,${word},${amount},,TR-${word.length}${kind},`), known());
      expect(r.problems, word).toEqual([]);
      expect(r.rows[0], word).toMatchObject({ kind, description: kind });
    }
    for (const word of ["adjustment", "Correction"]) {
      const r = parseLedgerCsv(csv(`SL-083,2026-11-02,${word},3.00,,TR-9,TR-500`), known());
      expect(r.rows[0], word).toMatchObject({ kind: "adjustment" });
    }
  });

  it("the description is kept to 300 characters; a sub-local in lower case is read in capitals", () => {
    const r = parseLedgerCsv(csv(`sl-140,2026-11-02,deposit,10.00,${"x".repeat(320)},TR-1,`), known());
    expect(r.rows[0]).toMatchObject({ subLocalCode: "SL-140", description: "x".repeat(300) });
  });
});

describe("each bad row, with its line, column and reason", () => {
  it("the sub-local", () => {
    expect(problemOf("  ,2026-11-02,deposit,10.00,,TR-1,")).toEqual([2, "sub_local", "the sub-local is missing"]);
    expect(problemOf("SL-999,2026-11-02,deposit,10.00,,TR-1,")).toEqual([2, "sub_local", "sub-local SL-999 does not exist"]);
  });

  it("the date: not a date, before 2000, in the future, in a closed period", () => {
    expect(problemOf("SL-083,the 2nd,deposit,10.00,,TR-1,")).toEqual([2, "date", "“the 2nd” is not a date (use 2026-10-15 or 10/15/2026)"]);
    expect(problemOf("SL-083,1999-12-31,deposit,10.00,,TR-1,")).toEqual([2, "date", "1999-12-31 is before 2000, where the ledger starts"]);
    expect(parseLedgerCsv(csv("SL-083,2000-01-01,deposit,10.00,,TR-1,"), known()).problems).toEqual([]);
    const today = known({ today: "2026-11-23" });
    expect(problemOf("SL-083,2026-11-24,deposit,10.00,,TR-1,", today)).toEqual([2, "date", "2026-11-24 is in the future (today is 2026-11-23): import it on or after that day"]);
    expect(parseLedgerCsv(csv("SL-083,2026-11-23,deposit,10.00,,TR-1,"), today).problems).toEqual([]);
    const closed = known({ closedThrough: (code) => (code === "SL-083" ? { closesThrough: "2026-09-30", statementId: 4 } : undefined) });
    expect(problemOf("SL-083,2026-09-30,deposit,10.00,,TR-1,", closed)).toEqual([
      2,
      "date",
      "2026-09-30 falls in a closed period: statement #4 was issued for SL-083 through 2026-09-30. Post it as an adjustment dated after 2026-09-30, naming the entry it corrects",
    ]);
    expect(parseLedgerCsv(csv("SL-083,2026-10-01,deposit,10.00,,TR-1,"), closed).problems).toEqual([]);
    expect(parseLedgerCsv(csv("SL-140,2026-09-30,deposit,10.00,,TR-1,"), closed).problems).toEqual([]);
  });

  it("the kind; an amount is not checked against a kind that is not one", () => {
    expect(problemOf("SL-083,2026-11-02,bonus,10.00,,TR-1,")).toEqual([2, "kind", "“bonus” is not a kind (deposit, disbursement, reimbursement, transfer or adjustment)"]);
    expect(problemOf("SL-083,2026-11-02,bonus,0.00,,TR-1,")).toEqual([2, "kind", "“bonus” is not a kind (deposit, disbursement, reimbursement, transfer or adjustment)"]);
  });

  it("what a bad cell says is quoted up to 30 characters", () => {
    const long = "x".repeat(40);
    expect(problemOf(`SL-083,${long},deposit,10.00,,TR-1,`)[2]).toBe(`“${"x".repeat(30)}” is not a date (use 2026-10-15 or 10/15/2026)`);
    expect(problemOf(`SL-083,2026-11-02,${long},10.00,,TR-1,`)[2]).toBe(`“${"x".repeat(30)}” is not a kind (deposit, disbursement, reimbursement, transfer or adjustment)`);
    expect(problemOf(`SL-083,2026-11-02,deposit,${long},,TR-1,`)[2]).toBe(`“${"x".repeat(30)}” is not an amount: it is not a number (write it like 1,234.56, (45.00) or -45.00)`);
  });

  it("a row shorter than the header is missing the cells it lacks", () => {
    expect(problemOf("SL-083,2026-11-02")).toEqual([
      2,
      "kind, amount, reference",
      "kind: “” is not a kind (deposit, disbursement, reimbursement, transfer or adjustment); amount: “” is not an amount: it is empty (write it like 1,234.56, (45.00) or -45.00); reference: the reference is missing (each entry needs the treasury's own reference)",
    ]);
  });

  it("the amount: each problem named, and the sign each kind carries", () => {
    const amount = (a: string) => problemOf(`SL-083,2026-11-02,deposit,"${a}",,TR-1,`);
    const how = "(write it like 1,234.56, (45.00) or -45.00)";
    expect(amount("")).toEqual([2, "amount", `“” is not an amount: it is empty ${how}`]);
    expect(amount("ten")).toEqual([2, "amount", `“ten” is not an amount: it is not a number ${how}`]);
    expect(amount("12.345")).toEqual([2, "amount", `“12.345” is not an amount: it has more than two decimals (cents have two digits) ${how}`]);
    expect(amount("99999999999999")).toEqual([2, "amount", `“99999999999999” is not an amount: it is too large (at most 9,999,999,999.99) ${how}`]);
    expect(amount("1.200,50")).toEqual([2, "amount", `“1.200,50” is not an amount: the separators are wrong (a comma between thousands, a point before the cents) ${how}`]);
    expect(amount("0.00")).toEqual([2, "amount", "the amount is zero"]);
    expect(amount("-10.00")).toEqual([2, "amount", "a deposit must be a positive amount"]);
    expect(problemOf("SL-083,2026-11-02,payment,10.00,,TR-1,")).toEqual([2, "amount", "a disbursement takes money out: write it negative, like (45.00) or -45.00"]);
    expect(problemOf("SL-083,2026-11-02,expense,10.00,,TR-1,")).toEqual([2, "amount", "a reimbursement takes money out: write it negative, like (45.00) or -45.00"]);
  });

  it("the reference: missing, too long, twice in the file", () => {
    expect(problemOf("SL-083,2026-11-02,deposit,10.00,,,")).toEqual([2, "reference", "the reference is missing (each entry needs the treasury's own reference)"]);
    expect(problemOf(`SL-083,2026-11-02,deposit,10.00,,${"R".repeat(101)},`)).toEqual([2, "reference", "the reference is longer than 100 characters"]);
    expect(parseLedgerCsv(csv(`SL-083,2026-11-02,deposit,10.00,,${"R".repeat(100)},`), known()).problems).toEqual([]);
    const twice = parseLedgerCsv(csv("SL-083,2026-11-02,deposit,10.00,,TR-1,", "SL-083,2026-11-03,deposit,20.00,,TR-1,"), known());
    expect(twice.problems).toEqual([{ line: 3, column: "reference", message: "reference TR-1 also appears on line 2" }]);
    expect(twice.rows.map((r) => r.line)).toEqual([2]);
  });

  it("what an adjustment corrects", () => {
    expect(problemOf("SL-083,2026-11-02,adjustment,1.00,,TR-1,")).toEqual([2, "corrects", "an adjustment must name the reference of the entry it corrects"]);
    expect(problemOf("SL-083,2026-11-02,deposit,1.00,,TR-1,TR-500")).toEqual([2, "corrects", "only an adjustment corrects another entry"]);
    expect(problemOf("SL-083,2026-11-02,deposit,1.00,,TR-1,TR-404")).toEqual([2, "corrects", "only an adjustment corrects another entry"]);
    expect(problemOf("SL-083,2026-11-02,adjustment,1.00,,TR-1,TR-404")).toEqual([2, "corrects", "there is no entry with reference TR-404"]);
    expect(problemOf("SL-140,2026-11-02,adjustment,1.00,,TR-1,TR-500")).toEqual([2, "corrects", "entry TR-500 belongs to SL-083, not SL-140"]);
    // An entry earlier in the same file may be corrected, but only from its own sub-local.
    const inFile = parseLedgerCsv(csv("SL-083,2026-11-02,deposit,10.00,,TR-1,", "SL-083,2026-11-03,adjustment,-1.00,,TR-2,TR-1", "SL-140,2026-11-03,adjustment,-1.00,,TR-3,TR-1"), known());
    expect(inFile.rows.map((r) => [r.externalRef, r.correctsRef])).toEqual([["TR-1", null], ["TR-2", "TR-1"]]);
    expect(inFile.problems).toEqual([{ line: 4, column: "corrects", message: "entry TR-1 belongs to SL-083, not SL-140" }]);
  });

  it("an adjustment of a refused row is refused too, naming the row it corrects", () => {
    const r = parseLedgerCsv(csv("SL-083,2026-11-02,deposit,-10.00,,TR-1,", "SL-083,2026-11-03,adjustment,1.00,,TR-2,TR-1", "SL-083,2026-11-03,adjustment,1.00,,TR-3,TR-500"), known());
    expect(r.problems).toEqual([
      { line: 2, column: "amount", message: "a deposit must be a positive amount" },
      { line: 3, column: "corrects", message: "the entry it corrects (TR-1) is on a bad row" },
    ]);
    expect(r.rows.map((x) => x.externalRef)).toEqual(["TR-3"]);
  });

  it("several problems on one row are one line naming each column, in the order of the row", () => {
    const r = parseLedgerCsv(csv("SL-999,someday,bonus,ten,,,", "SL-083,2026-11-02,deposit,10.00,,TR-1,"), known());
    expect(r.problems).toEqual([
      {
        line: 2,
        column: "sub_local, date, kind, amount, reference",
        message:
          "sub_local: sub-local SL-999 does not exist; date: “someday” is not a date (use 2026-10-15 or 10/15/2026); kind: “bonus” is not a kind (deposit, disbursement, reimbursement, transfer or adjustment); amount: “ten” is not an amount: it is not a number (write it like 1,234.56, (45.00) or -45.00); reference: the reference is missing (each entry needs the treasury's own reference)",
      },
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([3]);
  });

  it("problems come in the order of the file's lines, even when found later", () => {
    const late = parseLedgerCsv(csv("SL-083,2026-11-02,deposit,-10.00,,TR-1,", "SL-083,2026-11-03,adjustment,1.00,,TR-2,TR-1", "SL-083,2026-11-03,bonus,1.00,,TR-3,"), known());
    expect(late.problems.map((p) => [p.line, p.column])).toEqual([
      [2, "amount"],
      [3, "corrects"],
      [4, "kind"],
    ]);
    const r = parseLedgerCsv(csv("SL-083,2026-11-02,deposit,10.00,,TR-1,", "SL-083,2026-11-02,deposit,-1.00,,TR-2,", "SL-083,2026-11-03,transfer,-900.00,,TR-3,"), known({ balance: () => 50_000 }));
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([
      [3, "amount"],
      [4, "amount"],
    ]);
  });
});

describe("line numbers are the file's own", () => {
  it("a blank line and a memo over two lines do not shift the lines that follow", () => {
    const lines = [HEADER, "", 'SL-083,2026-11-02,deposit,10.00,"Rebate,', 'two lines",TR-1,', "", "SL-083,2026-11-02,bonus,10.00,,TR-2,", "SL-083,2026-11-02,deposit,10.00,,TR-3,"];
    // Spreadsheets end their lines with "\r\n", other tools with "\n": the same lines either way.
    for (const end of ["\r\n", "\n"]) {
      const r = parseLedgerCsv(lines.join(end), known());
      expect(r.rows.map((x) => [x.line, x.externalRef, x.description])).toEqual([
        [3, "TR-1", "Rebate,\ntwo lines"],
        [7, "TR-3", "deposit"],
      ]);
      expect(r.problems.map((p) => p.line)).toEqual([6]);
    }
    // A memo over two lines right below the header, or on the last line with no line end after it.
    const first = parseLedgerCsv([HEADER, 'SL-083,2026-11-02,deposit,10.00,"Rebate,', 'two lines",TR-1,', "SL-083,2026-11-02,bonus,10.00,,TR-2,", 'SL-083,2026-11-02,bonus,10.00,"a', 'b",TR-3,'].join("\r\n"), known());
    expect(first.rows.map((x) => x.line)).toEqual([2]);
    expect(first.problems.map((p) => p.line)).toEqual([4, 5]);
    // A file that ends with its line end, or with blank lines, has no extra row.
    expect(parseLedgerCsv(`${HEADER}\r\nSL-083,2026-11-02,bonus,10.00,,TR-2,\r\n\r\n`, known()).problems.map((p) => p.line)).toEqual([2]);
  });

  it("a header after blank lines is named on its own line", () => {
    expect(parseLedgerCsv("\n\nwhen,how much\n2026-01-01,5", known())).toEqual({
      rows: [],
      already: 0,
      problems: [{ line: 3, column: "sub_local, date, kind, amount, reference", message: "the header has no column for: sub_local, date, kind, amount, reference" }],
    });
    expect(parseLedgerCsv("", known())).toEqual({ rows: [], already: 0, problems: [{ line: 1, message: "the file is empty" }] });
    expect(parseLedgerCsv("sub_local,date,kind,amount,reference", known())).toEqual({ rows: [], already: 0, problems: [] });
  });

  it("broken CSV names the line where it broke", () => {
    const r = parseLedgerCsv(`${HEADER}\r\nSL-083,2026-11-02,deposit,10.00,"Rebate,\r\ntwo lines",TR-1,\r\n"SL-083,2026`, known());
    expect(r.rows).toEqual([]);
    expect(r.already).toBe(0);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(4);
    expect(r.problems[0]!.message).toMatch(/^the file is not valid CSV \(Quote Not Closed: .+\)$/);
    expect(r.problems[0]!.message).not.toMatch(/\n/);
  });
});

describe("references already in the ledger", () => {
  it("the same figures are counted as already there; other figures are a bad row naming the stored ones", () => {
    const same = parseLedgerCsv(csv("sl-083,10/01/2026,rebate,500.00,,TR-500,"), known());
    expect(same).toEqual({ rows: [], already: 1, problems: [] });
    for (const row of ["SL-140,2026-10-01,deposit,500.00,,TR-500,", "SL-083,2026-10-02,deposit,500.00,,TR-500,", "SL-083,2026-10-01,deposit,500.01,,TR-500,", "SL-083,2026-10-01,transfer,500.00,,TR-500,"])
      expect(problemOf(row), row).toEqual([2, "reference", "reference TR-500 is already in the ledger with other figures (SL-083, 2026-10-01, 500.00); a correction must be a new adjustment"]);
    // Once seen, the reference is taken for the rest of the file.
    const again = parseLedgerCsv(csv("SL-083,2026-10-01,deposit,500.00,,TR-500,", "SL-083,2026-10-01,deposit,500.00,,TR-500,"), known());
    expect(again.already).toBe(1);
    expect(again.problems).toEqual([{ line: 3, column: "reference", message: "reference TR-500 also appears on line 2" }]);
  });
});

describe("the balance, in file order", () => {
  const out = (...amounts: string[]) => csv(...amounts.map((a, i) => `SL-083,2026-11-02,transfer,${a},,TR-${i + 1},`));

  it("a row that would take the account below zero is refused; earlier rows of the file count", () => {
    const k = known({ balance: (code) => (code === "SL-083" ? 10_000 : 0) });
    expect(parseLedgerCsv(out("-100.00"), k).problems).toEqual([]);
    const r = parseLedgerCsv(out("-60.00", "-40.01", "-40.00", "25.00", "-25.00"), k);
    expect(r.problems).toEqual([{ line: 3, column: "amount", message: `this would take SL-083's balance to -0.01, below zero; if that is right, run again with --allow-negative "the reason"` }]);
    expect(r.rows.map((x) => x.externalRef)).toEqual(["TR-1", "TR-3", "TR-4", "TR-5"]);
    // Money coming in is never refused, even on an account already below zero.
    expect(parseLedgerCsv(out("5.00"), known({ balance: () => -1_000 })).problems).toEqual([]);
    // Each sub-local has its own balance.
    const two = parseLedgerCsv(csv("SL-083,2026-11-02,transfer,-90.00,,TR-1,", "SL-140,2026-11-02,transfer,-90.00,,TR-2,"), known({ balance: () => 10_000 }));
    expect(two.problems).toEqual([]);
  });

  it("a row may not leave less than is promised to open requests; --allow-negative lets both through", () => {
    const k = known({ balance: () => 10_000, promised: (code) => (code === "SL-083" ? 4_000 : 0) });
    expect(parseLedgerCsv(out("-60.00"), k).problems).toEqual([]);
    expect(parseLedgerCsv(out("-60.01"), k).rows).toEqual([]);
    expect(parseLedgerCsv(out("-60.01"), k).problems).toEqual([
      {
        line: 2,
        column: "amount",
        message:
          "this would leave SL-083 39.99, less than the 40.00 already promised to its open payment requests; decide or withdraw those first, or run again with --allow-negative \"the reason\" (staff approval then refuses any request the balance no longer covers)",
      },
    ]);
    const allowed = parseLedgerCsv(out("-60.01", "-100.00"), { ...k, allowNegative: true });
    expect(allowed.problems).toEqual([]);
    expect(allowed.rows).toHaveLength(2);
    // Without a balance to check against (a dry read), nothing is refused for money.
    expect(parseLedgerCsv(out("-1000.00"), known()).problems).toEqual([]);
  });
});
