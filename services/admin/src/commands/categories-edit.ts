import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { contractEvents, type CategoryOutcome } from '@timekeeper/storage';
import { requireManager } from '../flows/access';
import { parseCategoryEdit } from '../logic/category-input';
import { categoryName } from '../views/category-list';
import type { AdminDeps } from '../deps';
import { categoryRejection } from '../logic/rejections';
import { plain } from '../views/text';
import { commitWrite } from '../flows/writes';
import { confirm, refuse, writeContext, type CommandHandler } from './shared';

/** `/admin categories edit name [new_name] [description] [color] [weight]` */
export function categoriesEdit(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const { options } = scope;
    const name = options.string('name') ?? '';
    const parsed = parseCategoryEdit({
      name,
      newName: options.string('new_name'),
      description: options.string('description'),
      color: options.string('color'),
      weight: options.number('weight'),
    });
    if (!parsed.ok) throw new InteractionError(ErrorCode.INVALID_INPUT, parsed.message);
    const { key, patch } = parsed.value;
    const committed = await commitWrite<CategoryOutcome, Extract<CategoryOutcome, { ok: true }>>(
      deps,
      () => deps.storage.editCategory(scope.guildId, key, patch, writeContext(deps, scope)),
      (outcome) => refuse(categoryRejection('edit', name, outcome)),
      (outcome) => contractEvents.category(outcome, 'edited'),
    );
    const changed = [
      patch.displayName !== undefined ? 'name' : null,
      patch.description !== undefined ? 'description' : null,
      patch.color !== undefined ? `colour \`${patch.color}\`` : null,
      patch.productivityWeight !== undefined ? `weight ${patch.productivityWeight}` : null,
    ].filter((part): part is string => part !== null);
    const shown =
      committed.status === 'applied' ? categoryName(committed.outcome.category) : `**${plain(key)}**`;
    return confirm(committed, `✅ Updated ${shown}: ${changed.join(', ')}.`);
  };
}
