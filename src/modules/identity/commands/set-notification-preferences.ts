// A person chooses, on their account page, which notifications they receive. Receipts, statements returned for
// correction and mails about the account's security are not among them: those are always sent.
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import type { NotificationPreferences } from '../notifications.js';

export async function setNotificationPreferences(
  trx: Transaction,
  clock: Clock,
  accountId: string,
  chosen: NotificationPreferences,
): Promise<void> {
  const values = { ...chosen, updated_at: clock.now() };
  await trx
    .insertInto('identity.notification_preferences')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}
