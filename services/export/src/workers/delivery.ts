/**
 * Getting a file to the member: by editing the deferred reply while its token lives, else by DM.
 * Editing `@original` replaces its attachments, so a repeated delivery still leaves one file.
 */
import type { API } from '@discordjs/core/http-only';
import { DiscordAPIError } from '@discordjs/rest';
import type { ExportRenderJob } from '@timekeeper/contracts';
import type { ExportFile } from '../render/files';

/** Leave this much of the token's life for the upload itself. */
const TOKEN_MARGIN_MS = 60_000;
/** Discord's "Unknown Webhook": the deferral may not have been posted yet when a job starts. */
const UNKNOWN_WEBHOOK = 10015;

export function replyUsable(job: ExportRenderJob, now: number): boolean {
  return job.reply !== null && now < job.reply.expiresAt - TOKEN_MARGIN_MS;
}

export async function editReply(
  api: API,
  job: ExportRenderJob,
  content: string,
  files: ExportFile[] = [],
): Promise<void> {
  const reply = job.reply!;
  await api.interactions.editReply(reply.applicationId, reply.interactionToken, {
    content,
    allowed_mentions: { parse: [] },
    ...(files.length > 0
      ? {
          files: files.map((f) => ({ name: f.name, data: f.data })),
          attachments: files.map((f, i) => ({ id: String(i), filename: f.name })),
        }
      : {}),
  } as never);
}

/** A DM carries the job's reference, so a retry can see whether it was already sent. */
export async function sendByDm(
  api: API,
  job: ExportRenderJob,
  content: string,
  files: ExportFile[],
): Promise<void> {
  const channel = await api.users.createDM(job.requestedBy);
  const recent = await api.channels.getMessages(channel.id, { limit: 20 }).catch(() => []);
  if (recent.some((m) => m.content.includes(`(ref ${job.jobId})`))) return;
  await api.channels.createMessage(channel.id, {
    content,
    allowed_mentions: { parse: [] },
    files: files.map((f) => ({ name: f.name, data: f.data })),
  });
}

export function isUnknownWebhook(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === UNKNOWN_WEBHOOK;
}
