// Demo ledger for the playground: two years of monthly rebate deposits and a few payments per
// demo sub-local, fixed amounts so every machine shows the same figures. Idempotent: entries carry
// external references, and the ones already there are skipped.
import { data } from "./data.ts";
import { existingRefs, postEntries, type NewEntry } from "./rebate.ts";
import type { Store } from "./store.ts";

const MONTHS = 22; // January 2025 to October 2026

export function demoLedger(codes: readonly string[]): NewEntry[] {
  const out: NewEntry[] = [];
  codes.forEach((code, i) => {
    for (let m = 0; m < MONTHS; m++) {
      const year = 2025 + Math.floor(m / 12);
      const month = String((m % 12) + 1).padStart(2, "0");
      const base = { subLocalCode: code, recordedBy: "demo" };
      out.push({ ...base, kind: "deposit", postedOn: `${year}-${month}-15`, amountCents: 180_000 + i * 25_000 + (m % 4) * 1_250, description: `Monthly rebate ${year}-${month}`, externalRef: `demo:${code}:${year}-${month}:rebate` });
      if (m % 3 === 1) out.push({ ...base, kind: "reimbursement", postedOn: `${year}-${month}-22`, amountCents: -(12_500 + (m % 5) * 1_000), description: "Meeting room and refreshments", externalRef: `demo:${code}:${year}-${month}:meeting` });
      if (m % 6 === 4) out.push({ ...base, kind: "disbursement", postedOn: `${year}-${month}-28`, amountCents: -95_000, description: "Steward training travel", externalRef: `demo:${code}:${year}-${month}:training` });
    }
  });
  return out;
}

export async function seedDemoLedger(store: Store, codes: readonly string[], now = new Date()): Promise<number> {
  const entries = demoLedger(codes);
  const have = await existingRefs(data(store), entries.map((e) => e.externalRef!));
  const fresh = entries.filter((e) => !have.has(e.externalRef!));
  if (fresh.length) await postEntries(store, fresh, now);
  return fresh.length;
}
