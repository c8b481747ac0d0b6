/** Every command and component of the analytics service, in one table. */
import { InteractionRouter } from '@timekeeper/service-kit';
import { insightsCommand } from './commands/insights';
import { leaderboardCommand } from './commands/leaderboard';
import { leaderboardPageButton } from './components/leaderboard-page';
import type { AnalyticsDeps } from './deps';
import { ACTIONS } from './ids';

export function buildRouter(deps: AnalyticsDeps): InteractionRouter {
  return new InteractionRouter(deps.codec, deps.logger)
    .command('leaderboard', leaderboardCommand(deps))
    .command('insights', insightsCommand(deps))
    .component(ACTIONS.leaderboardPage, leaderboardPageButton(deps));
}
