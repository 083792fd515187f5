// Dates, times, money, numbers and plurals as each language writes them, always in the local's
// time zone: a deadline at 5 pm in Los Angeles is 5 pm for every reader, whatever the server's zone.
import { describe, expect, it } from "vitest";
import { createFormatter, unionTimeZone } from "../../commands/core/format.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { coreLocales } from "../../commands/core/locales/index.ts";
import { unionhallLocales } from "../../commands/unionhall/locales/index.ts";
import { grievanceLocales } from "../../commands/grievance/locales/index.ts";

const LA = "America/Los_Angeles";
// 2026-12-05 01:00 UTC is still Friday 4 December, 5 pm, in Los Angeles.
const friday5pm = new Date("2026-12-05T01:00:00Z");

describe("money from integer cents", () => {
  it("is written the reader's way, exactly, for large and negative sums", () => {
    const cases: [string, string, string, string][] = [
      ["en", "$1,234.56", "-$0.05", "$90,071,992,547,409.91"],
      // US Spanish, as the union's Spanish-reading members write it (not Spain's "1234,56 US$").
      ["es", "$1,234.56", "-$0.05", "$90,071,992,547,409.91"],
      ["vi", "1.234,56 US$", "-0,05 US$", "90.071.992.547.409,91 US$"],
      ["zh-Hans", "US$1,234.56", "-US$0.05", "US$90,071,992,547,409.91"],
      ["ru", "1 234,56 $", "-0,05 $", "90 071 992 547 409,91 $"],
    ];
    for (const [lng, a, b, c] of cases) {
      const f = createFormatter(lng, LA);
      // Intl separates thousands with narrow no-break spaces in some languages; compare the visible text.
      const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
      expect([plain(f.money(123456)), plain(f.money(-5)), plain(f.money(9007199254740991n))], lng).toEqual([a, b, c]);
    }
  });

  it("never goes through floating point: 0.1 + 0.2 of a dollar stays 30 cents", () => {
    expect(createFormatter("en", LA).money(10 + 20)).toBe("$0.30");
    expect(createFormatter("en", LA).money(1999)).toBe("$19.99");
  });
});

describe("dates and times in the union's time zone", () => {
  it("puts an instant on the local day, with the zone's name, in each language", () => {
    expect(createFormatter("en", LA).dateTime(friday5pm)).toBe("Fri, Dec 4, 2026, 5:00 PM PST");
    expect(createFormatter("es", LA).date(friday5pm)).toBe("vie, 4 de dic de 2026");
    expect(createFormatter("es", LA).money(3611250)).toBe("$36,112.50");
    expect(createFormatter("es", LA).money(181250)).toBe("$1,812.50");
    expect(createFormatter("vi", LA).date(friday5pm)).toBe("Thứ 6, 4 thg 12, 2026");
    expect(createFormatter("zh-Hans", LA).date(friday5pm)).toBe("2026年12月4日周五");
    expect(createFormatter("ru", LA).date(friday5pm)).toBe("пт, 4 дек. 2026 г.");
    for (const lng of ["vi", "zh-Hans", "ru"]) expect(createFormatter(lng, LA).time(friday5pm), lng).toBe("17:00");
    expect(createFormatter("es", LA).time(friday5pm).replace(/\s/g, " ")).toBe("5:00 p.m.");
    // One time-zone style in every language: the local's abbreviation, never "GMT-8" in some and "PST" in others.
    for (const lng of ["en", "es", "vi", "zh-Hans", "ru"]) {
      expect(createFormatter(lng, LA).dateTime(friday5pm), lng).toMatch(/ PST$/);
      expect(createFormatter(lng, LA).timeWithZone(friday5pm), lng).toMatch(/ PST$/);
      expect(createFormatter(lng, LA).zoneName(friday5pm), lng).toBe("PST");
    }
    // In Tokyo the same instant is already Saturday morning.
    expect(createFormatter("en", "Asia/Tokyo").date(friday5pm)).toBe("Sat, Dec 5, 2026");
  });

  it("keeps a calendar day the same day everywhere", () => {
    for (const tz of [LA, "Pacific/Kiritimati", "Pacific/Pago_Pago"]) expect(createFormatter("en", tz).date("2026-12-04")).toBe("Fri, Dec 4, 2026");
  });

  it("names summer and winter time", () => {
    const f = createFormatter("en", LA);
    expect(f.zoneName(new Date("2026-07-01T12:00:00Z"))).toBe("PDT");
    expect(f.zoneName(new Date("2026-01-01T12:00:00Z"))).toBe("PST");
    expect(f.localDay(new Date("2026-03-08T09:59:00Z"))).toBe("2026-03-08");
  });

  it("says tomorrow and in N days by local days, not 24-hour spans", () => {
    const lateFriday = new Date("2026-12-05T07:30:00Z"); // 23:30 Friday in Los Angeles
    expect(createFormatter("en", LA).relativeDay("2026-12-05", lateFriday)).toBe("tomorrow");
    expect(createFormatter("es", LA).relativeDay("2026-12-05", lateFriday)).toBe("mañana");
    expect(createFormatter("ru", LA).relativeDay("2026-12-09", lateFriday)).toBe("через 5 дней");
    expect(createFormatter("zh-Hans", LA).relativeDay("2026-12-03", lateFriday)).toBe("昨天");
  });

  it("falls back safely on an unknown zone or language", () => {
    const f = createFormatter("xx-YY", "Mars/Olympus");
    expect(f.timeZone).toBe(LA);
    expect(f.locale).toBe("en");
    expect(unionTimeZone({ UNION_TIME_ZONE: "Europe/Kyiv" })).toBe("Europe/Kyiv");
    expect(unionTimeZone({ UNION_TIME_ZONE: "nowhere" })).toBe(LA);
  });
});

