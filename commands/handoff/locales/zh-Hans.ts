// Handoff — Simplified Chinese.
export const zhHans = {
  handoff: {
    description: "交接：分会的交接资料包，以及留给下一任干部的备注",
    packet: {
      description: "获取分会的交接资料包：案件、资金、文件、培训和备注",
      argSubLocal: "分会代码，例如 SL-083",
      example: "/handoff packet SL-083",
      title: "交接资料包：{{code}} {{name}}",
      intro: "新任干部需要的一切，截至 {{date}}。同一资料包另附 Markdown 文件和 PDF。",
      empty: "暂时没有任何部分可以添加。",
      privacy: "只有数字和案件编号：本资料包不含任何会员的个人信息。",
      notAllowed: "只有 {{code}} 的干部、负责的理事和工作人员可以查看其交接资料包。",
    },
    note: {
      description: "给接任您的干部留一条备注",
      argText: "下一任干部应该知道的事",
      example: "/handoff note DHS 的工资联系人在共享文件夹里；预算表决在三月。",
      done: "谢谢。您的备注 #{{id}} 已存入 {{code}} 的交接资料包，附有今天的日期和您的名字。可用 /handoff edit {{id}} 修改。",
      notOfficer: "只有分会干部，或在过去 {{days}} 天内卸任的干部，才能留交接备注。",
    },
    edit: {
      description: "修改您写的交接备注",
      argId: "备注编号（资料包中显示）",
      example: "/handoff edit 3 预算表决改到四月。",
      done: "您的备注 #{{id}} 已更新。",
      notYours: "您没有编号为 #{{id}} 的交接备注。您只能修改自己写的备注。",
    },
    notes: {
      title: "{{code}} 前任干部的备注",
      none: "还没有备注。",
      edited: "{{date}} 修改",
    },
    welcome: {
      title: "欢迎，{{code}} 的{{office}}！",
      text: "感谢您挺身而出。{{code}} 的交接资料包包括未结案件及其下一个期限、资金、文件、干部培训情况，以及前任留下的备注。",
      predecessor: "在您之前，这个职务由 {{name}} 担任。您可以联系对方。",
      noPredecessor: "我们没有记录在您之前由谁担任这个职务。",
      packetButton: "打开 {{code}} 交接资料包",
      trainingTitle: "您的职务需要的培训",
      trainingNone: "您的职务目前不需要培训。",
    },
    ask: {
      title: "请为 {{code}} 留一条备注",
      text: "感谢您担任 {{code}} 的{{office}}。{{name}} 将接任。写几句正在进行的事、该联系谁、接下来有什么，会对对方很有帮助。您可以在 {{days}} 天内写。",
      how: "输入 /handoff note 加上您的备注。",
    },
  },
};
