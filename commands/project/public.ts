// The project's public page: `/project` (updates, timeline, answered questions, "what this means
// for you"), `/project/updates/N`, an Atom feed and an iCalendar file of milestones. No member data:
// updates and answers carry no names, questions never say who asked (page.ts decides what is shown).
// Anyone may keep these pages but must ask again each time, so a new update shows the moment it is posted.
import type { Inline, PublicAnswer, PublicBlock, PublicCtx, PublicDocument, PublicPage, PublicRequest } from "../core/public-page.ts";
import { atomFeed, milestonesCalendar } from "./feeds.ts";
import { projectPage, projectUpdate, type ProjectPage } from "./page.ts";

type Update = ProjectPage["updates"][number];

function document(page: ProjectPage, base: string, status: PublicDocument["status"], version: string, title: string, self: string, main: PublicBlock[]): PublicDocument {
  const { t } = page;
  return {
    kind: "document",
    status,
    caching: { kind: "revalidate", version },
    locale: page.locale as PublicDocument["locale"],
    title,
    heading: t("project.page.title"),
    self,
    languagesLabel: t("project.page.language"),
    skipTo: { id: "updates", label: t("project.page.skip") },
    feed: { href: `${base}/feed.xml`, title: t("project.page.feed") },
    main,
    footer: [{ text: t("project.page.feed"), href: `${base}/feed.xml` }, " · ", { text: t("project.page.calendar"), href: `${base}/milestones.ics` }],
  };
}

function updateArticle(page: ProjectPage, u: Update, base: string, level: 2 | 3): PublicBlock {
  const { t, fmt } = page;
  // The text may be in another language than the page: say so in the page's language, and mark the text's own for screen readers.
  const lang = u.shownLanguage !== page.locale ? u.shownLanguage : undefined;
  const meta: Inline[] = [{ text: t("project.page.posted", { date: fmt.date(new Date(u.postedAt)) }), time: u.postedAt.slice(0, 10) }];
  if (u.correctedAt) meta.push(` · ${t("project.amend.correctedOn", { date: fmt.date(new Date(u.correctedAt)) })}`);
  if (u.phase) meta.push(` · ${t("project.phase", { n: u.phase })}`);
  return {
    kind: "section",
    as: "article",
    id: `u${u.id}`,
    level,
    heading: [{ text: u.title, href: `${base}/updates/${u.id}` }],
    headingLang: lang,
    lead: u.note ? [{ kind: "paragraph", look: "note", lang: page.locale, content: [u.note] }] : [],
    blocks: [
      { kind: "paragraph", look: "meta", content: meta },
      { kind: "markdown", text: u.summary, lang },
      ...(u.details ? [{ kind: "details" as const, summary: t("project.post.technical"), blocks: [{ kind: "markdown" as const, text: u.details, lang }] }] : []),
    ],
  };
}

function homeBlocks(page: ProjectPage, base: string): PublicBlock[] {
  const { t } = page;
  const timeline: PublicBlock[] = [1, 2, 3].flatMap((n): PublicBlock[] => [
    { kind: "heading", level: 3, content: [`${t("project.phase", { n })}: ${t(`project.phases.${n}`)}`] },
    {
      kind: "list",
      items: page.milestones
        .filter((m) => m.phase === n)
        .map((m) => ({
          tone: m.status,
          content: [{ text: m.statusLabel, look: "status" as const }, " ", { text: `${m.kind === "deliverable" ? `${t("project.timeline.deliverable")}: ` : ""}${m.title}`, strong: true }, " ", { text: `(${m.when})`, look: "when" as const }, { lineBreak: true }, { text: m.plain, look: "plain" as const }],
        })),
    },
  ]);
  const lang = page.locale === "en" ? "" : `&lang=${page.locale}`;
  const pager: Inline[] = [];
  if (page.pageNo > 1) pager.push({ text: t("project.page.newer"), rel: "prev", href: `${page.pageNo === 2 ? `${base}${lang ? `?${lang.slice(1)}` : ""}` : `${base}?page=${page.pageNo - 1}${lang}`}#updates` });
  if (page.pageNo < page.pages) pager.push({ text: t("project.updates.more"), rel: "next", href: `${base}?page=${page.pageNo + 1}${lang}#updates` });
  return [
    { kind: "paragraph", look: "intro", content: [t("project.page.intro")] },
    { kind: "section", id: "means", level: 2, heading: [t("project.page.meansTitle")], highlight: true, blocks: [{ kind: "paragraph", content: [t("project.page.means")] }] },
    {
      kind: "section",
      id: "updates",
      level: 2,
      focusable: true,
      heading: [t(page.pageNo > 1 ? "project.page.pageN" : "project.page.updates", { n: page.pageNo })],
      blocks: [
        ...(page.updates.length ? page.updates.map((u) => updateArticle(page, u, base, 3)) : [{ kind: "paragraph" as const, content: [t("project.updates.none")] }]),
        ...(pager.length ? [{ kind: "pager" as const, label: t("project.page.pageN", { n: page.pageNo }), links: pager }] : []),
      ],
    },
    { kind: "section", id: "timeline", level: 2, heading: [t("project.page.timeline")], blocks: timeline },
    {
      kind: "section",
      id: "qa",
      level: 2,
      heading: [t("project.page.questions")],
      blocks: [
        page.questions.length
          ? { kind: "definitions", items: page.questions.map((q) => ({ term: [{ text: `${t("project.page.q")}:`, look: "label" as const }, ` ${q.question}`], detail: [{ text: `${t("project.page.a")}:`, look: "label" as const }, " ", { markdown: q.answer }] })) }
          : { kind: "paragraph", content: [t("project.page.noQuestions")] },
        { kind: "paragraph", content: [t("project.page.ask")] },
      ],
    },
  ];
}

