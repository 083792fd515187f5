// Training — Vietnamese.
export const vi = {
  training: {
    description: "Tự học theo nhịp của bạn: bài học ngắn có câu hỏi kiểm tra",
    notFound: "Không có học phần nào tên “{{module}}”. Gõ /training list để xem các học phần.",
    status: {
      notStarted: "chưa bắt đầu",
      done: "đã xong ngày {{date}}",
      inProgress: "bài {{n}} / {{total}}",
    },
    list: {
      description: "Xem các học phần và học phần nào vai trò của bạn cần",
      title: "Các học phần",
      none: "Chưa có học phần nào.",
      hint: "Gõ /training start rồi tên ngắn của học phần, hoặc bấm một nút.",
      required: "bắt buộc với bạn",
      lessons_other: "{{count}} bài",
      startButton: "Bắt đầu: {{title}}",
    },
    start: {
      description: "Bắt đầu một học phần, hoặc học tiếp chỗ bạn dừng",
      argModule: "Tên ngắn của học phần (steward-basics) hoặc tên đầy đủ",
      example: "/training start steward-basics",
      already: "Bạn đã học xong “{{title}}” ngày {{date}}.",
    },
    next: {
      description: "Học tiếp học phần bạn đang làm",
      nothing: "Bạn không có học phần nào đang học. Gõ /training list để chọn.",
    },
    progress: {
      description: "Xem việc học của bạn: những gì đã xong và những gì vai trò của bạn còn cần",
      title: "Việc học của bạn",
      none: "Bạn chưa bắt đầu học phần nào.",
      requiredTitle: "Vai trò của bạn còn cần",
      requiredNone: "Không còn gì: bạn đã học xong mọi học phần vai trò của bạn cần.",
    },
    step: {
      lesson: "{{module}} · Bài {{n}} / {{total}}: {{title}}",
      question: "Câu hỏi {{n}} / {{total}}",
      continue: "Tiếp tục",
      empty: "Học phần “{{title}}” chưa có bài học.",
      docMissing: "(Bạn không xem được tài liệu #{{id}}. Hãy xin nhân viên một bản.)",
      moved: "Nút đó thuộc một bước trước. Gõ /training next để xem bạn đang ở đâu.",
    },
    answer: {
      wrong: "Chưa đúng. Đây là lý do; hãy thử lại:",
      right: "Đúng rồi!",
      continued: "Sang bài tiếp theo.",
    },
    done: {
      title: "Bạn đã học xong “{{title}}”",
      text: "Làm tốt lắm. Việc bạn học xong “{{title}}” đã được ghi lại với ngày hôm nay, {{date}}. Giấy chứng nhận được gửi kèm.",
    },
    certificate: {
      title: "Giấy chứng nhận hoàn thành",
      text: "{{name}} đã học xong học phần “{{title}}” ngày {{date}}.",
      note: "Học phần {{slug}}, phiên bản {{version}}. Số hội viên {{member}}.",
    },
    remind: {
      title: "Lời nhắc nhẹ: các học phần vai trò của bạn cần",
      text: "Mỗi học phần chỉ mất vài phút. Bạn có thể dừng lúc nào cũng được và học tiếp bằng /training next.",
      stopButton: "Ngừng nhắc",
      stopped: "Được, sẽ không nhắc về việc học nữa. Bạn vẫn xem được những gì còn cần bằng /training progress.",
    },
    report: {
      description: "Nhân viên: số người học xong theo chi hội và vai trò (kèm tệp CSV)",
      argSubLocal: "Chỉ chi hội này (ví dụ SL-083)",
      title: "Kết quả học: {{scope}}",
      everywhere: "mọi chi hội",
      counts: "{{completed}} / {{people}} đã xong",
      none: "Chưa ai giữ vai trò được tính cho việc học, hoặc chưa có học phần.",
      more_other: "Còn {{count}} dòng nữa trong tệp CSV.",
    },
    contactsNudge: "Trước khi dùng thông tin liên lạc của hội viên, hãy học phần ngắn về giữ bí mật hồ sơ hội viên: /training start member-records-confidentiality",
    handoff: {
      title: "Việc học của cán bộ {{code}}",
      line: "{{completed}} / {{people}} đã xong",
      none: "Chưa ai giữ vai trò ở đây, hoặc chưa có học phần.",
    },
  },
};
