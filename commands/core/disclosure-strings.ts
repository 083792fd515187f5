// How a hidden or withheld count reads, in every language the bot speaks (see disclosure.ts).
import type { Strings } from "./i18n.ts";

export const disclosureStrings: Record<string, Strings> = {
  en: { core: { disclosure: { fewer: "fewer than 5", withheld: "not shown (it would reveal a small group)", note: "Counts of 1 to 4 read “fewer than 5”; every other count is rounded to the nearest 5, so no small number can be worked out from the others." } } },
  es: { core: { disclosure: { fewer: "menos de 5", withheld: "no se muestra (revelaría un grupo pequeño)", note: "Las cifras de 1 a 4 se muestran como «menos de 5»; las demás se redondean al múltiplo de 5 más cercano, para que ningún número pequeño se pueda deducir de las otras." } } },
  vi: { core: { disclosure: { fewer: "ít hơn 5", withheld: "không hiển thị (sẽ để lộ một nhóm nhỏ)", note: "Số từ 1 đến 4 được ghi là “ít hơn 5”; các số khác được làm tròn đến bội số gần nhất của 5, để không ai suy ra được một số nhỏ từ các số còn lại." } } },
  "zh-Hans": { core: { disclosure: { fewer: "少于 5", withheld: "不显示（会暴露一个小群体）", note: "1 到 4 的数字显示为“少于 5”；其他数字四舍五入到最接近的 5 的倍数，这样无法从其他数字推算出小的数字。" } } },
  ru: { core: { disclosure: { fewer: "меньше 5", withheld: "не показано (иначе можно вычислить малую группу)", note: "Числа от 1 до 4 показаны как «меньше 5»; остальные округлены до ближайшего числа, кратного 5, чтобы малое число нельзя было вычислить из других." } } },
};
