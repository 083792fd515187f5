// The message to whoever granted an office others still hold counts holders in each language's
// plural forms: Russian "1 человек, 2 человека, 5 человек, 21 человек" and a verb that agrees with
// how many still hold it; every language has a form for each count.
import { describe, expect, it } from "vitest";
import { createFormatter } from "../../commands/core/format.ts";
import { coreBundles } from "../../commands/core/dispatch.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { handoffFeature } from "../../commands/handoff/index.ts";
import { stillHeldWords } from "../../commands/handoff/torch.ts";

const translator = createTranslator([...coreBundles, handoffFeature.strings]);
/** `holders` people hold the office after the grant: the one just granted and `holders - 1` others. */
function words(locale: string, holders: number) {
  const others = Array.from({ length: holders - 1 }, (_, i) => `Person ${i + 1}`);
  return stillHeldWords(translator.forLocale(locale), createFormatter(locale), { code: "SL-083", office: "president", name: "Maria Lopez", others });
}

describe("still-held message plurals", () => {
  it("Russian: человек / человека / человек / человек for 1, 2, 5 and 21 holders, and the verb agrees", () => {
    const ru = (n: number) => words("ru", n);
    expect(ru(1).title).toContain("теперь 1 человек на должности");
    expect(ru(2).title).toContain("теперь 2 человека на должности");
    expect(ru(5).title).toContain("теперь 5 человек на должности");
    expect(ru(21).title).toContain("теперь 21 человек на должности");
    expect(ru(1).text).toContain("Сейчас её занимает 1 человек.");
    expect(ru(2).text).toContain("Сейчас её занимают 2 человека.");
    expect(ru(5).text).toContain("Сейчас её занимают 5 человек.");
    expect(ru(21).text).toContain("Сейчас её занимает 21 человек.");
    // The verb after the names: one name "занимает", any list of names "занимают" (even 20 of them).
    expect(ru(2).text).toContain("а Person 1 всё ещё её занимает.");
    expect(ru(3).text).toContain("а Person 1 и Person 2 всё ещё её занимают.");
    expect(ru(21).text).toContain("Person 20 всё ещё её занимают.");
  });

  it("English and Spanish say one holder or several, Vietnamese and Chinese have one form", () => {
    expect(words("en", 2).title).toBe("SL-083 now has 2 holders of president");
    expect(words("en", 2).text).toBe("You made Maria Lopez president of SL-083, and Person 1 still holds that office. 2 people hold it now. If the office has changed hands, end the old grant.");
    expect(words("en", 3).text).toContain("Person 1 and Person 2 still hold that office. 3 people hold it now.");
    expect(words("en", 1).text).toContain("1 person holds it now.");
    expect(words("es", 2).text).toContain("y Person 1 sigue en ese cargo. Ahora lo ocupan 2 personas.");
    expect(words("es", 3).text).toContain("y Person 1 y Person 2 siguen en ese cargo.");
    expect(words("es", 1).text).toContain("Ahora lo ocupa 1 persona.");
    for (const n of [1, 2, 5, 21]) {
      expect(words("vi", n).title).toContain(`nay có ${n} người giữ chức`);
      expect(words("zh-Hans", n).title).toContain(`现在有 ${n} 人担任`);
    }
  });
});