describe("numbers, percents, lists", () => {
  it("follow each language", () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
    expect(["en", "es", "vi", "zh-Hans", "ru"].map((l) => plain(createFormatter(l, LA).number(12345.5)))).toEqual(["12,345.5", "12,345.5", "12.345,5", "12,345.5", "12 345,5"]);
    expect(plain(createFormatter("ru", LA).percent(0.125))).toBe("12,5 %");
    expect(createFormatter("es", LA).list(["Ana", "Luis", "Rosa"])).toBe("Ana, Luis y Rosa");
    expect(createFormatter("zh-Hans", LA).list(["甲", "乙", "丙"])).toBe("甲、乙和丙");
    expect(createFormatter("vi", LA).list(["A", "B"], "disjunction")).toBe("A hoặc B");
  });
});

describe("plurals", () => {
  const tr = createTranslator([coreLocales, unionhallLocales, grievanceLocales]);

  it("Russian has three forms (and a fourth for fractions)", () => {
    const t = tr.forLocale("ru");
    const days = (n: number) => t("grievance.report.days", { count: n });
    expect([1, 2, 5, 11, 21, 22, 25, 111, 1.5].map(days)).toEqual([
      "1 день",
      "2 дня",
      "5 дней",
      "11 дней",
      "21 день",
      "22 дня",
      "25 дней",
      "111 дней",
      "1.5 дня",
    ]);
    expect(t("grievance.deadline.left", { count: 3 })).toBe("осталось 3 рабочих дня");
  });

  it("English one/other; Vietnamese and Chinese one form; Spanish a million uses its own other form", () => {
    expect(tr.forLocale("en")("grievance.deadline.left", { count: 1 })).toBe("1 business day left");
    expect(tr.forLocale("en")("grievance.deadline.left", { count: 4 })).toBe("4 business days left");
    expect(tr.forLocale("vi")("grievance.deadline.left", { count: 1 })).toBe("còn 1 ngày làm việc");
    expect(tr.forLocale("zh-Hans")("grievance.digest.title", { count: 1 })).toBe("您的每周申诉摘要：1 个未结案件。");
    expect(tr.forLocale("es")("grievance.report.days", { count: 1 })).toBe("1 día");
    expect(tr.forLocale("es")("grievance.report.days", { count: 1000000 })).toBe("1000000 días");
  });
});
