// Typed command arguments. Each spec holds its zod schema plus what adapters need to offer it
// natively: a Slack text token, a Discord option (string, integer, boolean, user, channel,
// choices, autocomplete) or an HTML form field.
import { z } from "zod";

export type ArgKind = "string" | "integer" | "boolean" | "user" | "channel" | "member" | "choice" | "date";

export interface ArgSpec<T = unknown, R extends boolean = boolean> {
  kind: ArgKind;
  /** i18n key of the description shown in help, Discord option descriptions and form hints. */
  description: string;
  required: R;
  schema: z.ZodType<T>;
  choices?: readonly { value: string; label: string }[];
  /** The choices were declared without labels: the registry gives them `<area>.choices.<arg>.<value>` keys. */
  defaultLabels?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  /** The last string argument may take the rest of the text ("what happened …"). */
  rest?: boolean;
  /** Name of an autocomplete source (Discord autocomplete, playground suggestions). */
  autocomplete?: string;
  /** Typed "quoted phrases" reach the handler with their quotes (search queries). */
  keepQuotes?: boolean;
}

export type ArgSpecs = Record<string, ArgSpec>;
export type ArgValues<A extends ArgSpecs> = {
  [K in keyof A]: A[K] extends ArgSpec<infer T, infer R> ? (R extends true ? T : T | undefined) : never;
};

/** A chat user or a member number, as typed or picked. */
export type MemberRef = { userId: string } | { memberNumber: string };

/** `<@U123|maria>` (Slack), `<@123456789>` / `<@!123>` (Discord), `@handle` (playground) → the user id. */
export function parseUserMention(raw: string): string | null {
  const s = raw.trim();
  const m = /^<@!?([A-Za-z0-9._-]+)(?:\|[^>]*)?>$/.exec(s) ?? /^@([A-Za-z0-9._-]+)$/.exec(s);
  return m ? m[1]! : null;
}

const memberNumberRe = /^[A-Za-z]{0,3}-?\d{3,10}$/;

const optional = <T>(spec: ArgSpec<T, true>): ArgSpec<T, false> => ({ ...spec, required: false });

export const arg = {
  optional,
  string(description: string, o: { maxLength?: number; rest?: boolean; autocomplete?: string; min?: number; keepQuotes?: boolean } = {}): ArgSpec<string, true> {
    const maxLength = o.maxLength ?? 200;
    return {
      kind: "string",
      description,
      required: true,
      schema: z.string().trim().min(o.min ?? 1).max(maxLength),
      maxLength,
      rest: o.rest,
      autocomplete: o.autocomplete,
      keepQuotes: o.keepQuotes,
    };
  },
  integer(description: string, o: { min?: number; max?: number } = {}): ArgSpec<number, true> {
    let s = z.coerce.number().int();
    if (o.min !== undefined) s = s.min(o.min);
    if (o.max !== undefined) s = s.max(o.max);
    return { kind: "integer", description, required: true, schema: s, min: o.min, max: o.max };
  },
  boolean(description: string): ArgSpec<boolean, true> {
    const schema = z.union([
      z.boolean(),
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(["yes", "no", "true", "false", "y", "n", "on", "off"]))
        .transform((v) => ["yes", "true", "y", "on"].includes(v)),
    ]);
    return { kind: "boolean", description, required: true, schema };
  },
  /**
   * One of `values`. Labels are i18n keys so every reader sees them in their language: given one by
   * one, as a key prefix ("kb.kinds" → "kb.kinds.flyer"), or by default `<area>.choices.<arg>.<value>`
   * (filled in by the registry, which knows the area and the argument's name). Plain text (a language
   * named in itself) passes through untranslated.
   */
  choice<const V extends string>(description: string, values: readonly V[], labels?: Partial<Record<V, string>> | string): ArgSpec<V, true> {
    const labelOf = (v: V) => (typeof labels === "string" ? `${labels}.${v}` : labels?.[v]);
    return {
      kind: "choice",
      description,
      required: true,
      schema: z
        .string()
        .trim()
        .transform((v) => v.toLowerCase().replace(/[\s-]+/g, "_"))
        .pipe(z.enum(values as unknown as [V, ...V[]])),
      choices: values.map((v) => ({ value: v, label: labelOf(v) ?? v.replace(/_/g, " ") })),
      defaultLabels: labels === undefined,
    };
  },
  user(description: string): ArgSpec<string, true> {
    return {
      kind: "user",
      description,
      required: true,
      schema: z.string().transform((v, ctx) => {
        const id = parseUserMention(v);
        if (!id) {
          ctx.addIssue({ code: "custom", message: "core.args.notAUser" });
          return z.NEVER;
        }
        return id;
      }),
    };
  },
  channel(description: string): ArgSpec<string, true> {
    return {
      kind: "channel",
      description,
      required: true,
      schema: z.string().transform((v, ctx) => {
        const m = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(v.trim()) ?? /^#?([A-Za-z0-9_-]+)$/.exec(v.trim());
        if (!m) {
          ctx.addIssue({ code: "custom", message: "core.args.notAChannel" });
          return z.NEVER;
        }
        return m[1]!;
      }),
    };
  },
  member(description: string): ArgSpec<MemberRef, true> {
    return {
      kind: "member",
      description,
      required: true,
      schema: z.string().transform((v, ctx): MemberRef => {
        const user = parseUserMention(v);
        if (user) return { userId: user };
        const n = v.trim();
        if (memberNumberRe.test(n)) return { memberNumber: n.toUpperCase() };
        ctx.addIssue({ code: "custom", message: "core.args.notAMember" });
        return z.NEVER;
      }),
    };
  },
  date(description: string): ArgSpec<string, true> {
    return {
      kind: "date",
      description,
      required: true,
      schema: z
        .string()
        .trim()
        .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
          message: "core.args.notADate",
        }),
    };
  },
};

/** The zod object schema for a command's arguments. */
// A command's argument specs never change after start-up: build each schema once, not per call.
const compiledSchemas = new WeakMap<ArgSpecs, z.ZodObject>();

export function argsSchema(specs: ArgSpecs): z.ZodObject {
  let schema = compiledSchemas.get(specs);
  if (!schema) compiledSchemas.set(specs, (schema = buildArgsSchema(specs)));
  return schema;
}

function buildArgsSchema(specs: ArgSpecs): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(specs)) {
    // Empty strings from forms and adapters mean "not given".
    const base = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), spec.required ? spec.schema : spec.schema.optional());
    shape[name] = base;
  }
  return z.object(shape).strict();
}
