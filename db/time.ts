// DateTime values as the Prisma SQLite adapter stores them (ISO 8601 with an explicit +00:00),
// so raw SQL can compare them as text with Prisma-written rows.
export function dbTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

export function fromDbTime(s: string): Date {
  return new Date(s);
}
