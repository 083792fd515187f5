// The public certificate check at /certificates?code=ABCD-EFGH-JK, linked from every certificate:
// anyone holding a certificate (an employer, a member) can confirm it is genuine. It shows only what
// the certificate itself says (who, which module, when, which union); every check is audited by
// checkCertificate, and the answer is never stored anywhere nor listed by search engines.
import type { PublicBlock, PublicCtx, PublicDocument, PublicPage } from "../core/public-page.ts";
import { checkCertificate } from "./certificate.ts";

const base = "/certificates";

function document(ctx: PublicCtx, status: PublicDocument["status"], self: string, main: PublicBlock[]): PublicDocument {
  const { t } = ctx;
  return { kind: "document", status, caching: { kind: "no-store" }, locale: ctx.locale, title: t("training.page.title"), heading: t("training.page.title"), self, languagesLabel: t("training.page.language"), noIndex: true, main };
}

async function checkPage(ctx: PublicCtx, query: URLSearchParams): Promise<PublicDocument> {
  const { t, fmt } = ctx;
  const typed = (query.get("code") ?? "").trim().slice(0, 40);
  const check = typed ? await checkCertificate(ctx.store, typed, ctx.clock.now()) : null;
  const result: PublicBlock[] = !typed
    ? []
    : check
      ? [
          {
            kind: "section",
            id: "result",
            level: 2,
            heading: [`✅ ${t("training.page.genuine")}`],
            highlight: true,
            status: true,
            blocks: [
              {
                kind: "definitions",
                items: [
                  { term: [t("training.page.code")], detail: [check.code] },
                  { term: [t("training.page.holder")], detail: [check.holder] },
                  { term: [t("training.page.module")], detail: [check.moduleTitle] },
                  { term: [t("training.page.date")], detail: [{ text: fmt.date(check.completedAt), time: check.completedAt.toISOString().slice(0, 10) }] },
                  { term: [t("training.page.union")], detail: [check.union] },
                ],
              },
            ],
          },
        ]
      : [{ kind: "section", id: "result", level: 2, heading: [`❌ ${t("training.page.unknownTitle")}`], highlight: true, status: true, blocks: [{ kind: "paragraph", content: [t("training.verify.unknown", { code: typed })] }] }];
  return document(ctx, typed && !check ? 404 : 200, typed ? `${base}?code=${encodeURIComponent(typed)}` : base, [
    { kind: "paragraph", look: "intro", content: [t("training.page.intro")] },
    ...result,
    {
      kind: "form",
      action: base,
      field: { name: "code", label: t("training.page.label"), value: typed, maxLength: 40, placeholder: "ABCD-EFGH-JK", required: true },
      hidden: ctx.locale === "en" ? [] : [{ name: "lang", value: ctx.locale }],
      submit: t("training.page.check"),
    },
    { kind: "paragraph", look: "meta", content: [t("training.page.privacy")] },
  ]);
}

export const certificatePages: PublicPage[] = [
  { prefix: base, path: /^\/?$/, answer: (ctx, req) => checkPage(ctx, req.query) },
  { prefix: base, path: /^/, answer: (ctx) => document(ctx, 404, base, [{ kind: "paragraph", content: [ctx.t("training.page.notFound")] }]) },
];
