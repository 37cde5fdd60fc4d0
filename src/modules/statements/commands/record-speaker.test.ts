// The meeting's speakers against a real database: the Secretariat records briefings (from the announced briefers),
// Council members' and live speakers' texts, checked like written statements; the speaking order is set and closes up
// when a speaker is removed; a Council member's delegate records its own delegation's statement only; refusals of the
// wrong actor, the wrong kind of delegation and the wrong kind of file change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, auditEntries, fingerprint } from '../../../../test/admin-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { createDebate, findDebateBySlug } from '../../meetings/index.js';
import { closeInspectionPool } from '../../uploads/index.js';
import { speakersOf } from '../speakers-db.js';
import { recordSpeaker, removeSpeaker, setSpeakingOrder, type SpeakerUpload } from './record-speaker.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-25T15:00:00Z');
const slug = demoDebate.slug;
const MAX = 10 * 1024 * 1024;
const PDF = new Uint8Array(
  Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
);
const SPEAKER_TABLES = ['statements.speakers', 'statements.speaker_texts', 'kernel.blobs', 'kernel.audit_log'];

describe('the meeting’s speakers', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  let debateId: string;
  const text = async (words: string) => ({ name: 'text.docx', bytes: await paragraphsDocument([words, `${words} The second paragraph.`]) });
  const record = (who: TestAccount, upload: SpeakerUpload, modules: string[] = []) =>
    recordSpeaker(open.db, clock, acting(who, { modules }), slug, upload, { maxBytes: MAX });
  const order = async () =>
    (await speakersOf(open.db, debateId)).map((e) => `${e.speaker.position}:${e.speaker.delegation ?? e.text.speaker_name}`);

  beforeAll(async () => {
    open = await testDatabase();
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    debateId = (await findDebateBySlug(open.db, slug))!.id;
  });
  afterAll(async () => {
    await open?.close();
    await closeInspectionPool();
  });

  it('records a briefing from an announced briefer, with its checked content and file', async () => {
    const outcome = await record(officer, {
      kind: 'briefer',
      briefer: '1',
      language: 'en',
      file: await text('Briefing by the Under-Secretary-General.'),
    });
    expect(outcome.errors).toEqual({});
    const [entry] = await speakersOf(open.db, debateId);
    expect(entry?.speaker).toMatchObject({ kind: 'briefer', position: 1, briefer_position: 1, delegation: null });
    expect(entry?.text).toMatchObject({
      speaker_name: 'Jean-Pierre Lacroix',
      speaker_title: 'Under-Secretary-General for Peace Operations',
      original_language: 'en',
      via: 'secretariat',
      seq: 1,
    });
    expect(JSON.stringify(entry?.text.content)).toContain('Briefing by the Under-Secretary-General.');
    expect(entry?.text.words).toBeGreaterThan(0);
    const blob = await open.db.selectFrom('kernel.blobs').select('sha256').where('sha256', '=', entry!.text.file_sha256).executeTakeFirst();
    expect(blob).toBeDefined();
    const [audit] = await auditEntries(open.db, 'speaker.recorded');
    expect(audit?.data).toMatchObject({ debate: slug, kind: 'briefer', position: 1, text: 1 });
  });

  it('records Council members (the presidency among them) and a live non-member, each next in the order', async () => {
    for (const [kind, delegation, name] of [
      ['council', 'NER', 'Abdou Abarry'],
      ['live', 'eu', 'Olof Skoog'],
      ['council', 'CHN', 'Zhang Jun'],
    ] as const) {
      const outcome = await record(officer, {
        kind,
        delegation,
        name,
        title: kind === 'live' ? 'Head of the Delegation' : 'Permanent Representative',
        language: 'en',
        file: await text(`Statement of ${delegation}.`),
      });
      expect(outcome.errors, delegation).toEqual({});
    }
    expect(await order()).toEqual(['1:Jean-Pierre Lacroix', '2:NER', '3:eu', '4:CHN']);
  });

  it('asks for what is missing, by field, and stores nothing', async () => {
    const before = await fingerprint(open.db, SPEAKER_TABLES);
    const outcome = await record(officer, { kind: 'live', language: '', file: undefined });
    expect(outcome.errors).toMatchObject({
      language: 'Choose the language the text was written in.',
      file: 'Choose the text (Word, .docx).',
    });
    const noDelegation = await record(officer, {
      kind: 'council',
      name: 'A Name',
      title: 'Permanent Representative',
      language: 'fr',
      file: await text('Text.'),
    });
    expect(noDelegation.errors).toEqual({ delegation: 'Choose the Council member.' });
    const noName = await record(officer, { kind: 'briefer', language: 'fr', file: await text('Text.') });
    expect(Object.keys(noName.errors).sort()).toEqual(['name', 'title']);
    expect(await fingerprint(open.db, SPEAKER_TABLES)).toEqual(before);
  });

  it('refuses the wrong kind of file with the statement checks’ own message, storing nothing', async () => {
    const before = await fingerprint(open.db, SPEAKER_TABLES);
    const pdf = await record(officer, {
      kind: 'council',
      delegation: 'IND',
      name: 'T. S. Tirumurti',
      title: 'Permanent Representative',
      language: 'en',
      file: { name: 'statement.pdf', bytes: PDF },
    });
    expect(pdf.refusal).toBe('upload.not_docx');
    expect(pdf.errors.file).toMatch(/PDF/);
    const junk = await record(officer, {
      kind: 'council',
      delegation: 'IND',
      name: 'T. S. Tirumurti',
      title: 'Permanent Representative',
      language: 'en',
      file: { name: 'statement.docx', bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) },
    });
    expect(junk.errors.file).toBeDefined();
    expect(await fingerprint(open.db, SPEAKER_TABLES)).toEqual(before);
  });

  it('refuses a non-member as a Council member and a member as a live speaker, changing nothing', async () => {
    const before = await fingerprint(open.db, SPEAKER_TABLES);
    const file = await text('Text.');
    await expect(
      record(officer, {
        kind: 'council',
        delegation: 'BRA',
        name: 'Ronaldo Costa Filho',
        title: 'Permanent Representative',
        language: 'en',
        file,
      }),
    ).rejects.toMatchObject({ code: 'speaker.not_council_member' });
    await expect(
      record(officer, {
        kind: 'live',
        delegation: 'FRA',
        name: 'Nicolas de Rivière',
        title: 'Permanent Representative',
        language: 'fr',
        file,
      }),
    ).rejects.toMatchObject({ code: 'speaker.council_member_live' });
    expect(await fingerprint(open.db, SPEAKER_TABLES)).toEqual(before);
  });

  it('refuses anyone but the Secretariat and a Council member’s delegate, changing nothing', async () => {
    const before = await fingerprint(open.db, SPEAKER_TABLES);
    const file = await text('Text.');
    const brazil = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'BRA' });
    const helpdesk = await addAccount(open.db, clock, { hashed: false, role: 'helpdesk' });
    const chinaWithoutAccess = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'CHN' });
    const fields = { kind: 'council', delegation: 'BRA', name: 'A Name', title: 'Permanent Representative', language: 'en', file };
    await expect(record(brazil, fields, ['statements'])).rejects.toMatchObject({ code: 'statement.not_eligible' });
    await expect(record(helpdesk, fields)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(record(chinaWithoutAccess, fields)).rejects.toMatchObject({ code: 'auth.forbidden' });
    const china = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'CHN' });
    await expect(
      open.db.transaction().execute((trx) => setSpeakingOrder(trx, clock, acting(china, { modules: ['statements'] }), slug, new Map())),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    const [first] = await speakersOf(open.db, debateId);
    await expect(
      open.db
        .transaction()
        .execute((trx) => removeSpeaker(trx, clock, acting(china, { modules: ['statements'] }), slug, first!.speaker.id)),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(await fingerprint(open.db, SPEAKER_TABLES)).toEqual(before);
  });

  it('lets a Council member’s delegate record its own delegation’s statement only, replacing the earlier text in its place', async () => {
    const china = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'CHN' });
    // The kind and the delegation are the delegate's own, whatever the form says.
    const outcome = await record(
      china,
      {
        kind: 'live',
        delegation: 'NER',
        name: 'Zhang Jun',
        title: 'Permanent Representative',
        language: 'zh',
        file: await text('China’s own text.'),
      },
      ['statements'],
    );
    expect(outcome.errors).toEqual({});
    expect(await order()).toEqual(['1:Jean-Pierre Lacroix', '2:NER', '3:eu', '4:CHN']);
    const chinese = (await speakersOf(open.db, debateId)).find((e) => e.speaker.delegation === 'CHN')!;
    expect(chinese.speaker.kind).toBe('council');
    expect(chinese.text).toMatchObject({ seq: 2, via: 'delegation', original_language: 'zh' });
    expect(JSON.stringify(chinese.text.content)).toContain('China’s own text.');
    const niger = (await speakersOf(open.db, debateId)).find((e) => e.speaker.delegation === 'NER')!;
    expect(niger.text.seq).toBe(1);
    const texts = await open.db
      .selectFrom('statements.speaker_texts')
      .select('seq')
      .where('speaker_id', '=', chinese.speaker.id)
      .orderBy('seq')
      .execute();
    expect(texts.map((t) => t.seq)).toEqual([1, 2]);
  });

  it('sets the speaking order from typed positions, and closes it up when a speaker is removed', async () => {
    const entries = await speakersOf(open.db, debateId);
    const id = (who: string) => entries.find((e) => (e.speaker.delegation ?? e.text.speaker_name) === who)!.speaker.id;
    await open.db.transaction().execute((trx) =>
      setSpeakingOrder(
        trx,
        clock,
        acting(officer),
        slug,
        new Map([
          [id('CHN'), 1],
          [id('Jean-Pierre Lacroix'), 2],
          [id('NER'), 3],
          [id('eu'), 4],
        ]),
      ),
    );
    expect(await order()).toEqual(['1:CHN', '2:Jean-Pierre Lacroix', '3:NER', '4:eu']);
    await open.db.transaction().execute((trx) => setSpeakingOrder(trx, clock, acting(officer), slug, new Map([[id('eu'), 1]])));
    expect(await order()).toEqual(['1:CHN', '2:eu', '3:Jean-Pierre Lacroix', '4:NER']);
    await open.db.transaction().execute((trx) => removeSpeaker(trx, clock, acting(officer), slug, id('eu')));
    expect(await order()).toEqual(['1:CHN', '2:Jean-Pierre Lacroix', '3:NER']);
    const removed = await open.db
      .selectFrom('statements.speakers')
      .select(['removed_at', 'removed_by'])
      .where('id', '=', id('eu'))
      .executeTakeFirstOrThrow();
    expect(removed.removed_by).toBe(officer.id);
    expect((await auditEntries(open.db, 'speaker.order_set')).map((a) => a.data)).toEqual([
      { debate: slug, speakers: 4 },
      { debate: slug, speakers: 4 },
    ]);
  });

  it('refuses an order or a removal naming a speaker not of this debate, changing nothing', async () => {
    const before = await fingerprint(open.db, SPEAKER_TABLES);
    await expect(
      open.db
        .transaction()
        .execute((trx) => setSpeakingOrder(trx, clock, acting(officer), slug, new Map([['00000000-0000-4000-8000-000000000000', 1]]))),
    ).rejects.toMatchObject({ code: 'speaker.not_found' });
    await expect(
      open.db.transaction().execute((trx) => removeSpeaker(trx, clock, acting(officer), slug, 'not-a-uuid')),
    ).rejects.toMatchObject({ code: 'speaker.not_found' });
    expect(await fingerprint(open.db, SPEAKER_TABLES)).toEqual(before);
  });

  it('keeps every text as received: the database refuses to change one', async () => {
    await expect(open.db.updateTable('statements.speaker_texts').set({ speaker_name: 'Someone else' }).execute()).rejects.toThrow();
  });
});
