// How a hidden or withheld count reads, in every language the bot speaks (see disclosure.ts).
import type { Strings } from "./i18n.ts";

export const disclosureStrings: Record<string, Strings> = {
  en: { core: { disclosure: { fewer: "fewer than 5", withheld: "not shown (it would reveal a small group)" } } },
  es: { core: { disclosure: { fewer: "menos de 5", withheld: "no se muestra (revelaría un grupo pequeño)" } } },
  vi: { core: { disclosure: { fewer: "ít hơn 5", withheld: "không hiển thị (sẽ để lộ một nhóm nhỏ)" } } },
  "zh-Hans": { core: { disclosure: { fewer: "少于 5", withheld: "不显示（会暴露一个小群体）" } } },
  ru: { core: { disclosure: { fewer: "меньше 5", withheld: "не показано (иначе можно вычислить малую группу)" } } },
};
