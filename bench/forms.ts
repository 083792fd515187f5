// Forms benchmark (not a test): with BENCH_REPORTS slow `/report run` in flight (default 10), 20
// people type commands that open a form (`/rebate request`, `/event create`, `/project ask`),
// one every BENCH_GAP_MS (default 50), as signed Slack slash commands to the real bot (a child
// process) against the fake Slack of the tests (test/fakes/slack.ts) in this process. Slack lets a
// trigger_id open a view for 3 s; the fake's clock runs with real time here and notes how old each
// trigger was when views.open used it.
// Targets: every form opens within Slack's 3 s; p99 trigger-to-open ≤ 1 s.
// Run: `npm run bench -- forms`. BENCH_MEMBERS (default 70,000) sizes the local the reports read.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { data } from "../db/data.ts";
import { linkIdentity } from "../db/identities.ts";
import { personByNumber } from "../db/people.ts";
import { openStore } from "../db/store.ts";
import { FakeSlack } from "../test/fakes/slack.ts";
import { SLACK_LIMITS } from "../test/fakes/slack-rules.ts";
import { percentile, postSigned, round1, SECRET } from "./support/load.ts";
import { seedBenchDb } from "./support/seed.ts";
import { spawnChild } from "./support/spawn.ts";

const REPORTS = Number(process.env.BENCH_REPORTS ?? 10);
const FORMS = 20;
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 50);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 70_000);
const TARGET = { openP99Ms: 1000, windowMs: SLACK_LIMITS.triggerLifeMs };

/** Who opens which form: a treasurer files a payment request, staff create an event, a member asks the committee. */
const OPENERS = [
  { member: "100005", command: "/rebate", text: "request" },
  { member: "100007", command: "/event", text: "create" },
  { member: "100001", command: "/project", text: "ask" },
] as const;
const REPORTER = "100007";

interface Command {
  user: string;
  command: string;
  text: string;
}

/** A slash command as Slack sends it, with a fresh trigger_id and response_url from the fake. */
function commandBody(fake: FakeSlack, c: Command) {
  const responseUrl = fake.responseUrl();
  const triggerId = fake.rules.triggerId();
  const body = new URLSearchParams({
    token: "legacy",
    team_id: fake.teamId,
    team_domain: "union",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: c.user,
    user_name: c.user.toLowerCase(),
    command: c.command,
    text: c.text,
    api_app_id: "A0UNION",
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
  return { body, triggerId, responseId: responseUrl.split("/").pop()! };
}

/** Links one Slack user per command to the member who may run it. */
async function linkUsers(file: string, teamId: string, people: { user: string; member: string }[]): Promise<void> {
  const store = await openStore(`file:${file}`);
  try {
    for (const p of people) {
      const person = await personByNumber(data(store), p.member);
      if (!person) throw new Error(`no member ${p.member} in the bench database`);
      await linkIdentity(data(store), { platform: "slack", workspaceId: teamId, userId: p.user, personId: person.id, linkedVia: "admin" });
    }
  } finally {
    await store.close();
  }
}

export async function run(): Promise<object[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-forms-"));
  const fake = await new FakeSlack().start();
  const reports: Command[] = Array.from({ length: REPORTS }, (_, i) => ({ user: `UR${String(i).padStart(4, "0")}`, command: "/report", text: "run membership" }));
  const forms: (Command & { member: string })[] = Array.from({ length: FORMS }, (_, i) => ({ user: `UF${String(i).padStart(4, "0")}`, ...OPENERS[i % OPENERS.length]! }));
  const seeded = await seedBenchDb(dir, { members: MEMBERS, users: 0, history: 0 });
  await linkUsers(seeded.file, fake.teamId, [...reports.map((r) => ({ user: r.user, member: REPORTER })), ...forms]);
  for (const c of [...reports, ...forms]) fake.addUser({ id: c.user, name: c.user.toLowerCase() });
  const bot = await spawnChild(
    {
      DATABASE_URL: `file:${seeded.file}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      PLAYGROUND: "off",
      DEMO_DATA: "never",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_API_URL: fake.apiUrl,
      // Twenty people and one reporter in a second: the per-person limit has its own tests.
      RATE_LIMIT_PER_MINUTE: "6000",
      RATE_LIMIT_BURST: "1000",
    },
    false,
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  fake.rules.run();
  const started = performance.now();
  let reportIds: string[] = [];
  const triggers: string[] = [];
  let lastOpenAt = 0;
  let reportDone: number[] = [];
  try {
    // The slow work first: every report acknowledged, all of them still running.
    const sent = reports.map((r) => commandBody(fake, r));
    reportIds = sent.map((s) => s.responseId);
    await Promise.all(sent.map((s) => postSigned(agent, bot.port, s.body)));
    const opened = forms.map(async (f, i) => {
      await new Promise((r) => setTimeout(r, i * GAP_MS));
      const c = commandBody(fake, f);
      triggers.push(c.triggerId);
      await postSigned(agent, bot.port, c.body);
      await fake.waitFor(() => fake.rules.triggerAges.some((a) => a.triggerId === c.triggerId), `views.open for ${f.command} ${f.text}`, 15_000).catch(() => undefined);
      lastOpenAt = Math.max(lastOpenAt, performance.now());
    });
    await Promise.all(opened);
    // How long the reports took, to show they were in flight while the forms opened.
    reportDone = await Promise.all(
      reportIds.map((id) => fake.waitFor(() => fake.responses.some((r) => r.id === id) && performance.now(), `report ${id}`, 120_000).catch(() => NaN)),
    );
  } finally {
    agent.destroy();
    bot.proc.send({ type: "exit" });
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const ages = triggers.map((t) => fake.rules.triggerAges.find((a) => a.triggerId === t));
  const openMs = ages.filter((a) => a && !a.expired).map((a) => a!.ageMs).sort((a, b) => a - b);
  const withinWindow = openMs.length;
  const openP99 = openMs.length === FORMS ? round1(percentile(openMs, 99)) : NaN;
  const stillRunning = reportDone.filter((t) => !(t <= lastOpenAt)).length;
  return [
    {
      reports: REPORTS,
      forms: FORMS,
      members: MEMBERS,
      openP50Ms: round1(percentile(openMs, 50)),
      openP99Ms: openP99,
      openMaxMs: round1(openMs.at(-1) ?? NaN),
      withinWindow,
      expired: ages.filter((a) => a?.expired).length,
      neverOpened: ages.filter((a) => !a).length,
      reportsRunningAtLastOpen: stillRunning,
      reportP50Ms: round1(percentile(reportDone.map((t) => t - started).sort((a, b) => a - b), 50)),
      refusedBySlack: fake.rules.unexpected().length,
      figures: [
        { name: "forms: trigger-to-open p99", value: openP99, unit: "ms", target: `≤ ${TARGET.openP99Ms}`, met: openP99 <= TARGET.openP99Ms },
        { name: "forms: opened within Slack's 3 s", value: withinWindow, unit: `/${FORMS}`, target: `= ${FORMS}`, met: withinWindow === FORMS },
      ],
    },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "forms", ...r }));
}
