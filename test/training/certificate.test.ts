// Certificates in the union's name with a verification code, and /training verify: anyone can
// check a code; the answer names the person, the module and the date, nothing more; every check audited.
import { afterEach, describe, expect, it, vi } from "vitest";
import { data } from "../../db/data.ts";
import { readPdf } from "../report/pdf-text.ts";
import { buttonLabelled, textOf, trainingWorld } from "./helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await w?.store.close();
  w = undefined;
});

const answers = [
  "Listen, write down the facts and check the contract",
  "From the day the member knew or should have known about the problem",
  "The union, after talking it over with the member",
  "Keep it between you, the member and the people handling the case",
];

async function finish(w: W, who: string, locale = "en") {
  let step = (await w.run(who, "/training start steward-basics", locale)).reply;
  for (const a of answers) step = (await w.click(who, buttonLabelled(step, a).token)).reply;
  return step;
}

const auditRows = (w: W, action: string) => data(w.store).all<Record<string, unknown>>(`SELECT * FROM "AuditEntry" WHERE "action" = ?`, action);

describe("certificates", () => {
  it("say the union's name and carry a code that /training verify confirms, for anyone, with no other personal data", async () => {
    vi.stubEnv("UNION_NAME", "SEIU Local 503");
    w = await trainingWorld();
    const done = await finish(w, "maria");
    const pdf = await readPdf(done.files[0]!.data as Buffer);
    const text = pdf.text.join(" ").replace(/\s+/g, " ");
    expect(text).toContain("SEIU Local 503");
    expect(text).not.toContain("unionhall");
    const code = /Verification code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2})/.exec(text)?.[1];
    expect(code).toBeDefined();

    const check = textOf((await w.run("sam", `/training verify ${code!.toLowerCase()}`)).reply);
    expect(check).toContain(`Genuine: certificate ${code} from SEIU Local 503 says Maria Alvarez completed “Steward basics” on Mon, Nov 23, 2026.`);
    expect(check).not.toMatch(/100001|SL-083|steward-basics|@/);
    expect(await auditRows(w, "training.verify")).toHaveLength(1);
  });

  it("an unknown or mistyped code is told plainly, changes nothing and is audited", async () => {
    w = await trainingWorld();
    const r = textOf((await w.run("sam", "/training verify ABCD-EFGH-JK")).reply);
    expect(r).toContain("No certificate has the code ABCD-EFGH-JK");
    expect(textOf((await w.run("sam", "/training verify x")).reply)).toContain("No certificate has the code x");
    expect(await auditRows(w, "training.verify.unknown")).toHaveLength(2);
  });

  it("each completion gets its own code; a certificate in Chinese verifies too", async () => {
    w = await trainingWorld();
    await finish(w, "maria");
    await finish(w, "sam");
    const codes = await data(w.store).all<{ code: string }>(`SELECT "code" FROM "TrainingCertificate"`);
    expect(new Set(codes.map((c) => c.code)).size).toBe(2);
    const zh = textOf((await w.run("maria", `/training verify ${codes[0]!.code}`, "zh-Hans")).reply);
    expect(zh).toContain("真实");
    expect(zh).toContain("Steward basics");
  });
});
