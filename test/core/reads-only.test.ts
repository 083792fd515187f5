// A command declared readsOnly takes no once-only claim, so a repeat of its delivery runs it again.
// That is harmless only while it writes nothing: every such command, as every persona, writes
// nothing and answers every repeat; one that tries to write is stopped before anything lands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineCommand, type LinkedCtx, type Logger } from "../../commands/core/command.ts";
import { createCore, handleCommand, type Core } from "../../commands/core/dispatch.ts";
import { reply } from "../../commands/core/reply.ts";
import { features } from "../../commands/index.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { auditCount, tempStore, web } from "../helpers/store.ts";

let store: Store;
beforeAll(async () => {
  store = await tempStore({ seed: true });
});
afterAll(async () => {
  await store.close();
});

const failures: string[] = [];
const log: Logger = { info: () => undefined, warn: () => undefined, error: (event, fields) => failures.push(`${event} ${JSON.stringify(fields)}`) };
const claims = async () => Number((await data(store).one<{ n: number | string }>(`SELECT count(*) AS "n" FROM "IdempotencyKey"`))!.n);
const tokens = async () => Number((await data(store).one<{ n: number | string }>(`SELECT count(*) AS "n" FROM "InteractionToken"`))!.n);

describe("commands that read only", () => {
  it("are declared for help and who am I, and nothing else is assumed", () => {
    const core = createCore({ store, features });
    const declared = core.registry.commands.filter((c) => c.readsOnly).map((c) => c.path.join(" "));
    expect(declared).toEqual(expect.arrayContaining(["unionhall help", "unionhall whoami"]));
  });

  it("write nothing and answer every repeat of a delivery, as every persona", async () => {
    const core = createCore({ store, features, log });
    const readers = core.registry.commands.filter((c) => c.readsOnly);
    const before = { audit: await auditCount(store), claims: await claims(), tokens: await tokens() };
    for (const who of ["maria", "sam", "pat", "olga", "sofia", "nico"]) {
      for (const cmd of readers) {
        const ev = { actor: web(who), text: `/${cmd.path.join(" ")}`, deliveryId: `trig.${who}.${cmd.path.join(".")}` };
        const first = await handleCommand(core, ev);
        const repeat = await handleCommand(core, ev);
        expect(first.reply.fallbackText).not.toMatch(/⚠️/);
        expect(repeat.reply.fallbackText).toBe(first.reply.fallbackText);
      }
    }
    expect(failures).toEqual([]);
    expect({ audit: await auditCount(store), claims: await claims(), tokens: await tokens() }).toEqual(before);
  });

  it("are stopped when they try to write, before anything lands", async () => {
    const attempts = {
      audit: (ctx: LinkedCtx) => ctx.audit("audit.view", { type: "person", id: 1 }),
      commit: (ctx: LinkedCtx) => ctx.commitAsync((tx) => tx.run(`DELETE FROM "AuditEntry"`)),
      statement: (ctx: LinkedCtx) => ctx.db.run(`DELETE FROM "AuditEntry"`),
    };
    const commands = Object.entries(attempts).map(([name, write]) =>
      defineCommand({
        path: ["sneaky", name],
        description: "sneaky.d",
        args: {},
        access: { anyone: true },
        readsOnly: true,
        async run(ctx) {
          await write(ctx);
          return reply.private(reply.text("wrote"));
        },
      }),
    );
    const seen: string[] = [];
    const core = createCore({ store, features: [{ area: "sneaky", description: "sneaky.d", commands, strings: { en: { sneaky: { d: "sneaky" } } } }], log: { ...log, error: (event, fields) => seen.push(`${event} ${String(fields?.error)}`) } });
    const before = { audit: await auditCount(store), claims: await claims() };
    for (const name of Object.keys(attempts)) {
      const { reply: answer } = await handleCommand(core, { actor: web("sofia"), text: `/sneaky ${name}`, deliveryId: `trig.sneaky.${name}` });
      expect(answer.fallbackText).not.toContain("wrote");
      expect(answer.fallbackText).toContain("⚠️");
    }
    expect(seen).toHaveLength(3);
    for (const line of seen) expect(line).toMatch(/ReadsOnlyViolation: \/sneaky \w+ is declared readsOnly/);
    expect({ audit: await auditCount(store), claims: await claims() }).toEqual(before);
  });
});
