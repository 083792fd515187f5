// What a file really is, from its bytes, never its name: a program renamed "flyer.pdf" is refused.
// Allowed: PDF, PNG, JPEG, SVG (sent as a file, never shown inline where it could run script) and
// Word documents.
import type { FileMime } from "../core/reply.ts";
import { lazy } from "../core/lazy.ts";

const fileType = lazy<typeof import("file-type")>("file-type");

export type KbFileMime = Extract<FileMime, "application/pdf" | "image/png" | "image/jpeg" | "image/svg+xml" | "application/vnd.openxmlformats-officedocument.wordprocessingml.document">;

const EXTENSIONS: Record<KbFileMime, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/svg+xml": "svg",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

export type FileCheck = { ok: true; mime: KbFileMime; name: string } | { ok: false; reason: "empty" | "tooLarge" | "notAllowed" };

function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (!/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return false;
  return !bytes.includes(0);
}

/** The file's real type and a safe name with the matching extension. */
export async function checkFile(bytes: Buffer, name: string, maxBytes: number): Promise<FileCheck> {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > maxBytes) return { ok: false, reason: "tooLarge" };
  const detected = await fileType().fileTypeFromBuffer(bytes);
  let mime: KbFileMime | null = null;
  if (detected && detected.mime in EXTENSIONS) mime = detected.mime as KbFileMime;
  else if (!detected && looksLikeSvg(bytes)) mime = "image/svg+xml";
  if (!mime) return { ok: false, reason: "notAllowed" };
  const stem = (path(name).replace(/\.[A-Za-z0-9]{1,5}$/, "") || "file").replace(/[^\p{L}\p{N} ._-]+/gu, "_").slice(0, 80);
  return { ok: true, mime, name: `${stem}.${EXTENSIONS[mime]}` };
}

const path = (name: string) => name.split(/[\\/]/).pop() ?? name;
