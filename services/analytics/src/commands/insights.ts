/**
 * `/insights [user] [period] [server]`: answers "deferred" at once (ephemeral), then reads, scores and
 * renders, and edits the reply with the embed and the chart. Another member's insights and the server
 * view need a manager; a bot or someone not in the server is refused.
 */
import { ErrorCode, INSIGHTS_PERIODS, type InsightsPeriod } from '@timekeeper/contracts';
import { isManager, respond, type CommandScope } from '@timekeeper/service-kit';
import type { GuildSettings } from '@timekeeper/storage';
import type {
  APIInteractionResponse,
  APIChatInputApplicationCommandInteraction,
} from 'discord-api-types/v10';
import { refuse, valueOf, type AnalyticsDeps } from '../deps';
import { deliver, type Delivery } from './deliver';
import { memberInsightsReply } from './insights-member';
import { serverInsightsReply } from './insights-server';

export const PERIOD_DAYS: Record<InsightsPeriod, number> = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

export interface InsightsRequest {
  readonly guildId: string;
  readonly userId: string;
  readonly periodDays: number;
  readonly settings: GuildSettings;
}

function resolvedMember(interaction: APIChatInputApplicationCommandInteraction, id: string): boolean {
  const resolved = interaction.data.resolved;
  return Boolean(resolved && 'members' in resolved && resolved.members?.[id]);
}

export function insightsCommand(deps: AnalyticsDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = valueOf(await deps.storage.getSettings(scope.guildId));
    const periodRaw = scope.options.string('period') ?? '30d';
    if (!(INSIGHTS_PERIODS as readonly string[]).includes(periodRaw)) {
      throw refuse(ErrorCode.INVALID_INPUT, `\`period\` is one of ${INSIGHTS_PERIODS.join(', ')}.`);
    }
    const periodDays = PERIOD_DAYS[periodRaw as InsightsPeriod];
    const manager = isManager(scope.member, settings.managerRoleIds);
    const server = scope.options.boolean('server') === true;
    const target = scope.options.user('user');
    if (server && target) {
      throw refuse(ErrorCode.INVALID_INPUT, 'Choose either `user` or `server:True`, not both.');
    }
    if (server && !manager) {
      throw refuse(
        ErrorCode.FORBIDDEN,
        'The server view of insights is for managers (Manage Server or a manager role).',
      );
    }
    let userId = scope.userId;
    if (target && target.id !== scope.userId) {
      if (!manager) {
        throw refuse(
          ErrorCode.FORBIDDEN,
          "Only managers can see another member's insights. Run `/insights` without `user` for your own.",
        );
      }
      if (target.bot)
        throw refuse(ErrorCode.INVALID_INPUT, `<@${target.id}> is a bot; bots do not track time.`);
      if (!resolvedMember(scope.interaction, target.id)) {
        throw refuse(ErrorCode.NOT_FOUND, `<@${target.id}> is not a member of this server.`);
      }
      userId = target.id;
    }
    const delivery: Delivery = {
      applicationId: scope.interaction.application_id,
      token: scope.interaction.token,
    };
    const request: InsightsRequest = { guildId: scope.guildId, userId, periodDays, settings };
    deliver(deps, delivery, () =>
      server ? serverInsightsReply(deps, request) : memberInsightsReply(deps, request),
    );
    return respond.deferred({ ephemeral: true });
  };
}
