// Files people attach to a modal's file input. Slack sends only their ids; the bytes are fetched
// with the bot token from the address files.info gives (never from an address in the payload).
import type { UploadedFile } from "../../commands/core/command.ts";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

interface FilesClient {
  files: { info(args: { file: string }): Promise<{ ok?: boolean; file?: { name?: string; size?: number; url_private_download?: string } }> };
}

export class UploadTooLarge extends Error {}

/** Fetches every attached file; a file over the limit is refused before it is downloaded. */
export async function fetchSlackUploads(client: FilesClient, token: string, ids: Record<string, string[]>): Promise<Record<string, UploadedFile[]>> {
  const out: Record<string, UploadedFile[]> = {};
  for (const [field, list] of Object.entries(ids)) {
    out[field] = [];
    for (const id of list.slice(0, 1)) {
      const { file } = await client.files.info({ file: id });
      if (!file?.url_private_download) throw new Error("file has no download address");
      if ((file.size ?? 0) > MAX_UPLOAD_BYTES) throw new UploadTooLarge(field);
      const res = await fetch(file.url_private_download, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`file download answered ${res.status}`);
      const data = Buffer.from(await res.arrayBuffer());
      if (data.length > MAX_UPLOAD_BYTES) throw new UploadTooLarge(field);
      out[field].push({ name: file.name ?? "file", data });
    }
  }
  return out;
}
