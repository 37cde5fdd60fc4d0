// The statements endpoints of the JSON API: a delegate's token with statements:write submits statement and cover
// letter in one multipart request and gets the signed receipt; a refused file, or a missing file or field, answers
// 400 with the field and its reason and stores nothing; the request is self-contained (the person's web draft is
// neither used nor changed); a token without the scope, or an owner without the module, is refused; withdrawal and the
// state read back; the operations are in the OpenAPI document.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting, auditEntries, fingerprint, mailTo } from '../../test/admin-fixtures.js';
import { testApp } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { multipartBody } from '../../test/http.js';
import { buildDocx, para } from '../../test/fixtures/docx-builder.js';
import { testSecrets } from '../../test/app.js';
import { demoDebate } from '../demo/debate-2021-05.js';
import { fixedClock } from '../kernel/clock.js';
import type { OpenDatabase } from '../kernel/db/database.js';
import { createApiToken } from '../modules/identity/index.js';
import { createDebate } from '../modules/meetings/index.js';
import { checkReceiptDocument, receiptDocument } from '../modules/statements/index.js';
import { saveDraft } from '../modules/statements/commands/save-draft.js';
import { letterPdf } from '../../test/fixtures/pdf-files.js';
import { cleanDocx } from '../kernel/ooxml/clean.js';
import { closeInspectionPool } from '../modules/uploads/index.js';
import { addAccount, type TestAccount } from '../../test/accounts.js';

const clock = fixedClock('2021-05-20T12:00:00Z');
const URL_ = `/api/v1/debates/${demoDebate.slug}/statement`;
/** Every table a submission writes to, drafts and blobs included. */
const WRITTEN = ['statements.submissions', 'statements.revisions', 'statements.drafts', 'kernel.blobs', 'kernel.mail', 'kernel.audit_log'];
const STATEMENT = buildDocx({
  body: [
    para('Statement of the Argentine Republic'),
    para('Argentina supports the safety of every peacekeeper in the field, and asks for better medical support.'),
  ].join(''),
});

