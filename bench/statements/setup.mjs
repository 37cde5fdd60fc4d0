// The data a deadline surge needs, prepared before Rostrum starts with the compiled modules, as the product writes it:
// the schema (migrateToLatest), the reference missions (syncReferenceMissions) and Council data (syncCouncilData), a
// Secretariat account, debates whose window is open now (createDebate), entities added and made eligible until 250
// missions may submit (addEntity, addEligibleEntity), and for each of them a delegate account (createAccount, with a
// known password), its access to the statements module and an authorised signatory (rows as the focal point's pages
// insert them).
import { randomUUID } from 'node:crypto';

const dist = (file) => new URL(`../../dist/src/${file}`, import.meta.url).href;
const NEW_YORK = 'America/New_York';
/** createAccount hashes with argon2 on libuv's thread pool: a few at a time keep both cores busy. */
const ACCOUNTS_IN_FLIGHT = 4;

/** Runs `work` over `items`, `concurrency` at a time, in order of start. */
export async function inBatches(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

/** A debate that starts tomorrow at 10:00 in New York, with submissions open since an hour ago (wall clock there). */
function debateInput(slug, theme, { localDateTimeIn }) {
  const now = Date.now();
  const tomorrow = localDateTimeIn(new Date(now + 24 * 3600_000), NEW_YORK).slice(0, 10);
  return {
    slug,
    body: 'security_council',
    agendaItem: 'Maintenance of international peace and security',
    theme,
    startsAt: `${tomorrow}T10:00`,
    timeZone: NEW_YORK,
    format: 'in_person',
    chairName: 'A. Chair',
    chairFunction: 'Permanent Representative to the United Nations',
    submissionsOpenAt: localDateTimeIn(new Date(now - 3600_000), NEW_YORK).slice(0, 16),
    wordGuidance: 500,
    briefers: [{ name: null, function: 'Under-Secretary-General for Peace Operations' }],
    conceptNote: {
      sections: [
        { heading: 'I. Background', paragraphs: ['A debate held to measure a deadline surge of written statements.'], questions: [] },
      ],
    },
    guidanceNote: { paragraphs: ['Delegations may submit a written statement of about 500 words.'], steps: [] },
    contacts: [{ purpose: 'technical', unit: 'Help desk', email: 'help@example.org' }],
  };
}

/**
 * Prepares the database at `url` (empty, just created) for `debates` ({ slug, theme }) and `delegations` missions.
 * Returns the debates (id, slug, theme, meeting date) and the delegates (code, mission name, e-mail, signatory, and
 * the network address their requests come from).
 */
export async function prepareSurgeData(url, { debates, delegations, password, log }) {
  const { openDatabase } = await import(dist('kernel/db/database.js'));
  const { migrateToLatest } = await import(dist('kernel/db/migrate.js'));
  const { systemClock: clock } = await import(dist('kernel/clock.js'));
  const { localDateTimeIn, isoDateIn, formatDate } = await import(dist('kernel/dates.js'));
  const { syncReferenceMissions, addEntity } = await import(dist('modules/delegations/index.js'));
  const { createDebate, addEligibleEntity, eligibleDelegations, findDebateBySlug, loadCouncil, syncCouncilData } = await import(
    dist('modules/meetings/index.js')
  );
  const { createAccount } = await import(dist('modules/identity/index.js'));

  const open = await openDatabase({ kind: 'postgres', url, poolSize: ACCOUNTS_IN_FLIGHT + 1 });
  const { db } = open;
  try {
    log('Statements: migrating the database and loading the reference missions and Council data...');
    await migrateToLatest(db);
    await syncReferenceMissions(db, clock);
    await syncCouncilData(db, clock);

    const setupActor = { id: null, label: 'benchmark set-up' };
    const secretariat = await db.transaction().execute((trx) =>
      createAccount(trx, clock, setupActor, {
        email: 'secretariat@bench.example.org',
        displayName: 'Benchmark Secretariat',
        role: 'secretariat',
        organisation: null,
        password,
      }),
    );
    // The Secretariat as the commands see a signed-in actor: adding entities is the Secretariat's (ENTITIES_ADD).
    const acting = {
      actor: {
        kind: 'account',
        id: secretariat.id,
        role: 'secretariat',
        organisation: null,
        modules: [],
        via: { kind: 'session', sessionId: 'bench-set-up' },
      },
      label: 'Benchmark Secretariat',
    };
    const auditActor = { id: secretariat.id, label: acting.label };

    const created = [];
    for (const { slug, theme } of debates) {
      await db.transaction().execute((trx) => createDebate(trx, clock, auditActor, debateInput(slug, theme, { localDateTimeIn })));
      const record = await findDebateBySlug(db, slug);
      created.push({
        id: record.id,
        slug,
        theme,
        day: isoDateIn(record.starts_at, record.time_zone),
        dateText: formatDate(record.starts_at, record.time_zone),
      });
    }

    // The States not on the Council on the meeting day may submit by default; entities make up the rest.
    const council = await loadCouncil(db);
    const byDefault = eligibleDelegations(council, created[0].day, []).codes;
    const entities = Math.max(0, delegations - byDefault.length);
    log(`Statements: ${byDefault.length} States eligible by default; adding ${entities} entities...`);
    const added = [];
    for (let i = 1; i <= entities; i++) {
      const code = `bench-entity-${String(i).padStart(2, '0')}`;
      await db.transaction().execute(async (trx) => {
        await addEntity(trx, clock, acting, { code, name: `Benchmark Entity ${i}`, article: 'none', kind: 'other_entity' });
        for (const debate of created) await addEligibleEntity(trx, clock, auditActor, { slug: debate.slug, mission: code });
      });
      added.push(code);
    }
    const codes = eligibleDelegations(council, created[0].day, added).codes.slice(0, delegations);
    if (codes.length !== delegations) throw new Error(`Only ${codes.length} missions are eligible; ${delegations} were wanted.`);

    log(`Statements: creating ${codes.length} delegate accounts (argon2 hashing), module access and signatories...`);
    const missions = new Map(
      (await db.selectFrom('delegations.missions').select(['code', 'mission_name']).where('code', 'in', codes).execute()).map((m) => [
        m.code,
        m.mission_name,
      ]),
    );
    const delegates = await inBatches(codes, ACCOUNTS_IN_FLIGHT, (code, i) =>
      db.transaction().execute(async (trx) => {
        const email = `delegate-${code.toLowerCase()}@bench.example.org`;
        const { id } = await createAccount(trx, clock, auditActor, {
          email,
          displayName: `Delegate ${i + 1} of ${code}`,
          role: 'delegate',
          organisation: code,
          password,
        });
        const now = clock.now();
        await trx
          .insertInto('identity.module_grants')
          .values({
            id: randomUUID(),
            account_id: id,
            module: 'statements',
            granted_at: now,
            granted_by: null,
            revoked_at: null,
            revoked_by: null,
          })
          .execute();
        const signatory = { id: randomUUID(), name: `Ambassador ${code} ${i + 1}`, title: 'Permanent Representative' };
        await trx
          .insertInto('delegations.signatories')
          .values({
            id: signatory.id,
            mission: code,
            name: signatory.name,
            title: signatory.title,
            from_date: '2020-01-01',
            to_date: null,
            created_at: now,
            created_by: null,
            removed_at: null,
          })
          .execute();
        // Each delegation's own network address (a documentation range would not hold 250): 10.20.x.y.
        return {
          index: i,
          code,
          missionName: missions.get(code) ?? code,
          accountId: id,
          email,
          signatory,
          address: `10.20.${(i >> 8) & 255}.${i & 255}`,
        };
      }),
    );
    return { debates: created, delegates, statesByDefault: byDefault.length };
  } finally {
    await open.close();
  }
}
