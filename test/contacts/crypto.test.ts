// Encryption at rest (db/crypto.ts), key rotation, and the CLI commands around them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportVendorCli } from "../../bot/cli/export-vendor.ts";
import { rotateKeyCli } from "../../bot/cli/rotate-key.ts";
import { verifyAuditCli } from "../../bot/cli/verify-audit.ts";
import { rotateSensitive } from "../../db/contacts-vendor.ts";
import { data } from "../../db/data.ts";
import { decryptField, encryptField, generateKey, kidOf, memberDataKeyStatus, parseKeyring, KeyConfigError, DecryptError } from "../../db/crypto.ts";
import { demoMembers } from "../../db/demo.ts";
import { upsertMembers } from "../../db/people.ts";
import { PERSONAS, TEST_KEY, world, type World } from "./setup.ts";
import { runCli } from "../helpers/cli.ts";
import { storeUrl } from "../helpers/tamper.ts";
import { thrown } from "../helpers/thrown.ts";

let w: World | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const ring = parseKeyring(TEST_KEY)!;
const birthdateOf = async (n: string) => (await data(w!.store).one<{ birthdate: string | null }>(`SELECT "birthdate" FROM "Person" WHERE "memberNumber" = ?`, n))!.birthdate;

describe("db/crypto", () => {
  it("seals with AES-256-GCM under the current key id and opens again; every seal differs", () => {
    const a = encryptField(ring, "birthdate", "1980-04-17");
    const b = encryptField(ring, "birthdate", "1980-04-17");
    expect(a).not.toBe(b);
    expect(kidOf(a)).toBe("t1");
    expect(a).not.toContain("1980");
    expect(decryptField(ring, "birthdate", a)).toBe("1980-04-17");
  });

  it("refuses a tampered value, a value moved to another column, and an unknown key", () => {
    const a = encryptField(ring, "homePhone", "503-555-1234");
    const parts = a.split(":");
    const ct = Buffer.from(parts[5]!, "base64");
    ct[0]! ^= 1;
    parts[5] = ct.toString("base64");
    expect(() => decryptField(ring, "homePhone", parts.join(":"))).toThrow(DecryptError);
    expect(() => decryptField(ring, "homeEmail", a)).toThrow(DecryptError);
    expect(() => decryptField(parseKeyring(generateKey("other"))!, "homePhone", a)).toThrow(/unknownKey/);
  });

  it("parses key ids and lists, and rejects bad keys without echoing them", () => {
    const bare = Buffer.alloc(32, 3).toString("base64");
    expect(parseKeyring(bare)!.current.kid).toMatch(/^k[0-9a-f]{8}$/);
    expect(parseKeyring(`new:${bare},${TEST_KEY}`)!.byKid.size).toBe(2);
    expect(parseKeyring("")).toBeNull();
    expect(() => parseKeyring("k1:c2hvcnQ=")).toThrow(KeyConfigError);
    expect(() => parseKeyring(`${TEST_KEY},${TEST_KEY}`)).toThrow(/twice/);
    const e = thrown(() => parseKeyring("k1:c2hvcnQ="));
    expect(e).toBeInstanceOf(KeyConfigError);
    expect((e as Error).message).not.toContain("c2hvcnQ");
  });

  it("the start-up status says when sensitive fields are unavailable, without key material", () => {
    expect(memberDataKeyStatus({})).toMatchObject({ sensitiveFields: "unavailable" });
    expect(memberDataKeyStatus({ MEMBER_DATA_KEY: TEST_KEY })).toEqual({ sensitiveFields: "available", kid: "t1" });
    const bad = memberDataKeyStatus({ MEMBER_DATA_KEY: "k1:c2hvcnQ=" });
    expect(bad.sensitiveFields).toBe("unavailable");
    expect(JSON.stringify(bad)).not.toContain("c2hvcnQ");
  });
});

describe("upsertMembers and rotation", () => {
  it("without a key, an import keeps sealed values already stored and stores no new ones", async () => {
    w = await world();
    const sealed = await birthdateOf(PERSONAS.maria);
    delete process.env.MEMBER_DATA_KEY;
    await upsertMembers(w.store, demoMembers(12));
    expect(await birthdateOf(PERSONAS.maria)).toBe(sealed);
  });

  it("rotate-key re-seals every value with the new key; the old key can then be dropped", async () => {
    w = await world();
    const next = generateKey("t2");
    const both = parseKeyring(`${next},${TEST_KEY}`)!;
    const r = await rotateSensitive(w.store, both);
    expect(r).toMatchObject({ kid: "t2", sealedPlaintext: 0, unreadable: 0 });
    expect(r.reencrypted).toBe(300 * 4);
    const onlyNew = parseKeyring(next)!;
    const v = (await birthdateOf(PERSONAS.maria))!;
    expect(kidOf(v)).toBe("t2");
    expect(decryptField(onlyNew, "birthdate", v)).toBe(demoMembers(1)[0]!.birthdate);
    expect(await rotateSensitive(w.store, onlyNew)).toMatchObject({ reencrypted: 0, alreadyCurrent: 1200 });
  });

  it("rotate-key seals values left in clear text by an older version", async () => {
    w = await world();
    await data(w.store).run(`UPDATE "Person" SET "birthdate" = '1971-02-03' WHERE "memberNumber" = ?`, PERSONAS.maria);
    const r = await rotateSensitive(w.store, ring);
    expect(r.sealedPlaintext).toBe(1);
    expect(decryptField(ring, "birthdate", (await birthdateOf(PERSONAS.maria))!)).toBe("1971-02-03");
  });
});

describe("CLI", () => {
  it("export-vendor and rotate-key run from npm run cli, and verify-audit still passes", async () => {
    w = await world();
    await w.ack("sofia");
    const url = storeUrl(w.store);
    await w.store.close();
    w = undefined;
    const env = { DATABASE_URL: url, MEMBER_DATA_KEY: TEST_KEY, LOG_LEVEL: "silent" };
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "uh-export-")), "cass.csv");
    const refused = await runCli(exportVendorCli, ["--purpose", "marketing", "--agreement", "AGR-1", "--staff", PERSONAS.sofia], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Refused: /);
    expect(fs.existsSync(out)).toBe(false);
    const ok = await runCli(exportVendorCli, ["--purpose", "cass", "--agreement", "USPS-CASS-7", "--staff", PERSONAS.sofia, "--out", out], env);
    expect(ok.stdout).toMatch(/recorded in the audit log with agreement USPS-CASS-7/);
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(out, "utf8").split("\n")[0]).toBe("memberNumber,homeAddress");
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const rot = await runCli(rotateKeyCli, [], { ...env, MEMBER_DATA_KEY: `${generateKey("t9")},${TEST_KEY}` });
    expect(rot.code).toBe(0);
    expect(rot.stdout).toMatch(/Re-encrypted 1200 value\(s\) to key "t9"/);
    expect(await runCli(verifyAuditCli, [], env)).toMatchObject({ code: 0, stdout: expect.stringMatching(/intact/) });
  });
});
