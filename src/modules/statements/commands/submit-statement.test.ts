// Submitting, replacing and withdrawing a statement against a real database: receipts that verify, revisions kept
// and immutable, the deadline decided at commit with late grants, refusals that write nothing, and two delegates of
// one mission confirming at the same moment.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, fingerprint, mailTo } from '../../../../test/admin-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { latestCheckpoint, sealAuditLog } from '../../../kernel/audit-seal.js';
import { fixedClock, type Clock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { secretsFromKey } from '../../../kernel/secrets.js';
import { createDebate, grantLateSubmission } from '../../meetings/index.js';
import type { StoredCheck } from '../db.js';
import { checkReceiptDocument, receiptDocument } from '../domain/receipt.js';
import { saveDraft, type AcceptedFile } from './save-draft.js';
import { confirmSubmission, withdrawStatement } from './submit-statement.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const inWindow = fixedClock('2021-05-20T15:00:00Z');
const afterDeadline = fixedClock('2021-05-25T04:00:00Z');
const settings = { signing: secretsFromKey(Buffer.alloc(32, 9)).signing, publicUrl: 'https://rostrum.example' };
const check = (words: number): StoredCheck => ({ outcome: 'accept', size: 100, words, footnoteWords: 0, kind: 'docx', warnings: [] });

function file(name: string, text: string, words = 3): AcceptedFile {
  return {
    name,
    bytes: new TextEncoder().encode(text),
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    check: { ...check(words), content: { blocks: [] } },
  };
}

describe('statements: submit, replace, withdraw', () => {
  let open: OpenDatabase;
  let delegate: TestAccount;
  let colleague: TestAccount;
  let focal: TestAccount;
  let secretariat: TestAccount;
  let signatoryId: string;
  const as = (f: TestAccount) => acting(f, { modules: ['statements'] });

  async function draft(f: TestAccount, clock: Clock = inWindow, text = 'statement one') {
    await open.db.transaction().execute((trx) =>
      saveDraft(trx, clock, as(f), {
        slug: demoDebate.slug,
        statement: file('../../statement.docx', text),
        cover: file('cover.docx', `cover for ${text}`),
        choices: { signatoryId, originalLanguage: 'en' },
      }),
    );
  }
  const confirm = (f: TestAccount, clock: Clock = inWindow) =>
    open.db.transaction().execute((trx) => confirmSubmission(trx, clock, as(f), demoDebate.slug, settings));
  const withdraw = (f: TestAccount, clock: Clock = inWindow) =>
    open.db.transaction().execute((trx) => withdrawStatement(trx, clock, as(f), demoDebate.slug, settings));
  const submission = () => open.db.selectFrom('statements.submissions').selectAll().where('delegation', '=', 'BRA').executeTakeFirst();

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, inWindow, { id: null, label: 'test' }, demoDebate));
    delegate = await addAccount(open.db, inWindow, { hashed: false, role: 'delegate', mission: 'BRA' });
    colleague = await addAccount(open.db, inWindow, { hashed: false, role: 'delegate', mission: 'BRA' });
    focal = await addAccount(open.db, inWindow, { hashed: false, role: 'focal_point', mission: 'BRA' });
    secretariat = await addAccount(open.db, inWindow, { hashed: false, role: 'secretariat' });
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
  });
  afterAll(async () => open?.close());

  it('refuses to confirm an incomplete draft, writing nothing', async () => {
    const before = await fingerprint(open.db);
    await expect(confirm(delegate)).rejects.toMatchObject({ code: 'statement.incomplete' });
    expect(await fingerprint(open.db)).toEqual(before);
  });

  it('confirms a draft: a revision, a signed receipt, mail to the person and the focal points, an audit entry', async () => {
    await draft(delegate);
    const issued = await confirm(delegate);
    expect(issued.revision).toBe(1);
    expect(issued.receipt).toMatchObject({
      action: 'submit',
      delegation: { code: 'BRA', name: 'Permanent Mission of Brazil to the United Nations' },
      late: false,
      statement: { name: 'statement.docx', words: 3 },
    });
    expect(issued.receipt.receivedAtLocal).toBe('Thursday, 20 May 2021, 11 a.m. New York time (UTC−4)');
    expect(checkReceiptDocument(receiptDocument(issued.receipt, issued.signature), settings.signing)).toMatchObject({ valid: true });
    expect(await submission()).toMatchObject({ state: 'submitted', revisions: 1 });
    // The draft is gone; the mail carries the receipt to both.
    expect(await open.db.selectFrom('statements.drafts').select('id').execute()).toEqual([]);
    for (const f of [delegate, focal])
      expect((await mailTo(open.db, f.email)).at(-1)?.subject).toBe(`Receipt ${issued.reference}: written statement received`);
    const audit = await open.db
      .selectFrom('kernel.audit_log')
      .select(['data', 'entry_hash'])
      .where('action', '=', 'statement.submitted')
      .execute();
    expect(audit.at(-1)?.data).toEqual({ mission: 'BRA', debate: demoDebate.slug, reference: issued.reference, revision: 1, late: false });
    // The receipt names that entry by its hash (signed with the rest); nothing was sealed yet, so no checkpoint.
    expect(issued.receipt).toMatchObject({ version: 2, log: { entry: audit.at(-1)?.entry_hash, checkpoint: null } });
    const mail = (await mailTo(open.db, delegate.email)).at(-1);
    expect(mail?.text_body).toContain(
      `anyone can prove that the entry is in the log at https://rostrum.example/audit/proof?entry=${audit.at(-1)?.entry_hash}.`,
    );
  });

  it('carries the audit log’s latest signed checkpoint in the next receipt, once the log is sealed', async () => {
    await sealAuditLog(open.db, inWindow, settings.signing);
    const checkpoint = await latestCheckpoint(open.db);
    expect(checkpoint).not.toBeNull();
    await draft(colleague, inWindow, 'statement sealed');
    const next = await confirm(colleague);
    const entry = await open.db
      .selectFrom('kernel.audit_log')
      .select(['entry_hash', 'position'])
      .where(sql<string>`data->>'reference'`, '=', next.reference)
      .executeTakeFirstOrThrow();
    expect(next.receipt.log).toEqual({ entry: entry.entry_hash, checkpoint });
    expect(entry.position).toBeNull();
    expect(checkReceiptDocument(receiptDocument(next.receipt, next.signature), settings.signing)).toMatchObject({ valid: true });
  });

  it('keeps every revision: a replacement by a colleague becomes current, the first stays as received', async () => {
    await draft(colleague, inWindow, 'statement two');
    const second = await confirm(colleague);
    expect(second.revision).toBe(3);
    const sub = await submission();
    const revisions = await open.db
      .selectFrom('statements.revisions')
      .select(['id', 'seq', 'statement_name'])
      .where('submission_id', '=', sub!.id)
      .orderBy('seq')
      .execute();
    expect(revisions.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(sub?.current_revision).toBe(revisions[2]?.id);
  });

  it('refuses to change or delete a revision', async () => {
    await expect(sql`UPDATE statements.revisions SET words = 1`.execute(open.db)).rejects.toThrow(/append-only|refuse/i);
    await expect(sql`DELETE FROM statements.revisions`.execute(open.db)).rejects.toThrow(/append-only|refuse/i);
  });

  it('gives both of two simultaneous confirmations a receipt; the later commit is current', async () => {
    await draft(delegate, inWindow, 'three');
    await draft(colleague, inWindow, 'four');
    const [a, b] = await Promise.all([confirm(delegate), confirm(colleague)]);
    expect(new Set([a.revision, b.revision])).toEqual(new Set([4, 5]));
    const sub = await submission();
    const current = await open.db
      .selectFrom('statements.revisions')
      .select('seq')
      .where('id', '=', sub!.current_revision)
      .executeTakeFirstOrThrow();
    expect(current.seq).toBe(5);
  });

  it('refuses after the deadline, writing nothing, and accepts under a late grant, marked late', async () => {
    await draft(delegate, inWindow, 'too late');
    const before = await fingerprint(open.db);
    await expect(confirm(delegate, afterDeadline)).rejects.toMatchObject({ code: 'statement.closed' });
    expect(await fingerprint(open.db)).toEqual(before);

    await open.db
      .transaction()
      .execute((trx) =>
        grantLateSubmission(
          trx,
          fixedClock('2021-05-25T03:00:00Z'),
          acting(secretariat, {}),
          { debate: demoDebate.slug, delegation: 'BRA', until: '2021-05-25T12:00', reason: 'The mission lost its connection.' },
          { publicUrl: 'https://rostrum.example' },
        ),
      );
    const late = await confirm(delegate, afterDeadline);
    expect(late.receipt.late).toBe(true);
  });

  it('withdraws with a receipt of its own, and then there is nothing to withdraw', async () => {
    const withdrawn = await withdraw(delegate);
    expect(withdrawn.receipt).toMatchObject({ action: 'withdraw' });
    const entry = await open.db
      .selectFrom('kernel.audit_log')
      .select('entry_hash')
      .where('action', '=', 'statement.withdrawn')
      .executeTakeFirstOrThrow();
    expect(withdrawn.receipt.log?.entry).toBe(entry.entry_hash);
    expect(withdrawn.receipt.statement).toBeUndefined();
    expect(await submission()).toMatchObject({ state: 'withdrawn' });
    await expect(withdraw(delegate)).rejects.toMatchObject({ code: 'statement.nothing_to_withdraw' });
  });

  it('refuses a mission without statements access, and a State on the Council that day', async () => {
    const china = await addAccount(open.db, inWindow, { hashed: false, role: 'delegate', mission: 'CHN' });
    await expect(
      open.db.transaction().execute((trx) => confirmSubmission(trx, inWindow, acting(delegate), demoDebate.slug, settings)),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(
      open.db.transaction().execute((trx) => confirmSubmission(trx, inWindow, as(china), demoDebate.slug, settings)),
    ).rejects.toMatchObject({ code: 'statement.not_eligible' });
  });
});
