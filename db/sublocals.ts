import type { Store } from "./store.ts";

export async function listSubLocals(store: Store) {
  return store.prisma.subLocal.findMany({ orderBy: { code: "asc" } });
}

export async function subLocalByCode(store: Store, code: string) {
  return store.prisma.subLocal.findUnique({ where: { code } });
}

export async function upsertSubLocal(
  store: Store,
  s: { code: string; name: string; employer?: string | null; employerGroup?: string | null; region?: string | null },
) {
  return store.prisma.subLocal.upsert({ where: { code: s.code }, create: s, update: s });
}
