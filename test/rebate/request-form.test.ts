// Filing a payment request as an officer does, with the mistakes people make in the form: each
// field's problem is named on that field, nothing is saved, nobody is told. And when nobody holds
// the other signing office, the request is kept and the officer is told who is missing.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { requestById } from "../../db/rebate-requests.ts";
import { fileRequest, personaIds, REQUEST_FORM, text, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

/** The form's field errors, as the officer reads them; fails the test if the request was filed. */
async function refused(values: Partial<typeof REQUEST_FORM>): Promise<Record<string, string>> {
  const r = await w.form("tom", "/rebate request", { ...REQUEST_FORM, ...values });
  if (r.ok) throw new Error(`filed: ${text(r.reply)}`);
  expect(await requestById(data(w.store), 1)).toBeUndefined();
  return r.errors as Record<string, string>;
}

describe("the request form names each field's problem and files nothing", () => {
  it.each(["0", "0.00", "-5.00", "(250.00)"])("an amount of %j is not above zero", async (amount) => {
    expect(await refused({ amount })).toEqual({ amount: "Write an amount above zero, like 1,250.00." });
  });

  it("an amount that is not one, with an example written the officer's way", async () => {
    expect(await refused({ amount: "two hundred" })).toEqual({ amount: "This is not an amount. Write it like $1,250.00." });
  });

  it("a date that is not one, and a date already passed (the local day, not UTC's)", async () => {
    expect(await refused({ needed_by: "next Friday" })).toEqual({ needed_by: "Write a date like 2026-12-15." });
    expect(await refused({ needed_by: "2026-11-22" })).toEqual({ needed_by: "This date has already passed." });
    // 23 Nov, 11 PM in the local's zone is already 24 Nov in UTC: today is still allowed.
    w.clock.set(new Date("2026-11-24T07:00:00Z"));
    await fileRequest(w, "tom", { ...REQUEST_FORM, needed_by: "2026-11-23" });
    expect(await requestById(data(w.store), 1)).toMatchObject({ neededBy: "2026-11-23" });
  });

  it.each(["example.org/invoice/77", "ftp://example.org/invoice", "https://", "https://example.org/my invoice", "see https://example.org"])("a receipt of %j is not a link", async (receipt) => {
    expect(await refused({ receipt })).toEqual({ receipt: "Give a link that starts with https://" });
  });

  it("every problem at once, each on its field", async () => {
    expect(Object.keys(await refused({ amount: "0", needed_by: "soon", receipt: "invoice.pdf" })).sort()).toEqual(["amount", "needed_by", "receipt"]);
  });

  it("a link in either case, http or https, and no receipt at all, are accepted", async () => {
    await fileRequest(w, "tom", { ...REQUEST_FORM, receipt: "HTTP://EXAMPLE.ORG/INVOICE/77" });
    await fileRequest(w, "tom", { ...REQUEST_FORM, receipt: "" });
    expect(await requestById(data(w.store), 1)).toMatchObject({ receiptUrl: "HTTP://EXAMPLE.ORG/INVOICE/77", amountCents: 25_000 });
    expect(await requestById(data(w.store), 2)).toMatchObject({ receiptUrl: null });
  });
});

describe("who hears of a new request", () => {
  it("the other office's officer gets the card; the filer is told whom it waits for", async () => {
    const filed = await fileRequest(w, "tom");
    expect(text(filed.reply)).toMatch(/Payment request #1 for \$250\.00 is waiting for the president to co-sign it/);
    expect(filed.notices.map((n) => n.personId)).toEqual([id.pat]);
  });

  it("with no president on record, the request is kept and the treasurer is told nobody can co-sign yet", async () => {
    await w.run("sofia", "/unionhall admin role revoke 100004 sublocal_president SL-083");
    const filed = await fileRequest(w, "tom");
    expect(text(filed.reply)).toMatch(/Payment request #1 for \$250\.00 is saved, but no president is on record to co-sign it/);
    expect(filed.notices).toEqual([]);
    expect(await requestById(data(w.store), 1)).toMatchObject({ status: "awaiting_cosign", amountCents: 25_000 });
  });

  it("filed by the president, it waits for the treasurer", async () => {
    const filed = await fileRequest(w, "pat");
    expect(text(filed.reply)).toMatch(/waiting for the treasurer to co-sign it/);
    expect(filed.notices.map((n) => n.personId)).toEqual([id.tom]);
  });
});
