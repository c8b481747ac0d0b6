/**
 * The clock flows shared by slash commands, dashboard buttons and menus: validate, write once (the
 * interaction id is the event id, so a retried interaction never writes twice), run the effects, and
 * build the answer. Each returns a message body; the caller decides how it is sent.
 */
import { ErrorCode } from '@timekeeper/contracts';
import {
  InteractionError,
  type InteractionScope,
  readValue,
  storageRejection,
  withStorageRefusals,
} from '@timekeeper/service-kit';
import type { SessionSource } from '@timekeeper/storage';
import { findCategory, suggestCategories } from '../logic/categories';
import { clockInRefusal } from '../logic/clock-rights';
import { runningMsInPeriod, runningMsOnDay } from '../logic/running';
import {
  alreadyClockedInView,
  clockedInView,
  clockedOutView,
  NO_CATEGORIES,
  NOT_CLOCKED_IN,
  savedLaterView,
  switchedView,
  unknownCategoryView,
} from '../views/clock';
import type { MessageBody } from '../views/components';
import { rawName, type CategoryNames } from '../views/names';
import type { StatusInput } from '../views/status';
import { memberStandings } from './pay';
import { loadCategories, type TimecardDeps } from '../deps';

function context(deps: TimecardDeps, scope: InteractionScope) {
  return { eventId: scope.request.interaction.id, now: deps.clock.now(), actor: scope.userId };
}

/**
 * Refuses (nothing written) a suspended member, or one without a role the server or the category
 * requires; the roles are the ones Discord sent with this interaction.
 */
async function requireClockInRight(
  deps: TimecardDeps,
  scope: InteractionScope,
  categoryKey: string,
  names: CategoryNames,
): Promise<void> {
  const [settings, suspension] = await Promise.all([
    deps.storage.getSettings(scope.guildId).then(readValue),
    deps.storage.suspension(scope.guildId, scope.userId, deps.clock.now()).then(readValue),
  ]);
  const refusal = clockInRefusal({
    suspension,
    required: settings.requiredRoles,
    memberRoles: scope.member.roles,
    categoryKey,
    categoryName: rawName(names, categoryKey),
  });
  if (refusal) throw new InteractionError(ErrorCode.FORBIDDEN, `${refusal} Nothing was changed.`);
}

export async function clockInFlow(
  deps: TimecardDeps,
  scope: InteractionScope,
  input: { category: string; description?: string | undefined; source: SessionSource },
): Promise<MessageBody> {
  const { categories, names } = await loadCategories(deps, scope.guildId);
  const active = categories.filter((c) => !c.archived);
  if (active.length === 0) return { content: NO_CATEGORIES };
  const match = findCategory(categories, input.category);
  if (!match || match.archived) {
    return unknownCategoryView({
      input: input.category,
      archived: match?.archived ? match.key : null,
      suggestions: suggestCategories(active, input.category).map((c) => c.key),
      available: active.map((c) => c.key),
      names,
    });
  }
  await requireClockInRight(deps, scope, match.key, names);
  const description = input.description?.trim() ? input.description.trim() : undefined;
  const result = await withStorageRefusals(() =>
    deps.storage.clockIn(
      {
        guildId: scope.guildId,
        userId: scope.userId,
        category: match.key,
        source: input.source,
        ...(description ? { description } : {}),
      },
      context(deps, scope),
    ),
  );
  if (result.status === 'journaled') return savedLaterView('clock-in');
  const outcome = result.outcome;
  if (outcome.ok) {
    const effects = await deps.effects.afterClockIn(outcome);
    return clockedInView({
      names,
      category: outcome.session.category,
      start: outcome.session.start,
      description: outcome.session.description,
      rolesPending: effects.rolesPending,
    });
  }
  switch (outcome.code) {
    case 'ALREADY_CLOCKED_IN': {
      const current = outcome.session;
      const requested = current.category === match.key ? null : match.key;
      return alreadyClockedInView({
        names,
        current,
        requested,
        ids: {
          switchTo: requested ? deps.ids.switchCategory(scope.guildId, scope.userId, requested) : null,
          clockOut: deps.ids.clockOut(scope.guildId, scope.userId),
        },
      });
    }
    case 'CATEGORY_NOT_FOUND':
    case 'CATEGORY_ARCHIVED':
      return unknownCategoryView({
        input: input.category,
        archived: outcome.code === 'CATEGORY_ARCHIVED' ? match.key : null,
        suggestions: suggestCategories(active, input.category).map((c) => c.key),
        available: active.map((c) => c.key),
        names,
      });
    default:
      throw storageRejection(outcome);
  }
}

