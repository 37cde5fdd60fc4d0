// A statement enclosed in an issued compilation is part of the record: its submission names the document's symbol and
// the annex number, and no revision may follow (a replacement, a withdrawal, one entered on the mission's behalf),
// whatever the window or a late permission says. If it must change, the Secretariat reopens it, and the change goes
// into a corrigendum, which freezes it again under the corrigendum's symbol.
//
// Concurrency: freezing updates the submission's row only while its current revision is the one enclosed, and every
// new revision locks that row first (submit-statement.ts, nextRevision) and then checks the mark; so a replacement
// racing an issue either commits first (the freeze finds another revision and the issue is refused) or waits for the
// issue and is refused.
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { STATEMENTS_REVIEW } from '../policies.js';

export interface IssuedAnnex {
  delegation: string;
  revisionId: string;
  /** The annex's number in the issued document (1 for Annex I). */
  annex: number;
}

/**
 * Marks each enclosed statement as issued in `symbol` under its annex number. Returns the delegations whose current
 * revision is no longer the enclosed one (nothing is marked for them; the caller refuses the issue and rolls back).
 */
export async function freezeIssuedAnnexes(
  trx: Transaction,
  debateId: string,
  symbol: string,
  annexes: readonly IssuedAnnex[],
): Promise<string[]> {
  const moved: string[] = [];
  for (const a of annexes) {
    const updated = await trx
      .updateTable('statements.submissions')
      .set({ issued_in: symbol, issued_annex: a.annex })
      .where('debate_id', '=', debateId)
      .where('delegation', '=', a.delegation)
      .where('current_revision', '=', a.revisionId)
      .where('state', '=', 'submitted')
      .returning('id')
      .executeTakeFirst();
    if (!updated) moved.push(a.delegation);
  }
  return moved;
}

/** Where a delegation's statement was issued: the document's symbol and its annex number; undefined if it was not. */
export async function issuedAnnexOf(
  db: Database | Transaction,
  debateId: string,
  delegation: string,
): Promise<{ symbol: string; annex: number } | undefined> {
  const row = await db
    .selectFrom('statements.submissions')
    .select(['issued_in', 'issued_annex'])
    .where('debate_id', '=', debateId)
    .where('delegation', '=', delegation)
    .executeTakeFirst();
  return row?.issued_in && row.issued_annex ? { symbol: row.issued_in, annex: row.issued_annex } : undefined;
}

/** Every issued statement of a debate, by delegation. */
export async function issuedAnnexes(db: Database | Transaction, debateId: string): Promise<Map<string, { symbol: string; annex: number }>> {
  const rows = await db
    .selectFrom('statements.submissions')
    .select(['delegation', 'issued_in', 'issued_annex'])
    .where('debate_id', '=', debateId)
    .where('issued_in', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.delegation, { symbol: r.issued_in ?? '', annex: r.issued_annex ?? 0 }]));
}

/**
 * Reopens a delegation's issued statement so that it can be replaced or withdrawn, for a corrigendum. Secretariat
 * only; refused when the statement is not issued. The issued document itself never changes.
 */
export async function reopenIssuedStatement(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  debate: { id: string; slug: string },
  delegation: string,
): Promise<{ symbol: string; annex: number }> {
  if (!allows(by.actor, STATEMENTS_REVIEW)) throw new AppError('auth.forbidden');
  const row = await trx
    .selectFrom('statements.submissions')
    .select(['id', 'issued_in', 'issued_annex'])
    .where('debate_id', '=', debate.id)
    .where('delegation', '=', delegation)
    .forUpdate()
    .executeTakeFirst();
  if (!row?.issued_in || !row.issued_annex) throw new AppError('statement.not_issued', { detail: `${delegation} for ${debate.slug}` });
  await trx.updateTable('statements.submissions').set({ issued_in: null, issued_annex: null }).where('id', '=', row.id).execute();
  const data = { mission: delegation, debate: debate.slug, symbol: row.issued_in, annex: row.issued_annex };
  await recordAudit(trx, clock, {
    action: 'statement.reopened',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'statement', id: row.id },
    data,
  });
  return { symbol: row.issued_in, annex: row.issued_annex };
}
