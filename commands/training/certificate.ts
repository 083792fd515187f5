// The small PDF certificate a person gets on finishing a module, in their language, in the union's
// name, with the code `/training verify CODE` and the public page /certificates check; and that check.
import { appendAuditAsync } from "../../db/audit.ts";
import { data, type Db } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { certificateByCode, listModules, moduleById } from "../../db/training.ts";
import { displayName, personById } from "../../db/people.ts";
import type { TrainingModuleRow } from "../../db/training.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { renderPdf, unionName } from "../core/pdf.ts";
import { reply, type FileAttachment } from "../core/reply.ts";
import { moduleFamily, readerVersion } from "./rules.ts";

/** The module's name as the reader knows it: its title in their language, else the original's. */
export async function titleForReader(db: Db, mod: TrainingModuleRow, language: string): Promise<string> {
  return readerVersion(await listModules(db), moduleFamily(mod), language)?.module.title ?? mod.title;
}

/** "ABCD-EFGH-JK": the stored code in groups, easier to read aloud and to type. */
export function shownCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export async function certificateFile(ctx: LinkedCtx, mod: TrainingModuleRow, at: Date, code: string): Promise<FileAttachment> {
  const union = unionName();
  const title = await titleForReader(ctx.db, mod, ctx.locale);
  const vars = { name: displayName(ctx.person), title, date: ctx.fmt.date(at) };
  const data = await renderPdf({
    title: ctx.t("training.certificate.title"),
    subtitle: `${union} · ${title}`,
    unionName: union,
    locale: ctx.locale,
    blocks: [
      { kind: "paragraph", text: ctx.t("training.certificate.text", vars) },
      { kind: "paragraph", text: ctx.t("training.certificate.issuedBy", { union }) },
      { kind: "heading", text: ctx.t("training.certificate.code", { code: shownCode(code) }) },
      { kind: "note", text: ctx.t("training.certificate.verifyHow", { code: shownCode(code) }) },
      { kind: "note", text: ctx.t("training.certificate.verifyPage", { url: certificatePageUrl(code) }) },
      { kind: "note", text: ctx.t("training.certificate.note", { slug: mod.slug, version: mod.version, member: ctx.person.memberNumber }) },
    ],
  });
  return { name: `certificate-${mod.slug}.pdf`, mime: "application/pdf", data, title: ctx.t("training.certificate.title") };
}

/** Where anyone can check a certificate on the web: PUBLIC_URL when set (an http(s) URL), else this machine. */
export function certificatePageUrl(code: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = env.PUBLIC_URL?.trim();
  const base = given && /^https?:\/\/[^\s/]+/.test(given) ? given.replace(/\/+$/, "") : `http://localhost:${env.PORT && /^\d{1,5}$/.test(env.PORT) ? env.PORT : "3000"}`;
  return `${base}/certificates?code=${shownCode(code)}`;
}

/** What the public page may say about a certificate: only what the certificate itself shows. */
export interface CertificateCheck {
  code: string;
  holder: string;
  moduleTitle: string;
  completedAt: Date;
  union: string;
}

/**
 * The public page's check of a typed code: the certificate's own words (holder, module, date,
 * union), never anything else about the person. Audited like the chat check, as done by the public.
 */
export async function checkCertificate(store: Store, typed: string, now: Date): Promise<CertificateCheck | null> {
  const cert = await certificateByCode(data(store), typed);
  const person = cert ? await personById(data(store), cert.personId) : null;
  if (!cert || !person) {
    await appendAuditAsync(store, { actor: "public", action: "training.verify.unknown", subjectType: "training_certificate", subjectId: typed.slice(0, 40), at: now, details: { via: "page" } });
    return null;
  }
  await appendAuditAsync(store, { actor: "public", action: "training.verify", subjectType: "training_certificate", subjectId: cert.code, at: now, details: { via: "page" } });
  return { code: shownCode(cert.code), holder: displayName(person), moduleTitle: cert.moduleTitle, completedAt: new Date(cert.completedAt), union: unionName() };
}

/**
 * `/training verify CODE`: whether a certificate is genuine, with the three things it states (the
 * person's name, the module, the date) and nothing else about anyone. Every check is audited.
 */
export const verifyCommand = defineCommand({
  path: ["training", "verify"],
  description: "training.verify.description",
  args: { code: arg.string("training.verify.argCode", { maxLength: 40 }) },
  access: { linked: true },
  examples: ["training.verify.example"],
  async run(ctx, { code }) {
    const cert = await certificateByCode(ctx.db, code);
    const person = cert ? await personById(ctx.db, cert.personId) : null;
    if (!cert || !person) {
      await ctx.audit("training.verify.unknown", { type: "training_certificate", id: code.slice(0, 40) });
      return reply.private(reply.text(`❌ ${ctx.t("training.verify.unknown", { code: code.slice(0, 40) })}`));
    }
    await ctx.audit("training.verify", { type: "training_certificate", id: cert.code });
    const mod = await moduleById(ctx.db, cert.moduleId);
    return reply.private(
      reply.text(
        `✅ ${ctx.t("training.verify.genuine", { code: shownCode(cert.code), name: displayName(person), title: cert.moduleTitle, date: ctx.fmt.date(new Date(cert.completedAt)), union: unionName() })}`,
      ),
      ...(mod && mod.version !== cert.moduleVersion ? [reply.context(ctx.t("training.verify.olderVersion", { version: cert.moduleVersion }))] : []),
    );
  },
});
