// Handoff — Vietnamese.
export const vi = {
  handoff: {
    description: "Trao lại công việc: hồ sơ bàn giao của chi hội và ghi chú cho cán bộ kế nhiệm",
    packet: {
      description: "Nhận hồ sơ bàn giao của một chi hội: vụ việc, tiền, tài liệu, việc học và ghi chú",
      argSubLocal: "Mã chi hội, ví dụ SL-083",
      example: "/handoff packet SL-083",
      title: "Hồ sơ bàn giao: {{code}} {{name}}",
      intro: "Mọi điều cán bộ mới cần biết, tính đến {{date}}. Hồ sơ này cũng được gửi kèm dưới dạng tệp Markdown và PDF.",
      empty: "Chưa có phần nào để thêm.",
      privacy: "Chỉ có số liệu và số vụ việc: hồ sơ này không có thông tin cá nhân của hội viên nào.",
      notAllowed: "Chỉ cán bộ của {{code}}, thành viên hội đồng phụ trách và nhân viên mới xem được hồ sơ bàn giao.",
    },
    note: {
      description: "Để lại ghi chú cho các cán bộ đến sau bạn",
      argText: "Điều cán bộ kế nhiệm nên biết",
      example: "/handoff note Người liên lạc về lương ở DHS có trong thư mục chung; bỏ phiếu ngân sách vào tháng Ba.",
      done: "Cảm ơn bạn. Ghi chú #{{id}} được lưu trong hồ sơ bàn giao của {{code}}, có ngày hôm nay và tên bạn. Bạn có thể sửa bằng /handoff edit {{id}}.",
      notOfficer: "Chỉ cán bộ chi hội, hoặc người vừa thôi chức trong {{days}} ngày qua, mới để lại ghi chú bàn giao được.",
    },
    edit: {
      description: "Sửa một ghi chú bàn giao bạn đã viết",
      argId: "Số của ghi chú (có trong hồ sơ)",
      example: "/handoff edit 3 Bỏ phiếu ngân sách dời sang tháng Tư.",
      done: "Ghi chú #{{id}} của bạn đã được cập nhật.",
      notYours: "Bạn không có ghi chú bàn giao #{{id}}. Bạn chỉ sửa được ghi chú mình viết.",
    },
    notes: {
      title: "Ghi chú của các cán bộ trước của {{code}}",
      none: "Chưa có ghi chú.",
      edited: "đã sửa ngày {{date}}",
    },
    welcome: {
      title: "Chào mừng {{office}} của {{code}}!",
      text: "Cảm ơn bạn đã nhận trách nhiệm. Hồ sơ bàn giao của {{code}} có các vụ việc đang mở và hạn kế tiếp, tiền, tài liệu, việc học của cán bộ và ghi chú của người đi trước.",
      predecessor: "Trước bạn, chức vụ này do {{name}} đảm nhận. Bạn có thể liên lạc với họ.",
      noPredecessor: "Chúng tôi không có ghi nhận ai giữ chức vụ này ngay trước bạn.",
      packetButton: "Mở hồ sơ bàn giao {{code}}",
      trainingTitle: "Các học phần vai trò của bạn cần",
      trainingNone: "Hiện vai trò của bạn không cần học phần nào.",
    },
    ask: {
      title: "Xin để lại ghi chú cho {{code}}",
      text: "Cảm ơn bạn đã làm {{office}} của {{code}}. {{name}} sẽ tiếp nhận. Vài dòng về việc đang diễn ra, nên gọi ai và việc sắp tới sẽ giúp họ rất nhiều. Bạn có thể viết trong vòng {{days}} ngày.",
      how: "Gõ /handoff note rồi viết ghi chú của bạn.",
    },
  },
};
