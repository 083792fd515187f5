// docs/slack.md lists every bot scope the manifest asks for, and why: the table is checked against
// the one scopes table (adapters/slack/scopes.ts), so a scope added to the code shows up here first.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SLACK_BOT_SCOPES } from "../../adapters/slack/manifest.ts";
import { scopeReasons, SLACK_METHOD_SCOPES } from "../../adapters/slack/scopes.ts";

const doc = fs.readFileSync(new URL("../../docs/slack.md", import.meta.url), "utf8");
const section = doc.slice(doc.indexOf("## Bot scopes and why"));
const rows = new Map([...section.matchAll(/^\| `([a-z:.]+)` \| (.+) \|$/gm)].map((m) => [m[1]!, m[2]!]));

describe("docs/slack.md: the scopes table", () => {
  it("lists exactly the scopes of the manifest", () => {
    expect([...rows.keys()].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
  });

  it("says why for each: every Web API method that needs the scope is named in its row", () => {
    const unnamed = SLACK_BOT_SCOPES.flatMap((scope) =>
      scopeReasons(scope)
        .filter((m) => m in SLACK_METHOD_SCOPES)
        .filter((m) => !rows.get(scope)?.includes(`\`${m}\``))
        .map((m) => `${scope}: ${m}`),
    );
    expect(unnamed).toEqual([]);
  });

  it("names the methods that need no scope, and what an admin does instead of inviting the bot", () => {
    for (const [m, scope] of Object.entries(SLACK_METHOD_SCOPES)) if (scope === null) expect(section).toContain(`\`${m}\``);
    expect(section).toContain("`chat:write.public`");
    expect(SLACK_BOT_SCOPES).not.toContain("chat:write.public");
    expect(doc).toContain("/invite @unionhall");
  });
});

describe("the README's Slack section", () => {
  const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  it("names every scope, the invitation and chat:write.public, and links the page", () => {
    for (const scope of SLACK_BOT_SCOPES) expect(readme).toContain(`\`${scope}\``);
    expect(readme).toContain("/invite @unionhall");
    expect(readme).toContain("`chat:write.public`");
    expect(readme).toContain("(docs/slack.md)");
    expect(readme.split("\n").length).toBeLessThan(250);
  });
});
