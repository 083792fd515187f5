// The officer-election screen over a request's free text, in the five languages the union uses.
// A word list can never be complete, so it does not decide anything: it FLAGS a request to the
// approver with the words that matched. Pure; accent-insensitive ("eleccion" = "elección",
// "tranh cu" = "tranh cử"), case-insensitive.
//
// Three kinds of terms per language:
//  - strong: officer-election talk on its own (candidate, nominate, re-elect, "vote for me",
//    "lead the sub-local next term", 竞选, tranh cử, баллотироваться);
//  - election words (election, vote, ballot, campaign): flagged only beside an office word
//    (president, officer, board …), and not when the text is about ratifying a contract;
//  - ratification words (ratify, tentative agreement): a contract vote is union business.
// A trailing "*" matches any ending (stems); otherwise the term must end at a word boundary.
// Chinese has no spaces between words, so its terms match anywhere.

export const SCREEN_LANGUAGES = ["en", "es", "vi", "zh-Hans", "ru"] as const;
type Lang = (typeof SCREEN_LANGUAGES)[number];

interface Terms {
  strong: string[];
  election: string[];
  office: string[];
  ratification: string[];
}

const TERMS: Record<Lang, Terms> = {
  en: {
    strong: [
      "candida*", "nominat*", "nominee*", "re-elect*", "reelect*", "run for", "running for", "ran for", "elect me", "vote for me", "vote for my",
      "votes for me", "support my campaign", "my campaign", "our slate", "slate", "officer election*", "officer race", "union election*",
      "lead the sub-local", "lead our sub-local", "lead the local", "lead our local", "should lead", "next term", "my opponent*", "endorse me",
    ],
    election: ["election*", "elect", "elected", "electing", "ballot*", "vote", "votes", "voting"],
    office: ["president*", "vice-president*", "officer*", "secretary", "treasurer", "director*", "board", "seat", "leadership", "term"],
    ratification: ["ratif*", "tentative agreement", "contract vote", "contract ballot"],
  },
  es: {
    strong: [
      "candidat*", "nominaci*", "nominar*", "postular*", "postulo", "reelecci*", "reelegir*", "reelijan", "votar por mi", "voten por mi", "vote por mi",
      "votos para mi", "mi campana", "eleccion de oficiales", "elecciones de oficiales", "eleccion de funcionarios", "elecciones de funcionarios", "eleccion sindical", "elecciones sindicales",
      "dirigir el sublocal", "liderar el sublocal", "dirigir la sublocal", "liderar la sublocal", "proximo mandato", "proximo periodo", "planilla",
    ],
    election: ["eleccion*", "elegir", "elijan", "voto*", "votar", "votacion*", "boleta*"],
    office: ["presidente*", "presidenta*", "vicepresident*", "oficial*", "funcionari*", "dirigente*", "secretari*", "tesorer*", "director*", "directora*", "junta", "cargo*", "puesto*", "mandato"],
    ratification: ["ratifica*", "acuerdo tentativo", "votacion del contrato", "voto del contrato"],
  },
  vi: {
    strong: [
      "tranh cu", "ung cu", "ung vien", "de cu", "tai cu", "bau cho toi", "bo phieu cho toi", "ung ho toi lam", "nhiem ky toi", "nhiem ky sau",
      "lanh dao chi nhanh", "lanh dao chi hoi", "bau cu can bo", "bau cu cong doan",
    ],
    election: ["bau cu", "bo phieu", "la phieu", "bau"],
    office: ["chu tich", "pho chu tich", "thu ky", "thu quy", "giam doc", "hoi dong", "chuc vu", "can bo", "nhiem ky"],
    ratification: ["phe chuan", "thoa thuan tam thoi", "phe duyet hop dong", "bieu quyet hop dong"],
  },
  "zh-Hans": {
    strong: ["候选", "竞选", "参选", "提名", "连任", "投我一票", "选我", "支持我当", "下一届", "下届", "领导分会", "干部选举", "工会选举", "官员选举", "拉票"],
    election: ["选举", "投票", "选票"],
    office: ["主席", "会长", "秘书", "司库", "财务", "理事", "干部", "官员", "职位", "任期"],
    ratification: ["批准合同", "合同批准", "合同表决", "暂定协议", "批准协议"],
  },
  ru: {
    strong: [
      "кандидат*", "выдвин*", "выдвижени*", "переизбра*", "баллотир*", "голосуйте за меня", "проголосуйте за меня", "голосовать за меня", "моя кампания",
      "моей кампании", "мою кампанию", "следующий срок", "возглавить", "выборы председателя", "выборах председателя", "выборы в правление", "профсоюзные выборы",
    ],
    election: ["выборы", "выборах", "выборов", "избра*", "голосов*", "бюллетен*"],
    office: ["председател*", "президент*", "секретар*", "казначе*", "директор*", "правлени*", "должност*", "отделени*", "срок"],
    ratification: ["ратифик*", "утверждени* договора", "утверждени* контракта", "предварительн* соглашени*", "голосовани* по договору", "голосовани* по контракту"],
  },
};

