// The shape of every interaction Discord delivers, checked before discord.js builds its objects
// from it: a malformed packet is dropped with a warning naming the bad fields, instead of throwing
// inside discord.js (an unhandled rejection that would take the process down) or reaching the core.
// Only what discord.js and the adapter read is required; everything else passes through.
import { z } from "zod";

const snowflake = z.string().regex(/^\d{1,20}$/);
const user = z.looseObject({ id: snowflake });

type Option = { name: string; type: number; value?: unknown; focused?: boolean; options?: Option[] };
const option: z.ZodType<Option> = z.lazy(() =>
  z.looseObject({
    name: z.string().min(1).max(32),
    type: z.number().int().min(1).max(11),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).max(25).optional(),
  }),
);

const base = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  locale: z.string().max(16).optional(),
  // In a server the person is `member.user`; in a direct message, `user`.
  user: user.optional(),
  member: z.looseObject({ user }).optional(),
};
const withPerson = <T extends z.ZodType<{ user?: unknown; member?: unknown }>>(s: T) =>
  s.refine((i) => i.user !== undefined || i.member !== undefined, { message: "no user or member", path: ["user"] });

const command = z.looseObject({ id: snowflake, name: z.string().min(1).max(32), type: z.number().int().optional(), options: z.array(option).max(25).optional() });

export const discordInteraction = z.discriminatedUnion("type", [
  z.looseObject({ ...base, type: z.literal(1) }),
  withPerson(z.looseObject({ ...base, type: z.literal([2, 4]), data: command })),
  withPerson(
    z.looseObject({
      ...base,
      type: z.literal(3),
      data: z.looseObject({ custom_id: z.string().min(1).max(100), component_type: z.number().int(), values: z.array(z.string().max(100)).max(25).optional() }),
      message: z.looseObject({ id: snowflake }).optional(),
    }),
  ),
  withPerson(
    z.looseObject({
      ...base,
      type: z.literal(5),
      data: z.looseObject({ custom_id: z.string().min(1).max(100), components: z.array(z.looseObject({})).max(5) }),
      message: z.looseObject({ id: snowflake }).optional(),
    }),
  ),
]);

/** The fields at fault in a malformed interaction (names only, never values); null when it is well-formed. */
export function malformedInteraction(data: unknown): string[] | null {
  const parsed = discordInteraction.safeParse(data);
  if (parsed.success) return null;
  return [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(interaction)"))].slice(0, 5);
}