export async function clockOutFlow(deps: TimecardDeps, scope: InteractionScope): Promise<MessageBody> {
  const result = await withStorageRefusals(() =>
    deps.storage.clockOut({ guildId: scope.guildId, userId: scope.userId }, context(deps, scope)),
  );
  if (result.status === 'journaled') return savedLaterView('clock-out');
  const outcome = result.outcome;
  if (!outcome.ok) {
    if (outcome.code === 'NOT_CLOCKED_IN') return { content: NOT_CLOCKED_IN };
    if (outcome.code === 'CLOCK_BEFORE_START') {
      throw new InteractionError(
        ErrorCode.CONFLICT,
        'Your session has not started yet. Try again in a moment.',
      );
    }
    throw storageRejection(outcome);
  }
  const effects = await deps.effects.afterClockOut(outcome, 'user');
  const [{ names }, settings, summary] = await Promise.all([
    loadCategories(deps, scope.guildId),
    deps.storage.getSettings(scope.guildId),
    deps.storage.userSummary(scope.guildId, scope.userId, deps.clock.now()),
  ]);
  return clockedOutView({
    names,
    session: outcome.session,
    capped: outcome.capped,
    maxSessionMs: settings.ok ? settings.value.maxSessionMs : outcome.session.durationMs,
    totals: summary.ok ? { todayMs: summary.value.todayMs, weekMs: summary.value.weekMs } : null,
    rolesPending: effects.rolesPending,
  });
}

export async function switchFlow(
  deps: TimecardDeps,
  scope: InteractionScope,
  categoryKey: string,
  source: SessionSource,
): Promise<MessageBody> {
  const { names } = await loadCategories(deps, scope.guildId);
  await requireClockInRight(deps, scope, categoryKey, names);
  const result = await withStorageRefusals(() =>
    deps.storage.switchCategory(
      { guildId: scope.guildId, userId: scope.userId, category: categoryKey, source },
      context(deps, scope),
    ),
  );
  if (result.status === 'journaled') return savedLaterView('switch');
  const outcome = result.outcome;
  if (outcome.ok) {
    const effects = await deps.effects.afterSwitch(outcome);
    return switchedView({
      names,
      closed: outcome.closed,
      capped: outcome.capped,
      opened: outcome.opened,
      rolesPending: effects.rolesPending,
    });
  }
  switch (outcome.code) {
    case 'NOT_CLOCKED_IN':
      return {
        content: "You're not clocked in any more, so there's nothing to switch. Start with `/clockin`.",
      };
    case 'SAME_CATEGORY':
      return { content: "You're already clocked into that category. Nothing was changed." };
    case 'CATEGORY_NOT_FOUND':
    case 'CATEGORY_ARCHIVED':
      return { content: 'That category no longer takes clock-ins. Nothing was changed.' };
    case 'CLOCK_BEFORE_START':
      throw new InteractionError(
        ErrorCode.CONFLICT,
        'Your session has not started yet. Try again in a moment.',
      );
    default:
      throw storageRejection(outcome);
  }
}

/** The figures behind /status, "My stats" and the personal dashboard. */
export async function statusInput(
  deps: TimecardDeps,
  scope: InteractionScope,
): Promise<StatusInput & { names: CategoryNames }> {
  const now = deps.clock.now();
  const [{ names }, settings, summary] = await Promise.all([
    loadCategories(deps, scope.guildId),
    deps.storage.getSettings(scope.guildId).then(readValue),
    deps.storage.userSummary(scope.guildId, scope.userId, now).then(readValue),
  ]);
  const running = summary.active;
  const member = { userId: scope.userId, roleIds: scope.member.roles };
  return {
    names,
    now,
    totals: summary,
    currency: settings.payCurrency,
    standings: await memberStandings(deps.storage, settings, scope.guildId, member, now),
    active: running
      ? {
          category: running.category,
          start: running.start,
          todayMs: runningMsOnDay(running.start, now, summary.day, settings),
          weekMs: runningMsInPeriod(running.start, now, { week: summary.week }, settings),
        }
      : null,
  };
}
