// Markdown with YAML front matter, read as written: the YAML 1.2 core schema has no timestamp type,
// so `2027-02-30` stays the text typed (js-yaml's default would make it a Date, rolled over to
// 2 March) and each importer checks its own dates and says what is wrong with them. The parsers
// load on first use (see lazy.ts).
import { lazy } from "./lazy.ts";

const matter = lazy<typeof import("gray-matter")>("gray-matter");
const yaml = lazy<typeof import("yaml")>("yaml");

const readYaml = (text: string) => (yaml().parse(text, { schema: "core" }) ?? {}) as object;

/** The front matter (plain values: strings, numbers, booleans, lists, maps) and the text after it. */
export function readFrontMatter(text: string): { data: Record<string, unknown>; content: string } {
  const parsed = matter()(text, { engines: { yaml: readYaml } });
  return { data: parsed.data as Record<string, unknown>, content: parsed.content };
}
