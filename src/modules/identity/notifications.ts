// Whom a notification goes to. The modules that tell of an event say which missions it concerns and which of their
// people (the access focal points, the staff who hold the statements module, the person who submitted); this file
// keeps those who can act today (active, invitation accepted) and have not turned that notification off.
import type { Database, Transaction } from '../../kernel/db/database.js';
import { notificationKinds, type NotificationKind } from './tables.js';

type Queryable = Database | Transaction;

export interface Recipient {
  accountId: string;
  email: string;
  name: string;
  /** The mission's code. */
  mission: string;
}

/** Which of a mission's people a notification is for; a person matching several is told once. */
export interface RecipientRule {
  /** The mission's access focal points. */
  focalPoints?: boolean;
  /** The mission's staff who hold the statements module now. */
  statementsAccess?: boolean;
  /**
   * These accounts (the person who submitted a statement), when they belong to the mission: an officer who entered a
   * statement on its behalf is not told.
   */
  accounts?: readonly string[];
}

/** The people of these missions a notification of this kind reaches, by mission then address. */
export async function notificationRecipients(
  db: Queryable,
  kind: NotificationKind,
  missions: readonly string[],
  rule: RecipientRule,
): Promise<Recipient[]> {
  const accounts = [...new Set(rule.accounts ?? [])];
  if (missions.length === 0 || (!rule.focalPoints && !rule.statementsAccess && accounts.length === 0)) return [];
  const rows = await db
    .selectFrom('identity.accounts as a')
    .leftJoin('identity.notification_preferences as p', 'p.account_id', 'a.id')
    .select(['a.id', 'a.email', 'a.display_name', 'a.organisation'])
    .where('a.organisation', 'in', [...new Set(missions)])
    .where('a.disabled_at', 'is', null)
    .where('a.password_hash', 'is not', null)
    // No row, or a row with this notification on.
    .where((eb) => eb.or([eb(`p.${kind}`, 'is', null), eb(`p.${kind}`, '=', true)]))
    .where((eb) => {
      const who = [];
      if (rule.focalPoints) who.push(eb('a.role', '=', 'focal_point'));
      if (rule.statementsAccess) {
        who.push(
          eb.exists(
            eb
              .selectFrom('identity.module_grants as g')
              .select('g.id')
              .whereRef('g.account_id', '=', 'a.id')
              .where('g.module', '=', 'statements')
              .where('g.revoked_at', 'is', null),
          ),
        );
      }
      if (accounts.length > 0) who.push(eb('a.id', 'in', accounts));
      return eb.or(who);
    })
    .orderBy('a.organisation')
    .orderBy('a.email')
    .execute();
  return rows.flatMap((r) =>
    r.organisation === null ? [] : [{ accountId: r.id, email: r.email, name: r.display_name, mission: r.organisation }],
  );
}

export type NotificationPreferences = Record<NotificationKind, boolean>;

/** The notifications a person receives: every one, until they turn it off. */
export async function notificationPreferencesOf(db: Queryable, accountId: string): Promise<NotificationPreferences> {
  const row = await db
    .selectFrom('identity.notification_preferences')
    .select(notificationKinds)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Object.fromEntries(notificationKinds.map((k) => [k, row?.[k] ?? true])) as NotificationPreferences;
}
