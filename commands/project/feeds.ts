// The project's updates as an Atom feed and its milestones as an iCalendar file, for feed readers
// and calendar apps. Addresses come from PUBLIC_URL only, never from the request.
import { unionName } from "../core/pdf.ts";
import { lazy } from "../core/lazy.ts";
import type { ProjectPage } from "./page.ts";

const icalGenerator = lazy<typeof import("ical-generator")>("ical-generator");

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** Text for XML: escaped, and without the control characters XML 1.0 cannot carry at all. */
const xmlText = (s: string) => esc(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""));

/**
 * The Atom feed (RFC 4287) of one page of updates. Every title, summary and content is escaped text
 * (`type="text"`), so a feed reader shows `<img …>` as the characters typed, never as an element.
 * Without PUBLIC_URL links are relative (resolved against the feed's own address by the reader) and
 * ids are tag URIs that no request can change. Older updates are on `feed.xml?page=N`, linked as
 * `next`/`previous` (RFC 5005 paging).
 */
export function atomFeed(page: ProjectPage, publicUrl: string | undefined, base: string): string {
  const { t } = page;
  const origin = publicUrl ?? "";
  const link = (p: string) => xmlText(`${origin}${base}${p}`);
  const id = (p: string) => xmlText(publicUrl ? `${publicUrl}${base}${p}` : `tag:unionhall,2024:project${p}`);
  const updated = page.updates.length ? new Date(Math.max(...page.updates.map((u) => new Date(u.correctedAt ?? u.postedAt).getTime()))) : new Date("2024-11-29T00:00:00Z");
  const feedPage = (n: number) => `/feed.xml${n > 1 ? `?page=${n}` : ""}${page.locale !== "en" ? `${n > 1 ? "&amp;" : "?"}lang=${page.locale}` : ""}`;
  const paging = [
    page.pageNo > 1 ? `<link rel="previous" href="${link(feedPage(page.pageNo - 1))}"/>` : "",
    page.pageNo < page.pages ? `<link rel="next" href="${link(feedPage(page.pageNo + 1))}"/>` : "",
    page.pages > 1 ? `<link rel="first" href="${link(feedPage(1))}"/><link rel="last" href="${link(feedPage(page.pages))}"/>` : "",
  ].join("");
  const entries = page.updates.map((u) => {
    // A feed reader shows the summary alone: the note (not in the reader's language, or behind the original) leads it.
    const summary = u.note ? `${u.note}\n\n${u.summary}` : u.summary;
    const text = u.details ? `${summary}\n\n${u.details}` : summary;
    return `<entry${u.shownLanguage !== page.locale ? ` xml:lang="${xmlText(u.shownLanguage)}"` : ""}>
<title type="text">${xmlText(u.title)}</title>
<id>${id(`/updates/${u.id}`)}</id>
<link rel="alternate" type="text/html" href="${link(`/updates/${u.id}`)}"/>
<updated>${new Date(u.correctedAt ?? u.postedAt).toISOString()}</updated>
<published>${new Date(u.postedAt).toISOString()}</published>
<summary type="text">${xmlText(summary)}</summary>
<content type="text">${xmlText(text)}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(page.locale)}">
<title type="text">${xmlText(t("project.page.title"))}</title>
<subtitle type="text">${xmlText(t("project.page.intro"))}</subtitle>
<id>${id("")}</id>
<link rel="alternate" type="text/html" href="${link("")}"/>
<link rel="self" type="application/atom+xml" href="${link(feedPage(page.pageNo))}"/>
${paging}
<updated>${updated.toISOString()}</updated>
<author><name>${xmlText(`${t("project.page.author")} · ${unionName()}`)}</name>${publicUrl ? `<uri>${link("")}</uri>` : ""}</author>
<generator>unionhall</generator>
${entries.join("\n")}
</feed>
`;
}

/** The milestones with a date, each as an all-day event on its target day (or the day it was done). */
export function milestonesCalendar(page: ProjectPage, publicUrl: string | undefined, base: string, timeZone: string): string {
  const cal = icalGenerator().default({ name: page.t("project.page.title"), timezone: timeZone, prodId: { company: "unionhall", product: "project", language: page.locale.toUpperCase() } });
  for (const m of page.milestones) {
    const day = m.doneOn ?? m.targetDate;
    if (!day) continue;
    const start = new Date(`${day}T00:00:00Z`);
    cal.createEvent({ id: `${m.key}@unionhall`, start, end: new Date(start.getTime() + 86_400_000), allDay: true, summary: `${m.title} (${m.statusLabel})`, description: m.plain, ...(publicUrl ? { url: `${publicUrl}${base}` } : {}) });
  }
  return cal.toString();
}
