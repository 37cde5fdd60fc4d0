// The compilation issued, against a real database: one job queued with the issue (none when the issue rolls back),
// which tells each mission whose written statement the document encloses (its focal points and the person who
// submitted it; not a mission whose statement is not in it, not those who turned it off or cannot act), with the
// symbol, the annex number printed in the issued document and the links; once per issued run. A corrigendum is told
// in its turn, under its /Corr.N symbol, with its own files and annex numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting } from '../../../test/admin-fixtures.js';
import { debateWithBriefersConfirmed, decideStatement, submitStatement } from '../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../test/db.js';
import { addressesOf, grantStatements, notificationsSent, runQueuedJobs } from '../../../test/notification-fixtures.js';
import { paragraphsDocument } from '../../../test/fixtures/statement-files.js';
import { demoDebate } from '../../demo/debate-2021-05.js';
import { fixedClock } from '../../kernel/clock.js';
import type { OpenDatabase } from '../../kernel/db/database.js';
import { documentModelSchema, toRoman } from '../documents/index.js';
import { setNotificationPreferences } from '../identity/index.js';
import { addEligibleEntity, createDebate } from '../meetings/index.js';
import { closeInspectionPool } from '../uploads/index.js';
import { recordSpeaker } from '../statements/commands/record-speaker.js';
import { buildCompilation, issueCompilation } from './commands/compile.js';
import { startCorrigendum } from './commands/corrigendum.js';
import { NOTIFY_COMPILATION_ISSUED } from './notifications.js';
import { notifyCompilationIssuedJob } from './notify-issued-job.js';
import { addAccount, type TestAccount } from '../../../test/accounts.js';

const slug = demoDebate.slug;
const clock = fixedClock('2021-05-20T15:00:00Z');
const ALL_ON = { late_submission_allowed: true, statement_accepted: true, compilation_issued: true, letter_issued: true };
const base = `https://rostrum.example/debates/${slug}`;

