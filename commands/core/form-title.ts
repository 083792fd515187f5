// A command typed alone opens as a form; its title names the area and the action in the reader's
// language ("Informes: ejecutar"), never the bare command word. Slack allows 24 characters in a
// modal title: when area and action together are longer, the action alone is the title.
import type { Translate } from "./i18n.ts";

export const MODAL_TITLE_MAX = 24;

/** `<area>.formTitles.<words after the area joined by "_">`, e.g. "unionhall.formTitles.admin_role_grant". */
export const formTitleKey = (path: readonly string[]) => `${path[0]}.formTitles.${path.slice(1).join("_")}`;

export function formTitle(t: Translate, path: readonly string[]): string {
  const action = t(formTitleKey(path));
  const full = t("core.formTitle", { area: t(`core.areaTitles.${path[0]}`), action });
  if ([...full].length <= MODAL_TITLE_MAX) return full;
  return action.charAt(0).toLocaleUpperCase() + action.slice(1);
}