/** The page number asked for: 1 when none, 0 when it is not a page number at all. */
function wantedPage(query: URLSearchParams): number {
  const given = query.get("page");
  return given === null ? 1 : /^[1-9]\d{0,5}$/.test(given) ? Number(given) : 0;
}

async function pageFor(ctx: PublicCtx, req: PublicRequest): Promise<{ page: ProjectPage; wanted: number }> {
  const wanted = wantedPage(req.query);
  return { page: await projectPage(ctx.store, ctx.translator, ctx.timeZone, ctx.locale, ctx.clock.now(), wanted || 1), wanted };
}

function notFound(page: ProjectPage, base: string): PublicDocument {
  const { t } = page;
  return document(page, base, 404, "404", t("project.page.notFound"), base, [
    { kind: "heading", level: 2, content: [t("project.page.notFound")] },
    { kind: "paragraph", content: [{ text: t("project.page.back"), href: base }] },
  ]);
}

async function home(ctx: PublicCtx, req: PublicRequest): Promise<PublicAnswer> {
  const { page, wanted } = await pageFor(ctx, req);
  const base = req.prefix;
  if (page.pageNo !== wanted) return notFound(page, base);
  const title = page.pageNo > 1 ? page.t("project.page.pageN", { n: page.pageNo }) : page.t("project.page.title");
  return document(page, base, 200, page.version, title, page.pageNo > 1 ? `${base}?page=${page.pageNo}` : base, homeBlocks(page, base));
}

async function feed(ctx: PublicCtx, req: PublicRequest): Promise<PublicAnswer> {
  const { page, wanted } = await pageFor(ctx, req);
  if (page.pageNo !== wanted) return notFound(page, req.prefix);
  return { kind: "file", contentType: "application/atom+xml; charset=utf-8", body: atomFeed(page, req.publicUrl, req.prefix), caching: { kind: "revalidate", version: page.version } };
}

async function milestones(ctx: PublicCtx, req: PublicRequest): Promise<PublicAnswer> {
  const { page } = await pageFor(ctx, req);
  return { kind: "file", contentType: "text/calendar; charset=utf-8", body: milestonesCalendar(page, req.publicUrl, req.prefix, ctx.timeZone), caching: { kind: "revalidate", version: page.version } };
}

async function update(ctx: PublicCtx, req: PublicRequest, id: number): Promise<PublicAnswer> {
  const { page } = await pageFor(ctx, req);
  const base = req.prefix;
  const u = await projectUpdate(ctx.store, id, page);
  if (u?.withdrawnAt) {
    // Gone on purpose: the address says so (and why) instead of a bare "not found".
    const gone = page.t("project.amend.pageWithdrawn", { date: page.fmt.date(new Date(u.withdrawnAt)) });
    return document(page, base, 410, page.version, gone, `${base}/updates/${u.id}`, [
      { kind: "heading", level: 2, content: [gone] },
      { kind: "markdown", text: u.withdrawnReason ?? "" },
      { kind: "paragraph", content: [{ text: page.t("project.page.back"), href: `${base}#updates` }] },
    ]);
  }
  if (!u) return notFound(page, base);
  return document(page, base, 200, page.version, u.title, `${base}/updates/${u.id}`, [updateArticle(page, u, base, 2), { kind: "paragraph", content: [{ text: page.t("project.page.back"), href: `${base}#updates` }] }]);
}

const prefix = "/project";

export const projectPublicPages: PublicPage[] = [
  { prefix, path: /^\/?$/, answer: home },
  { prefix, path: /^\/feed\.xml$/, answer: feed },
  { prefix, path: /^\/milestones\.ics$/, answer: milestones },
  { prefix, path: /^\/updates\/(\d{1,9})$/, answer: (ctx, req, m) => update(ctx, req, Number(m[1])) },
  { prefix, path: /^/, answer: async (ctx, req) => notFound((await pageFor(ctx, req)).page, req.prefix) },
];
