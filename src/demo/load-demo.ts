// Loads the demonstration data: the May 2021 open debate, an open debate whose deadline is a few days ahead (so the
// demo delegate can submit at once), and one account per role, with passwords generated now and returned once for the
// console (none is stored anywhere but as an argon2id hash).
import { sql } from 'kysely';
import type { AuditActor } from '../kernel/audit.js';
import { recordAudit } from '../kernel/audit.js';
import type { Clock } from '../kernel/clock.js';
import { randomUUID } from 'node:crypto';
import type { Database, Transaction } from '../kernel/db/database.js';
import { addSignatory } from '../modules/delegations/index.js';
import { createAccount, generatePassword, resetCredentials, type Role } from '../modules/identity/index.js';
import { formatDateWithWeekday, formatTimeInZone, zonedTimeToUtc } from '../kernel/dates.js';
import {
  createDebate,
  generateAnnouncementLetter,
  loadCouncil,
  PLATFORM_NAME,
  presidencyOn,
  updateDebate,
} from '../modules/meetings/index.js';
import { demoDebate } from './debate-2021-05.js';
import { currentDemoDates, currentDemoDebate, CURRENT_DEMO_SLUG, DEMO_TIME_ZONE } from './debate-current.js';

export const DEMO_EMAIL_DOMAIN = 'demo.rostrum.example';

interface DemoAccount {
  label: string;
  email: string;
  displayName: string;
  role: Role;
  organisation: string | null;
}

// The presidency is not a role of its own: it is the staff of the State presiding the Council that month, given the
// presidency module by their mission's focal point (the demo gives it to China's delegate itself).
export const demoAccounts: readonly DemoAccount[] = [
  { label: 'Help desk', email: `helpdesk@${DEMO_EMAIL_DOMAIN}`, displayName: 'Help Desk (demo)', role: 'helpdesk', organisation: null },
  {
    label: 'Secretariat officer',
    email: `secretariat@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Secretariat Officer (demo)',
    role: 'secretariat',
    organisation: null,
  },
  {
    label: 'Presidency (China, May 2021)',
    email: `presidency.china@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Delegate of China (demo)',
    role: 'delegate',
    organisation: 'CHN',
  },
  {
    label: 'Access focal point (Brazil)',
    email: `focal.brazil@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Focal Point of Brazil (demo)',
    role: 'focal_point',
    organisation: 'BRA',
  },
  {
    label: 'Delegate (Brazil)',
    email: `delegate.brazil@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Delegate of Brazil (demo)',
    role: 'delegate',
    organisation: 'BRA',
  },
];

const system: AuditActor = { id: null, label: 'system (demo loader)' };

export interface DemoCredentials {
  label: string;
  email: string;
  password: string;
}

/** Where the open debate was placed; `month` when the Council data does not cover its meeting's month. */
export type CurrentDemo = { placed: true; slug: string; deadline: Date } | { placed: false; month: string };

export interface DemoLoaded {
  credentials: DemoCredentials[];
  current: CurrentDemo;
}

// Loaders take it first: two processes loading the demo at once (two servers starting on one PostgreSQL database,
// `rostrum demo --reset` twice) load it one after the other. The bytes of "Rostrum" followed by 2.
const DEMO_LOCK = 0x526f737472756d02n;

