// Files people attach in a modal's file upload. Discord hands over attachment addresses on its
// CDN; the bytes are fetched once, and a file over the limit is refused by its stated size first.
import type { UploadedFile } from "../../commands/core/command.ts";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export async function fetchDiscordUploads(attached: Record<string, { name: string; url: string; size: number }[]>): Promise<Record<string, UploadedFile[]> | undefined> {
  const fields = Object.entries(attached).filter(([, list]) => list.length > 0);
  if (fields.length === 0) return undefined;
  const out: Record<string, UploadedFile[]> = {};
  for (const [field, list] of fields) {
    out[field] = [];
    for (const a of list) {
      // Too large or unreachable: the form sees no file and says so in the person's language.
      if (a.size > MAX_UPLOAD_BYTES) continue;
      const res = await fetch(a.url).catch(() => null);
      if (!res?.ok) continue;
      const data = Buffer.from(await res.arrayBuffer());
      if (data.length <= MAX_UPLOAD_BYTES) out[field].push({ name: a.name, data });
    }
  }
  return out;
}
