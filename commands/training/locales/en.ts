// Training — English.
export const en = {
  training: {
    description: "Self-paced training: short lessons with check questions",
    notFound: "There is no training module called “{{module}}”. Type /training list to see them.",
    status: {
      notStarted: "not started",
      done: "completed {{date}}",
      inProgress: "lesson {{n}} of {{total}}",
    },
    list: {
      description: "See the training modules and which ones your role needs",
      title: "Training modules",
      none: "There are no training modules yet.",
      hint: "Type /training start followed by a module's short name, or press a button.",
      required: "required for you",
      lessons_one: "{{count}} lesson",
      lessons_other: "{{count}} lessons",
      startButton: "Start: {{title}}",
    },
    start: {
      description: "Start a training module, or pick up where you left off",
      argModule: "The module's short name (steward-basics) or its title",
      example: "/training start steward-basics",
      already: "You completed “{{title}}” on {{date}}.",
    },
    next: {
      description: "Go on with the module you are working on",
      nothing: "You have no module in progress. Type /training list to choose one.",
    },
    progress: {
      description: "See your training: what you finished and what your role still needs",
      title: "Your training",
      none: "You have not started any module yet.",
      requiredTitle: "Still needed for your role",
      requiredNone: "Nothing: you have done every module your role needs.",
    },
    step: {
      lesson: "{{module}} · Lesson {{n}} of {{total}}: {{title}}",
      question: "Question {{n}} of {{total}}",
      continue: "Continue",
      empty: "The module “{{title}}” has no lessons yet.",
      docMissing: "(Document #{{id}} is not available to you. Ask staff for a copy.)",
      moved: "That button is from an earlier step. Type /training next to see where you are.",
    },
    answer: {
      wrong: "Not quite. Here is why; try again:",
      right: "Right!",
      continued: "On to the next lesson.",
    },
    done: {
      title: "You finished “{{title}}”",
      text: "Well done. Your completion of “{{title}}” is recorded with today's date, {{date}}. Your certificate is attached.",
    },
    certificate: {
      title: "Certificate of completion",
      text: "{{name}} completed the training module “{{title}}” on {{date}}.",
      note: "Module {{slug}}, version {{version}}. Member number {{member}}.",
    },
    remind: {
      title: "A friendly reminder: training your role needs",
      text: "Each module takes a few minutes. You can stop where you like and go on later with /training next.",
      stopButton: "Stop these reminders",
      stopped: "OK, no more training reminders. You can still see what is needed with /training progress.",
    },
    report: {
      description: "Staff: training completion by sub-local and role (with a CSV file)",
      argSubLocal: "Only this sub-local (like SL-083)",
      title: "Training completion: {{scope}}",
      everywhere: "all sub-locals",
      counts: "{{completed}} of {{people}} completed",
      none: "Nobody holds a role that training is counted for yet, or there are no modules.",
      more_one: "{{count}} more row is in the CSV file.",
      more_other: "{{count}} more rows are in the CSV file.",
    },
    contactsNudge: "Before you use member contacts, please take the short training on keeping member records private: /training start member-records-confidentiality",
    handoff: {
      title: "Training of {{code}}'s officers",
      line: "{{completed}} of {{people}} completed",
      none: "No officers hold a role here yet, or there are no training modules.",
    },
  },
};
