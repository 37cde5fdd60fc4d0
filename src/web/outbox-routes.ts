// The installation's outbox on the web: when no SMTP server is configured, the e-mails Rostrum sends stay in the
// database (kernel/mail), and the help desk and the Secretariat read them here to pass invitation and sign-in links
// on, while the server runs. With SMTP configured, mail has left and the page says so.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../kernel/db/database.js';
import { AppError } from '../kernel/errors.js';
import { OUTBOX_READ, outboxMessage, outboxMessages } from '../kernel/mail/index.js';
import { outboxListPage, outboxMessagePage } from './outbox-pages.js';
import { sendHtml } from './reply.js';

export const OUTBOX_PATH = '/outbox';

export interface OutboxRoutesDeps {
  db: Database;
  /** The configured SMTP server; unset, mail goes to the outbox. */
  smtpUrl: string | undefined;
}

const listQuery = { type: 'object', properties: { before: { type: 'integer', minimum: 1 } }, additionalProperties: false } as const;
const messageParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

export async function outboxRoutes(app: FastifyInstance, deps: OutboxRoutesDeps): Promise<void> {
  const smtp = Boolean(deps.smtpUrl);

  app.get<{ Querystring: { before?: number } }>(
    OUTBOX_PATH,
    { config: { policy: OUTBOX_READ }, schema: { querystring: listQuery } },
    async (request, reply) => {
      const listed = smtp
        ? { mails: [], more: false }
        : await outboxMessages(deps.db, request.query.before === undefined ? {} : { before: request.query.before });
      return sendHtml(reply, outboxListPage(request.actor, { smtp, ...listed, older: request.query.before !== undefined }));
    },
  );

  app.get<{ Params: { id: number } }>(
    `${OUTBOX_PATH}/:id`,
    { config: { policy: OUTBOX_READ }, schema: { params: messageParams } },
    async (request, reply) => {
      const mail = smtp ? undefined : await outboxMessage(deps.db, request.params.id);
      if (!mail) throw new AppError('mail.not_found', { detail: `message ${request.params.id}` });
      return sendHtml(reply, outboxMessagePage(request.actor, mail));
    },
  );
}
