// The arrows point inward: an area imports only the core and the data layer, never another area
// (it reacts to another through a Feature hook or a core service); the core imports no area; the
// data layer imports nothing under commands/; an adapter imports only the core (never an area, never the data
// layer: it translates, and every rule and every read stays behind the core). A new import that
// breaks this fails here, naming file and line.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "generated" || name === "migrations" || name === "migrations-postgres" ? [] : sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Every relative import of a file, as a path from the repository root, with its line. */
function importsOf(file: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, i) => {
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) out.push({ target: relative(root, resolve(dirname(file), m[1]!)), line: i + 1 });
    });
  return out;
}

const areaOf = (path: string) => /^commands\/([^/]+)\//.exec(path)?.[1];

function violations(dir: string, allowed: (from: string, to: string) => boolean): string[] {
  return sources(join(root, dir)).flatMap((file) => {
    const from = relative(root, file);
    return importsOf(file)
      .filter((i) => !allowed(from, i.target))
      .map((i) => `${from}:${i.line} imports ${i.target}`);
  });
}

describe("import arrows", () => {
  it("an area imports only the core, the data layer and itself", () => {
    const bad = violations("commands", (from, to) => {
      const fromArea = areaOf(from);
      if (!fromArea || fromArea === "core") return true;
      const toArea = areaOf(to);
      return to.startsWith("db/") || toArea === "core" || toArea === fromArea || !to.startsWith("commands/");
    });
    expect(bad).toEqual([]);
  });

  it("the core imports no area", () => {
    const bad = violations("commands/core", (_from, to) => !to.startsWith("commands/") || areaOf(to) === "core");
    expect(bad).toEqual([]);
  });

  it("the data layer imports nothing under commands/, not even the core (pure helpers it needs live in db/)", () => {
    const bad = violations("db", (_from, to) => !to.startsWith("commands/"));
    expect(bad).toEqual([]);
  });

  it("an adapter imports only the core, its own files and the shared HTTP helpers", () => {
    const bad = violations("adapters", (from, to) => {
      const own = /^adapters\/[^/]+\//.exec(from)?.[0];
      return to.startsWith("commands/core/") || to === "adapters/http.ts" || (own !== undefined && to.startsWith(own));
    });
    expect(bad).toEqual([]);
  });

  it("an area's public pages reach the web only through its Feature, not an adapter importing the area", () => {
    // Guards the adapter rule against reading nothing: the public site is known to import the core's page model.
    expect(importsOf(join(root, "adapters/public/index.ts")).some((i) => i.target === "commands/core/public-page.ts")).toBe(true);
  });

  it("the check itself sees an area importing another", () => {
    // Guards the test against reading nothing: the grievance area is known to import its own model.
    expect(importsOf(join(root, "commands/grievance/case.ts")).some((i) => i.target === "commands/grievance/model.ts")).toBe(true);
  });
});

// A promise nobody awaits runs on after its command has answered: its failure is lost, its write
// may land after the reply (or never), and a check that throws inside it refuses nothing. Every
// call whose value is a promise is awaited, returned, passed on, or handled (`.catch`, `.then`
// with a rejection handler); an explicit `void` says the result is deliberately not waited for.
// The type checker finds them all, not only the names one thought of.

