// docs/discord.md lists every permission the invite link asks for, and why: the table is checked
// against the one permissions table (adapters/discord/permissions.ts).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DISCORD_PERMISSIONS } from "../../adapters/discord/permissions.ts";

const doc = fs.readFileSync(new URL("../../docs/discord.md", import.meta.url), "utf8");
const section = doc.slice(doc.indexOf("## What the bot asks for and why"));
const rows = [...section.matchAll(/^\| ([A-Z][A-Za-z ]+) \| (.+) \|$/gm)].map((m) => m[1]!.replace(/ /g, ""));

describe("docs/discord.md: the permissions table", () => {
  it("lists exactly the permissions of the invite link", () => {
    expect(rows.sort()).toEqual(Object.keys(DISCORD_PERMISSIONS).sort());
  });
  it("names the OAuth2 scopes and the only intent", () => {
    for (const w of ["`bot`", "`applications.commands`", "`Guilds`"]) expect(section).toContain(w);
  });
  it("the README's Discord section names them and links the page", () => {
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const p of ["View Channel", "Send Messages", "Embed Links", "Attach Files", "`Guilds`", "(docs/discord.md)"]) expect(readme).toContain(p);
  });
});
