/**
 * `/export format [user] [server] [from] [to] [category] [group]`: checks everything it can at once
 * (permissions, member, dates, category, limits), then queues the work as a JetStream job and answers
 * "deferred" (ephemeral). The job edits this answer with the file. `format:audit` (managers only) is
 * the audit trail: the whole server's, or one member's with `user`; `from`/`to` pick when changes
 * happened.
 */
import {
  EXPORT_FORMATS,
  EXPORT_GROUPS,
  ErrorCode,
  type ExportFormat,
  type ExportGroup,
  type ExportRenderJob,
} from '@timekeeper/contracts';
import {
  InteractionError,
  isManager,
  publishJob,
  readValue,
  respond,
  type CommandScope,
} from '@timekeeper/service-kit';
import { normaliseCategory, type Category } from '@timekeeper/storage';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { ExportDeps } from '../deps';
import { memberBusyText, serverBusyText } from '../logic/limits';
import { resolveRange } from '../logic/range';

/** Discord's interaction tokens live 15 minutes. */
const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Used when an interaction does not say (older payloads): Discord's smallest limit. */
const DEFAULT_UPLOAD_LIMIT = 8 * 1024 * 1024;

export function exportCommand(deps: ExportDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const { options, interaction } = scope;
    const refuse = (code: ErrorCode, message: string, outcome: string): never => {
      deps.metrics.requests.inc({ outcome });
      throw new InteractionError(code, message);
    };
    const format = options.string('format') as ExportFormat | undefined;
    if (!format || !EXPORT_FORMATS.includes(format)) {
      refuse(ErrorCode.INVALID_INPUT, 'Choose a format: csv, pdf, docx or audit.', 'refused_input');
    }
    const audit = format === 'audit';
    if (audit && (options.has('category') || options.has('group'))) {
      refuse(
        ErrorCode.INVALID_INPUT,
        'The audit trail has no `category` or `group`: leave them out (use `user`, `from` and `to`).',
        'refused_input',
      );
    }
    const group = (options.string('group') ?? 'session') as ExportGroup;
    if (!EXPORT_GROUPS.includes(group))
      refuse(ErrorCode.INVALID_INPUT, 'Group by session, day, week or member.', 'refused_input');

    const settings = readValue(await deps.storage.getSettings(scope.guildId));
    const manager = isManager(scope.member, settings.managerRoleIds);
    // The audit trail is the whole server's unless `user` names one member.
    const wholeServer = options.boolean('server') === true || (audit && !options.has('user'));
    const target = options.snowflake('user') ?? scope.userId;
    if (options.boolean('server') === true && options.has('user')) {
      refuse(ErrorCode.INVALID_INPUT, 'Choose either `user` or `server`, not both.', 'refused_input');
    }
    if (audit && !manager) {
      refuse(
        ErrorCode.FORBIDDEN,
        'Exporting the audit trail needs Manage Server or a manager role. You can export your own time with `/export`.',
        'refused_permission',
      );
    }
    if ((wholeServer || target !== scope.userId) && !manager) {
      refuse(
        ErrorCode.FORBIDDEN,
        wholeServer
          ? "Exporting the whole server's time needs Manage Server or a manager role. You can export your own with `/export`."
          : "Exporting another member's time needs Manage Server or a manager role. You can export your own with `/export`.",
        'refused_permission',
      );
    }
    if (!wholeServer && target !== scope.userId) {
      const resolved = interaction.data.resolved;
      const inServer = resolved && 'members' in resolved && resolved.members?.[target] !== undefined;
      if (!inServer)
        refuse(
          ErrorCode.NOT_FOUND,
          'That member is not in this server, so there is nothing to export for them here.',
          'refused_input',
        );
    }

    const now = deps.clock.now();
    const range = resolveRange(
      { from: options.string('from'), to: options.string('to') },
      settings.timeZone,
      now,
    );
    if (!range.ok) refuse(ErrorCode.INVALID_INPUT, range.message, 'refused_input');
    const { from, to } = (range as Extract<typeof range, { ok: true }>).range;

    let category: string | null = null;
    const rawCategory = options.string('category');
    if (rawCategory !== undefined) {
      const categories = readValue(await deps.storage.listCategories(scope.guildId, true));
      const found = findCategory(categories, rawCategory);
      if (!found) {
        const names = categories
          .filter((c) => !c.archived)
          .map((c) => `**${c.displayName}**`)
          .join(', ');
        refuse(
          ErrorCode.NOT_FOUND,
          `There is no category "${rawCategory.slice(0, 50)}" on this server. Categories: ${names || 'none yet'}.`,
          'refused_input',
        );
      }
      category = found!.key;
    }

    const jobId = `export:${interaction.id}`;
    const claim = await deps.guard.claim(scope.guildId, scope.userId, jobId, now);
    if (!claim.ok) {
      refuse(
        ErrorCode.RATE_LIMITED,
        claim.reason === 'member' ? memberBusyText(claim.until) : serverBusyText(claim.retryAt),
        'refused_limit',
      );
    }
    const job: ExportRenderJob = {
      v: 1,
      kind: 'export.render',
      jobId,
      guildId: scope.guildId,
      enqueuedAt: now,
      requestedBy: scope.userId,
      userId: wholeServer ? null : target,
      format: format!,
      from,
      to,
      timezone: settings.timeZone,
      category,
      group,
      uploadLimitBytes:
        interaction.attachment_size_limit > 0 ? interaction.attachment_size_limit : DEFAULT_UPLOAD_LIMIT,
      reply: {
        applicationId: interaction.application_id,
        interactionToken: interaction.token,
        // The token's 15 minutes run from the interaction's creation, which its id records.
        expiresAt: snowflakeTime(interaction.id) + TOKEN_LIFETIME_MS,
      },
    };
    try {
      await publishJob(deps.nc, job);
    } catch (error) {
      await deps.guard.release(scope.guildId, scope.userId, jobId);
      throw error;
    }
    deps.metrics.requests.inc({ outcome: 'queued' });
    scope.logger.info({ jobId, format, group }, 'export queued');
    return respond.deferred({ ephemeral: true });
  };
}

const DISCORD_EPOCH = 1_420_070_400_000n;

function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

function findCategory(categories: readonly Category[], raw: string): Category | undefined {
  const key = normaliseCategory(raw);
  return (
    categories.find((c) => c.key === key) ?? categories.find((c) => normaliseCategory(c.displayName) === key)
  );
}
