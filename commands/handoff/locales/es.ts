// Handoff — Spanish.
export const es = {
  handoff: {
    description: "Pasar la antorcha: el paquete de traspaso de un sublocal y notas para los próximos oficiales",
    packet: {
      description: "Reciba el paquete de traspaso de un sublocal: casos, dinero, documentos, capacitación y notas",
      argSubLocal: "El código del sublocal, como SL-083",
      example: "/handoff packet SL-083",
      title: "Paquete de traspaso: {{code}} {{name}}",
      intro: "Todo lo que necesita un nuevo oficial, al {{date}}. El mismo paquete va adjunto como archivo Markdown y PDF.",
      empty: "Ninguna área tenía nada que agregar todavía.",
      privacy: "Solo cifras y números de caso: este paquete no tiene datos personales de ningún miembro.",
      notAllowed: "Solo los oficiales de {{code}}, sus directores de la junta y el personal pueden ver su paquete de traspaso.",
    },
    note: {
      description: "Deje una nota para los oficiales que vienen después de usted",
      argText: "Lo que los próximos oficiales deben saber",
      example: "/handoff note El contacto de nómina de DHS está en la carpeta compartida; el voto del presupuesto es en marzo.",
      done: "Gracias. Su nota #{{id}} queda en el paquete de traspaso de {{code}}, con la fecha de hoy y su nombre. Puede cambiarla con /handoff edit {{id}}.",
      notOfficer: "Solo los oficiales de un sublocal, o quienes dejaron el cargo en los últimos {{days}} días, pueden dejar una nota de traspaso.",
    },
    edit: {
      description: "Cambie una nota de traspaso que usted escribió",
      argId: "El número de la nota (aparece en el paquete)",
      example: "/handoff edit 3 El voto del presupuesto pasó a abril.",
      done: "Su nota #{{id}} está actualizada.",
      notYours: "Usted no tiene una nota de traspaso #{{id}}. Solo puede cambiar las notas que escribió.",
    },
    notes: {
      title: "Notas de oficiales anteriores de {{code}}",
      none: "Todavía no hay notas.",
      edited: "cambiada el {{date}}",
    },
    welcome: {
      title: "¡Bienvenido/a, {{office}} de {{code}}!",
      text: "Gracias por dar el paso. Su paquete de traspaso de {{code}} tiene los casos abiertos con sus próximos plazos, el dinero, los documentos, la capacitación de los oficiales y notas de quienes estuvieron antes.",
      predecessor: "Antes de usted, este cargo lo tenía {{name}}. Puede comunicarse con esa persona.",
      noPredecessor: "No tenemos registro de quién tenía este cargo justo antes que usted.",
      packetButton: "Abrir el paquete de {{code}}",
      trainingTitle: "Capacitación que su cargo necesita",
      trainingNone: "Su cargo no necesita capacitación por ahora.",
    },
    ask: {
      title: "Por favor deje una nota para {{code}}",
      text: "Gracias por servir como {{office}} de {{code}}. {{name}} toma el cargo. Unas líneas sobre lo que está pasando, a quién llamar y lo que viene le ayudarían mucho. Puede escribirla dentro de {{days}} días.",
      how: "Escriba /handoff note y su nota.",
    },
  },
};
