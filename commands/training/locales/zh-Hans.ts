// Training — Simplified Chinese.
export const zhHans = {
  training: {
    description: "按自己的进度学习：简短课程和检查问题",
    notFound: "没有名为“{{module}}”的培训单元。输入 /training list 查看全部。",
    status: {
      notStarted: "未开始",
      done: "{{date}} 完成",
      inProgress: "第 {{n}} 课，共 {{total}} 课",
    },
    list: {
      description: "查看培训单元，以及您的职务需要哪些",
      title: "培训单元",
      none: "还没有培训单元。",
      hint: "输入 /training start 加单元的简称，或按下按钮。",
      required: "您必须完成",
      lessons_other: "{{count}} 课",
      startButton: "开始：{{title}}",
    },
    start: {
      description: "开始一个培训单元，或从上次停下的地方继续",
      argModule: "单元的简称（steward-basics）或标题",
      example: "/training start steward-basics",
      already: "您已于 {{date}} 完成“{{title}}”。",
    },
    next: {
      description: "继续您正在学习的单元",
      nothing: "您没有正在学习的单元。输入 /training list 选择一个。",
    },
    progress: {
      description: "查看您的培训：已完成的，以及您的职务还需要的",
      title: "您的培训",
      none: "您还没有开始任何单元。",
      requiredTitle: "您的职务还需要",
      requiredNone: "没有了：您已完成职务需要的所有单元。",
    },
    step: {
      lesson: "{{module}} · 第 {{n}} 课，共 {{total}} 课：{{title}}",
      question: "第 {{n}} 题，共 {{total}} 题",
      continue: "继续",
      empty: "单元“{{title}}”还没有课程。",
      docMissing: "（您无法查看文件 #{{id}}。请向工作人员索取。）",
      moved: "这个按钮属于之前的步骤。输入 /training next 查看您现在的位置。",
    },
    answer: {
      wrong: "不太对。原因如下，请再试一次：",
      right: "答对了！",
      continued: "进入下一课。",
    },
    done: {
      title: "您已完成“{{title}}”",
      text: "做得好。您完成“{{title}}”已按今天的日期 {{date}} 记录。附上您的证书。",
    },
    certificate: {
      title: "结业证书",
      text: "{{name}} 于 {{date}} 完成培训单元“{{title}}”。",
      note: "单元 {{slug}}，第 {{version}} 版。会员号 {{member}}。",
    },
    remind: {
      title: "温馨提醒：您的职务需要的培训",
      text: "每个单元只需几分钟。您可以随时停下，以后用 /training next 继续。",
      stopButton: "不再提醒",
      stopped: "好的，不再发送培训提醒。您仍可用 /training progress 查看还需要什么。",
    },
    report: {
      description: "工作人员：按分会和职务查看培训完成情况（附 CSV 文件）",
      argSubLocal: "只看这个分会（例如 SL-083）",
      title: "培训完成情况：{{scope}}",
      everywhere: "所有分会",
      counts: "{{people}} 人中 {{completed}} 人完成",
      none: "还没有人担任计入培训的职务，或者还没有培训单元。",
      more_other: "另有 {{count}} 行在 CSV 文件中。",
    },
    contactsNudge: "使用会员联系方式之前，请先完成关于会员记录保密的简短培训：/training start member-records-confidentiality",
    handoff: {
      title: "{{code}} 干部的培训",
      line: "{{people}} 人中 {{completed}} 人完成",
      none: "这里还没有人担任职务，或者还没有培训单元。",
    },
  },
};
