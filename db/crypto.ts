// Encryption at rest for the sensitive member fields (birthdate, home address, home phone, home
// e-mail): AES-256-GCM through node:crypto. The key comes from MEMBER_DATA_KEY, a comma-separated
// list of `kid:base64` (or bare base64) 32-byte keys: the first encrypts, all of them decrypt, so a
// rotation is "put the new key first, run `npm run cli -- rotate-key`, then drop the old one".
// Each stored value carries the id of the key that sealed it:  enc:v1:<kid>:<iv>:<tag>:<ciphertext>.
// Without a key, sensitive values are not stored at all (never in clear text).
import crypto from "node:crypto";

export const SENSITIVE_FIELDS = ["birthdate", "homeAddress", "homePhone", "homeEmail"] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];
/** Other sealed values: not member fields (not rotated, not exported), sealed the same way. */
export type SealedField = SensitiveField | "ackedRequest";

const PREFIX = "enc:v1:";
const kidRe = /^[A-Za-z0-9_-]{1,32}$/;

export interface DataKey {
  kid: string;
  key: Buffer;
}

export interface Keyring {
  /** The key new values are sealed with. */
  current: DataKey;
  /** Every key that can open a value, by id (current included). */
  byKid: Map<string, DataKey>;
}

export class KeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyConfigError";
  }
}

/** A key id derived from the key itself, for keys given without one. Reveals nothing about the key. */
function derivedKid(key: Buffer): string {
  return "k" + crypto.createHash("sha256").update("unionhall-kid").update(key).digest("hex").slice(0, 8);
}

function parseOne(raw: string, position: number, name: string): DataKey {
  const s = raw.trim();
  const i = s.indexOf(":");
  const kid = i >= 0 ? s.slice(0, i) : null;
  const b64 = i >= 0 ? s.slice(i + 1) : s;
  if (kid !== null && !kidRe.test(kid)) throw new KeyConfigError(`${name} entry ${position}: the key id must be 1-32 letters, digits, - or _`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new KeyConfigError(`${name} entry ${position}: the key must be base64`);
  const key = Buffer.from(b64, "base64");
  if (key.length !== 32) throw new KeyConfigError(`${name} entry ${position}: the key must be 32 bytes (base64 of 32 random bytes: openssl rand -base64 32), got ${key.length}`);
  return { kid: kid ?? derivedKid(key), key };
}

/**
 * Parses MEMBER_DATA_KEY (or another key list in the same format, such as AUDIT_KEY). Undefined
 * or empty → null (no key). Malformed → KeyConfigError (the message holds no key material).
 */
export function parseKeyring(raw: string | undefined, name = "MEMBER_DATA_KEY"): Keyring | null {
  if (raw === undefined || raw.trim() === "") return null;
  const keys = raw.split(",").filter((s) => s.trim() !== "").map((s, i) => parseOne(s, i + 1, name));
  const byKid = new Map<string, DataKey>();
  for (const k of keys) {
    if (byKid.has(k.kid)) throw new KeyConfigError(`${name}: key id "${k.kid}" appears twice`);
    byKid.set(k.kid, k);
  }
  return { current: keys[0]!, byKid };
}

let cache: { raw: string | undefined; ring: Keyring | null } | undefined;

/** The keyring from the environment (parsed once per distinct value). */
export function keyringFromEnv(env: NodeJS.ProcessEnv = process.env): Keyring | null {
  const raw = env.MEMBER_DATA_KEY;
  if (env === process.env && cache && cache.raw === raw) return cache.ring;
  const ring = parseKeyring(raw);
  if (env === process.env) cache = { raw, ring };
  return ring;
}

/** For the start-up log line: whether sensitive fields are available. No key material, no personal data. */
export function memberDataKeyStatus(env: NodeJS.ProcessEnv = process.env): { sensitiveFields: "available" | "unavailable"; kid?: string; reason?: string } {
  try {
    const ring = keyringFromEnv(env);
    if (!ring) return { sensitiveFields: "unavailable", reason: "MEMBER_DATA_KEY is not set: birthdates, home addresses, home phones and home e-mails are not stored or shown" };
    return { sensitiveFields: "available", kid: ring.current.kid };
  } catch (e) {
    return { sensitiveFields: "unavailable", reason: e instanceof Error ? e.message : "bad key" };
  }
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The key id a stored value was sealed with; null for a value that is not encrypted. */
export function kidOf(value: string): string | null {
  if (!isEncrypted(value)) return null;
  return value.slice(PREFIX.length).split(":", 1)[0] ?? null;
}

/** Seals `plain`. `field` is bound in as associated data, so a value cannot be moved to another column. */
export function encryptField(ring: Keyring, field: SealedField, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(field));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${PREFIX}${ring.current.kid}:${iv.toString("base64")}:${tag.toString("base64")}:${ct.toString("base64")}`;
}

export class DecryptError extends Error {
  constructor(readonly reason: "unknownKey" | "corrupt" | "notEncrypted") {
    super(`cannot decrypt sensitive value: ${reason}`);
    this.name = "DecryptError";
  }
}

/** Opens a sealed value. Throws DecryptError (never with the value in its message). */
export function decryptField(ring: Keyring, field: SealedField, stored: string): string {
  if (!isEncrypted(stored)) throw new DecryptError("notEncrypted");
  const parts = stored.slice(PREFIX.length).split(":");
  if (parts.length !== 4) throw new DecryptError("corrupt");
  const [kid, iv, tag, ct] = parts as [string, string, string, string];
  const k = ring.byKid.get(kid);
  if (!k) throw new DecryptError("unknownKey");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", k.key, Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptError("corrupt");
  }
}

/** A fresh random key in the MEMBER_DATA_KEY format, for set-up instructions and tests. */
export function generateKey(kid: string): string {
  if (!kidRe.test(kid)) throw new KeyConfigError("bad key id");
  return `${kid}:${crypto.randomBytes(32).toString("base64")}`;
}
