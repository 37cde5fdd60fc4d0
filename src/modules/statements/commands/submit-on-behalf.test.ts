// A statement received by e-mail, entered by the Secretariat on the mission's behalf, against a real database: the
// files go through the delegate's checks and draft, the revision says who entered it and why, the receipt verifies
// and is mailed to the mission's focal points, the audit entry says it was on the mission's behalf; refusals
// (not the Secretariat, a delegation that may not submit, the deadline) write nothing; after the deadline, a stated
// time of receipt before it, or a late grant.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, auditEntries, fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument, statementOfWords } from '../../../../test/fixtures/statement-files.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock, type Clock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { secretsFromKey } from '../../../kernel/secrets.js';
import { createDebate, grantLateSubmission } from '../../meetings/index.js';
import { closeInspectionPool } from '../../uploads/index.js';
import { checkReceiptDocument, receiptDocument } from '../domain/receipt.js';
import { startOnBehalfDraft, onBehalfTarget, submitOnBehalf, type OnBehalfInput } from './submit-on-behalf.js';
import { uploadToDraft } from './upload-files.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const inWindow = fixedClock('2021-05-20T15:00:00Z');
// The demo debate's deadline is the end of 24 May 2021 in New York (03:59:59.999 UTC on the 25th).
const afterDeadline = fixedClock('2021-05-25T14:00:00Z');
const settings = { signing: secretsFromKey(Buffer.alloc(32, 7)).signing, publicUrl: 'https://rostrum.example' };

