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
    const e = thrown(() => loadConfig({ PORT: "eighty", SLACK_BOT_TOKEN: "abc", UNION_TIME_ZONE: "Mars/Olympus", DATABASE_URL: "mysql://x" }));
    expect(e).toBeInstanceOf(ConfigError);
    const problems = (e as ConfigError).problems.join("\n");
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^SLACK_BOT_TOKEN: must start with xoxb-/m);
    expect(problems).toMatch(/^UNION_TIME_ZONE: must be an IANA time zone/m);
    expect(problems).toMatch(/^DATABASE_URL: must be a SQLite file URL/m);
  });

  it("accepts a PostgreSQL URL beside the SQLite file, and says both forms when neither is given", () => {
    for (const url of ["postgres://unionhall:pw@db.internal:5432/unionhall", "postgresql://localhost/unionhall?host=/run/postgresql", "file:/var/lib/unionhall/u.db"]) {
      expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
    for (const url of ["mysql://root:hunter2@db/unionhall", "postgres:unionhall", "postgres://", "./data/unionhall.db"]) {
      const problems = (thrown(() => loadConfig({ DATABASE_URL: url })) as ConfigError).problems;
      expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL: must be a SQLite file URL such as file:.*, or a PostgreSQL URL such as postgres:\/\//)]);
      // The line never repeats what was given: a URL may carry a password.
      expect(problems.join("\n")).not.toContain("hunter2");
    }
  });

  it("rejects a malformed member-data key without echoing it", () => {
    const e = thrown(() => loadConfig({ MEMBER_DATA_KEY: "k1:c2VjcmV0LWtleS10b28tc2hvcnQ=" }));
    expect(e).toBeInstanceOf(ConfigError);
    const problems = (e as ConfigError).problems.join("\n");
    expect(problems).toMatch(/^MEMBER_DATA_KEY: .*32 bytes/m);
    expect(problems).not.toContain("c2VjcmV0");
  });
});
