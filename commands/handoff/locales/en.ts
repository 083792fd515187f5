// Handoff — English.
export const en = {
  handoff: {
    description: "Passing the torch: a sub-local's handoff packet and notes for the next officers",
    packet: {
      description: "Get a sub-local's handoff packet: cases, money, documents, training and notes",
      argSubLocal: "The sub-local's code, like SL-083",
      example: "/handoff packet SL-083",
      title: "Handoff packet: {{code}} {{name}}",
      intro: "Everything an incoming officer needs, as of {{date}}. The same packet is attached as a Markdown file and a PDF.",
      empty: "No area had anything to add yet.",
      privacy: "Counts and case numbers only: no member's personal details are in this packet.",
      notAllowed: "Only officers of {{code}}, its board directors and staff can see its handoff packet.",
    },
    note: {
      description: "Leave a note for the officers who come after you",
      argText: "What the next officers should know",
      example: "/handoff note The payroll contact at DHS is in the shared folder; budget vote is in March.",
      done: "Thank you. Your note #{{id}} is kept in {{code}}'s handoff packet, with today's date and your name. You can change it with /handoff edit {{id}}.",
      notOfficer: "Only officers of a sub-local, or those whose officer role ended in the last {{days}} days, can leave a handoff note.",
    },
    edit: {
      description: "Change a handoff note you wrote",
      argId: "The note's number (shown in the packet)",
      example: "/handoff edit 3 The budget vote moved to April.",
      done: "Your note #{{id}} is updated.",
      notYours: "You have no handoff note #{{id}}. You can only change notes you wrote.",
    },
    notes: {
      title: "Notes from past officers of {{code}}",
      none: "No notes yet.",
      edited: "changed {{date}}",
    },
    welcome: {
      title: "Welcome, {{office}} of {{code}}!",
      text: "Thank you for stepping up. Your handoff packet for {{code}} has the open cases and their next deadlines, the money, the documents, the officers' training and notes from those before you.",
      predecessor: "Before you, this office was held by {{name}}. Feel free to reach out to them.",
      noPredecessor: "We have no record of who held this office just before you.",
      packetButton: "Open the {{code}} handoff packet",
      trainingTitle: "Training your role needs",
      trainingNone: "No training is required for your role right now.",
    },
    ask: {
      title: "Please leave a note for {{code}}",
      text: "Thank you for serving as {{office}} of {{code}}. {{name}} is taking over. A few lines about what is going on, who to call and what is coming up would help them a lot. You can write it within {{days}} days.",
      how: "Type /handoff note followed by your note.",
    },
  },
};
