// What Discord's HTTP API refuses, written from Discord's own OpenAPI description of it
// (github.com/discord/discord-api-spec, specs/openapi.json; checked at commit 74fda0f, 2026-07-18)
// and, where the spec is silent, from Discord's developer documentation (noted beside each rule).
// The fake Discord runs every payload the bot sends through these checks and refuses what Discord
// would refuse, the way Discord does: 400 with code 50035 "Invalid Form Body".

/** Limits, each from the named schema of specs/openapi.json unless noted. */
export const DISCORD_LIMITS = {
  /** IncomingWebhookInteractionRequest / IncomingWebhookUpdateForInteractionCallbackRequestPartial .content */
  interactionContent: 2000,
  /** MessageCreateRequest.content (POST /channels/{id}/messages) */
  channelMessageContent: 4000,
  /** …Request.embeds maxItems */
  embeds: 10,
  /** RichEmbed: title, description; RichEmbedField: name, value; fields maxItems; RichEmbedFooter.text; RichEmbedAuthor.name */
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  /** Developer docs, "Embed Limits": all embed text of one message together. */
  embedTotal: 6000,
  /** Developer docs, "Action Rows": a message without the components-v2 flag has at most 5 rows. */
  actionRows: 5,
  /** ActionRowComponentForMessageRequest.components: minItems 1, maxItems 5 */
  rowItems: 5,
  /** ButtonComponentForMessageRequest: custom_id 1–100, label ≤ 80, url ≤ 512 */
  customId: 100,
  buttonLabel: 80,
  buttonUrl: 512,
  /** StringSelectComponentFor…Request.options: 1–25; StringSelectOptionForRequest label/value 1–100, description ≤ 100; placeholder ≤ 150 */
  selectOptions: 25,
  optionText: 100,
  selectPlaceholder: 150,
  /** ModalInteractionCallbackRequestData: custom_id 1–100, title 1–45, components 1–40 */
  modalTitle: 45,
  modalComponents: 40,
  /** LabelComponentForModalRequest.label 1–45, description ≤ 100; TextInputComponentForModalRequest label ≤ 45, value ≤ 4000, placeholder ≤ 100 */
  modalLabel: 45,
  labelDescription: 100,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  /** InteractionApplicationCommandAutocompleteCallbackStringData.choices maxItems 25; ApplicationCommandOptionStringChoice.name 1–100 */
  autocompleteChoices: 25,
  choiceName: 100,
} as const;

/** IS_COMPONENTS_V2 (1 << 15): developer docs, "Message Flags". */
const COMPONENTS_V2 = 1 << 15;

type Problems = string[];

function len(s: unknown): number {
  return typeof s === "string" ? [...s].length : 0;
}

function between(p: Problems, where: string, v: unknown, min: number, max: number, required = true) {
  if (v === undefined || v === null) {
    if (required) p.push(`${where}: required`);
    return;
  }
  if (typeof v !== "string") return void p.push(`${where}: must be a string`);
  const n = len(v);
  if (n < min || n > max) p.push(`${where}: must be ${min}–${max} characters (has ${n})`);
}

function embeds(p: Problems, list: unknown) {
  if (!Array.isArray(list)) return;
  if (list.length > DISCORD_LIMITS.embeds) p.push(`embeds: at most ${DISCORD_LIMITS.embeds} (has ${list.length})`);
  let total = 0;
  list.forEach((e: any, i) => {
    const w = `embeds[${i}]`;
    between(p, `${w}.title`, e.title, 0, DISCORD_LIMITS.embedTitle, false);
    between(p, `${w}.description`, e.description, 0, DISCORD_LIMITS.embedDescription, false);
    between(p, `${w}.footer.text`, e.footer?.text, 0, DISCORD_LIMITS.embedFooter, false);
    between(p, `${w}.author.name`, e.author?.name, 0, DISCORD_LIMITS.embedAuthor, false);
    const fields = Array.isArray(e.fields) ? e.fields : [];
    if (fields.length > DISCORD_LIMITS.embedFields) p.push(`${w}.fields: at most ${DISCORD_LIMITS.embedFields} (has ${fields.length})`);
    fields.forEach((f: any, j: number) => {
      between(p, `${w}.fields[${j}].name`, f.name, 1, DISCORD_LIMITS.embedFieldName);
      between(p, `${w}.fields[${j}].value`, f.value, 1, DISCORD_LIMITS.embedFieldValue);
      total += len(f.name) + len(f.value);
    });
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
  });
  if (total > DISCORD_LIMITS.embedTotal) p.push(`embeds: at most ${DISCORD_LIMITS.embedTotal} characters in all (has ${total})`);
}

function selectOptions(p: Problems, where: string, options: unknown) {
  if (!Array.isArray(options) || options.length < 1 || options.length > DISCORD_LIMITS.selectOptions)
    return void p.push(`${where}.options: 1–${DISCORD_LIMITS.selectOptions} options (has ${Array.isArray(options) ? options.length : "none"})`);
  options.forEach((o: any, i) => {
    between(p, `${where}.options[${i}].label`, o.label, 1, DISCORD_LIMITS.optionText);
    between(p, `${where}.options[${i}].value`, o.value, 1, DISCORD_LIMITS.optionText);
    between(p, `${where}.options[${i}].description`, o.description, 0, DISCORD_LIMITS.optionText, false);
  });
}

