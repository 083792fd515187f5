// Failures a user can cause. Each carries an i18n key and variables; the dispatcher turns it
// into a polite reply to that user alone. Nothing is written when one is thrown.

export type UserErrorCode = "unknownCommand" | "badArguments" | "notAllowed" | "notLinked" | "expired" | "invalid" | "notFound" | "conflict";

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    /** i18n key of the message shown to the user. */
    readonly key: string,
    readonly vars: Record<string, unknown> = {},
  ) {
    super(`${code}: ${key}`);
    this.name = "UserError";
  }
}

/** Field-level problems in a submitted form, shown next to each field. Values are i18n keys. */
export class FieldErrors extends Error {
  constructor(readonly errors: Record<string, { key: string; vars?: Record<string, unknown> } | string>) {
    super("form has invalid fields");
    this.name = "FieldErrors";
  }
}

export const userError = {
  notFound: (key: string, vars?: Record<string, unknown>) => new UserError("notFound", key, vars),
  invalid: (key: string, vars?: Record<string, unknown>) => new UserError("invalid", key, vars),
  conflict: (key: string, vars?: Record<string, unknown>) => new UserError("conflict", key, vars),
  notAllowed: (key: string, vars?: Record<string, unknown>) => new UserError("notAllowed", key, vars),
};

/**
 * Runs `work`, and turns a UserError it throws into an error on `field`: a form shows it beside
 * that field with everything typed kept; typed as text it is a polite reply naming the field.
 */
export async function inField<T>(field: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof UserError && (e.code === "notFound" || e.code === "invalid")) throw new FieldErrors({ [field]: { key: e.key, vars: e.vars } });
    throw e;
  }
}
