// Reads the compilation's sources as they stand now and says what changed since a run froze them (see
// ../domain/source-changes.ts): three small queries, whatever the number of statements.
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { stateByIso3 } from '../../delegations/index.js';
import { acceptedRevisionsNow, speakerStandings, submissionStates } from '../../statements/index.js';
import type { RunRow } from '../db.js';
import { sourceChanges, type SourceChange } from '../domain/source-changes.js';

/** Reads the sources once, and gives what changed since any of the debate's runs froze them. */
export async function changesSince(db: Database | Transaction, debateId: string): Promise<(run: RunRow) => SourceChange[]> {
  const accepted = await acceptedRevisionsNow(db, debateId);
  const submissions = await submissionStates(db, debateId);
  const speakers = await speakerStandings(db, debateId);
  const delegationName = (code: string) => stateByIso3(code)?.runningText.replace(/^the /, 'The ') ?? code;
  const speakerNames = new Map(speakers.map((s) => [s.id, s.delegation ? delegationName(s.delegation) : s.speaker_name]));
  const now = {
    accepted: new Map([...accepted].map(([d, r]) => [d, r.revisionId])),
    submissions: new Map(submissions.map((s) => [s.delegation, { state: s.state, revisionId: s.current_revision }])),
    speakers: speakers.filter((s) => s.removed_at === null).map((s) => ({ speakerId: s.id, textId: s.current_text })),
  };
  const names = { delegation: delegationName, speaker: (id: string) => speakerNames.get(id) ?? 'A speaker' };
  return (run) => sourceChanges(run.inputs, now, names);
}
