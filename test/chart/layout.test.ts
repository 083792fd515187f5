// Every chart kind, drawn in English, Vietnamese and Chinese with the long titles, labels and hidden
// cells real reports have, then opened in headless Chromium with the same Noto fonts, where the
// layout is measured from the SVG: no text leaves the picture, no two texts overlap, no legend
// swatch touches a text, every category and period is on its axis, nothing is cut with "…".
// Each chart is also saved as a screenshot (CHART_SCREENSHOTS=dir to keep them) to look at.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderChart, type ChartSpec } from "../../commands/core/chart/index.ts";
import { fontFiles } from "../../commands/core/fonts.ts";
import { tempDir } from "../helpers/store.ts";

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const shots = process.env.CHART_SCREENSHOTS ?? tempDir("uh-charts-");

interface Words {
  longTitle: string;
  subtitle: string;
  sites: string[];
  months: string[];
  series: [string, string];
  hidden: string;
  people: string;
}

const WORDS: Record<string, Words> = {
  en: {
    longTitle: "Members and people not yet members, by worksite, across the whole sub-local this year",
    subtitle: "Sub-local SL-083 · January 1 – November 30, 2026",
    sites: ["Oregon State Hospital – Salem campus", "Portland Lloyd Center office", "Eugene DHS", "Medford field office", "Bend", "Pendleton Eastern Oregon Correctional Institution", "Coos Bay", "Astoria", "Hillsboro call center"],
    months: ["Mar 2026", "Apr 2026", "May 2026", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"],
    series: ["Filed", "Resolved (of those filed)"],
    hidden: "fewer than 5",
    people: "People",
  },
  vi: {
    longTitle: "Thành viên và những người chưa là thành viên, theo nơi làm việc, trong toàn bộ chi hội năm nay",
    subtitle: "Chi hội SL-083 · 1 tháng 1 – 30 tháng 11, 2026",
    sites: ["Bệnh viện Tiểu bang Oregon – khu Salem", "Văn phòng Portland Lloyd Center", "Sở Dịch vụ Nhân sinh Eugene", "Văn phòng Medford", "Bend", "Trại cải huấn Đông Oregon ở Pendleton", "Coos Bay", "Astoria", "Trung tâm tổng đài Hillsboro"],
    months: ["thg 3 2026", "thg 4 2026", "thg 5 2026", "thg 6 2026", "thg 7 2026", "thg 8 2026", "thg 9 2026", "thg 10 2026", "thg 11 2026"],
    series: ["Đã nộp", "Đã giải quyết (trong số đã nộp)"],
    hidden: "dưới 5",
    people: "Số người",
  },
  "zh-Hans": {
    longTitle: "会员与尚未入会的人数，按工作地点统计，涵盖本年度整个分会的所有工作地点",
    subtitle: "分会 SL-083 · 2026年1月1日至11月30日",
    sites: ["俄勒冈州立医院塞勒姆院区", "波特兰劳埃德中心办公室", "尤金人类服务部", "梅德福外勤办公室", "本德", "彭德尔顿东俄勒冈惩教所", "库斯湾", "阿斯托里亚", "希尔斯伯勒呼叫中心"],
    months: ["2026年3月", "2026年4月", "2026年5月", "2026年6月", "2026年7月", "2026年8月", "2026年9月", "2026年10月", "2026年11月"],
    series: ["已提交", "已解决（在已提交的申诉中）"],
    hidden: "少于 5",
    people: "人数",
  },
};

/** Every kind, with hidden cells where reports have them. */
function specs(w: Words): Record<string, ChartSpec> {
  const hiddenAt = (i: number) => i === 2 || i === 5;
  return {
    bar: { kind: "bar", title: w.longTitle, subtitle: w.subtitle, valueTitle: w.people, data: w.sites.map((label, i) => (hiddenAt(i) ? { label, value: null, display: w.hidden } : { label, value: 140 - i * 13 })) },
    stacked: {
      kind: "stacked",
      title: w.longTitle,
      data: w.sites.flatMap((x, i) => [
        { x, series: w.series[0], value: 60 + i * 4 },
        hiddenAt(i) ? { x, series: w.series[1], value: null, display: w.hidden } : { x, series: w.series[1], value: 9 + i },
      ]),
    },
    groupedMonths: {
      kind: "grouped",
      title: w.longTitle,
      subtitle: w.subtitle,
      data: w.months.flatMap((x, i) => w.series.map((series, j) => (hiddenAt(i) ? { x, series, value: null, display: w.hidden } : { x, series, value: 6 + i * 2 - j * 3 }))),
    },
    groupedFew: {
      kind: "grouped",
      title: w.longTitle,
      data: w.months.slice(-3).flatMap((x, i) => w.series.map((series, j) => (i === 1 && j === 1 ? { x, series, value: null, display: w.hidden } : { x, series, value: 7 + i - j * 2 }))),
    },
    groupedSites: { kind: "grouped", title: w.longTitle, percent: true, data: w.sites.flatMap((x, i) => w.series.map((series, j) => ({ x, series, value: hiddenAt(i) ? null : 0.2 + i / 40 + j / 10, display: w.hidden }))) },
    line: {
      kind: "line",
      title: w.longTitle,
      subtitle: w.subtitle,
      valueTitle: w.people,
      data: w.months.flatMap((x, i) => [
        { x, series: w.series[0], value: 100 + i * 3 },
        hiddenAt(i) ? { x, series: w.series[1], value: null, display: w.hidden } : { x, series: w.series[1], value: 20 - i },
      ]),
    },
  };
}

function categoriesOf(spec: ChartSpec): string[] {
  return spec.kind === "bar" ? spec.data.map((d) => d.label) : [...new Set(spec.data.map((d) => d.x))];
}
function seriesOf(spec: ChartSpec): string[] {
  return spec.kind === "bar" ? [] : [...new Set(spec.data.map((d) => d.series))];
}

interface Box {
  role: string;
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium (.ci/run does this)");
  browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  // The page and its fonts come from one made-up origin, so Chromium loads the Noto files.
  const f = fontFiles();
  const files: Record<string, string> = { "/regular.ttf": f.regular, "/bold.ttf": f.bold, "/cjk.otf": f.cjk, "/cjk-bold.otf": f.cjkBold };
  await page.route("http://chart.test/**", async (route) => {
    const p = new URL(route.request().url()).pathname;
    if (files[p]) return route.fulfill({ status: 200, contentType: "font/ttf", body: fs.readFileSync(files[p]!) });
    return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><html><body style=margin:0></body></html>" });
  });
  await page.goto("http://chart.test/");
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const FACES = `
@font-face { font-family: "Noto Sans"; src: url(/regular.ttf); font-weight: 400; }
@font-face { font-family: "Noto Sans"; src: url(/bold.ttf); font-weight: 700; }
@font-face { font-family: "Noto Sans S Chinese"; src: url(/cjk.otf); font-weight: 400; }
@font-face { font-family: "Noto Sans S Chinese"; src: url(/cjk-bold.otf); font-weight: 700; }`;

/** Shows the SVG at its own size, waits for the fonts, and measures every visible text and swatch. */
async function measure(svg: string, shot: string): Promise<{ width: number; height: number; texts: Box[]; swatches: Box[] }> {
  await page.evaluate(
    async ({ svg, faces }) => {
      document.body.innerHTML = `<style>${faces}</style>${svg}`;
      await document.fonts.ready;
      await Promise.all(Array.from(document.fonts as unknown as Iterable<FontFace>).map((f) => f.load().catch(() => undefined)));
    },
    { svg, faces: FACES },
  );
  const m = await page.evaluate(() => {
    const root = document.querySelector("svg")!;
    const r0 = root.getBoundingClientRect();
    const box = (el: Element, role: string, text: string) => {
      const r = el.getBoundingClientRect();
      return { role, text, left: r.left - r0.left, top: r.top - r0.top, right: r.right - r0.left, bottom: r.bottom - r0.top };
    };
    const visible = (el: Element) => {
      for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0 || e.getAttribute("opacity") === "0") return false;
      }
      return true;
    };
    const roleOf = (el: Element) => (el.closest("[class*='role-']")?.getAttribute("class") ?? "").replace(/.*role-/, "").split(" ")[0]!;
    const texts = Array.from(root.querySelectorAll("text"))
      .filter((t) => visible(t) && (t.textContent ?? "").trim())
      .map((t) => box(t, roleOf(t), Array.from(t.querySelectorAll("tspan")).map((s) => s.textContent).join("\n") || t.textContent || ""));
    const swatches = Array.from(root.querySelectorAll(".role-legend-symbol path")).filter(visible).map((p) => box(p, "swatch", ""));
    return { width: r0.width, height: r0.height, texts, swatches };
  });
  await page.setViewportSize({ width: Math.ceil(m.width), height: Math.ceil(m.height) });
  await page.screenshot({ path: shot, fullPage: true });
  return m;
}