/** Lower case, accents and tone marks removed, đ → d, ё → е; with each folded char's original index. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/ё/g, "е");
    for (const c of f) {
      folded += c;
      origin.push(i);
    }
    i += ch.length;
  }
  return { folded, origin };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One term as a regex: word boundaries by letters (any script), "*" = any ending, spaces = any spacing. */
function termSource(term: string, spaced: boolean): string {
  const t = fold(term).folded;
  const stem = t.endsWith("*");
  const parts = (stem ? t.slice(0, -1) : t).split(/\s+/).map((w) => escape(w).replace(/\\\*/g, "[\\p{L}\\p{N}]*"));
  const body = parts.join("[\\s\\-]+");
  if (!spaced) return body;
  return `(?<![\\p{L}\\p{N}])${body}${stem ? "[\\p{L}\\p{N}]*" : "(?![\\p{L}\\p{N}])"}`;
}

const compiled = Object.fromEntries(
  SCREEN_LANGUAGES.map((lang) => {
    const spaced = lang !== "zh-Hans";
    const re = (terms: string[]) => new RegExp(terms.map((t) => termSource(t, spaced)).join("|"), "gu");
    const t = TERMS[lang];
    return [lang, { strong: re(t.strong), election: re(t.election), office: re(t.office), ratification: re(t.ratification) }];
  }),
) as Record<Lang, Record<keyof Terms, RegExp>>;

export interface ScreenHit {
  /** The words as the requester wrote them. */
  text: string;
  lang: Lang;
  kind: "strong" | "election";
}

export interface ScreenResult {
  flagged: boolean;
  hits: ScreenHit[];
  /** The text reads as a contract ratification (shown to the approver too). */
  ratification: boolean;
}

function find(re: RegExp, folded: string, origin: number[], original: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = origin[m.index]!;
    const endIdx = origin[m.index + m[0].length - 1]!;
    const last = original.codePointAt(endIdx)! > 0xffff ? 2 : 1;
    out.push(original.slice(start, endIdx + last));
  }
  return out;
}

/** Screens free text for officer-election use. Nothing here refuses: the approver decides. */
export function screenForElection(...texts: (string | null | undefined)[]): ScreenResult {
  const original = texts.filter((t): t is string => typeof t === "string" && t.trim() !== "").join("\n");
  const { folded, origin } = fold(original);
  const hits: ScreenHit[] = [];
  let ratification = false;
  for (const lang of SCREEN_LANGUAGES) {
    const re = compiled[lang];
    for (const w of find(re.strong, folded, origin, original)) hits.push({ text: w, lang, kind: "strong" });
    const ratify = find(re.ratification, folded, origin, original).length > 0;
    ratification ||= ratify;
    const election = find(re.election, folded, origin, original);
    const office = find(re.office, folded, origin, original);
    if (election.length && office.length && !ratify) for (const w of [...election, ...office]) hits.push({ text: w, lang, kind: "election" });
  }
  const seen = new Set<string>();
  const unique = hits.filter((h) => {
    const k = h.text.toLowerCase();
    return !seen.has(k) && Boolean(seen.add(k));
  });
  return { flagged: unique.length > 0, hits: unique, ratification };
}
