// What the public project page shows, assembled for one reader's language: the timeline (with each
// step's effective status), the updates, and the published questions. No member data: updates and
// answers carry no names, questions never say who asked.
import { lastChange, latestUpdates, milestones, publishedQuestions, updateById, updateCount, type UpdateRow } from "../../db/project.ts";
import type { Store } from "../../db/store.ts";
import { data } from "../../db/data.ts";
import { createFormatter, type Formatter } from "../core/format.ts";
import type { Translate, Translator } from "../core/i18n.ts";
import { effectiveStatus, type Status } from "./rules.ts";
import { updatesForReader, type ReaderText } from "./languages.ts";

export interface PageMilestone {
  key: string;
  phase: number;
  kind: "milestone" | "deliverable";
  title: string;
  plain: string;
  status: Status;
  statusLabel: string;
  targetDate: string | null;
  doneOn: string | null;
  when: string;
}

export interface ProjectPage {
  locale: string;
  t: Translate;
  fmt: Formatter;
  /** A fingerprint of everything shown: changes the moment anything is posted. */
  version: string;
  milestones: PageMilestone[];
  /** One page of updates, newest first, each in this page's language (or the original with a note); older ones on the next page. */
  updates: (UpdateRow & ReaderText)[];
  pageNo: number;
  pages: number;
  questions: { id: number; question: string; answer: string; publishedAt: string }[];
}

/** Updates per page, on the public page and in the feed. */
export const UPDATES_PER_PAGE = 20;

export async function projectPage(store: Store, translator: Translator, timeZone: string, locale: string, now: Date, pageNo = 1): Promise<ProjectPage> {
  const db = data(store);
  const t = translator.forLocale(locale);
  const fmt = createFormatter(locale, timeZone);
  const today = fmt.localDay(now);
  const ms = (await milestones(db)).map((m): PageMilestone => {
    const status = effectiveStatus(m, today);
    const when = m.status === "done" && m.doneOn ? t("project.timeline.doneOn", { date: fmt.date(m.doneOn) }) : m.targetDate ? t("project.timeline.target", { date: fmt.date(m.targetDate) }) : t("project.timeline.noDate");
    return { key: m.key, phase: m.phase, kind: m.kind, title: t(`project.milestones.${m.key}.title`), plain: t(`project.milestones.${m.key}.plain`), status, statusLabel: t(`project.status.${status}`), targetDate: m.targetDate, doneOn: m.doneOn, when };
  });
  const questions = (await publishedQuestions(db)).map((q) => ({ id: q.id, question: q.question, answer: q.answer ?? "", publishedAt: q.publishedAt! }));
  const pages = Math.max(1, Math.ceil((await updateCount(db)) / UPDATES_PER_PAGE));
  const at = Math.min(Math.max(1, Math.trunc(pageNo)), pages);
  // Each update in this page's language: a translation staff added, a timeline change made for it, else the original.
  const updates = await updatesForReader(db, t, fmt, locale, await latestUpdates(db, UPDATES_PER_PAGE, (at - 1) * UPDATES_PER_PAGE));
  return { locale, t, fmt, version: `${await lastChange(db)}|${today}|${locale}|${at}`, milestones: ms, updates, pageNo: at, pages, questions };
}

/** One update, in the reader's language when a reader (the page being shown) is given. */
export async function projectUpdate(store: Store, id: number, reader: Pick<ProjectPage, "t" | "fmt" | "locale">): Promise<(UpdateRow & ReaderText) | undefined> {
  const u = await updateById(data(store), id);
  if (!u) return undefined;
  return (await updatesForReader(data(store), reader.t, reader.fmt, reader.locale, [u]))[0];
}
