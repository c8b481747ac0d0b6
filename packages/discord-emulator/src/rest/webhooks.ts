import type { Router } from '../router';
import type { RestContext } from './context';

/**
 * Interaction webhooks: follow-ups and `@original` / follow-up message get, edit, delete. Called
 * with the interaction token instead of the bot token.
 */
export function registerWebhookRoutes(router: Router, ctx: RestContext): void {
  const options = { auth: false };

  router.add(
    'POST',
    '/webhooks/:applicationId/:token',
    ({ params, body, files, query }) => {
      const record = ctx.responder.forWebhook(params.applicationId ?? '', params.token ?? '');
      const message = ctx.responder.followUp(record, body, files);
      return query.get('wait') === 'true' ? { status: 200, body: message.message } : { status: 204 };
    },
    options,
  );

  router.add(
    'GET',
    '/webhooks/:applicationId/:token/messages/:messageId',
    ({ params }) => {
      const record = ctx.responder.forWebhook(params.applicationId ?? '', params.token ?? '');
      return { status: 200, body: ctx.responder.webhookMessage(record, params.messageId ?? '').message };
    },
    options,
  );

  router.add(
    'PATCH',
    '/webhooks/:applicationId/:token/messages/:messageId',
    ({ params, body, files }) => {
      const record = ctx.responder.forWebhook(params.applicationId ?? '', params.token ?? '');
      return { status: 200, body: ctx.responder.edit(record, params.messageId ?? '', body, files).message };
    },
    options,
  );

  router.add(
    'DELETE',
    '/webhooks/:applicationId/:token/messages/:messageId',
    ({ params }) => {
      const record = ctx.responder.forWebhook(params.applicationId ?? '', params.token ?? '');
      ctx.responder.delete(record, params.messageId ?? '');
      return { status: 204 };
    },
    options,
  );
}
