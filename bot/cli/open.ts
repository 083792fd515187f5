// Opens the store the bot uses (DATABASE_URL, validated like at start-up) for a CLI command.
import fs from "node:fs";
import { loadConfig } from "../config.ts";
import { openStore, type Store } from "../../db/store.ts";
import { personByNumber, type PersonRecord } from "../../db/people.ts";
import { data } from "../../db/data.ts";

export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The member with this number, or null after saying so on stderr. */
export async function memberOrComplain(store: Store, memberNumber: string): Promise<PersonRecord | null> {
  const person = await personByNumber(data(store), memberNumber);
  if (!person) console.error(`No member with number ${memberNumber}.`);
  return person;
}

/** `--name value` and `--flag` options plus positional arguments. */
export function parseFlags(args: string[]): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2) as [string, string | undefined];
      if (v !== undefined) flags[k] = v;
      else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith("--")) flags[k] = args[++i]!;
      else flags[k] = true;
    } else positional.push(a);
  }
  return { flags, positional };
}

/**
 * The CSV file named by an import command (`NAME FILE.csv [--flags]`): its text and flags, or an
 * exit code after saying on stderr what is missing.
 */
export function csvFileArgument(name: string, args: string[]): { text: string; flags: Record<string, string | true> } | number {
  const { flags, positional } = parseFlags(args);
  const file = positional[0];
  if (!file) {
    console.error(`Usage: npm run cli -- ${name} FILE.csv [--skip-bad-rows]`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  return { text: fs.readFileSync(file, "utf8"), flags };
}
