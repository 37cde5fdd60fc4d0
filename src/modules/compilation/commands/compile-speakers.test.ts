// A compilation with the meeting's speakers, against a real database: the briefings in speaking order, the Council
// members' statements in English alphabetical order, the live speakers, then the written statements (the default
// annex order), or another declared order; the texts frozen by id and hash; their files in the originals ZIP in the
// annexes' order, the same bytes when built again; an order policy naming an unknown group refused, changing nothing;
// a build before the meeting refused while an announced briefer is still "to be confirmed", changing nothing.
import { createHash, randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, fingerprint } from '../../../../test/admin-fixtures.js';
import { testSecrets } from '../../../../test/app.js';
import {
  COMPILATION_TABLES,
  debateWithBriefersConfirmed,
  decideStatement,
  submitStatement,
} from '../../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { readDocxContent, withoutImageBytes } from '../../../kernel/ooxml/content.js';
import { documentModelSchema, documentText } from '../../documents/index.js';
import { createDebate, findDebateBySlug, updateDebate } from '../../meetings/index.js';
import { closeInspectionPool } from '../../uploads/index.js';
import { recordSpeaker, setSpeakingOrder } from '../../statements/commands/record-speaker.js';
import { reviewStatement } from '../../statements/commands/review-statement.js';
import { saveDraft } from '../../statements/commands/save-draft.js';
import { confirmSubmission } from '../../statements/commands/submit-statement.js';
import { speakersOf } from '../../statements/index.js';
import { buildCompilation } from './compile.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const slug = demoDebate.slug;

