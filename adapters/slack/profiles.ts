// Who a Slack user is (display name, verified e-mail, app language) without asking Slack more
// often than it allows. users.info is rate-limited (Tier 4: "100+ per minute" per workspace); a
// burst of a thousand people clicking after an announcement would run far past that, and a call
// Slack refuses with Retry-After must not hold an answer (and its place in the work queue) for
// the minute it names. So:
// - what Slack said is kept in memory for PROFILE_TTL_MS (at most MAX_PROFILES people, the least
//   recently seen dropped first);
// - a person already linked whose app language the records know needs no call: they are answered
//   at once, and asked about only in the background while calls are to spare (a changed language
//   is still learnt);
// - calls are spent within CALLS_PER_MINUTE, under Slack's limit; a linked person whose language
//   is not known yet only while RESERVE calls are left for people not linked yet (their verified
//   e-mail may link them);
// - after Slack answers `ratelimited`, nothing is asked until its Retry-After has passed.
// Without a profile the answer goes on at once: a linked person reads it in their saved or last
// seen language (else English); someone not linked is told how to link.
// Nothing personal is logged: no user ids, names or addresses.
import type { webApi } from "@slack/bolt";
import type { Actor, Logger } from "../../commands/core/command.ts";

type WebClient = webApi.WebClient;

export interface Profile {
  displayName?: string;
  email?: string;
  locale?: string;
}

/** What the union's records say about a Slack user: null when not linked, else their app's last seen language. */
export type KnownUser = (teamId: string, userId: string) => { appLocale?: string } | null | Promise<{ appLocale?: string } | null>;

export interface ProfileOptions {
  now?: () => number;
  perMinute?: number;
  reserve?: number;
  ttlMs?: number;
  max?: number;
}

export const PROFILE_TTL_MS = 10 * 60_000;
/**
 * How long what the records say of a user (linked, and their app's last seen language) is kept:
 * a person clicking again within it costs no second read of their identity (the command reads it
 * anyway, for who may do what: this is only whether to ask Slack, and a language to fall back on).
 */
export const KNOWN_TTL_MS = 30_000;
const MAX_PROFILES = 10_000;
/** users.info calls a minute: under Slack's published floor for Tier 4 (100). */
export const CALLS_PER_MINUTE = 90;
/** Calls a minute kept for people not linked yet (the e-mail may link them; a linked person only misses a language). */
const RESERVE = 30;
const MINUTE_MS = 60_000;

export class SlackProfiles {
  private readonly cache = new Map<string, Profile & { at: number }>();
  private readonly knownCache = new Map<string, { user: Awaited<ReturnType<KnownUser>>; at: number }>();
  /** When users.info was called within the last minute, oldest first. */
  private readonly calls: number[] = [];
  private blockedUntil = 0;
  private readonly asking = new Map<string, Promise<Profile | null>>();
  private readonly now: () => number;
  private readonly perMinute: number;
  private readonly reserve: number;
  private readonly ttlMs: number;
  private readonly max: number;

  /** `client` must reject rate-limited calls (rejectRateLimitedCalls) instead of waiting them out. */
  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly known: KnownUser,
    o: ProfileOptions = {},
  ) {
    this.now = o.now ?? Date.now;
    this.perMinute = o.perMinute ?? CALLS_PER_MINUTE;
    this.reserve = Math.min(o.reserve ?? RESERVE, this.perMinute - 1);
    this.ttlMs = o.ttlMs ?? PROFILE_TTL_MS;
    this.max = o.max ?? MAX_PROFILES;
  }

  async actor(teamId: string, userId: string, channelId?: string): Promise<Actor> {
    const p = await this.profile(teamId, userId);
    return { platform: "slack", workspaceId: teamId, userId, displayName: p.displayName, verifiedEmail: p.email, locale: p.locale, channelId };
  }

  /** The language already known for a user, without asking anyone (for an answer that cannot wait). */
  cachedLocale(teamId: string, userId: string): string | undefined {
    return this.cache.get(`${teamId}:${userId}`)?.locale;
  }

  private async profile(teamId: string, userId: string): Promise<Profile> {
    const key = `${teamId}:${userId}`;
    const held = this.cache.get(key);
    if (held && this.now() - held.at <= this.ttlMs) {
      // Least recently used last: refreshes its place in the eviction order.
      this.cache.delete(key);
      this.cache.set(key, held);
      return held;
    }
    const known = await this.knownUser(key, teamId, userId);
    if (known?.appLocale) {
      const p = { ...held, locale: held?.locale ?? known.appLocale };
      if (this.mayCall(true, this.perMinute / 2)) void this.ask(key, userId);
      return p;
    }
    if (!this.mayCall(known !== null)) return { ...held };
    return (await this.ask(key, userId)) ?? { ...held };
  }

  /** What the records say of a user, read at most once per KNOWN_TTL_MS. */
  private async knownUser(key: string, teamId: string, userId: string): Promise<Awaited<ReturnType<KnownUser>>> {
    const held = this.knownCache.get(key);
    if (held && this.now() - held.at <= KNOWN_TTL_MS) return held.user;
    const user = await this.known(teamId, userId);
    this.remember(this.knownCache, key, { user, at: this.now() });
    return user;
  }

  /** Keeps `value` as the most recently seen; the least recently seen go first once the memory is full. */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= this.max) break;
      map.delete(oldest);
    }
  }

  /** Whether a call fits in the minute's budget now (`spare` more calls kept free). */
  private mayCall(linked: boolean, spare = 0): boolean {
    const now = this.now();
    if (now < this.blockedUntil) return false;
    while (this.calls.length && now - this.calls[0]! >= MINUTE_MS) this.calls.shift();
    return this.calls.length < this.perMinute - (linked ? this.reserve : 0) - spare;
  }

  /** Asks Slack once for this user, however many of their clicks wait on it; null when it could not say. */
  private ask(key: string, userId: string): Promise<Profile | null> {
    const pending = this.asking.get(key);
    if (pending) return pending;
    this.calls.push(this.now());
    const asked = this.usersInfo(key, userId).finally(() => this.asking.delete(key));
    this.asking.set(key, asked);
    return asked;
  }

  private async usersInfo(key: string, userId: string): Promise<Profile | null> {
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true });
      const u = res.user;
      const p = {
        displayName: u?.profile?.display_name || u?.real_name || u?.name || undefined,
        // Only an e-mail Slack has confirmed may link a member record automatically.
        email: u?.profile?.email && u.is_email_confirmed !== false && !u.is_bot ? u.profile.email : undefined,
        locale: u?.locale || undefined,
        at: this.now(),
      };
      this.remember(this.cache, key, p);
      return p;
    } catch (e) {
      const err = e as { code?: string; retryAfter?: number };
      if (err.code === "slack_webapi_rate_limited_error") {
        const ms = Math.max(1, err.retryAfter ?? 60) * 1000;
        if (this.now() >= this.blockedUntil) this.log.warn("slack.users_info.rate_limited", { retryAfterMs: ms });
        this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms);
      } else {
        this.log.warn("slack.users_info.failed", { error: e instanceof Error ? e.name : "unknown" });
      }
      return null;
    }
  }
}
