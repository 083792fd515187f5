// The demo's project updates: three the committee posted in the last weeks, one of them a change to
// the timeline, each in all five languages as one update with its translations. Written the way
// the committee would write them for members in each language, not word for word. Seeded once,
// on an empty project (never beside updates someone posted).
import { changeMilestone, publishUpdateIn, updateCount } from "../../db/project.ts";
import { saveTranslation } from "../../db/project-translations.ts";
import { personByNumber } from "../../db/people.ts";
import { data, transaction } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { LOCALES, type Locale } from "../core/i18n.ts";

type Text = { title: string; summary: string };

interface DemoUpdate {
  daysAgo: number;
  phase: number;
  milestoneKey: string | null;
  /** The language the committee wrote it in; the others are its translations. */
  original: Locale;
  text: Record<Locale, Text>;
  /** A timeline change: the milestone's new status and date, set with the update. */
  milestone?: { key: string; status: string; targetDate: string };
}

export const DEMO_UPDATES: readonly DemoUpdate[] = [
  {
    daysAgo: 24,
    phase: 2,
    milestoneKey: "analysis_begun",
    original: "en",
    text: {
      en: {
        title: "The study of our tools has started",
        summary: "The company we chose is now looking at the programs and files our officers use. In the next weeks they will talk with stewards, treasurers and staff. If they ask you, tell them what slows you down.",
      },
      es: {
        title: "Empezó el estudio de nuestras herramientas",
        summary: "La empresa que elegimos ya está revisando los programas y archivos que usan los funcionarios del sindicato. En las próximas semanas hablará con delegados sindicales, tesoreros y personal. Si le preguntan, cuente qué le hace perder tiempo.",
      },
      vi: {
        title: "Đã bắt đầu xem xét các công cụ của chúng ta",
        summary: "Công ty được chọn đang xem các chương trình và hồ sơ mà cán bộ công đoàn đang dùng. Vài tuần tới, họ sẽ nói chuyện với đại diện công đoàn, thủ quỹ và nhân viên. Nếu được hỏi, xin cho họ biết việc gì làm bạn mất thời gian.",
      },
      "zh-Hans": {
        title: "对现有工具的调查已经开始",
        summary: "我们选定的公司正在了解工会干部现在使用的程序和文件。接下来几周，他们会和工会代表、司库和工作人员谈一谈。如果他们来问您，请告诉他们哪些事情最耽误时间。",
      },
      ru: {
        title: "Началось изучение наших программ",
        summary: "Выбранная нами компания изучает программы и файлы, с которыми работают руководители профсоюза. В ближайшие недели её сотрудники поговорят с профоргами, казначеями и штатными сотрудниками. Если вас спросят, расскажите, что отнимает у вас больше всего времени.",
      },
    },
  },
  {
    daysAgo: 12,
    phase: 2,
    milestoneKey: null,
    original: "es",
    text: {
      es: {
        title: "Sus datos siguen protegidos durante el estudio",
        summary: "La empresa del estudio no ve los datos personales de nadie. Trabaja con ejemplos sin nombres. Sus expedientes y sus quejas se quedan donde están hasta que el comité y la junta decidan juntos.",
      },
      en: {
        title: "Your records stay safe during the study",
        summary: "The company doing the study does not see anyone's personal data. It works with examples that have no names. Your records and grievances stay where they are until the committee and the board decide together.",
      },
      vi: {
        title: "Hồ sơ của bạn vẫn được bảo vệ trong lúc nghiên cứu",
        summary: "Công ty làm nghiên cứu không được xem thông tin cá nhân của ai. Họ chỉ dùng ví dụ không có tên. Hồ sơ và khiếu nại của bạn vẫn để nguyên chỗ cũ cho đến khi ủy ban và ban điều hành cùng quyết định.",
      },
      "zh-Hans": {
        title: "调查期间，您的资料依然安全",
        summary: "做调查的公司看不到任何人的个人资料，只使用不含姓名的例子。在委员会和理事会共同作出决定之前，您的档案和申诉都保持原样。",
      },
      ru: {
        title: "Ваши данные под защитой и во время изучения",
        summary: "Компания, которая проводит изучение, не видит ничьих личных данных: она работает с примерами без имён. Ваши документы и жалобы остаются на месте, пока комитет и правление не примут решение вместе.",
      },
    },
  },
  {
    daysAgo: 3,
    phase: 2,
    milestoneKey: "findings_to_committee",
    original: "en",
    milestone: { key: "findings_to_committee", status: "on_track", targetDate: "2027-03-31" },
    text: {
      en: {
        title: "New date: the study's results in March",
        summary: "The vendor needs more time to talk with everyone. They will bring what they found to the committee by the end of March 2027. Nothing changes for you now: keep using the tools you use today.",
      },
      es: {
        title: "Nueva fecha: los resultados del estudio, en marzo",
        summary: "La empresa necesita más tiempo para hablar con todos. Presentará lo que encontró al comité a más tardar a fines de marzo de 2027. Por ahora no cambia nada para usted: siga usando las herramientas de siempre.",
      },
      vi: {
        title: "Ngày mới: kết quả nghiên cứu vào tháng Ba",
        summary: "Công ty cần thêm thời gian để nói chuyện với mọi người. Họ sẽ trình bày kết quả cho ủy ban trước cuối tháng 3 năm 2027. Hiện giờ không có gì thay đổi với bạn: cứ dùng các công cụ như hôm nay.",
      },
      "zh-Hans": {
        title: "新日期：调查结果三月出炉",
        summary: "调查公司需要多一些时间和大家谈。他们会在 2027年3月底前向委员会报告调查结果。目前您这边没有任何变化，请继续使用现在的工具。",
      },
      ru: {
        title: "Новый срок: итоги изучения в марте",
        summary: "Компании нужно больше времени, чтобы поговорить со всеми. Свои выводы она представит комитету до конца марта 2027 года. Для вас пока ничего не меняется: работайте с привычными программами.",
      },
    },
  },
];

/**
 * Posts the demo updates and their translations, the oldest first, by the demo's staff member; no
 * one follows the project yet, so nothing is sent. Returns how many updates were posted (0 when
 * the project already has updates).
 */
export async function seedDemoProject(store: Store, now: Date, timeZone: string): Promise<number> {
  if ((await updateCount(data(store))) > 0) return 0;
  const staff = await personByNumber(data(store), "100007");
  const authorId = staff?.id ?? null;
  return transaction(store, async (tx) => {
    for (const u of DEMO_UPDATES) {
      const at = new Date(now.getTime() - u.daysAgo * 86_400_000);
      const o = u.text[u.original];
      if (u.milestone) await changeMilestone(tx, u.milestone.key, { status: u.milestone.status, targetDate: u.milestone.targetDate, doneOn: null }, at);
      const { id } = await publishUpdateIn(tx, store, { ...o, details: null, phase: u.phase, milestoneKey: u.milestoneKey, gradeLevel: null, authorId, language: u.original }, at, timeZone);
      for (const l of LOCALES) if (l !== u.original) await saveTranslation(tx, { updateId: id, language: l, ...u.text[l], details: null, createdById: authorId ?? 0 }, at);
    }
    return DEMO_UPDATES.length;
  });
}
