// Publication on issue through HTTP. Before the compilation is issued, a statement's page and original file answer
// "not found" to the public and to other missions' people, exactly as a statement that does not exist, and are seen
// by the Secretariat, the presidency (China, in May 2021) and the delegation's own people; the presidency has a
// read-only list. Once issued, the statements the run encloses are public with their annex number, text and original
// file; the others (returned, withdrawn) stay private. Cover letters are never published.
import { createHash, randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acting } from '../../../../test/admin-fixtures.js';
import { testApp, testSecrets } from '../../../../test/app.js';
import { debateWithBriefersConfirmed } from '../../../../test/compilation-fixtures.js';
import { testDatabase } from '../../../../test/db.js';
import { paragraphsDocument } from '../../../../test/fixtures/statement-files.js';
import { formSession, signedInAs, type FormSession } from '../../../../test/http.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { cleanDocx } from '../../../kernel/ooxml/clean.js';
import { readDocxContent, withoutImageBytes } from '../../../kernel/ooxml/content.js';
import { createDebate } from '../../meetings/index.js';
import { reviewStatement } from '../../statements/commands/review-statement.js';
import { saveDraft } from '../../statements/commands/save-draft.js';
import { confirmSubmission, withdrawStatement } from '../../statements/commands/submit-statement.js';
import { buildCompilation, issueCompilation } from '../commands/compile.js';
import { addAccount, type TestAccount } from '../../../../test/accounts.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const slug = demoDebate.slug;
const page = (code: string) => `/debates/${slug}/statements/${code}`;
const file = (code: string) => `/debates/${slug}/statements/${code}/original`;
const HOSTILE = 'Brazil rejects <script>alert("x")</script> & <b>markup</b> in statements.';
const receipts = { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('publication of written statements on issue', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let officer: TestAccount;
  const people = {} as Record<
    'anonymous' | 'secretariat' | 'presidency' | 'own' | 'ownWithoutModule' | 'otherDelegate' | 'otherFocal',
    FormSession
  >;
  const delegates: Record<string, TestAccount> = {};
  const statementBytes: Record<string, Uint8Array> = {};
  let symbol = '';

  async function grantStatements(accountId: string) {
    await open.db
      .insertInto('identity.module_grants')
      .values({
        id: randomUUID(),
        account_id: accountId,
        module: 'statements',
        granted_at: clock.now(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
  }

  async function submit(code: string, texts: string[]): Promise<string> {
    delegates[code] ??= await addAccount(open.db, clock, { hashed: false, role: 'delegate', mission: code });
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
    const bytes = await paragraphsDocument(texts);
    const cover = await paragraphsDocument([`Cover letter of ${code}, correspondence.`]);
    statementBytes[code] = bytes;
    const by = acting(delegates[code]!, { modules: ['statements'] });
    // Brazil's files come with their clean copies, as the checks make them now; the others' come without, as files
    // received before clean copies were made, cleaned when they are downloaded.
    const withClean = code === 'BRA';
    const checked = (name: string, b: Uint8Array) => ({
      name,
      bytes: b,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      check: {
        outcome: 'accept' as const,
        size: b.length,
        words: 12,
        kind: 'docx' as const,
        warnings: [],
        content: withoutImageBytes(readDocxContent(b)),
        ...(withClean ? { cleaned: cleanDocx(b).removed } : {}),
      },
      ...(withClean ? { clean: { bytes: cleanDocx(b).bytes } } : {}),
    });
    await open.db.transaction().execute((trx) =>
      saveDraft(trx, clock, by, {
        slug,
        statement: checked('statement.docx', bytes),
        cover: checked('cover.docx', cover),
        choices: { signatoryId: signatory, originalLanguage: code === 'ARG' ? 'es' : 'en' },
      }),
    );
    await open.db.transaction().execute((trx) => confirmSubmission(trx, clock, by, slug, receipts));
    return (
      await open.db.selectFrom('statements.submissions').select('current_revision').where('delegation', '=', code).executeTakeFirstOrThrow()
    ).current_revision;
  }

  const decide = (code: string, revisionId: string, decision: 'accepted' | 'returned') =>
    open.db
      .transaction()
      .execute((trx) =>
        reviewStatement(
          trx,
          clock,
          acting(officer),
          { slug, delegation: code, revisionId, decision, reason: 'Please sign the cover letter.' },
          { publicUrl: 'https://rostrum.example' },
        ),
      );

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, debateWithBriefersConfirmed));
    app = await testApp(open.db, clock);
    officer = await addAccount(open.db, clock, { hashed: false, role: 'secretariat' });
    await decide('BRA', await submit('BRA', ['Statement of Brazil', HOSTILE]), 'accepted');
    await decide(
      'IRN',
      await submit('IRN', ['Statement of the Islamic Republic of Iran', 'Iran supports the safety of peacekeepers.']),
      'accepted',
    );
    await decide('ARG', await submit('ARG', ['Declaración de la Argentina', 'Un texto devuelto para corrección.']), 'returned');
    await submit('CHL', ['Statement of Chile', 'A statement withdrawn before the deadline.']);
    await open.db
      .transaction()
      .execute((trx) => withdrawStatement(trx, clock, acting(delegates.CHL!, { modules: ['statements'] }), slug, receipts));

    people.anonymous = formSession(app);
    people.secretariat = (await signedInAs(app, open.db, clock, { role: 'secretariat' })).browser;
    people.presidency = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'CHN', modules: ['presidency'] })).browser;
    const own = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    await grantStatements(own.account.id);
    people.own = own.browser;
    people.ownWithoutModule = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' })).browser;
    const otherDelegate = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'ARG' });
    await grantStatements(otherDelegate.account.id);
    people.otherDelegate = otherDelegate.browser;
    const otherFocal = await signedInAs(app, open.db, clock, { role: 'focal_point', mission: 'ARG' });
    await grantStatements(otherFocal.account.id);
    people.otherFocal = otherFocal.browser;
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  describe('before the compilation is issued', () => {
    it.each(['anonymous', 'otherDelegate', 'otherFocal', 'ownWithoutModule'] as const)(
      'answers 404 to %s for the page and the file, as for no statement at all',
      async (who) => {
        const browser = people[who];
        for (const url of [page('BRA'), file('BRA')]) expect((await browser.get(url)).statusCode, url).toBe(404);
        const missing = await browser.get(page('ZWE'));
        const refused = await browser.get(page('BRA'));
        expect(refused.body).toBe(missing.body);
        expect(refused.body).not.toContain('Envoy BRA');
      },
    );

    it.each(['secretariat', 'presidency', 'own'] as const)(
      'shows the statement to %s, marked not public, with its original file',
      async (who) => {
        const res = await people[who].get(page('BRA'));
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<h1>Brazil</h1>');
        expect(res.body).toContain('Envoy BRA, Permanent Representative of Brazil to the United Nations');
        expect(res.body).toContain('<strong>Not public.</strong>');
        expect(res.body).toContain('<dt>State</dt><dd>Accepted</dd>');
        expect(res.body).toContain('Statement of Brazil');
        const download = await people[who].get(file('BRA'));
        expect(download.statusCode).toBe(200);
        expect(download.headers['content-disposition']).toBe('attachment; filename="BRA-statement.docx"');
        // The clean copy, not the bytes received; the page says so, with the received file's hash as on the receipt.
        expect(Buffer.compare(download.rawPayload, cleanDocx(statementBytes.BRA!).bytes)).toBe(0);
        expect(createHash('sha256').update(download.rawPayload).digest('hex')).not.toBe(sha256(statementBytes.BRA!));
        expect(res.body).toContain('The Word file is a copy of the one the delegation sent, from which links to outside content');
        expect(res.body).toContain('personal document properties');
        expect(res.body).toContain(
          `The file received is kept for the record: its SHA-256 is on the delegation’s receipt, ` +
            `<code>${sha256(statementBytes.BRA!)}</code>.`,
        );
      },
    );

    it('lets a delegation read its own statement, whatever its state', async () => {
      const res = await people.otherDelegate.get(page('ARG'));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<dt>State</dt><dd>Returned for correction</dd>');
      expect(res.body).toContain('<dt>Original language</dt><dd>Spanish</dd>');
    });

    it('gives the presidency a read-only list of every statement, with no decision to take', async () => {
      const res = await people.presidency.get(`/debates/${slug}/desk/statements`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(
        /<tr role="row" id="row-BRA"><th scope="row" role="rowheader" data-label="Delegation"><a href="\/debates\/[^"]+\/statements\/BRA">Brazil<\/a><\/th><td role="cell" data-label="State">Accepted<\/td>/,
      );
      expect(res.body).toMatch(/<tr role="row" id="row-ARG">[\s\S]*?<td role="cell" data-label="State">Returned for correction<\/td>/);
      expect(res.body).toMatch(/<tr role="row" id="row-CHL">[\s\S]*?<td role="cell" data-label="State">Withdrawn<\/td>/);
      expect(res.body).toContain(`href="${file('IRN')}"`);
      expect(res.body).not.toContain('<form');
      expect(res.body).not.toContain('/review');
      expect((await people.secretariat.get(`/debates/${slug}/desk/statements`)).statusCode).toBe(200);
      for (const who of ['own', 'otherFocal'] as const)
        expect((await people[who].get(`/debates/${slug}/desk/statements`)).statusCode, who).toBe(403);
      // The review desk stays the Secretariat's.
      expect((await people.presidency.get(`/debates/${slug}/statements`)).statusCode).toBe(403);
    });

    it('has no public list of statements yet', async () => {
      expect((await people.anonymous.get(`/debates/${slug}/compilation/statements`)).statusCode).toBe(404);
    });
  });

  describe('once the compilation is issued', () => {
    beforeAll(async () => {
      const { seq } = await open.db.transaction().execute((trx) => buildCompilation(trx, clock, acting(officer), slug));
      symbol = (
        await open.db
          .transaction()
          .execute((trx) => issueCompilation(trx, clock, acting(officer), slug, seq, { symbol: { kind: 'counter' } }))
      ).symbol;
    });

    it('publishes each enclosed statement: name, speaker, language, annex number, its text escaped, its original file', async () => {
      const res = await people.anonymous.get(page('BRA'));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Brazil</h1>');
      expect(res.body).toContain('Envoy BRA, Permanent Representative of Brazil to the United Nations');
      expect(res.body).toContain('<dt>Original language</dt><dd>English</dd>');
      expect(res.body).toContain(`<a href="/debates/${slug}/compilation#compilation-annex-1">Annex I</a> to ${symbol}`);
      expect(res.body).not.toContain('Not public');
      expect(res.body).toContain(
        'Brazil rejects &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;markup&lt;/b&gt; in statements.',
      );
      expect(res.body).not.toContain('<script>alert');
      expect((await people.anonymous.get(page('IRN'))).body).toContain(`#compilation-annex-2">Annex II</a> to ${symbol}`);
      const download = await people.anonymous.get(file('BRA'));
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toBe(`attachment; filename="${symbol.replace(/\//g, '-')}-BRA-statement.docx"`);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(download.rawPayload, cleanDocx(statementBytes.BRA!).bytes)).toBe(0);
      // Iran's file was stored without a clean copy (received before clean copies were made): it is cleaned when downloaded.
      const iran = await people.anonymous.get(file('IRN'));
      expect(Buffer.compare(iran.rawPayload, cleanDocx(statementBytes.IRN!).bytes)).toBe(0);
      expect(unzipSync(iran.rawPayload)['docProps/core.xml']?.length ?? 0).toBeLessThan(
        unzipSync(statementBytes.IRN!)['docProps/core.xml']!.length,
      );
    });

    it('keeps private the statements the issued compilation does not enclose (returned, withdrawn)', async () => {
      for (const code of ['ARG', 'CHL']) {
        expect((await people.anonymous.get(page(code))).statusCode, code).toBe(404);
        expect((await people.anonymous.get(file(code))).statusCode, code).toBe(404);
      }
      const own = await people.otherDelegate.get(page('ARG'));
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('It is not among the statements of the issued compilation, so it stays private.');
      const withdrawn = await people.secretariat.get(page('CHL'));
      expect(withdrawn.body).toContain('<dt>State</dt><dd>Withdrawn</dd>');
      expect(withdrawn.body).toContain('the statement was withdrawn');
      expect((await people.secretariat.get(file('CHL'))).statusCode).toBe(404);
    });

    it('lists the published statements in the order of the annexes, linked from the compilation and the debate pages', async () => {
      const list = await people.anonymous.get(`/debates/${slug}/compilation/statements`);
      expect(list.statusCode).toBe(200);
      const brazil = list.body.indexOf(`href="${page('BRA')}">Brazil</a>`);
      const iran = list.body.indexOf(`href="${page('IRN')}">Iran (Islamic Republic of)</a>`);
      expect(brazil).toBeGreaterThan(0);
      expect(iran).toBeGreaterThan(brazil);
      expect(list.body).toContain(`href="${file('IRN')}"`);
      expect(list.body).not.toContain('Argentina');
      expect(list.body).not.toContain('Chile');
      expect((await people.anonymous.get(`/debates/${slug}/compilation`)).body).toContain(`href="/debates/${slug}/compilation/statements"`);
      const debate = await people.anonymous.get(`/debates/${slug}`);
      expect(debate.body).toContain(`Compilation ${symbol}`);
      expect(debate.body).toContain(`href="/debates/${slug}/compilation/statements"`);
    });

    it('publishes a statement accepted later once a later run enclosing it is issued, each shown as the latest such run has it', async () => {
      const argentina = (
        await open.db
          .selectFrom('statements.submissions')
          .select('current_revision')
          .where('delegation', '=', 'ARG')
          .executeTakeFirstOrThrow()
      ).current_revision;
      // A minute later: the new decision is the latest about Argentina's version, and the later run is issued later.
      clock.advance(60_000);
      await decide('ARG', argentina, 'accepted');
      expect((await people.anonymous.get(page('ARG'))).statusCode).toBe(404);
      const { seq } = await open.db.transaction().execute((trx) => buildCompilation(trx, clock, acting(officer), slug));
      clock.advance(60_000);
      const later = (
        await open.db
          .transaction()
          .execute((trx) => issueCompilation(trx, clock, acting(officer), slug, seq, { symbol: { kind: 'counter' } }))
      ).symbol;
      expect(later).not.toBe(symbol);
      const arg = await people.anonymous.get(page('ARG'));
      expect(arg.statusCode).toBe(200);
      expect(arg.body).toContain(`Annex I</a> to ${later}`);
      expect(arg.body).toContain('<dt>Original language</dt><dd>Spanish</dd>');
      expect((await people.anonymous.get(page('BRA'))).body).toContain(`Annex II</a> to ${later}`);
      const list = (await people.anonymous.get(`/debates/${slug}/compilation/statements`)).body;
      expect(list.indexOf(`href="${page('ARG')}">Argentina</a>`)).toBeGreaterThan(0);
      expect(list.indexOf(`href="${page('ARG')}">Argentina</a>`)).toBeLessThan(list.indexOf(`href="${page('BRA')}">Brazil</a>`));
      expect(list).toContain(`Annex III to ${later}`);
      expect((await people.anonymous.get(page('CHL'))).statusCode).toBe(404);
    });

    it('never publishes a cover letter', async () => {
      const pages = [await people.anonymous.get(page('BRA')), await people.anonymous.get(`/debates/${slug}/compilation/statements`)];
      for (const res of pages) expect(res.body).not.toMatch(/cover/i);
      expect((await people.anonymous.get(`/debates/${slug}/statements/BRA/files/cover`)).statusCode).not.toBe(200);
    });
  });
});
