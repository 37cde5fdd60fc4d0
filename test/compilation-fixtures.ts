// Fixtures for the compilation's tests: the demo debate with its briefers confirmed; a delegation's statement
// submitted through the statements module's own commands (draft, confirmation, receipt), and the Secretariat's
// decision about it; the tables a compilation command may touch, to prove a refused one changed nothing.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import { readDocxContent, withoutImageBytes } from '../src/kernel/ooxml/content.js';
import { saveDraft } from '../src/modules/statements/commands/save-draft.js';
import { confirmSubmission } from '../src/modules/statements/commands/submit-statement.js';
import { reviewStatement } from '../src/modules/statements/commands/review-statement.js';
import { demoDebate } from '../src/demo/debate-2021-05.js';
import { acting } from './admin-fixtures.js';
import { testSecrets } from './app.js';
import { paragraphsDocument } from './fixtures/statement-files.js';
import { addAccount, type TestAccount } from './accounts.js';

/**
 * The demo debate with every announced briefer confirmed. The tests build compilations in the submission window, before
 * the meeting, and a build then is refused while a briefer is still "to be confirmed" (compilation.briefers_unconfirmed).
 */
export const debateWithBriefersConfirmed = { ...demoDebate, briefers: demoDebate.briefers.map((b) => ({ ...b, toBeConfirmed: false })) };

/** Every table a build, an issue, a corrigendum, a final or a retry writes to. */
export const COMPILATION_TABLES = [
  'compilation.runs',
  'compilation.finals',
  'documents.symbol_series',
  'documents.symbols',
  'documents.generations',
  'documents.renditions',
  'kernel.blobs',
  'kernel.jobs',
  'kernel.audit_log',
  'statements.submissions',
  'statements.reviews',
] as const;

/** A delegation's statement, submitted by a delegate of its own with a signatory; returns the current revision's id. */
export async function submitStatement(db: Database, clock: Clock, slug: string, code: string, texts: string[]): Promise<string> {
  const delegate = await addAccount(db, clock, { hashed: false, role: 'delegate', mission: code });
  const signatory = randomUUID();
  await db
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
  const content = withoutImageBytes(readDocxContent(bytes));
  const by = acting(delegate, { modules: ['statements'] });
  const file = (name: string) => ({
    name,
    bytes,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    check: { outcome: 'accept' as const, size: bytes.length, words: 10, kind: 'docx' as const, warnings: [], content },
  });
  await db.transaction().execute((trx) =>
    saveDraft(trx, clock, by, {
      slug,
      statement: file('s.docx'),
      cover: file('c.docx'),
      choices: { signatoryId: signatory, originalLanguage: 'en' },
    }),
  );
  await db
    .transaction()
    .execute((trx) => confirmSubmission(trx, clock, by, slug, { signing: testSecrets.signing, publicUrl: 'https://rostrum.example' }));
  const sub = await db
    .selectFrom('statements.submissions')
    .select('current_revision')
    .where('delegation', '=', code)
    .executeTakeFirstOrThrow();
  return sub.current_revision;
}

/** The Secretariat's decision about a revision. */
export async function decideStatement(
  db: Database,
  clock: Clock,
  officer: TestAccount,
  slug: string,
  code: string,
  revisionId: string,
  decision: 'accepted' | 'returned',
): Promise<void> {
  await db
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
}
