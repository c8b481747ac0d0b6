/** `dm.send`: direct messages queued by other parts of Timekeeper (force clock-out notices, exports). */
import type { DmSendJob } from '@timekeeper/contracts';
import type { JobOutcome } from '@timekeeper/service-kit';
import { classifyDiscordError } from './discord-errors';
import { sendDm, type WorkerContext } from './context';

export async function handleDmSend(ctx: WorkerContext, job: DmSendJob): Promise<JobOutcome> {
  try {
    const result = await sendDm(ctx.api, job.userId, {
      ...(job.content === undefined ? {} : { content: job.content }),
      ...(job.embeds === undefined ? {} : { embeds: job.embeds }),
      allowed_mentions: { parse: [] },
    } as never);
    ctx.count('dm', `${job.purpose}-${result}`);
    if (result === 'closed')
      ctx.logger.info({ guildId: job.guildId, purpose: job.purpose }, 'member does not accept DMs');
    return { status: 'done' };
  } catch (error) {
    const kind = classifyDiscordError(error);
    if (kind === 'transient') throw error;
    // Unknown user, or a body Discord refuses: retrying cannot help.
    ctx.count('dm', `${job.purpose}-${kind}`);
    ctx.logger.error(
      { err: error, guildId: job.guildId, purpose: job.purpose, kind },
      'DM refused by Discord',
    );
    return { status: 'done' };
  }
}