describe('a compilation with the meeting’s speakers', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  let debateId: string;
  const build = (order?: string) =>
    open.db.transaction().execute((trx) => buildCompilation(trx, clock, acting(officer), slug, order === undefined ? {} : { order }));
  const run = (seq: number) => open.db.selectFrom('compilation.runs').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  async function textOf(seq: number): Promise<string> {
    const generation = await open.db
      .selectFrom('documents.generations')
      .select('model')
      .where('id', '=', (await run(seq)).generation_id)
      .executeTakeFirstOrThrow();
    return documentText(documentModelSchema.parse(generation.model));
  }
  const annexTitles = (text: string) => [...text.matchAll(/^Annex [IVXLC]+\n(?:\[Original: [^\]]+\]\n)?(.+)$/gm)].map((m) => m[1]);

  async function speak(fields: { kind: string; delegation?: string; briefer?: string; name?: string; title?: string }, words: string) {
    const bytes = await paragraphsDocument([words]);
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

  async function writtenStatement(code: string, words: string) {
    const delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: code });
    const signatory = randomUUID();
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: signatory,
        mission: code,
        name: `Envoy ${code}`,
        title: 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: null,
        removed_at: null,
      })
      .execute();
    const bytes = await paragraphsDocument([words]);
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
        slug,
        statement: file('s.docx'),
        cover: file('c.docx'),
        choices: { signatoryId: signatory, originalLanguage: 'en' },
      }),
    );
    await open.db
      .transaction()
      .execute((trx) => confirmSubmission(trx, clock, by, slug, { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' }));
    const { current_revision } = await open.db
      .selectFrom('statements.submissions')
      .select('current_revision')
      .where('delegation', '=', code)
      .executeTakeFirstOrThrow();
    await open.db
      .transaction()
      .execute((trx) =>
        reviewStatement(
          trx,
          clock,
          acting(officer),
          { slug, delegation: code, revisionId: current_revision, decision: 'accepted', reason: '' },
          { publicUrl: 'https://rostrum.example' },
        ),
      );
  }

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed));
    debateId = (await findDebateBySlug(open.db, slug))!.id;
    // Recorded out of order on purpose: the speaking order is set afterwards.
    await speak({ kind: 'briefer', briefer: '1' }, 'The briefing of the Under-Secretary-General for Peace Operations.');
    await speak(
      { kind: 'council', delegation: 'NER', name: 'Abdou Abarry', title: 'Permanent Representative' },
      'The statement of the Niger.',
    );
    await speak({ kind: 'briefer', briefer: '2' }, 'The briefing of the Under-Secretary-General for Operational Support.');
    await speak(
      { kind: 'council', delegation: 'CHN', name: 'Zhang Jun', title: 'Permanent Representative' },
      'The statement of China, the presidency.',
    );
    await speak(
      { kind: 'live', delegation: 'eu', name: 'Olof Skoog', title: 'Head of the Delegation' },
      'The statement of the European Union, delivered live.',
    );
    await speak(
      { kind: 'council', delegation: 'EST', name: 'Sven Jürgenson', title: 'Permanent Representative' },
      'The statement of Estonia.',
    );
    const entries = await speakersOf(open.db, debateId);
    const id = (who: string) => entries.find((e) => (e.speaker.delegation ?? e.text.speaker_name) === who)!.speaker.id;
    // Atul Khare spoke first, then Jean-Pierre Lacroix, then the Council members (in their own order), then the Union.
    const wanted = new Map([
      [id('Atul Khare'), 1],
      [id('Jean-Pierre Lacroix'), 2],
      [id('NER'), 3],
      [id('EST'), 4],
      [id('CHN'), 5],
      [id('eu'), 6],
    ]);
    await open.db.transaction().execute((trx) => setSpeakingOrder(trx, clock, acting(officer), slug, wanted));
    await writtenStatement('IRN', 'The written statement of the Islamic Republic of Iran.');
  });
  afterAll(async () => {
    await open?.close();
    await closeInspectionPool();
  });

  it(
    'encloses, by default, the briefings in speaking order, the Council members alphabetically, the live speakers, then the written ' +
      'statements',
    async () => {
      const { seq } = await build();
      const text = await textOf(seq);
      expect(annexTitles(text)).toEqual([
        'Briefing by the Under-Secretary-General for Operational Support, Atul Khare',
        'Briefing by the Under-Secretary-General for Peace Operations, Jean-Pierre Lacroix',
        'Statement by the Permanent Representative of China to the United Nations, Zhang Jun',
        'Statement by the Permanent Representative of Estonia to the United Nations, Sven Jürgenson',
        'Statement by the Permanent Representative of the Niger to the United Nations, Abdou Abarry',
        'Statement by the Head of the Delegation of the European Union, Olof Skoog',
        'Statement by the Permanent Representative of Iran (Islamic Republic of) to the United Nations, Envoy IRN',
      ]);
      expect(text).toContain(
        'I have the honour to enclose herewith copies of the briefings provided by Atul Khare, Under-Secretary-General for Operational ' +
          'Support; and Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, as well as the statements delivered by the ' +
          'representatives of China, Estonia and the Niger in connection with',
      );
      expect(text).toContain('A statement was also delivered by the representative of the European Union.');
      expect(text).toContain('The statement of China, the presidency.');
      expect(text).toContain('The briefing of the Under-Secretary-General for Operational Support.');
    },
  );

  it('freezes the speakers’ texts by id and hash, with the speaking order, into the run', async () => {
    const { inputs } = await run(1);
    expect(inputs.order).toEqual(['briefers', 'council', 'live', 'written']);
    expect(inputs.briefers?.map((b) => b.position)).toEqual([1, 2]);
    expect(inputs.council?.map((c) => [c.delegation, c.position])).toEqual([
      ['NER', 3],
      ['EST', 4],
      ['CHN', 5],
    ]);
    expect(inputs.live?.map((l) => [l.delegation, l.position])).toEqual([['eu', 6]]);
    const entries = await speakersOf(open.db, debateId);
    for (const frozen of [...inputs.briefers!, ...inputs.council!, ...inputs.live!]) {
      const entry = entries.find((e) => e.speaker.id === frozen.speakerId)!;
      expect(frozen.textId).toBe(entry.text.id);
      expect(frozen.sha256).toBe(entry.text.file_sha256);
    }
  });

  it('keeps every text in the originals ZIP in the annexes’ order, the same bytes when built again', async () => {
    const first = await run(1);
    const blob = await open.db
      .selectFrom('kernel.blobs')
      .select('content')
      .where('sha256', '=', first.originals_sha256 ?? '')
      .executeTakeFirstOrThrow();
    const files = unzipSync(new Uint8Array(blob.content));
    expect(Object.keys(files)).toEqual([
      '01-Atul-Khare-briefing.docx',
      '02-Jean-Pierre-Lacroix-briefing.docx',
      '03-China-council-statement.docx',
      '04-Estonia-council-statement.docx',
      '05-Niger-council-statement.docx',
      '06-European-Union-live-statement.docx',
      '07-Iran-Islamic-Republic-of-statement.docx',
      '07-Iran-Islamic-Republic-of-cover-letter.docx',
    ]);
    const china = first.inputs.council!.find((c) => c.delegation === 'CHN')!;
    // The text's clean copy, stored when it was recorded.
    const text = await open.db
      .selectFrom('statements.speaker_texts')
      .select(['file_sha256', 'file_clean_sha256'])
      .where('id', '=', china.textId)
      .executeTakeFirstOrThrow();
    expect(text.file_sha256).toBe(china.sha256);
    expect(createHash('sha256').update(files['03-China-council-statement.docx']!).digest('hex')).toBe(text.file_clean_sha256);
    const { seq } = await build();
    const again = await run(seq);
    expect({ inputs: again.inputs_sha256, originals: again.originals_sha256 }).toEqual({
      inputs: first.inputs_sha256,
      originals: first.originals_sha256,
    });
  });

  it('follows a declared order policy', async () => {
    const { seq } = await build('written, live, council, briefers');
    const titles = annexTitles(await textOf(seq));
    expect(titles[0]).toContain('Iran (Islamic Republic of)');
    expect(titles[1]).toContain('European Union');
    expect(titles[2]).toContain('China');
    expect(titles.at(-1)).toContain('Jean-Pierre Lacroix');
    expect((await run(seq)).inputs.order).toEqual(['written', 'live', 'council', 'briefers']);
  });

  it('refuses an order policy naming an unknown group, repeating or leaving one out, building nothing', async () => {
    const before = await fingerprint(open.db, ['compilation.runs', 'documents.generations', 'kernel.audit_log', 'kernel.blobs']);
    for (const order of ['briefers, council, speakers, written', 'briefers, council, live, written, live', 'briefers, council, written']) {
      await expect(build(order), order).rejects.toMatchObject({ code: 'compilation.order_invalid' });
    }
    expect(await fingerprint(open.db, ['compilation.runs', 'documents.generations', 'kernel.audit_log', 'kernel.blobs'])).toEqual(before);
  });
});

