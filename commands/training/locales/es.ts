// Training — Spanish.
export const es = {
  training: {
    description: "Capacitación a su ritmo: lecciones cortas con preguntas de repaso",
    notFound: "No hay un módulo de capacitación llamado “{{module}}”. Escriba /training list para verlos.",
    status: {
      notStarted: "sin empezar",
      done: "terminado el {{date}}",
      inProgress: "lección {{n}} de {{total}}",
    },
    list: {
      description: "Vea los módulos de capacitación y cuáles necesita su cargo",
      title: "Módulos de capacitación",
      none: "Todavía no hay módulos de capacitación.",
      hint: "Escriba /training start y el nombre corto de un módulo, o pulse un botón.",
      required: "obligatorio para usted",
      lessons_one: "{{count}} lección",
      lessons_other: "{{count}} lecciones",
      startButton: "Empezar: {{title}}",
    },
    start: {
      description: "Empiece un módulo de capacitación o siga donde lo dejó",
      argModule: "El nombre corto del módulo (steward-basics) o su título",
      example: "/training start steward-basics",
      already: "Usted terminó “{{title}}” el {{date}}.",
    },
    next: {
      description: "Siga con el módulo que está haciendo",
      nothing: "No tiene ningún módulo en curso. Escriba /training list para elegir uno.",
    },
    progress: {
      description: "Vea su capacitación: lo que terminó y lo que su cargo todavía necesita",
      title: "Su capacitación",
      none: "Todavía no ha empezado ningún módulo.",
      requiredTitle: "Lo que su cargo todavía necesita",
      requiredNone: "Nada: ya hizo todos los módulos que su cargo necesita.",
    },
    step: {
      lesson: "{{module}} · Lección {{n}} de {{total}}: {{title}}",
      question: "Pregunta {{n}} de {{total}}",
      continue: "Continuar",
      empty: "El módulo “{{title}}” todavía no tiene lecciones.",
      docMissing: "(El documento #{{id}} no está disponible para usted. Pida una copia al personal).",
      moved: "Ese botón es de un paso anterior. Escriba /training next para ver dónde está.",
    },
    answer: {
      wrong: "No exactamente. Esta es la razón; inténtelo otra vez:",
      right: "¡Correcto!",
      continued: "Vamos a la siguiente lección.",
    },
    done: {
      title: "Terminó “{{title}}”",
      text: "Muy bien. Quedó registrado que terminó “{{title}}” con la fecha de hoy, {{date}}. Le adjuntamos su certificado.",
    },
    certificate: {
      title: "Certificado de finalización",
      text: "{{name}} terminó el módulo de capacitación “{{title}}” el {{date}}.",
      note: "Módulo {{slug}}, versión {{version}}. Número de miembro {{member}}.",
    },
    remind: {
      title: "Un recordatorio amable: capacitación que su cargo necesita",
      text: "Cada módulo toma unos minutos. Puede parar cuando quiera y seguir después con /training next.",
      stopButton: "No más recordatorios",
      stopped: "De acuerdo, no habrá más recordatorios de capacitación. Puede ver lo que falta con /training progress.",
    },
    report: {
      description: "Personal: capacitación terminada por sublocal y cargo (con archivo CSV)",
      argSubLocal: "Solo este sublocal (como SL-083)",
      title: "Capacitación terminada: {{scope}}",
      everywhere: "todos los sublocales",
      counts: "{{completed}} de {{people}} terminaron",
      none: "Todavía nadie tiene un cargo que cuente para la capacitación, o no hay módulos.",
      more_one: "{{count}} fila más está en el archivo CSV.",
      more_other: "{{count}} filas más están en el archivo CSV.",
    },
    contactsNudge: "Antes de usar los contactos de los miembros, haga la capacitación corta sobre cómo mantener privados los registros de los miembros: /training start member-records-confidentiality",
    handoff: {
      title: "Capacitación de los oficiales de {{code}}",
      line: "{{completed}} de {{people}} terminaron",
      none: "Todavía nadie tiene un cargo aquí, o no hay módulos de capacitación.",
    },
  },
};
