import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config.ts";
import { thrown } from "../helpers/thrown.ts";

describe("configuration", () => {
  it("defaults to the playground on the embedded database, on this machine only", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATABASE_URL: "file:./data/unionhall.db", PORT: 3000, playgroundEnabled: true, slackEnabled: false, discordEnabled: false, host: "127.0.0.1" });
  });

  it("turns the playground off and listens publicly when a chat platform is configured", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" });
    expect(c).toMatchObject({ slackEnabled: true, playgroundEnabled: false, host: "0.0.0.0" });
  });

  it("reports one readable line per bad variable", () => {
    const e = thrown(() => loadConfig({ PORT: "eighty", SLACK_BOT_TOKEN: "abc", UNION_TIME_ZONE: "Mars/Olympus", DATABASE_URL: "postgres://x" }));
    expect(e).toBeInstanceOf(ConfigError);
    const problems = (e as ConfigError).problems.join("\n");
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^SLACK_BOT_TOKEN: must start with xoxb-/m);
    expect(problems).toMatch(/^UNION_TIME_ZONE: must be an IANA time zone/m);
    expect(problems).toMatch(/^DATABASE_URL: must be a SQLite file URL/m);
  });

  it("rejects a malformed member-data key without echoing it", () => {
    const e = thrown(() => loadConfig({ MEMBER_DATA_KEY: "k1:c2VjcmV0LWtleS10b28tc2hvcnQ=" }));
    expect(e).toBeInstanceOf(ConfigError);
    const problems = (e as ConfigError).problems.join("\n");
    expect(problems).toMatch(/^MEMBER_DATA_KEY: .*32 bytes/m);
    expect(problems).not.toContain("c2VjcmV0");
  });
});