describe('the statements endpoints of the JSON API', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let delegate: TestAccount;
  let signatoryId: string;
  const tokens = {} as Record<'write' | 'readOnly' | 'noModule', string>;

  async function tokenFor(who: TestAccount, scopes: string[], modules: string[]) {
    const actor = {
      kind: 'account' as const,
      id: who.id,
      role: who.role,
      organisation: who.mission,
      modules,
      via: { kind: 'session' as const, sessionId: 's' },
    };
    return (
      await open.db.transaction().execute((trx) => createApiToken(trx, clock, actor, { name: 'Mission system', scopes, expiresInDays: 30 }))
    ).token;
  }

  const submit = (token: string, fields: Record<string, string>, files: Record<string, { name: string; bytes: Uint8Array }>) => {
    const body = multipartBody(fields, files);
    return app.inject({
      method: 'POST',
      url: URL_,
      payload: body.payload,
      headers: { 'content-type': body.contentType, authorization: `Bearer ${token}` },
    });
  };

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock);
    delegate = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'ARG' });
    const other = await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: 'ARG' });
    await open.db
      .insertInto('identity.module_grants')
      .values({
        id: randomUUID(),
        account_id: delegate.id,
        module: 'statements',
        granted_at: clock.now(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    signatoryId = randomUUID();
    await open.db
      .insertInto('delegations.signatories')
      .values({
        id: signatoryId,
        mission: 'ARG',
        name: 'Martín García Moritán',
        title: 'Permanent Representative',
        from_date: '2020-01-01',
        to_date: null,
        created_at: clock.now(),
        created_by: null,
        removed_at: null,
      })
      .execute();
    tokens.write = await tokenFor(delegate, ['statements:read', 'statements:write'], ['statements']);
    tokens.readOnly = await tokenFor(delegate, ['statements:read'], ['statements']);
    tokens.noModule = await tokenFor(other, ['statements:read', 'statements:write'], []);
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
    await closeInspectionPool();
  });

  it('refuses a file that is not a Word document with its field and reason, and submits nothing', async () => {
    const before = await fingerprint(open.db);
    const res = await submit(
      tokens.write,
      { signatoryId, originalLanguage: 'es' },
      { statement: { name: 's.docx', bytes: Buffer.from('plain text') }, cover: { name: 'c.docx', bytes: STATEMENT } },
    );
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; fields: Record<string, { code?: string; message: string }> } };
    expect(body.error.code).toBe('statement.file_refused');
    expect(body.error.fields.statement).toMatchObject({ code: 'upload.not_docx' });
    const after = await fingerprint(open.db);
    expect(after['statements.submissions']).toBe(before['statements.submissions']);
    expect(after['statements.revisions']).toBe(before['statements.revisions']);
  });

  it.each([
    ['the statement', 'statement', { cover: true }, { signatoryId: true, originalLanguage: true }],
    ['the cover letter', 'cover', { statement: true }, { signatoryId: true, originalLanguage: true }],
    ['the signatory', 'signatoryId', { statement: true, cover: true }, { originalLanguage: true }],
    ['the original language', 'originalLanguage', { statement: true, cover: true }, { signatoryId: true }],
  ] as const)('refuses a request without %s, naming the field, and stores nothing', async (_label, field, files, values) => {
    const before = await fingerprint(open.db, WRITTEN);
    const res = await submit(
      tokens.write,
      { ...('signatoryId' in values ? { signatoryId } : {}), ...('originalLanguage' in values ? { originalLanguage: 'es' } : {}) },
      {
        ...('statement' in files ? { statement: { name: 's.docx', bytes: STATEMENT } } : {}),
        ...('cover' in files ? { cover: { name: 'c.docx', bytes: STATEMENT } } : {}),
      },
    );
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; fields: Record<string, { message: string }> } };
    expect(body.error.code).toBe('statement.incomplete');
    expect(Object.keys(body.error.fields)).toEqual([field]);
    expect(body.error.fields[field]?.message).toMatch(/^Choose /);
    expect(await fingerprint(open.db, WRITTEN)).toEqual(before);
  });

  it('refuses a cover letter in PDF with JavaScript, naming the field and what to do, and stores nothing', async () => {
    const before = await fingerprint(open.db, WRITTEN);
    const pdf = letterPdf({ catalog: ' /OpenAction << /S /JavaScript /JS (app.launchURL\\(\\)) >>' });
    const res = await submit(
      tokens.write,
      { signatoryId, originalLanguage: 'es' },
      { statement: { name: 's.docx', bytes: STATEMENT }, cover: { name: 'c.pdf', bytes: pdf } },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'statement.file_refused',
        fields: {
          cover: { code: 'upload.active_content', message: expect.stringMatching(/^The PDF contains JavaScript.*print.*or scan/) },
        },
      },
    });
    expect(await fingerprint(open.db, WRITTEN)).toEqual(before);
  });

  it('neither uses nor changes the person’s web draft: a request without a cover letter does not take the draft’s', async () => {
    // The delegate's unfinished upload on the pages left a cover letter (and a statement) in their draft.
    const by = acting(delegate, { modules: ['statements'] });
    const webFile = (name: string) => ({
      name,
      bytes: STATEMENT,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      check: { outcome: 'accept' as const, size: STATEMENT.length, words: 14, kind: 'docx' as const, warnings: [] },
    });
    await open.db.transaction().execute((trx) =>
      saveDraft(trx, clock, by, {
        slug: demoDebate.slug,
        statement: webFile('web-statement.docx'),
        cover: webFile('web-cover.docx'),
        choices: { signatoryId, originalLanguage: 'es' },
      }),
    );
    const draft = () => open.db.selectFrom('statements.drafts').selectAll().where('account_id', '=', delegate.id).executeTakeFirstOrThrow();
    const kept = await draft();
    expect(kept.cover_sha256).not.toBeNull();
    const before = await fingerprint(open.db, WRITTEN);

    const res = await submit(tokens.write, { signatoryId, originalLanguage: 'es' }, { statement: { name: 's.docx', bytes: STATEMENT } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'statement.incomplete', fields: { cover: { message: 'Choose the signed cover letter (.docx or .pdf).' } } },
    });
    expect(await fingerprint(open.db, WRITTEN)).toEqual(before);
    expect(await draft()).toEqual(kept);
  });

  it('submits both files in one request and answers 201 with a receipt that verifies', async () => {
    const res = await submit(
      tokens.write,
      { signatoryId, originalLanguage: 'es' },
      { statement: { name: 'statement.docx', bytes: STATEMENT }, cover: { name: 'cover.docx', bytes: STATEMENT } },
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { reference: string; revision: number; receipt: never; signature: string };
    expect(body.revision).toBe(1);
    expect(checkReceiptDocument(receiptDocument(body.receipt, body.signature), testSecrets.signing)).toMatchObject({ valid: true });
    const state = await app.inject({ url: URL_, headers: { authorization: `Bearer ${tokens.readOnly}` } });
    expect(state.json()).toMatchObject({
      delegation: 'ARG',
      state: 'submitted',
      revisions: [{ revision: 1, action: 'submit', reference: body.reference, late: false }],
    });
    const revision = await open.db
      .selectFrom('statements.revisions')
      .selectAll()
      .where('receipt_reference', '=', body.reference)
      .executeTakeFirstOrThrow();
    expect(revision).toMatchObject({
      via: 'api',
      statement_name: 'statement.docx',
      cover_name: 'cover.docx',
      signatory_name: 'Martín García Moritán',
      original_language: 'es',
    });
    // The receipt names the file received; the clean copy is stored beside it.
    expect(revision.statement_sha256).toBe(createHash('sha256').update(STATEMENT).digest('hex'));
    expect(revision.statement_clean_sha256).toBe(createHash('sha256').update(cleanDocx(STATEMENT).bytes).digest('hex'));
    expect(revision.cover_clean_sha256).toBe(revision.statement_clean_sha256);
    expect(revision.statement_cleaned).toEqual(cleanDocx(STATEMENT).removed);
    // The web draft the earlier test left is still there, unchanged: this submission did not come from it.
    const draft = await open.db
      .selectFrom('statements.drafts')
      .select(['statement_name', 'cover_name'])
      .where('account_id', '=', delegate.id)
      .executeTakeFirst();
    expect(draft).toEqual({ statement_name: 'web-statement.docx', cover_name: 'web-cover.docx' });
    expect((await auditEntries(open.db, 'statement.submitted')).at(-1)?.data).toMatchObject({
      mission: 'ARG',
      reference: body.reference,
      revision: 1,
    });
    expect((await mailTo(open.db, delegate.email)).at(-1)?.subject).toBe(`Receipt ${body.reference}: written statement received`);
  });

  it.each([
    ['a token without statements:write', () => tokens.readOnly, 403],
    ['a token whose owner has no statements access', () => tokens.noModule, 403],
  ])('refuses %s', async (_name, token, status) => {
    const res = await submit(
      token(),
      { signatoryId, originalLanguage: 'es' },
      { statement: { name: 's.docx', bytes: STATEMENT }, cover: { name: 'c.docx', bytes: STATEMENT } },
    );
    expect(res.statusCode).toBe(status);
  });

  it('withdraws with a receipt, then has nothing to withdraw', async () => {
    const res = await app.inject({ method: 'DELETE', url: URL_, headers: { authorization: `Bearer ${tokens.write}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revision: 2, receipt: { action: 'withdraw' } });
    const again = await app.inject({ method: 'DELETE', url: URL_, headers: { authorization: `Bearer ${tokens.write}` } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'statement.nothing_to_withdraw' } });
  });

  it('is described in the OpenAPI document, the upload as multipart/form-data', async () => {
    const doc = (await app.inject('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, unknown> } }>>;
    };
    const path = doc.paths['/api/v1/debates/{slug}/statement'];
    expect(
      Object.values(path ?? {})
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(['getStatement', 'submitStatement', 'withdrawStatement']);
    expect(Object.keys(path?.post?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
  });
});