function floatingPromises(files: string[]): string[] {
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const isPromise = (n: ts.Node) => checker.getTypeAtLocation(n).getProperty("then") !== undefined;
  // `.catch(f)`, `.then(f, g)`, and `.finally(f)` after either: the rejection has somewhere to go.
  const handled = (e: ts.Expression): boolean => {
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
    const method = e.expression.name.text;
    return method === "catch" || (method === "then" && e.arguments.length === 2) || (method === "finally" && handled(e.expression.expression));
  };
  const bad: string[] = [];
  for (const sf of program.getSourceFiles()) {
    const file = relative(root, sf.fileName);
    if (sf.isDeclarationFile || file.startsWith("node_modules") || !files.includes(sf.fileName)) continue;
    const at = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).split("\n")[0]!.slice(0, 100)}`;
    const visit = (n: ts.Node) => {
      if (ts.isExpressionStatement(n)) {
        let e = n.expression;
        while (ts.isParenthesizedExpression(e)) e = e.expression;
        const assigns = ts.isBinaryExpression(e) && e.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && e.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
        if (!ts.isVoidExpression(e) && !assigns && !handled(e) && isPromise(e)) bad.push(at(n));
      }
      // `list.forEach((x) => write(x))`: a callback whose caller expects nothing back drops the promise.
      if (ts.isArrowFunction(n) && !ts.isBlock(n.body) && !handled(n.body) && !ts.isVoidExpression(n.body)) {
        const expected = checker.getContextualType(n);
        const returns = expected?.getCallSignatures().map((s) => s.getReturnType());
        if (returns?.length && returns.every((r) => r.flags & ts.TypeFlags.Void) && isPromise(n.body)) bad.push(at(n));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return bad;
}

// On SQLite a transaction holds the connection's lock until it ends: a call that opens a
// transaction of its own (ctx.audit, appendAuditAsync) made inside another's work waits for that
// lock for ever. Inside a transaction's work, an entry is written with ctx.auditIn / appendAuditIn.
const opensItsOwn = /(\.audit|(^|\.)appendAuditAsync)$/;
const opensTransaction = /(^|\.)(commitAsync|transaction|transactionAsync)$/;

function auditsInsideTransactions(files: string[]): string[] {
  const bad: string[] = [];
  for (const path of files) {
    const sf = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node, inWork: boolean) => {
      if (inWork && ts.isCallExpression(n) && opensItsOwn.test(n.expression.getText(sf)))
        bad.push(`${relative(root, path)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).split("\n")[0]!.slice(0, 100)}`);
      const work = ts.isFunctionLike(n) && n.parent && ts.isCallExpression(n.parent) && n.parent.arguments.includes(n as unknown as ts.Expression) && opensTransaction.test(n.parent.expression.getText(sf));
      ts.forEachChild(n, (c) => visit(c, inWork || !!work));
    };
    visit(sf, false);
  }
  return bad;
}

describe("promises", () => {
  const code = ["commands", "db", "bot", "adapters"].flatMap((d) => sources(join(root, d))).filter((f) => f.endsWith(".ts"));

  it("every promise the code makes is awaited, returned, passed on or handled", () => {
    expect(floatingPromises(code)).toEqual([]);
  }, 120_000);

  it("no transaction's work opens a transaction of its own for an audit entry", () => {
    expect(auditsInsideTransactions(code)).toEqual([]);
  });

  it("the checks see a floating audit entry and one written inside a transaction", () => {
    // Guards both checks against reading nothing: a planted file with each mistake is found.
    const dir = mkdtempSync(join(tmpdir(), "uh-float-"));
    const planted = join(dir, "planted.ts");
    writeFileSync(
      planted,
      [
        `import type { LinkedCtx } from "${join(root, "commands/core/command.ts")}";`,
        `import { appendAuditAsync } from "${join(root, "db/audit.ts")}";`,
        `import { cancelJob } from "${join(root, "db/jobs.ts")}";`,
        `export async function run(ctx: LinkedCtx, ids: number[]) {`,
        `  appendAuditAsync(ctx.store, { actor: "cli", action: "reminder.done" });`,
        `  ids.forEach((id) => cancelJob(ctx.store, id));`,
        `  void cancelJob(ctx.store, 1);`,
        `  await ctx.commitAsync(async () => { await appendAuditAsync(ctx.store, { actor: "cli", action: "reminder.done" }); });`,
        `  await ctx.commitAsync(async () => { await ctx.audit("reminder.done"); });`,
        `}`,
      ].join("\n"),
    );
    try {
      const rel = relative(root, planted);
      expect(floatingPromises([planted]).map((l) => l.replace(rel, "planted"))).toEqual([
        `planted:5: appendAuditAsync(ctx.store, { actor: "cli", action: "reminder.done" });`,
        `planted:6: (id) => cancelJob(ctx.store, id)`,
      ]);
      expect(auditsInsideTransactions([planted]).map((l) => l.replace(rel, "planted"))).toEqual([
        `planted:8: appendAuditAsync(ctx.store, { actor: "cli", action: "reminder.done" })`,
        `planted:9: ctx.audit("reminder.done")`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
