import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { contractEvents, type CategoryOutcome } from '@timekeeper/storage';
import { requireManager } from '../flows/access';
import { categoryName } from '../views/category-list';
import { parseNewCategory } from '../logic/category-input';
import type { AdminDeps } from '../deps';
import { categoryRejection } from '../logic/rejections';
import { plain } from '../views/text';
import { commitWrite } from '../flows/writes';
import { confirm, refuse, writeContext, type CommandHandler } from './shared';

/** `/admin categories add name [description] [color] [weight]` */
export function categoriesAdd(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const { options } = scope;
    const parsed = parseNewCategory({
      name: options.string('name'),
      description: options.string('description'),
      color: options.string('color'),
      weight: options.number('weight'),
    });
    if (!parsed.ok) throw new InteractionError(ErrorCode.INVALID_INPUT, parsed.message);
    const input = parsed.value;
    const committed = await commitWrite<CategoryOutcome, Extract<CategoryOutcome, { ok: true }>>(
      deps,
      () => deps.storage.createCategory(scope.guildId, input, writeContext(deps, scope)),
      (outcome) => refuse(categoryRejection('add', input.name, outcome)),
      (outcome) => contractEvents.category(outcome, 'added'),
    );
    const shown =
      committed.status === 'applied' ? categoryName(committed.outcome.category) : `**${plain(input.name)}**`;
    const details =
      committed.status === 'applied'
        ? ` (colour \`${committed.outcome.category.color}\`, weight ${committed.outcome.category.productivityWeight})`
        : '';
    return confirm(
      committed,
      `✅ Added ${shown}${details}. Members can now clock in with \`/clockin category:${plain(input.name)}\`.`,
    );
  };
}
