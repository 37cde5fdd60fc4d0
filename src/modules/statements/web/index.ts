// The statements module's web door: one plugin registering all its pages (a delegation's statement and its receipts,
// the review desk, the meeting's speakers, the presidency's overview, "my statements").
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import { myStatementsRoutes, type MyStatementsDeps } from './my-statements-routes.js';
import { statementsOverviewRoutes } from './overview-routes.js';
import { onBehalfRoutes } from './on-behalf-routes.js';
import { reviewDeskRoutes } from './review-desk-routes.js';
import { reviewHistoryRoutes } from './review-history-routes.js';
import { speakerRoutes } from './speaker-routes.js';
import { receiptCheckRoutes } from './receipt-check-routes.js';
import { statementReceiptRoutes } from './statement-receipt-routes.js';
import { statementRoutes } from './statement-routes.js';

export interface StatementsWebDeps {
  db: Database;
  clock: Clock;
  signing: SigningKey;
  publicUrl: string;
  /** The largest statement or cover letter accepted (UPLOAD_MAX_MB). */
  maxUploadBytes: number;
  buildsToIssue: MyStatementsDeps['buildsToIssue'];
}

export async function statementsWeb(app: FastifyInstance, deps: StatementsWebDeps): Promise<void> {
  const { db, clock, signing, publicUrl, maxUploadBytes } = deps;
  await app.register(statementRoutes, { db, clock, signing, publicUrl, maxUploadBytes });
  await app.register(statementReceiptRoutes, { db, clock, signing, publicUrl, maxUploadBytes });
  await app.register(receiptCheckRoutes, { db, signing });
  await app.register(reviewDeskRoutes, { db, clock, publicUrl, signing, maxUploadBytes });
  await app.register(reviewHistoryRoutes, { db });
  await app.register(onBehalfRoutes, { db, clock, publicUrl, signing, maxUploadBytes });
  await app.register(speakerRoutes, { db, clock, maxUploadBytes });
  await app.register(statementsOverviewRoutes, { db, clock });
  await app.register(myStatementsRoutes, { db, clock, buildsToIssue: deps.buildsToIssue });
}
