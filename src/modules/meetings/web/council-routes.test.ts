// The Secretariat's Council page through HTTP: the years with their members and presidencies, the check, and adding
// the next year in two steps (the elected members, then the proposed presidencies to confirm or correct), with
// problems shown on their fields and nothing saved, and two officers saving the same year at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../test/admin-fixtures.js';
import { testApp } from '../../../../test/app.js';
import { testDatabase } from '../../../../test/db.js';
import { formFields, signedInAs, type FormSession } from '../../../../test/http.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { loadCouncil } from '../db.js';
import { presidencyOf } from '../domain/council.js';

const clock = fixedClock('2026-12-06T15:00:00Z');
const TABLES = ['meetings.council_terms', 'meetings.council_presidencies', 'kernel.audit_log'] as const;
const ELECTED_2027 = { elected_1: 'ARG', elected_2: 'BEL', elected_3: 'CAN', elected_4: 'EGY', elected_5: 'IDN' };
/** The rotation from Liberia (December 2026) through the 2027 Council these five make. */
const PROPOSED_2027 = ['RUS', 'GBR', 'USA', 'ARG', 'BHR', 'BEL', 'CAN', 'CHN', 'COL', 'COD', 'EGY', 'FRA'];

const selected = (body: string, name: string): string | undefined => {
  const select = new RegExp(`<select id="${name}" name="${name}"[\\s\\S]*?</select>`).exec(body)?.[0] ?? '';
  return /<option value="([A-Z]*)" selected>/.exec(select)?.[1];
};