describe('a build before the meeting while an announced briefer is still to be confirmed', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  const build = () => open.db.transaction().execute((trx) => buildCompilation(trx, clock, acting(officer), slug));
  const snapshot = () => fingerprint(open.db, COMPILATION_TABLES);

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    // The demo debate as announced: Atul Khare and Gilles Michaud to be confirmed, the meeting on 24 May (the clock says 20 May).
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    const iran = await submitStatement(open.db, clock, slug, 'IRN', ['Statement of the Islamic Republic of Iran']);
    await decideStatement(open.db, clock, officer, slug, 'IRN', iran, 'accepted');
  });
  afterAll(async () => {
    await open?.close();
    await closeInspectionPool();
  });

  async function brief(position: string, words: string) {
    const bytes = await paragraphsDocument([words]);
    const outcome = await recordSpeaker(
      open.db,
      clock,
      acting(officer),
      slug,
      { kind: 'briefer', briefer: position, language: 'en', file: { name: 'briefing.docx', bytes } },
      { maxBytes: 10 * 1024 * 1024 },
    );
    expect(outcome.errors).toEqual({});
  }

  it('is refused, naming every briefer still to be confirmed and what to do, and changes nothing', async () => {
    const before = await snapshot();
    const refusal = build();
    await expect(refusal).rejects.toMatchObject({ code: 'compilation.briefers_unconfirmed', status: 409 });
    const message = await refusal.then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toContain(
      'Still marked “to be confirmed”, with no briefing recorded: Atul Khare, Under-Secretary-General for Operational Support; ' +
        'Gilles Michaud, Under-Secretary-General for Safety and Security.',
    );
    expect(message).toContain('Record the briefing on the speakers’ page');
    expect(message).not.toContain('Jean-Pierre Lacroix');
    expect(await snapshot()).toEqual(before);
  });

  it('is refused for the briefers whose briefing is not recorded yet, and no longer for one whose briefing is', async () => {
    await brief('2', 'The briefing of the Under-Secretary-General for Operational Support.');
    const before = await snapshot();
    const refusal = build();
    await expect(refusal).rejects.toMatchObject({ code: 'compilation.briefers_unconfirmed' });
    const message = await refusal.then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toContain('with no briefing recorded: Gilles Michaud, Under-Secretary-General for Safety and Security.');
    expect(message).not.toContain('Atul Khare');
    expect(await snapshot()).toEqual(before);
  });

  it('builds once the last one is confirmed on the debate’s form', async () => {
    const { slug: _slug, ...rest } = demoDebate;
    const { version } = await open.db.selectFrom('meetings.debates').select('version').where('slug', '=', slug).executeTakeFirstOrThrow();
    const briefers = demoDebate.briefers.map((b) => (b.name === 'Gilles Michaud' ? { ...b, toBeConfirmed: false } : b));
    await open.db
      .transaction()
      .execute((trx) => updateDebate(trx, clock, { id: officer.id, label: 'officer' }, slug, { ...rest, briefers, version }));
    const { seq } = await build();
    expect(seq).toBe(1);
    const { inputs } = await open.db.selectFrom('compilation.runs').select('inputs').where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(inputs.briefers?.map((b) => b.position)).toEqual([1]);
    expect(inputs.written.map((w) => w.delegation)).toEqual(['IRN']);
  });
});