describe('the compilation issued', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  let debateId: string;
  const people: Record<string, TestAccount> = {};
  const revisions: Record<string, string> = {};
  const job = notifyCompilationIssuedJob({ publicUrl: 'https://rostrum.example' });
  const build = () => open.db.transaction().execute((trx) => buildCompilation(trx, clock, acting(officer), slug));
  const issue = (seq: number) =>
    open.db.transaction().execute((trx) => issueCompilation(trx, clock, acting(officer), slug, seq, { symbol: { kind: 'counter' } }));
  const run = (seq: number) => open.db.selectFrom('compilation.runs').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const notifyJobs = () =>
    open.db.selectFrom('kernel.jobs').select('payload').where('kind', '=', NOTIFY_COMPILATION_ISSUED).orderBy('id').execute();
  const submitterOf = async (code: string) =>
    (
      await open.db
        .selectFrom('statements.revisions as r')
        .innerJoin('identity.accounts as a', 'a.id', 'r.created_by')
        .select('a.email')
        .where('r.id', '=', revisions[code]!)
        .executeTakeFirstOrThrow()
    ).email;
  /** The annexes of an issued run's document: "Annex III" and its title. */
  async function annexesOf(seq: number): Promise<Array<{ heading: string; title: string }>> {
    const generation = await open.db
      .selectFrom('documents.generations')
      .select('model')
      .where('id', '=', (await run(seq)).generation_id)
      .executeTakeFirstOrThrow();
    return documentModelSchema.parse(generation.model).attachments.map((a) => ({ heading: a.heading ?? '', title: a.title.join(' ') }));
  }

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat', email: 'officer@un.example.org' });
    debateId = (
      await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed))
    ).id;
    await open.db
      .transaction()
      .execute((trx) => addEligibleEntity(trx, clock, { id: officer.id, label: 'officer' }, { slug, mission: 'eu' }));
    const add = async (key: string, o: Parameters<typeof addAccount>[2]) => {
      people[key] = await addAccount(open.db, clock, { ...o, hashed: false, email: `${key}@example.org` });
    };
    await add('fp.bra', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.quiet', { role: 'focal_point', mission: 'BRA' });
    await add('fp.bra.disabled', { role: 'focal_point', mission: 'BRA', disabled: true });
    await add('del.bra.access', { role: 'delegate', mission: 'BRA' });
    await add('fp.arg', { role: 'focal_point', mission: 'ARG' });
    await add('fp.eu', { role: 'focal_point', mission: 'eu' });
    await add('fp.irn', { role: 'focal_point', mission: 'IRN' });
    await add('fp.chl', { role: 'focal_point', mission: 'CHL' });
    await grantStatements(open.db, clock, people['del.bra.access']!);
    await open.db
      .transaction()
      .execute((trx) => setNotificationPreferences(trx, clock, people['fp.bra.quiet']!.id, { ...ALL_ON, compilation_issued: false }));
    // A briefing and a Council member's statement come before the written statements: those start at annex III.
    for (const fields of [
      { kind: 'briefer', briefer: '1' },
      { kind: 'council', delegation: 'NER', name: 'Abdou Abarry', title: 'Permanent Representative' },
    ]) {
      const bytes = await paragraphsDocument([`The text of the ${fields.kind}.`]);
      const outcome = await recordSpeaker(
        open.db,
        clock,
        acting(officer),
        slug,
        { ...fields, language: 'en', file: { name: 'text.docx', bytes } },
        { maxBytes: 10 * 1024 * 1024 },
      );
      expect(outcome.errors).toEqual({});
    }
    // Brazil, Argentina and the European Union accepted; the Islamic Republic of Iran returned; Chile wrote nothing.
    for (const code of ['BRA', 'ARG', 'eu', 'IRN']) {
      revisions[code] = await submitStatement(open.db, clock, slug, code, [`The written statement of ${code}.`]);
      await decideStatement(open.db, clock, officer, slug, code, revisions[code]!, code === 'IRN' ? 'returned' : 'accepted');
    }
  });
  afterAll(async () => {
    await open?.close();
    await closeInspectionPool();
  });

  it('mails no one when the issue rolls back: no job is left to tell anyone', async () => {
    const { seq } = await build();
    await expect(
      open.db.transaction().execute(async (trx) => {
        await issueCompilation(trx, clock, acting(officer), slug, seq, { symbol: { kind: 'counter' } });
        throw new Error('something after the issue failed');
      }),
    ).rejects.toThrow('something after the issue failed');
    expect(await notifyJobs()).toEqual([]);
    expect(await runQueuedJobs(open.db, clock, job)).toBe(0);
    expect(await notificationsSent(open.db, 'compilation.issued:')).toEqual([]);
  });

  describe('the original', () => {
    let symbol: string;
    let runId: string;
    beforeAll(async () => {
      ({ symbol } = await issue(1));
      runId = (await run(1)).id;
      expect(await runQueuedJobs(open.db, clock, job)).toBe(1);
    });

    it('was one job, queued with the issue, naming the debate, the run and the symbol', async () => {
      expect((await notifyJobs()).map((j) => j.payload)).toEqual([{ debateId, runId, symbol }]);
    });

    it.each([
      ['a focal point of a mission whose statement is in it', 'fp.bra', true],
      ['the person who submitted that statement', 'submitter:BRA', true],
      ['a focal point of another mission in it', 'fp.arg', true],
      ['the focal point of an entity in it', 'fp.eu', true],
      ['a focal point who turned this notification off', 'fp.bra.quiet', false],
      ['a deactivated focal point', 'fp.bra.disabled', false],
      ['a delegate with access who did not submit the statement', 'del.bra.access', false],
      ['the focal point of a mission whose statement was returned', 'fp.irn', false],
      ['the person who submitted the returned statement', 'submitter:IRN', false],
      ['the focal point of a mission that wrote nothing', 'fp.chl', false],
      ['the officer who issued it', 'officer', false],
    ])('reaches %s (%s): %s', async (_who, key, told) => {
      const email = key.startsWith('submitter:')
        ? await submitterOf(key.slice('submitter:'.length))
        : key === 'officer'
          ? officer.email
          : `${key}@example.org`;
      expect(addressesOf(await notificationsSent(open.db, `compilation.issued:${runId}`)).includes(email)).toBe(told);
    });

    it.each([
      ['fp.arg', 'Argentina', 3],
      ['fp.bra', 'Brazil', 4],
      ['fp.eu', 'the European Union', 5],
    ])('tells %s the annex of %s’s statement as printed: %i', async (key, heading, annex) => {
      const mail = (await notificationsSent(open.db, `compilation.issued:${runId}`)).find((s) => s.to[0] === `${key}@example.org`)!;
      expect(mail.text).toContain(`as annex ${toRoman(annex)}.`);
      const printed = (await annexesOf(1))[annex - 1];
      expect(printed?.heading).toBe(`Annex ${toRoman(annex)}`);
      expect(printed?.title).toContain(heading);
    });

    it('states the symbol and the debate, with the compilation’s page, its files and the statement’s page', async () => {
      const mail = (await notificationsSent(open.db, `compilation.issued:${runId}`)).find((s) => s.to[0] === 'fp.bra@example.org')!;
      expect(symbol).toMatch(/^S\/2021\/\d+$/);
      expect(mail.subject).toBe(`Compilation ${symbol} issued: the open debate of Monday, 24 May 2021`);
      expect(mail.text).toContain(`Dear ${people['fp.bra']!.name},`);
      expect(mail.text).toContain(
        `The compilation of the Security Council open debate on the theme “${demoDebate.theme}”, held on Monday, 24 May 2021, has been ` +
          `issued as document ${symbol}.`,
      );
      expect(mail.text).toContain(
        'It encloses the written statement of the Permanent Mission of Brazil to the United Nations as annex IV.',
      );
      const lines = mail.text.split('\n');
      for (const line of [
        `${base}/compilation`,
        `PDF: ${base}/compilation.pdf`,
        `Word (DOCX): ${base}/compilation.docx`,
        `HTML: ${base}/compilation.html`,
        `${base}/statements/BRA`,
      ]) {
        expect(lines).toContain(line);
      }
    });

    it('tells no one twice when the job runs again', async () => {
      const before = await notificationsSent(open.db, 'compilation.issued:');
      await open.db.updateTable('kernel.jobs').set({ status: 'queued' }).where('kind', '=', NOTIFY_COMPILATION_ISSUED).execute();
      expect(await runQueuedJobs(open.db, clock, job)).toBe(1);
      expect(await notificationsSent(open.db, 'compilation.issued:')).toEqual(before);
    });

    describe('and a corrigendum', () => {
      let corrigendum: string;
      let corrigendumRun: string;
      let corrigendumSeq: number;
      beforeAll(async () => {
        // The Islamic Republic of Iran sends a corrected statement, accepted after the original was issued.
        revisions.IRN = await submitStatement(open.db, clock, slug, 'IRN', ['The corrected statement of the Islamic Republic of Iran.']);
        await decideStatement(open.db, clock, officer, slug, 'IRN', revisions.IRN, 'accepted');
        ({ seq: corrigendumSeq } = await open.db.transaction().execute((trx) => startCorrigendum(trx, clock, acting(officer), slug, 1)));
        ({ symbol: corrigendum } = await issue(corrigendumSeq));
        corrigendumRun = (await run(corrigendumSeq)).id;
        expect(await runQueuedJobs(open.db, clock, job)).toBe(1);
      });

      it('tells every mission in it again, the added one too, under the corrigendum', async () => {
        expect(corrigendum).toBe(`${symbol}/Corr.1`);
        const sent = await notificationsSent(open.db, `compilation.issued:${corrigendumRun}`);
        expect(addressesOf(sent)).toEqual(
          [
            ...(await Promise.all(['ARG', 'BRA', 'eu', 'IRN'].map(submitterOf))),
            'fp.arg@example.org',
            'fp.bra@example.org',
            'fp.eu@example.org',
            'fp.irn@example.org',
          ].sort(),
        );
      });

      it('states the corrigendum, what it corrects, the annex in it and its own files', async () => {
        const mail = (await notificationsSent(open.db, `compilation.issued:${corrigendumRun}`)).find(
          (s) => s.to[0] === 'fp.irn@example.org',
        )!;
        expect(mail.subject).toBe(`Corrigendum ${corrigendum} issued: the compilation of the open debate of Monday, 24 May 2021`);
        expect(mail.text).toContain(`has been issued as document ${corrigendum}. It corrects document ${symbol}.`);
        expect(mail.text).toContain(
          'It encloses the written statement of the Permanent Mission of the Islamic Republic of Iran to the United Nations as annex VI.',
        );
        expect((await annexesOf(corrigendumSeq))[5]?.title).toContain('Iran (Islamic Republic of)');
        const lines = mail.text.split('\n');
        expect(lines).toContain(`PDF: ${base}/compilation/corrigenda/1.pdf`);
        expect(lines).toContain(`${base}/statements/IRN`);
      });
    });
  });
});