describe('the Council page', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let officer: FormSession;

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock);
    officer = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('shows each year’s members and presidencies, the check, and the form for the next year; the Secretariat’s navigation links to it', async () => {
    const home = await officer.get('/');
    expect(home.body).toContain('<a href="/council">Council</a>');
    const page = await officer.get('/council');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The Council data covers January 2020 to December 2026.');
    expect(page.body).toContain('Every month recorded has fifteen members');
    expect(page.body).toContain('<h2 id="add-heading">Add 2027</h2>');
    expect(page.body).toContain('<caption>Members in 2026</caption>');
    expect(page.body).toMatch(
      /<td role="cell" data-label="State">Latvia<\/td><td role="cell" data-label="Seat">Elected for 2026–2027<\/td>/,
    );
    expect(page.body).toMatch(/<td role="cell" data-label="State">China<\/td><td role="cell" data-label="Seat">Permanent member<\/td>/);
    expect(page.body).toMatch(/<td role="cell" data-label="Month">May 2021<\/td><td role="cell" data-label="Presiding member">China<\/td>/);
    expect(page.body).toContain('From the reference data shipped with Rostrum.');
    // States already on the Council in 2027 are not offered among the elected.
    const first = /<select id="elected_1"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? '';
    expect(first).toContain('<option value="ARG">Argentina</option>');
    expect(first).not.toContain('value="LVA"');
    expect(first).not.toContain('value="FRA"');
  });

  it('refuses elected members that cannot be, with a summary and the message on each field, and saves nothing', async () => {
    const before = await fingerprint(open.db, TABLES);
    const res = await officer.post('/council/years', {
      year: '2027',
      ...ELECTED_2027,
      elected_2: 'ARG',
      elected_5: 'LVA',
      action: 'propose',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('<a href="#elected_2">Elected member 2: Argentina is chosen twice. Choose five different States.</a>');
    expect(res.body).toContain('Elected member 5: Latvia already sits on the Council in 2027, in the second year of its term.');
    expect(res.body).toMatch(/<select id="elected_2" name="elected_2" aria-describedby="elected_2-error" aria-invalid="true">/);
    expect(await fingerprint(open.db, TABLES)).toEqual(before);
  });

  it('proposes the twelve presidencies by the rotation from December’s president, and saves the year with a correction', async () => {
    const before = await fingerprint(open.db, TABLES);
    const proposed = await officer.post('/council/years', { year: '2027', ...ELECTED_2027, action: 'propose' });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.body).toContain('Proposed by the rotation from Liberia, president in December 2026');
    expect(Array.from({ length: 12 }, (_, i) => selected(proposed.body, `presidency_${i + 1}`))).toEqual(PROPOSED_2027);
    // Nothing is written before the year is saved.
    expect(await fingerprint(open.db, TABLES)).toEqual(before);

    // Going back keeps the five chosen.
    const back = await officer.post('/council/years', { ...formFields(proposed.body), action: 'change' });
    expect(selected(back.body, 'elected_4')).toBe('EGY');

    // A month presided by a State that is not on the Council: refused on its field.
    const fields = { ...formFields(proposed.body), action: 'save' };
    const wrong = await officer.post('/council/years', { ...fields, presidency_3: 'KOR' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(
      '<a href="#presidency_3">March 2027: the Republic of Korea is not a member of the Council in 2027. Choose one of its fifteen ' +
        'members.</a>',
    );
    expect(await fingerprint(open.db, TABLES)).toEqual(before);

    // The members agreed to exchange January and February.
    const saved = await officer.post('/council/years', { ...fields, presidency_1: 'GBR', presidency_2: 'RUS' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/council?done=added#year-2027');
    const after = await officer.follow(saved);
    expect(after.body).toContain('The year was added.');
    expect(after.body).toContain('The Council data covers January 2020 to December 2027.');
    expect(after.body).toContain('<h2 id="add-heading">Add 2028</h2>');
    // The check reports the exchange: January and February do not follow the rotation.
    expect(after.body).toContain(
      'January 2027: the United Kingdom of Great Britain and Northern Ireland is recorded as presiding, where the rotation gives the ' +
        'Russian Federation.',
    );
    expect(after.body).toMatch(/Added by the Secretariat on 6 December 2026/);

    const council = await loadCouncil(open.db);
    expect(presidencyOf(council, '2027-01')).toBe('GBR');
    expect(presidencyOf(council, '2027-12')).toBe('FRA');
    const entry = await open.db
      .selectFrom('kernel.audit_log')
      .select('data')
      .where('action', '=', 'council.year_added')
      .executeTakeFirstOrThrow();
    expect(entry.data).toMatchObject({ year: 2027, corrected: [1, 2] });
  });

  it('lets one of two officers saving the same year at once through, and tells the other why nothing was saved', async () => {
    const second = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
    const elected = { elected_1: 'AUS', elected_2: 'CHL', elected_3: 'ETH', elected_4: 'NLD', elected_5: 'THA' };
    const first = await officer.post('/council/years', { year: '2028', ...elected, action: 'propose' });
    const other = await second.post('/council/years', { year: '2028', ...elected, elected_5: 'VNM', action: 'propose' });
    expect([first.statusCode, other.statusCode]).toEqual([200, 200]);
    const answers = await Promise.all([
      officer.post('/council/years', { ...formFields(first.body), action: 'save' }),
      second.post('/council/years', { ...formFields(other.body), action: 'save' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 409]);
    const refused = answers.find((a) => a.statusCode === 409);
    expect(refused?.body).toContain(
      'The Council data already has this year, perhaps added by another officer a moment ago, so nothing was saved.',
    );
    // The page the refused officer sees offers the year after.
    expect(refused?.body).toContain('<h2 id="add-heading">Add 2029</h2>');
    expect(
      await open.db.selectFrom('meetings.council_presidencies').select('month').where('month', 'like', '2028-%').execute(),
    ).toHaveLength(12);
    expect(
      await open.db
        .selectFrom('kernel.audit_log')
        .select('seq')
        .where('action', '=', 'council.year_added')
        .where('subject_id', '=', '2028')
        .execute(),
    ).toHaveLength(1);
  });

  it('refuses a year that is no longer the one to add, saying so', async () => {
    const stale = await officer.post('/council/years', { year: '2027', ...ELECTED_2027, action: 'propose' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('The Council data already covers 2027. The next year to add is 2029.');
  });
});
