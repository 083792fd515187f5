import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { importMembers, importMembersCli } from "../../bot/cli/import-members.ts";
import { seedDemoCli } from "../../bot/cli/seed-demo.ts";
import { verifyAuditCli } from "../../bot/cli/verify-audit.ts";
import { verifyAudit } from "../../db/audit.ts";
import { personByNumber } from "../../db/people.ts";
import type { Store } from "../../db/store.ts";
import { runCli } from "../helpers/cli.ts";
import { seededStore, tempDir, tempStore } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";

const header = "Member Number,First Name,Last Name,Work Email,Sub-local,Employer,Worksite,Status,Birthdate\n";
const good = header + "300001,Ada,Lovelace,ada@example.gov,SL-083,DHS,Salem Central Office,member,1980-12-10\n300002,Grace,Hopper,grace@example.gov,SL-390,DHS,Portland East Office,fee_payer,\n";
const bad =
  header +
  "300003,Alan,Turing,alan@example.gov,SL-083,DHS,Salem,member,\n" +
  "300004,,Babbage,charles@example.gov,SL-083,DHS,Salem,member,\n" +
  "300005,Kurt,Goedel,not-an-email,SL-083,DHS,Salem,member,1906-02-30\n" +
  "300006,Emmy,Noether,emmy@example.gov,SL-999,DHS,Salem,member,\n" +
  "300003,Alan,Again,alan2@example.gov,SL-083,DHS,Salem,member,\n";

// Each test on its own copy of a small demo database.
let store: Store;
let dir: string;
beforeEach(async () => {
  dir = tempDir();
  store = await seededStore(path.join(dir, "cli.db"), { members: 20 });
});
afterEach(async () => {
  await store.close();
});

describe("member import", () => {
  it("imports a good file", async () => {
    const r = await importMembers(store, good);
    expect(r).toMatchObject({ created: 2, updated: 0, written: true, problems: [] });
    const ada = (await personByNumber(data(store), "300001"))!;
    expect(ada).toMatchObject({ firstName: "Ada", lastName: "Lovelace", workEmail: "ada@example.gov", worksite: "Salem Central Office", subLocal: { code: "SL-083" } });
    expect((await personByNumber(data(store), "300002"))!.membershipStatus).toBe("fee_payer");
  });

  it("re-importing updates by member number and creates nothing twice", async () => {
    await importMembers(store, good);
    const count = await store.prisma.person.count();
    const r = await importMembers(store, good.replace("Lovelace", "King"));
    expect(r).toMatchObject({ created: 0, updated: 2 });
    expect(await store.prisma.person.count()).toBe(count);
    expect((await personByNumber(data(store), "300001"))!.lastName).toBe("King");
  });

  it("reports one clear line per bad row and writes nothing", async () => {
    const count = await store.prisma.person.count();
    const r = await importMembers(store, bad);
    expect(r.written).toBe(false);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(r.problems[0]!.message).toBe("first name is missing");
    expect(r.problems[1]!.message).toContain("work e-mail is not a valid address");
    expect(r.problems[1]!.message).toContain("birthdate must be a date");
    expect(r.problems[2]!.message).toBe("sub-local SL-999 does not exist");
    expect(r.problems[3]!.message).toBe("member number also appears on line 2");
    expect(await store.prisma.person.count()).toBe(count);
    expect(await personByNumber(data(store), "300003")).toBeNull();
  });

  it("with --skip-bad-rows imports the good rows only", async () => {
    const r = await importMembers(store, bad, { skipBadRows: true });
    expect(r).toMatchObject({ created: 1, written: true });
    expect(await personByNumber(data(store), "300003")).not.toBeNull();
    expect((await verifyAudit(data(store))).ok).toBe(true);
  });

  it("reads the CAPE column as yes/no and rejects anything else", async () => {
    const csv = "member_number,first_name,last_name,cape\n300101,Rosa,Parks,yes\n300102,Bayard,Rustin,no\n";
    expect(await importMembers(store, csv)).toMatchObject({ created: 2, written: true });
    expect((await personByNumber(data(store), "300101"))!.capeContributor).toBe(true);
    expect((await personByNumber(data(store), "300102"))!.capeContributor).toBe(false);
    const bad = await importMembers(store, "member_number,first_name,last_name,cape\n300103,A,B,maybe\n");
    expect(bad.problems[0]!.message).toBe("CAPE must be yes or no");
  });

  it("explains a header without the required columns", async () => {
    const r = await importMembers(store, "name,email\nAda,ada@example.gov\n");
    expect(r.written).toBe(false);
    expect(r.problems[0]!.message).toContain("no column for: memberNumber, firstName, lastName");
  });

  it("runs as `npm run cli -- import-members` with exit codes and per-row lines", async () => {
    // An empty database on the tests' engine, which the commands below seed and import into.
    const empty = await tempStore();
    const env = { DATABASE_URL: storeUrl(empty), LOG_LEVEL: "silent" };
    await empty.close();
    const seeded = await runCli(seedDemoCli, [], env);
    expect(seeded).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Demo data ready: \d+ members, 10 personas\./) });
    const badFile = path.join(dir, "bad.csv");
    fs.writeFileSync(badFile, bad);
    const failed = await runCli(importMembersCli, [badFile], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("Line 3 (member 300004): first name is missing");
    expect(failed.stderr).toContain("Nothing was imported: 4 bad row(s)");
    expect(failed.stdout).toBe("");
    const goodFile = path.join(dir, "good.csv");
    fs.writeFileSync(goodFile, good);
    const ok = await runCli(importMembersCli, [goodFile], env);
    expect(ok).toMatchObject({ code: 0, stdout: "Imported 2 member(s): 2 new, 0 updated.\n" });
    const missing = await runCli(importMembersCli, [path.join(dir, "nowhere.csv")], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("nowhere.csv");
    const verify = await runCli(verifyAuditCli, [], env);
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Audit log intact: \d+ entries/) });
  });
});