describe('statements entered by the Secretariat on a mission’s behalf', () => {
  let open: OpenDatabase;
  let officer: TestAccount;
  let focal: TestAccount;
  let delegate: TestAccount;
  let signatoryId: string;
  let statement: Uint8Array;
  let cover: Uint8Array;

  /** The officer's upload for a delegation, through the delegate's checks, into the officer's draft. */
  async function upload(
    code: string,
    clock: Clock = inWindow,
    files: { statement?: Uint8Array; cover?: Uint8Array } = { statement, cover },
  ) {
    const by = acting(officer);
    const target = await open.db.transaction().execute(async (trx) => {
      const t = await onBehalfTarget(trx, by, demoDebate.slug, code);
      await startOnBehalfDraft(trx, by, t);
      return t;
    });
    return uploadToDraft(
      open.db,
      clock,
      by,
      demoDebate.slug,
      {
        ...(files.statement ? { statement: { name: 'statement.docx', bytes: files.statement } } : {}),
        ...(files.cover ? { cover: { name: 'cover letter.docx', bytes: files.cover } } : {}),
        choices: { originalLanguage: 'es', onBehalfOf: 'the Group of Friends of Peacekeeping', groupMembers: 'Argentina\nBrazil' },
      },
      { maxBytes: 10 * 1024 * 1024, target },
    );
  }
  const enter = (input: Partial<OnBehalfInput>, clock: Clock = inWindow, by: TestAccount = officer) =>
    open.db
      .transaction()
      .execute((trx) =>
        submitOnBehalf(
          trx,
          clock,
          acting(by, by === officer ? {} : { modules: ['statements'] }),
          { slug: demoDebate.slug, delegation: 'BRA', signatoryId, note: 'Received by e-mail on 20 May 2021 from the mission.', ...input },
          settings,
        ),
      );
  const revisions = () =>
    open.db
      .selectFrom('statements.revisions')
      .innerJoin('statements.submissions', 'statements.submissions.id', 'statements.revisions.submission_id')
      .selectAll('statements.revisions')
      .where('delegation', '=', 'BRA')
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, inWindow, { id: null, label: 'test' }, demoDebate));
    officer = await addAccount(open.db, inWindow, { hashed: false, role: 'secretariat' });
    focal = await addAccount(open.db, inWindow, { hashed: false, role: 'focal_point', mission: 'BRA' });
    delegate = await addAccount(open.db, inWindow, { hashed: false, role: 'delegate', mission: 'BRA' });
    signatoryId = randomUUID();
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: signatoryId,
        mission: 'BRA',
        name: 'Ronaldo Costa Filho',
        title: 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: inWindow.now(),
        created_by: null,
        removed_at: null,
      })
      .execute();
    statement = await statementOfWords(120);
    cover = await paragraphsDocument(['Letter dated 20 May 2021 from the Permanent Representative of Brazil', 'Ronaldo Costa Filho']);
  });
  afterAll(async () => {
    await closeInspectionPool();
    await open?.close();
  });

  it('refuses anyone but the Secretariat, and a delegation that may not submit, writing nothing', async () => {
    const before = await fingerprint(open.db);
    await expect(enter({}, inWindow, delegate)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(enter({}, inWindow, focal)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(
      open.db.transaction().execute((trx) => onBehalfTarget(trx, acting(delegate, { modules: ['statements'] }), demoDebate.slug, 'BRA')),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    // China sits on the Council on the day of the debate.
    await expect(
      open.db.transaction().execute((trx) => onBehalfTarget(trx, acting(officer), demoDebate.slug, 'CHN')),
    ).rejects.toMatchObject({ code: 'statement.on_behalf_not_eligible' });
    await expect(enter({ delegation: 'CHN' })).rejects.toMatchObject({ code: 'statement.on_behalf_not_eligible' });
    // Nothing uploaded yet: nothing to submit.
    await expect(enter({})).rejects.toMatchObject({ code: 'statement.incomplete' });
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('checks the files as for a delegate, and records a revision entered by the Secretariat, with a receipt mailed to the focal points', async () => {
    const outcome = await upload('BRA');
    expect(outcome.errors).toEqual({ signatoryId: 'Choose who signed the cover letter.' });
    expect(outcome.draft?.statement_check?.words).toBe(120);
    const issued = await enter({});
    expect(issued.revision).toBe(1);
    expect(issued.receipt.enteredBySecretariat).toEqual({ note: 'Received by e-mail on 20 May 2021 from the mission.' });
    expect(
      checkReceiptDocument(receiptDocument(issued.receipt, issued.signature), {
        publicKey: settings.signing.publicKey,
        keyId: settings.signing.keyId,
      }),
    ).toMatchObject({ valid: true });

    const [rev] = await revisions();
    expect(rev).toMatchObject({
      via: 'secretariat',
      created_by: officer.id,
      secretariat_note: 'Received by e-mail on 20 May 2021 from the mission.',
      received_before_deadline_at: null,
      signatory_id: signatoryId,
      signatory_name: 'Ronaldo Costa Filho',
      original_language: 'es',
      on_behalf_of: 'the Group of Friends of Peacekeeping',
      group_members: ['Argentina', 'Brazil'],
      words: 120,
      late: false,
    });
    const mail = (await mailTo(open.db, focal.email)).at(-1);
    expect(mail?.subject).toBe(`Receipt ${issued.reference}: written statement received`);
    expect(mail?.text_body).toContain(
      'Entered by the Secretariat on the mission’s behalf: Received by e-mail on 20 May 2021 from the mission.',
    );
    const [entry] = await auditEntries(open.db, 'statement.submitted_on_behalf');
    expect(entry).toMatchObject({ actor_id: officer.id, subject_type: 'statement' });
    expect(entry?.data).toEqual({
      mission: 'BRA',
      debate: demoDebate.slug,
      reference: issued.reference,
      revision: 1,
      late: false,
      receivedBeforeDeadlineAt: null,
    });
    expect(await auditEntries(open.db, 'statement.submitted')).toEqual([]);
    // The officer's draft became the statement.
    expect(await open.db.selectFrom('statements.drafts').select('id').where('account_id', '=', officer.id).execute()).toEqual([]);
  });

  it('takes a signatory named in the cover letter but not on the mission’s list, typed by the officer', async () => {
    await upload('BRA');
    const issued = await enter({ signatoryId: '', signatoryName: 'María Pérez', signatoryTitle: 'Chargé d’affaires a.i.' });
    expect(issued.receipt.signatory).toEqual({ name: 'María Pérez', title: 'Chargé d’affaires a.i.' });
    const rev = (await revisions()).at(-1);
    expect(rev).toMatchObject({ seq: 2, signatory_id: null, signatory_name: 'María Pérez', signatory_title: 'Chargé d’affaires a.i.' });
    await expect(enter({ signatoryId: '', signatoryName: '', signatoryTitle: '' })).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('sets aside the officer’s draft for another delegation, so files never cross between delegations', async () => {
    await upload('ARG', inWindow, { statement: await statementOfWords(40) });
    await upload('BRA', inWindow, { cover });
    // Brazil's draft has only the cover letter: Argentina's statement was not carried over.
    await expect(enter({})).rejects.toMatchObject({ code: 'statement.incomplete' });
    const drafts = await open.db
      .selectFrom('statements.drafts')
      .select(['delegation', 'statement_sha256'])
      .where('account_id', '=', officer.id)
      .execute();
    expect(drafts).toEqual([{ delegation: 'BRA', statement_sha256: null }]);
  });

  it('after the deadline: refused, unless received before it at a stated time, or under a late grant', async () => {
    await upload('BRA');
    const before = await fingerprint(open.db);
    await expect(enter({}, afterDeadline)).rejects.toMatchObject({ code: 'statement.on_behalf_closed' });
    // After the deadline (the end of 24 May in New York), in the future, or a time that does not exist.
    await expect(enter({ receivedBefore: '2021-05-25T00:01' }, afterDeadline)).rejects.toMatchObject({
      code: 'statement.received_time_invalid',
    });
    await expect(enter({ receivedBefore: '2021-05-20T12:00' }, inWindow)).rejects.toMatchObject({
      code: 'statement.received_time_invalid',
    });
    await expect(enter({ receivedBefore: '2021-05-24T25:00' }, afterDeadline)).rejects.toMatchObject({ code: 'input.time_does_not_exist' });
    await expect(enter({ receivedBefore: 'yesterday' }, afterDeadline)).rejects.toMatchObject({ code: 'input.invalid' });
    expect(await fingerprint(open.db)).toEqual(before);

    const onTime = await enter(
      { receivedBefore: '2021-05-24T23:40', note: 'Received by e-mail at 23:40 on 24 May; entered the next morning.' },
      afterDeadline,
    );
    expect(onTime.receipt.late).toBe(false);
    expect(onTime.receipt.enteredBySecretariat).toEqual({
      note: 'Received by e-mail at 23:40 on 24 May; entered the next morning.',
      receivedBeforeDeadlineAt: '2021-05-25T03:40:00.000Z',
      receivedBeforeDeadlineAtLocal: 'Monday, 24 May 2021, 11.40 p.m. New York time (UTC−4)',
    });
    expect((await revisions()).at(-1)).toMatchObject({ received_before_deadline_at: new Date('2021-05-25T03:40:00Z'), late: false });
    expect((await auditEntries(open.db, 'statement.submitted_on_behalf')).at(-1)?.data).toMatchObject({
      receivedBeforeDeadlineAt: '2021-05-25T03:40:00.000Z',
      late: false,
    });
    expect((await mailTo(open.db, focal.email)).at(-1)?.text_body).toContain(
      'received the statement on Monday, 24 May 2021, 11.40 p.m. New York time (UTC−4), before the deadline',
    );

    await open.db
      .transaction()
      .execute((trx) =>
        grantLateSubmission(
          trx,
          fixedClock('2021-05-25T13:00:00Z'),
          acting(officer),
          { debate: demoDebate.slug, delegation: 'BRA', until: '2021-05-25T18:00', reason: 'The mission’s e-mail was delayed.' },
          { publicUrl: 'https://rostrum.example' },
        ),
      );
    await upload('BRA', afterDeadline);
    const late = await enter({ note: 'Received by e-mail on 25 May 2021, under the late permission.' }, afterDeadline);
    expect(late.receipt.late).toBe(true);
    expect((await revisions()).at(-1)).toMatchObject({ late: true, received_before_deadline_at: null, via: 'secretariat' });
  });
});
