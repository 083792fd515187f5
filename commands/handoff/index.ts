// The `handoff` area: a sub-local's handoff packet built from every area's section, the notes
// outgoing officers leave, and the welcome a new officer gets.
import type { Feature } from "../core/command.ts";
import { editCommand, noteCommand, notesHandoff, redactCommand, staffOnlyAction } from "./notes.ts";
import { packetAction, packetCommand } from "./packet.ts";
import { askJob, scheduleTorchPassingIn, stillHeldJob, welcomeJob } from "./torch.ts";
import { en } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { vi } from "./locales/vi.ts";
import { zhHans } from "./locales/zh-Hans.ts";
import { ru } from "./locales/ru.ts";
import { formStrings } from "./locales/forms.ts";
import { mergeBundles } from "../core/i18n.ts";

export const handoffFeature: Feature = {
  area: "handoff",
  description: "handoff.description",
  commands: [packetCommand, noteCommand, editCommand, redactCommand],
  actions: [packetAction, staffOnlyAction],
  jobs: [welcomeJob, askJob, stillHeldJob],
  onRoleGranted: (env) => (tx, granted) => scheduleTorchPassingIn(tx, env.store, granted, env.now, env.timeZone),
  handoff: notesHandoff,
  strings: mergeBundles({ en, es, vi, "zh-Hans": zhHans, ru }, formStrings),
};