const overlap = (a: Box, b: Box, slack = 1) => a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
const flat = (s: string) => s.replace(/\s+/g, "");

describe.each(Object.keys(WORDS))("charts in %s", (lang) => {
  const all = specs(WORDS[lang]!);
  it.each(Object.keys(all))("%s: everything fits, nothing overlaps, every label is on the axis", async (name) => {
    const spec = all[name]!;
    const chart = await renderChart(spec);
    const m = await measure(chart.svg, path.join(shots, `${name}-${lang}.png`));

    // Large type for a phone: the 600 px chart shows at ~0.6× on a 390 px screen.
    expect(m.width).toBeLessThanOrEqual(600);
    for (const t of m.texts) {
      // Inside the picture.
      expect.soft(t.left, `${t.role} "${t.text}" starts left of the chart`).toBeGreaterThanOrEqual(-0.5);
      expect.soft(t.top, `${t.role} "${t.text}" starts above the chart`).toBeGreaterThanOrEqual(-0.5);
      expect.soft(t.right, `${t.role} "${t.text}" runs past the right edge`).toBeLessThanOrEqual(m.width + 0.5);
      expect.soft(t.bottom, `${t.role} "${t.text}" runs past the bottom`).toBeLessThanOrEqual(m.height + 0.5);
      // Never cut.
      expect.soft(t.text, `${t.role} was cut`).not.toContain("…");
    }
    // No two texts on top of each other; no swatch on a text.
    for (let i = 0; i < m.texts.length; i++)
      for (let j = i + 1; j < m.texts.length; j++) expect.soft(overlap(m.texts[i]!, m.texts[j]!), `"${m.texts[i]!.text}" overlaps "${m.texts[j]!.text}"`).toBe(false);
    for (const s of m.swatches) for (const t of m.texts) expect.soft(overlap(s, t, 0), `a legend swatch overlaps "${t.text}"`).toBe(false);

    // The title whole (wrapped over lines, not cut).
    const titles = m.texts.filter((t) => t.role === "title-text").map((t) => t.text).join("");
    expect(flat(titles)).toBe(flat(spec.title!));
    // Every category and period on its axis, in the order given, hidden ones included.
    const axis = m.texts.filter((t) => t.role === "axis-label").map((t) => flat(t.text));
    const cats = categoriesOf(spec).map(flat);
    expect(axis.filter((a) => cats.includes(a))).toEqual(cats);
    // Every series in the legend, whole.
    const legend = m.texts.filter((t) => t.role === "legend-label").map((t) => flat(t.text));
    expect(legend).toEqual(seriesOf(spec).map(flat));
    // Hidden cells say so in the picture.
    const hidden = spec.data.filter((d) => d.value === null).length;
    if (hidden) expect(m.texts.filter((t) => t.text === WORDS[lang]!.hidden).length).toBeGreaterThan(0);
    // The text alternative is whole.
    for (const c of categoriesOf(spec)) expect(chart.alt).toContain(c);
    if (hidden) expect(chart.alt).toContain(WORDS[lang]!.hidden);
  });
});