/** True when the database holds no debate yet: the first start of a new installation. */
export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db.selectFrom('meetings.debates').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** True when the demo debate or any demo account is already there: loading again then needs `reset`. */
export async function hasDemo(db: Database): Promise<boolean> {
  const debate = await db.selectFrom('meetings.debates').select('id').where('slug', '=', demoDebate.slug).executeTakeFirst();
  if (debate) return true;
  const account = await db
    .selectFrom('identity.accounts')
    .select('id')
    .where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`)
    .limit(1)
    .executeTakeFirst();
  return account !== undefined;
}

/**
 * Loads (or, with reset, reloads) the demo in one transaction: all of it or nothing. Loading it again without reset
 * is refused (`debate.slug_taken`) and changes nothing.
 */
export async function loadDemo(db: Database, clock: Clock, options: { reset: boolean }): Promise<DemoLoaded> {
  const credentials = demoAccounts.map((a) => ({ label: a.label, email: a.email, password: generatePassword() }));
  const current = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK}::bigint)`.execute(trx);
    // Statements received are evidence, never deleted: a demo debate that has some is kept as it is on reset.
    const debate = await trx.selectFrom('meetings.debates').select('id').where('slug', '=', demoDebate.slug).executeTakeFirst();
    const keep =
      debate !== undefined &&
      (await trx.selectFrom('statements.submissions').select('id').where('debate_id', '=', debate.id).limit(1).executeTakeFirst()) !==
        undefined;
    if (options.reset && debate && !keep) await trx.deleteFrom('meetings.debates').where('id', '=', debate.id).execute();
    if (!keep) {
      await createDebate(trx, clock, system, demoDebate);
      // The 2021 letter is issued at once so that the debate's page shows it, numbered by this installation's own count
      // (its page says so); the demo's other documents go through the confirmation page and an entered symbol.
      await generateAnnouncementLetter(trx, clock, system, demoDebate.slug, {
        issue: true,
        platform: PLATFORM_NAME,
        symbol: { kind: 'counter' },
      });
    }
    // Accounts are reset in place rather than deleted: sessions, tokens, grants and what they did refer to them.
    const existing = options.reset
      ? new Map(
          (
            await trx.selectFrom('identity.accounts').select(['id', 'email']).where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`).execute()
          ).map((r) => [r.email, r.id]),
        )
      : new Map<string, string>();
    for (const [i, a] of demoAccounts.entries()) {
      const password = credentials[i]!.password;
      const id = existing.get(a.email);
      if (id) await resetCredentials(trx, clock, system, id, password);
      else
        await createAccount(trx, clock, system, {
          email: a.email,
          displayName: a.displayName,
          role: a.role,
          organisation: a.organisation,
          password,
        });
    }
    const placed = await placeCurrentDebate(trx, clock);
    await prepareBrazil(trx, clock);
    await preparePresidency(trx, clock);
    await recordAudit(trx, clock, {
      action: 'demo.loaded',
      actor: system,
      subject: { type: 'demo', id: null },
      data: { reset: options.reset, accounts: demoAccounts.length },
    });
    return placed;
  });
  return { credentials, current };
}

/**
 * The open debate, with its dates counted from today: created, or moved forward in place (its statements, if the
 * demo's users sent any, are kept; the change is audited as any edit). Left out, and said so, when the Council data
 * does not cover the meeting's month: a debate cannot be held in a month without a presidency.
 */
async function placeCurrentDebate(trx: Transaction, clock: Clock): Promise<CurrentDemo> {
  const dates = currentDemoDates(clock.now());
  const presiding = presidencyOn(await loadCouncil(trx), dates.meetingDay);
  if (presiding === undefined) return { placed: false, month: dates.meetingDay.slice(0, 7) };
  const input = currentDemoDebate(dates, presiding);
  const existing = await trx.selectFrom('meetings.debates').select('version').where('slug', '=', CURRENT_DEMO_SLUG).executeTakeFirst();
  if (existing) {
    const { slug, ...fields } = input;
    await updateDebate(trx, clock, system, slug, { ...fields, version: existing.version });
  } else {
    await createDebate(trx, clock, system, input);
  }
  return { placed: true, slug: CURRENT_DEMO_SLUG, deadline: zonedTimeToUtc(dates.submissionDeadline, DEMO_TIME_ZONE) };
}

/**
 * Brazil's mission as its focal point would have set it up, so the demo delegate can submit at once: its Permanent
 * Representative as an authorised signatory, and access to statements for the delegate. Kept as they are on reset.
 */
async function prepareBrazil(trx: Transaction, clock: Clock): Promise<void> {
  const ids = new Map(
    (
      await trx
        .selectFrom('identity.accounts')
        .select(['id', 'email'])
        .where('email', 'in', [`focal.brazil@${DEMO_EMAIL_DOMAIN}`, `delegate.brazil@${DEMO_EMAIL_DOMAIN}`])
        .execute()
    ).map((r) => [r.email, r.id]),
  );
  const focal = ids.get(`focal.brazil@${DEMO_EMAIL_DOMAIN}`);
  const delegate = ids.get(`delegate.brazil@${DEMO_EMAIL_DOMAIN}`);
  if (!focal || !delegate) return;
  const by = {
    actor: {
      kind: 'account' as const,
      id: focal,
      role: 'focal_point' as const,
      organisation: 'BRA',
      modules: [],
      via: { kind: 'session' as const, sessionId: 'demo' },
    },
    label: 'Focal Point of Brazil (demo)',
  };
  const signatories = await trx
    .selectFrom('delegations.signatories')
    .select('id')
    .where('mission', '=', 'BRA')
    .where('removed_at', 'is', null)
    .execute();
  if (signatories.length === 0) {
    await addSignatory(trx, clock, by, {
      mission: 'BRA',
      name: 'Ronaldo Costa Filho',
      title: 'Permanent Representative',
      fromDate: '2020-01-01',
    });
  }
  const granted = await trx
    .selectFrom('identity.module_grants')
    .select('id')
    .where('account_id', '=', delegate)
    .where('module', '=', 'statements')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!granted) {
    await trx
      .insertInto('identity.module_grants')
      .values({
        id: randomUUID(),
        account_id: delegate,
        module: 'statements',
        granted_at: clock.now(),
        granted_by: focal,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    await recordAudit(trx, clock, {
      action: 'module.granted',
      actor: { id: focal, label: by.label },
      subject: { type: 'account', id: delegate },
      data: { mission: 'BRA', module: 'statements' },
    });
  }
}

/** China's delegate acts for the presidency of May 2021: the module its focal point would have given. Kept on reset. */
async function preparePresidency(trx: Transaction, clock: Clock): Promise<void> {
  const china = await trx
    .selectFrom('identity.accounts')
    .select('id')
    .where('email', '=', `presidency.china@${DEMO_EMAIL_DOMAIN}`)
    .executeTakeFirst();
  if (!china) return;
  const granted = await trx
    .selectFrom('identity.module_grants')
    .select('id')
    .where('account_id', '=', china.id)
    .where('module', '=', 'presidency')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (granted) return;
  await trx
    .insertInto('identity.module_grants')
    .values({
      id: randomUUID(),
      account_id: china.id,
      module: 'presidency',
      granted_at: clock.now(),
      granted_by: null,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
  await recordAudit(trx, clock, {
    action: 'module.granted',
    actor: system,
    subject: { type: 'account', id: china.id },
    data: { mission: 'CHN', module: 'presidency' },
  });
}

/** What the console says of the open debate. */
export function formatCurrentDemo(current: CurrentDemo, publicUrl: string): string {
  if (!current.placed) {
    const month = new Date(`${current.month}-15T12:00:00Z`).toLocaleDateString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return (
      `The demo's open debate was not loaded: the Council data does not cover ${month}. Add that year on ${publicUrl}/council (as ` +
      `the Secretariat), then run \`rostrum demo --reset\`.`
    );
  }
  const deadline = `${formatDateWithWeekday(current.deadline, DEMO_TIME_ZONE)}, ${formatTimeInZone(current.deadline, DEMO_TIME_ZONE)}`;
  return `The demo's open debate takes written statements until ${deadline}: ${publicUrl}/debates/${current.slug}`;
}

export function formatCredentials(credentials: DemoCredentials[]): string {
  const width = Math.max(...credentials.map((c) => c.label.length));
  return [
    'Demo accounts (passwords are shown this once; `rostrum demo --reset` makes new ones):',
    ...credentials.map((c) => `  ${c.label.padEnd(width)}  ${c.email}  ${c.password}`),
  ].join('\n');
}
