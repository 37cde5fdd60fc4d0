// What the database holds after a surge, checked against what the virtual delegates sent and received:
// - every receipt a delegate received is a revision of its own delegation's submission to the debate, whose
//   statement_sha256 and cover_sha256 are the SHA-256 of the bytes that delegate sent;
// - those files are stored (kernel.blobs) and their content hashes to their name, with the right size;
// - every submission's current revision exists and belongs to it; `revisions` equals the number of its revisions;
// - every revision has a receipt (reference, receipt document naming that reference, signature) whose signature
//   checks out with the installation's public key;
// - the audit log is intact: entries, chain and signed checkpoints.
// Returns the counts and a list of problems (empty when everything holds).
import { createHash } from 'node:crypto';
import pg from 'pg';

const dist = (file) => new URL(`../../dist/src/${file}`, import.meta.url).href;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * `expected`: one entry per delegation, { code, statement, cover (bytes), reference (the receipt received, if any) }.
 * `key`: the installation's public key, as GET /receipts/key gives it.
 */
export async function verifySurge(url, debateId, expected, key) {
  const { checkReceiptDocument, receiptDocument } = await import(dist('modules/statements/index.js'));
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  const problems = [];
  const problem = (text) => problems.length < 30 && problems.push(text);
  try {
    const submissions = (
      await client.query(
        `SELECT s.id, s.delegation, s.state, s.current_revision, s.revisions,
                (SELECT count(*)::int FROM statements.revisions r WHERE r.submission_id = s.id) AS counted,
                (SELECT r.submission_id = s.id FROM statements.revisions r WHERE r.id = s.current_revision) AS current_is_own
           FROM statements.submissions s WHERE s.debate_id = $1`,
        [debateId],
      )
    ).rows;
    const revisions = (
      await client.query(
        `SELECT r.id, r.submission_id, r.seq, r.receipt_reference, r.receipt, r.receipt_signature, r.statement_sha256, r.cover_sha256, ` +
          `s.delegation
           FROM statements.revisions r JOIN statements.submissions s ON s.id = r.submission_id WHERE s.debate_id = $1`,
        [debateId],
      )
    ).rows;
    const blobs = new Map(
      (
        await client.query(
          `SELECT b.sha256, encode(sha256(b.content), 'hex') AS content_sha256, b.size, length(b.content) AS length
             FROM kernel.blobs b WHERE b.sha256 IN (SELECT statement_sha256 FROM statements.revisions UNION SELECT cover_sha256 FROM ` +
            `statements.revisions)`,
        )
      ).rows.map((b) => [b.sha256, b]),
    );
    const drafts = (await client.query('SELECT count(*)::int AS n FROM statements.drafts WHERE debate_id = $1', [debateId])).rows[0].n;

    for (const s of submissions) {
      if (!s.current_is_own)
        problem(`${s.delegation}: the current revision ${s.current_revision} is missing or belongs to another submission.`);
      if (s.revisions !== s.counted) problem(`${s.delegation}: submissions.revisions is ${s.revisions} but ${s.counted} revisions exist.`);
    }
    let signaturesChecked = 0;
    for (const r of revisions) {
      if (!r.receipt_reference || !r.receipt_signature || r.receipt?.reference !== r.receipt_reference) {
        problem(`Revision ${r.id} (${r.delegation}) has no complete receipt.`);
        continue;
      }
      const check = checkReceiptDocument(receiptDocument(r.receipt, r.receipt_signature), key);
      if (check.valid) signaturesChecked++;
      else problem(`Receipt ${r.receipt_reference} (${r.delegation}) does not verify: ${check.reason}.`);
    }

    const byReference = new Map(revisions.map((r) => [r.receipt_reference, r]));
    let receiptsMatched = 0;
    for (const e of expected) {
      if (!e.reference) continue;
      const r = byReference.get(e.reference);
      if (!r) {
        problem(`${e.code}: the receipt ${e.reference} the delegate received is not in the database.`);
        continue;
      }
      const wanted = { statement: sha256(e.statement), cover: sha256(e.cover) };
      const stored = { statement: r.statement_sha256, cover: r.cover_sha256 };
      let ok = r.delegation === e.code;
      if (!ok) problem(`${e.code}: the receipt ${e.reference} belongs to ${r.delegation}.`);
      for (const file of ['statement', 'cover']) {
        const blob = blobs.get(stored[file]);
        if (stored[file] !== wanted[file]) {
          ok = false;
          problem(`${e.code}: ${file} of ${e.reference} is ${stored[file]}, the delegate sent ${wanted[file]}.`);
        } else if (!blob || blob.content_sha256 !== wanted[file] || blob.size !== blob.length) {
          ok = false;
          problem(`${e.code}: the stored ${file} ${wanted[file]} is ${blob ? 'not the bytes sent' : 'missing'}.`);
        }
      }
      if (ok) receiptsMatched++;
    }

    const { openDatabase } = await import(dist('kernel/db/database.js'));
    const { verifyAuditLog } = await import(dist('kernel/audit-verify.js'));
    const open = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    let audit;
    try {
      audit = await verifyAuditLog(open.db, key);
    } finally {
      await open.close();
    }
    if (!audit.ok) problem(`The audit log is broken at entry ${audit.seq ?? '?'} (position ${audit.position ?? 'none'}): ${audit.reason}`);

    return {
      submissions: submissions.length,
      revisions: revisions.length,
      drafts,
      receiptsExpected: expected.filter((e) => e.reference).length,
      receiptsMatched,
      signaturesChecked,
      auditEntries: audit.ok ? audit.entries + audit.awaitingSeal : undefined,
      problems,
    };
  } finally {
    await client.end();
  }
}
