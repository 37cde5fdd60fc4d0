// Building and issuing a compilation against a real database: only accepted statements go in, frozen by revision
// and hash; the letter names them in order; the render job makes every format from the statements' own content;
// issuing takes a symbol once; bad requests change nothing.
import { createHash, randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, fingerprint } from '../../../../test/admin-fixtures.js';
import { testSecrets } from '../../../../test/app.js';
import { debateWithBriefersConfirmed } from '../../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import type { JobContext } from '../../../kernel/jobs/index.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import { readDocxContent, withoutImageBytes } from '../../../kernel/ooxml/content.js';
import { documentModelSchema, documentText, findRendition, renderDocumentJob } from '../../documents/index.js';
import { addEligibleEntity, createDebate } from '../../meetings/index.js';
import { saveDraft } from '../../statements/commands/save-draft.js';
import { confirmSubmission } from '../../statements/commands/submit-statement.js';
import { reviewStatement } from '../../statements/commands/review-statement.js';
import { buildCompilation, issueCompilation } from './compile.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const silent = { info() {}, warn() {}, error() {} };

describe('compilation runs', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  const ctx = (): JobContext => ({ db: open.db, clock, log: silent, attempt: 1, jobId: 1 });
  const build = () => open.db.transaction().execute((trx) => buildCompilation(trx, clock, acting(officer), demoDebate.slug));
  const issue = (seq: number) =>
    open.db
      .transaction()
      .execute((trx) => issueCompilation(trx, clock, acting(officer), demoDebate.slug, seq, { symbol: { kind: 'counter' } }));

  async function submit(code: string, texts: string[]) {
    const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: code });
    const signatory = randomUUID();
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: signatory,
        mission: code,
        name: `Envoy ${code}`,
        title: code === 'eu' ? 'Head of the Delegation' : 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: null,
        removed_at: null,
      })
      .execute();
    const bytes = await paragraphsDocument(texts);
    const content = withoutImageBytes(readDocxContent(bytes));
    const by = acting(delegate, { modules: ['statements'] });
    const file = (name: string) => ({
      name,
      bytes,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      check: { outcome: 'accept' as const, size: bytes.length, words: 10, kind: 'docx' as const, warnings: [], content },
    });
    await open.db.transaction().execute((trx) =>
      saveDraft(trx, clock, by, {
        slug: demoDebate.slug,
        statement: file('s.docx'),
        cover: file('c.docx'),
        choices: { signatoryId: signatory, originalLanguage: 'en' },
      }),
    );
    await open.db
      .transaction()
      .execute((trx) =>
        confirmSubmission(trx, clock, by, demoDebate.slug, { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' }),
      );
    const sub = await open.db
      .selectFrom('statements.submissions')
      .select('current_revision')
      .where('delegation', '=', code)
      .executeTakeFirstOrThrow();
    return sub.current_revision;
  }
  const decide = (code: string, revisionId: string, decision: 'accepted' | 'returned') =>
    open.db
      .transaction()
      .execute((trx) =>
        reviewStatement(
          trx,
          clock,
          acting(officer),
          { slug: demoDebate.slug, delegation: code, revisionId, decision, reason: 'Please sign the cover letter.' },
          { publicUrl: 'https://rostrum.example' },
        ),
      );

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed));
    await open.db
      .transaction()
      .execute((trx) => addEligibleEntity(trx, clock, { id: officer.id, label: 'officer' }, { slug: demoDebate.slug, mission: 'eu' }));
  });
  afterAll(async () => open?.close());

  it('refuses to build with nothing accepted, changing nothing', async () => {
    const before = await fingerprint(open.db);
    await expect(build()).rejects.toMatchObject({ code: 'compilation.nothing_accepted' });
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('builds from the accepted statements only, frozen by revision and hash, the letter naming them in order', async () => {
    const iran = await submit('IRN', ['Statement of the Islamic Republic of Iran', 'Iran supports the safety of peacekeepers.']);
    const eu = await submit('eu', ['Statement of the European Union', 'The Union supports training and medical care.']);
    const brazil = await submit('BRA', ['Statement of Brazil', 'A statement returned for correction.']);
    await decide('IRN', iran, 'accepted');
    await decide('eu', eu, 'accepted');
    await decide('BRA', brazil, 'returned');
    const { seq } = await build();
    expect(seq).toBe(1);
    const run = await open.db.selectFrom('compilation.runs').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(run.inputs.written.map((w) => w.delegation)).toEqual(['IRN', 'eu']);
    expect(run.inputs.written.every((w) => /^[0-9a-f]{64}$/.test(w.statementSha256))).toBe(true);
    const generation = await open.db
      .selectFrom('documents.generations')
      .select('model')
      .where('id', '=', run.generation_id)
      .executeTakeFirstOrThrow();
    const text = documentText(documentModelSchema.parse(generation.model));
    // Nothing was delivered at the meeting (no speaker is recorded): the letter refers to the meeting and encloses the
    // written statements, without "also".
    expect(text).toContain(
      'I have the honour to refer to the video-teleconference on “United Nations peacekeeping operations: improving safety and ' +
        'security of peacekeepers”, convened on Monday, 24 May 2021.',
    );
    expect(text).toContain(
      'the following delegations and entities submitted written statements, copies of which are enclosed: the European Union and the ' +
        'Islamic Republic of Iran.',
    );
    expect(text).toContain('Statement by the Head of the Delegation of the European Union, Envoy eu');
    expect(text).toContain('Iran supports the safety of peacekeepers.');
    expect(text).not.toContain('returned for correction');
    expect(text.split('\n')[2]).toBe('Draft');
  });

  it('keeps the original files in a ZIP under readable names, the same bytes when built again from the same inputs', async () => {
    const first = await open.db
      .selectFrom('compilation.runs')
      .select(['originals_sha256', 'inputs_sha256'])
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    const blob = await open.db
      .selectFrom('kernel.blobs')
      .select(['content', 'media_type'])
      .where('sha256', '=', first.originals_sha256 ?? '')
      .executeTakeFirstOrThrow();
    expect(blob.media_type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(blob.content));
    expect(Object.keys(files)).toEqual([
      '01-European-Union-statement.docx',
      '01-European-Union-cover-letter.docx',
      '02-Iran-Islamic-Republic-of-statement.docx',
      '02-Iran-Islamic-Republic-of-cover-letter.docx',
    ]);
    const iran = await open.db
      .selectFrom('statements.revisions')
      .select('statement_sha256')
      .where(
        'id',
        '=',
        (
          await open.db
            .selectFrom('statements.submissions')
            .select('current_revision')
            .where('delegation', '=', 'IRN')
            .executeTakeFirstOrThrow()
        ).current_revision,
      )
      .executeTakeFirstOrThrow();
    // The clean copy of the file received (stored without one here, as before clean copies were made: made at the build).
    const received = await open.db
      .selectFrom('kernel.blobs')
      .select('content')
      .where('sha256', '=', iran.statement_sha256!)
      .executeTakeFirstOrThrow();
    expect(Buffer.compare(files['02-Iran-Islamic-Republic-of-statement.docx']!, cleanDocx(new Uint8Array(received.content)).bytes)).toBe(0);
    expect(createHash('sha256').update(files['02-Iran-Islamic-Republic-of-statement.docx']!).digest('hex')).not.toBe(iran.statement_sha256);
    expect(
      (await open.db.selectFrom('compilation.runs').select('originals_clean').where('seq', '=', 1).executeTakeFirstOrThrow())
        .originals_clean,
    ).toBe(true);
    const { seq } = await build();
    const second = await open.db
      .selectFrom('compilation.runs')
      .select(['originals_sha256', 'inputs_sha256'])
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();
    expect(second).toEqual(first);
  });

  it('renders every format from the statements’ own content', async () => {
    const run = await open.db.selectFrom('compilation.runs').select('generation_id').where('seq', '=', 1).executeTakeFirstOrThrow();
    await renderDocumentJob().handler({ generationId: run.generation_id }, ctx());
    for (const format of ['html', 'docx', 'akn'] as const)
      expect((await findRendition(open.db, run.generation_id, format))?.status, format).toBe('done');
  });

  it('issues a run under a symbol once; a second issue is refused and changes nothing', async () => {
    const { symbol } = await issue(1);
    expect(symbol).toMatch(/^S\/2021\/\d+$/);
    const before = await fingerprint(open.db);
    await expect(issue(1)).rejects.toMatchObject({ code: 'compilation.already_issued' });
    await expect(issue(9)).rejects.toMatchObject({ code: 'compilation.not_found' });
    expect(await fingerprint(open.db)).toEqual(before);
  });
});
