// The issued record against a real database: the letter's date and signatory chosen at build (the President for the
// month of the date), the statements frozen in an issued compilation under their annex numbers (a replacement or a
// withdrawal refused, even with the window open, until the Secretariat reopens one), and a replacement racing the
// issue: one of them wins, never both.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting } from '../../../../test/admin-fixtures.js';
import { testSecrets } from '../../../../test/app.js';
import { debateWithBriefersConfirmed, decideStatement, submitStatement } from '../../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { readDocxContent, withoutImageBytes } from '../../../kernel/ooxml/content.js';
import { documentText, documentModelSchema, findGeneration } from '../../documents/index.js';
import { createDebate } from '../../meetings/index.js';
import { saveDraft } from '../../statements/commands/save-draft.js';
import { confirmSubmission, withdrawStatement } from '../../statements/commands/submit-statement.js';
import { reopenIssuedStatement } from '../../statements/index.js';
import { buildCompilation, issueCompilation } from './compile.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const slug = demoDebate.slug;
const settings = { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' };

describe('the issued record', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  const build = (options: Parameters<typeof buildCompilation>[4] = {}) =>
    open.db.transaction().execute(async (trx) => buildCompilation(trx, clock, acting(officer), slug, options));
  const issue = (seq: number, symbol: string) =>
    open.db
      .transaction()
      .execute((trx) => issueCompilation(trx, clock, acting(officer), slug, seq, { symbol: { kind: 'entered', symbol } }));
  const runOf = (seq: number) => open.db.selectFrom('compilation.runs').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const letterOf = async (seq: number) =>
    documentText(documentModelSchema.parse((await findGeneration(open.db, (await runOf(seq)).generation_id))!.model));
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'done',
      (err: { code?: string }) => err.code ?? String(err),
    );

  /** A delegate of `code` with a draft ready to confirm: the replacement a race needs, prepared outside it. */
  async function draftReplacement(code: string) {
    const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: code });
    const signatory = (
      await open.db.selectFrom('delegations.signatories').select('id').where('mission', '=', code).executeTakeFirstOrThrow()
    ).id;
    const bytes = await paragraphsDocument([`A corrected statement of ${code}`]);
    const content = withoutImageBytes(readDocxContent(bytes));
    const by = acting(delegate, { modules: ['statements'] });
    const file = (name: string) => ({
      name,
      bytes,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      check: { outcome: 'accept' as const, size: bytes.length, words: 5, kind: 'docx' as const, warnings: [], content },
    });
    await open.db.transaction().execute((trx) =>
      saveDraft(trx, clock, by, {
        slug,
        statement: file('s.docx'),
        cover: file('c.docx'),
        choices: { signatoryId: signatory, originalLanguage: 'en' },
      }),
    );
    return {
      by,
      confirm: () => open.db.transaction().execute((trx) => confirmSubmission(trx, clock, by, slug, settings)),
      withdraw: () => open.db.transaction().execute((trx) => withdrawStatement(trx, clock, by, slug, settings)),
    };
  }

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed));
    for (const code of ['BRA', 'IRN']) {
      const revision = await submitStatement(open.db, clock, slug, code, [`Statement of ${code}`]);
      clock.advance(1000);
      await decideStatement(open.db, clock, officer, slug, code, revision, 'accepted');
    }
  });
  afterAll(async () => open?.close());

  it.each([
    ['a date before the meeting', { letterDate: '2021-05-23' }, 'compilation.letter_date_invalid'],
    ['a date that does not exist', { letterDate: '2021-06-31' }, 'compilation.letter_date_invalid'],
    ['a month whose presidency is not known', { letterDate: '2041-01-05' }, 'compilation.letter_month_unknown'],
    ['the next month, whose President nobody recorded', { letterDate: '2021-06-03' }, 'compilation.signatory_required'],
    ['an empty name', { letterDate: '2021-05-28', signedBy: '   ' }, 'compilation.signatory_required'],
  ])('refuses to build with %s, writing nothing', async (_case, options, code) => {
    const runs = (await open.db.selectFrom('compilation.runs').select('id').execute()).length;
    expect(await refusal(build(options))).toBe(code);
    expect((await open.db.selectFrom('compilation.runs').select('id').execute()).length).toBe(runs);
  });

  it('dates a build before the meeting on the meeting day, signed by the chair, whose State presides that month', async () => {
    const { seq } = await build();
    const run = await runOf(seq);
    expect([run.inputs.letterDate, run.inputs.presidentName, run.inputs.presidingState]).toEqual([
      '2021-05-24',
      demoDebate.chairName,
      'CHN',
    ]);
    expect(await letterOf(seq)).not.toContain('under the presidency of');
  });

  it('has a letter dated in the next month signed by that month’s President, and says whose meeting it was', async () => {
    // June 2021: Estonia presides. Its Permanent Representative, as the mission recorded them, is proposed.
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: randomUUID(),
        mission: 'EST',
        name: 'Kaja Tael',
        title: 'Deputy Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: null,
        removed_at: null,
      })
      .execute();
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: randomUUID(),
        mission: 'EST',
        name: 'Sven Jürgenson',
        title: 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: null,
        removed_at: null,
      })
      .execute();
    const { seq } = await build({ letterDate: '2021-06-03' });
    const run = await runOf(seq);
    expect([run.inputs.letterDate, run.inputs.presidentName, run.inputs.presidingState]).toEqual(['2021-06-03', 'Sven Jürgenson', 'EST']);
    const text = await letterOf(seq);
    expect(text).toContain('Letter dated 3 June 2021 from the President of the Security Council');
    expect(text).toContain('convened on Monday, 24 May 2021, under the presidency of China');
    expect(text).toMatch(/\(Signed\) Sven Jürgenson\s+President of the Security Council/);
    // A name typed by the officer wins over the proposal.
    const typed = await build({ letterDate: '2021-06-03', signedBy: '  Sven   Jürgenson ' });
    expect((await runOf(typed.seq)).inputs.presidentName).toBe('Sven Jürgenson');
  });

  it('freezes the issued statements under their annex numbers; a replacement or a withdrawal is refused until the Secretariat reopens one', async () => {
    const brazil = await draftReplacement('BRA');
    const { seq } = await build({ letterDate: '2021-06-03' });
    await issue(seq, 'S/2021/419');
    const frozen = await open.db
      .selectFrom('statements.submissions')
      .select(['delegation', 'issued_in', 'issued_annex'])
      .orderBy('delegation')
      .execute();
    expect(frozen).toEqual([
      { delegation: 'BRA', issued_in: 'S/2021/419', issued_annex: 1 },
      { delegation: 'IRN', issued_in: 'S/2021/419', issued_annex: 2 },
    ]);
    const revisions = (await open.db.selectFrom('statements.revisions').select('id').execute()).length;
    // The window is still open (the deadline has not passed): the issue alone closes it for these two.
    expect(await refusal(brazil.confirm())).toBe('statement.in_issued_document');
    expect(await refusal(brazil.withdraw())).toBe('statement.in_issued_document');
    expect((await open.db.selectFrom('statements.revisions').select('id').execute()).length).toBe(revisions);

    const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    const debate = await open.db.selectFrom('meetings.debates').select(['id', 'slug']).where('slug', '=', slug).executeTakeFirstOrThrow();
    expect(
      await refusal(
        open.db
          .transaction()
          .execute((trx) => reopenIssuedStatement(trx, clock, acting(delegate, { modules: ['statements'] }), debate, 'BRA')),
      ),
    ).toBe('auth.forbidden');
    expect(await open.db.transaction().execute((trx) => reopenIssuedStatement(trx, clock, acting(officer), debate, 'BRA'))).toEqual({
      symbol: 'S/2021/419',
      annex: 1,
    });
    expect(await refusal(open.db.transaction().execute((trx) => reopenIssuedStatement(trx, clock, acting(officer), debate, 'BRA')))).toBe(
      'statement.not_issued',
    );
    expect(await refusal(brazil.confirm())).toBe('done');
    expect(
      await open.db
        .selectFrom('statements.submissions')
        .select(['issued_in', 'issued_annex'])
        .where('delegation', '=', 'BRA')
        .executeTakeFirstOrThrow(),
    ).toEqual({ issued_in: null, issued_annex: null });
  });

  it('lets a replacement and an issue race: one wins, and the record never encloses a statement that was replaced', async () => {
    // A corrigendum of S/2021/419 from what is accepted now; the Islamic Republic of Iran's statement is reopened to race.
    const debate = await open.db.selectFrom('meetings.debates').select(['id', 'slug']).where('slug', '=', slug).executeTakeFirstOrThrow();
    await open.db.transaction().execute((trx) => reopenIssuedStatement(trx, clock, acting(officer), debate, 'IRN'));
    const brazilNow = (
      await open.db
        .selectFrom('statements.submissions')
        .select('current_revision')
        .where('delegation', '=', 'BRA')
        .executeTakeFirstOrThrow()
    ).current_revision;
    await decideStatement(open.db, clock, officer, slug, 'BRA', brazilNow, 'accepted');
    const { seq } = await build({ letterDate: '2021-06-03' });
    const iran = await draftReplacement('IRN');
    const [issued, replaced] = await Promise.all([
      refusal(
        open.db.transaction().execute((trx) => issueCompilation(trx, clock, acting(officer), slug, seq, { symbol: { kind: 'counter' } })),
      ),
      refusal(iran.confirm()),
    ]);
    const outcome = [issued, replaced].sort();
    expect([
      ['compilation.inputs_changed', 'done'],
      ['done', 'statement.in_issued_document'],
    ]).toContainEqual(outcome);
    const run = await runOf(seq);
    const iranNow = await open.db
      .selectFrom('statements.submissions')
      .select(['current_revision', 'issued_in'])
      .where('delegation', '=', 'IRN')
      .executeTakeFirstOrThrow();
    if (issued === 'done') {
      expect(run.symbol).toBe('S/2021/419/Corr.1');
      expect(run.inputs.written.find((w) => w.delegation === 'IRN')?.revisionId).toBe(iranNow.current_revision);
      expect(iranNow.issued_in).toBe('S/2021/419/Corr.1');
    } else {
      expect(run.symbol).toBeNull();
      expect(iranNow.issued_in).toBeNull();
    }
  });
});
