/**
 * Who is still in a server, for boards: a member who left is shown by id instead of a mention that
 * Discord would render as "unknown". Answered by Discord (`GET /guilds/:id/members/:user`, which says
 * Unknown Member for someone who left) and kept for a while; a lookup that takes longer than the
 * board may wait is finished in the background for the next view, and the member is shown as a
 * mention meanwhile (present until Discord says otherwise).
 */
import type { API } from '@discordjs/core/http-only';
import { DiscordAPIError } from '@discordjs/rest';
import type { AnalyticsMetrics } from '../metrics';

/** Discord's codes for "not in this server" (Unknown Member) and "no such user" (Unknown User). */
const GONE_CODES = new Set([10007, 10013]);

export const DefaultMemberDirectoryOptions = {
  /** How long an answer is kept. */
  ttlMs: 10 * 60_000,
  maxEntries: 50_000,
  /** The longest a board waits for lookups (it answers within Discord's 3 s either way). */
  waitMs: 800,
} as const;

export class MemberDirectory {
  private readonly known = new Map<string, { present: boolean; expires: number }>();
  private readonly asking = new Map<string, Promise<void>>();

  constructor(
    private readonly api: Pick<API, 'guilds'>,
    private readonly metrics: AnalyticsMetrics,
    private readonly now: () => number,
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      waitMs: number;
    } = DefaultMemberDirectoryOptions,
  ) {}

  /** The ids among `userIds` known to have left the server. */
  async departed(guildId: string, userIds: readonly string[]): Promise<Set<string>> {
    const waits: Promise<void>[] = [];
    for (const userId of new Set(userIds)) {
      const id = `${guildId}|${userId}`;
      const entry = this.known.get(id);
      if (entry && entry.expires > this.now()) {
        this.metrics.cacheLookups.inc({ cache: 'members', outcome: 'hit' });
        continue;
      }
      this.metrics.cacheLookups.inc({ cache: 'members', outcome: 'miss' });
      let asking = this.asking.get(id);
      if (!asking) {
        asking = this.ask(guildId, userId).finally(() => this.asking.delete(id));
        this.asking.set(id, asking);
      }
      waits.push(asking);
    }
    if (waits.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(waits),
        new Promise((resolve) => (timer = setTimeout(resolve, this.options.waitMs))),
      ]);
      clearTimeout(timer);
    }
    const gone = new Set<string>();
    for (const userId of userIds) {
      if (this.known.get(`${guildId}|${userId}`)?.present === false) gone.add(userId);
    }
    return gone;
  }

  private async ask(guildId: string, userId: string): Promise<void> {
    let present: boolean;
    try {
      await this.api.guilds.getMember(guildId, userId);
      present = true;
    } catch (error) {
      // Anything but "not a member" (an outage, a rate limit) leaves the member shown as a mention.
      if (!(error instanceof DiscordAPIError && GONE_CODES.has(Number(error.code)))) return;
      present = false;
    }
    this.known.set(`${guildId}|${userId}`, { present, expires: this.now() + this.options.ttlMs });
    while (this.known.size > this.options.maxEntries) {
      this.known.delete(this.known.keys().next().value as string);
    }
  }
}