function messageComponent(p: Problems, where: string, c: any) {
  if (c.type === 2) {
    if (c.style === 5) between(p, `${where}.url`, c.url, 1, DISCORD_LIMITS.buttonUrl);
    else between(p, `${where}.custom_id`, c.custom_id, 1, DISCORD_LIMITS.customId);
    between(p, `${where}.label`, c.label, 0, DISCORD_LIMITS.buttonLabel, false);
  } else if (c.type === 3) {
    between(p, `${where}.custom_id`, c.custom_id, 1, DISCORD_LIMITS.customId);
    between(p, `${where}.placeholder`, c.placeholder, 0, DISCORD_LIMITS.selectPlaceholder, false);
    selectOptions(p, where, c.options);
  } else p.push(`${where}: component type ${String(c.type)} does not belong in an action row`);
}

function components(p: Problems, rows: unknown, flags: number) {
  if (!Array.isArray(rows)) return;
  if ((flags & COMPONENTS_V2) === 0 && rows.length > DISCORD_LIMITS.actionRows) p.push(`components: at most ${DISCORD_LIMITS.actionRows} action rows (has ${rows.length})`);
  const ids = new Set<string>();
  rows.forEach((row: any, i) => {
    if (row.type !== 1) return;
    const items = Array.isArray(row.components) ? row.components : [];
    if (items.length < 1 || items.length > DISCORD_LIMITS.rowItems) p.push(`components[${i}]: 1–${DISCORD_LIMITS.rowItems} components per row (has ${items.length})`);
    items.forEach((c: any, j: number) => {
      messageComponent(p, `components[${i}].components[${j}]`, c);
      // Developer docs, "Custom ID": unique among the components of one message.
      if (typeof c.custom_id === "string") {
        if (ids.has(c.custom_id)) p.push(`components[${i}].components[${j}].custom_id: duplicated in the message`);
        ids.add(c.custom_id);
      }
    });
  });
}

/** A message body (interaction response, follow-up, edit, or channel message). */
export function messageProblems(body: any, contentMax: number = DISCORD_LIMITS.interactionContent): Problems {
  const p: Problems = [];
  if (!body || typeof body !== "object") return ["body: not a JSON object"];
  between(p, "content", body.content, 0, contentMax, false);
  embeds(p, body.embeds);
  components(p, body.components, Number(body.flags ?? 0));
  const hasSomething = len(body.content) > 0 || (body.embeds?.length ?? 0) > 0 || (body.components?.length ?? 0) > 0 || (body.attachments?.length ?? 0) > 0 || body.__files > 0;
  if (!hasSomething) p.push("message: cannot send an empty message (content, embeds, components or files)");
  return p;
}

function modalField(p: Problems, where: string, c: any) {
  if (c.type === 4) {
    between(p, `${where}.custom_id`, c.custom_id, 1, DISCORD_LIMITS.customId);
    between(p, `${where}.label`, c.label, 1, DISCORD_LIMITS.modalLabel, false);
    between(p, `${where}.value`, c.value, 0, DISCORD_LIMITS.textInputValue, false);
    between(p, `${where}.placeholder`, c.placeholder, 0, DISCORD_LIMITS.textInputPlaceholder, false);
    if (c.style !== 1 && c.style !== 2) p.push(`${where}.style: 1 (short) or 2 (paragraph)`);
  } else if (c.type === 3) {
    between(p, `${where}.custom_id`, c.custom_id, 1, DISCORD_LIMITS.customId);
    selectOptions(p, where, c.options);
  } else p.push(`${where}: component type ${String(c.type)} is not a modal field this bot uses`);
}

/** The data of a MODAL (type 9) callback: ModalInteractionCallbackRequestData. */
export function modalProblems(data: any): Problems {
  const p: Problems = [];
  if (!data || typeof data !== "object") return ["data: required"];
  between(p, "custom_id", data.custom_id, 1, DISCORD_LIMITS.customId);
  between(p, "title", data.title, 1, DISCORD_LIMITS.modalTitle);
  const list = Array.isArray(data.components) ? data.components : [];
  if (list.length < 1 || list.length > DISCORD_LIMITS.modalComponents) p.push(`components: 1–${DISCORD_LIMITS.modalComponents} (has ${list.length})`);
  list.forEach((c: any, i: number) => {
    const w = `components[${i}]`;
    if (c.type === 18) {
      between(p, `${w}.label`, c.label, 1, DISCORD_LIMITS.modalLabel);
      between(p, `${w}.description`, c.description, 1, DISCORD_LIMITS.labelDescription, false);
      if (!c.component) p.push(`${w}.component: required`);
      else modalField(p, `${w}.component`, c.component);
    } else if (c.type === 1) {
      const items = Array.isArray(c.components) ? c.components : [];
      if (items.length !== 1) p.push(`${w}: a modal action row holds one text input`);
      items.forEach((x: any, j: number) => (x.type === 4 ? modalField(p, `${w}.components[${j}]`, x) : p.push(`${w}.components[${j}]: only text inputs in a modal row`)));
    } else if (c.type !== 10) p.push(`${w}: type ${String(c.type)} is not allowed in a modal`);
  });
  return p;
}

/** The data of an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (type 8) callback. */
export function autocompleteProblems(data: any): Problems {
  const p: Problems = [];
  const choices = Array.isArray(data?.choices) ? data.choices : null;
  if (!choices) return ["choices: required"];
  if (choices.length > DISCORD_LIMITS.autocompleteChoices) p.push(`choices: at most ${DISCORD_LIMITS.autocompleteChoices} (has ${choices.length})`);
  choices.forEach((c: any, i: number) => between(p, `choices[${i}].name`, c.name, 1, DISCORD_LIMITS.choiceName));
  return p;
}

/**
 * Which callback types an interaction of a given type may receive (InteractionCallbackTypes in the
 * spec; which goes with which: developer docs, "Interaction Response Object"). 2 = command,
 * 3 = component, 4 = autocomplete, 5 = modal submit.
 */
export const CALLBACKS_FOR: Record<number, readonly number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};
