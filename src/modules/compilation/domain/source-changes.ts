// What changed in a compilation's sources since a run froze them: statements replaced, withdrawn, returned or newly
// accepted, and speakers' texts replaced, added or removed. The compilation page shows it, so that an officer never
// issues (or leaves issued) a document that no longer matches what was accepted. Pure.
import type { FrozenSpeaker, RunInputs } from '../db.js';

/** The sources as they stand now. */
export interface SourcesNow {
  /** The accepted statements: delegation → current revision. */
  accepted: ReadonlyMap<string, string>;
  /** Every submission: delegation → its state and current revision. */
  submissions: ReadonlyMap<string, { state: 'submitted' | 'withdrawn'; revisionId: string }>;
  /** The speakers recorded now, with their current texts. */
  speakers: ReadonlyArray<{ speakerId: string; textId: string }>;
}

/** One change, in words: who, and what happened. */
export interface SourceChange {
  who: string;
  what: string;
}

export function sourceChanges(
  inputs: RunInputs,
  now: SourcesNow,
  names: { delegation: (code: string) => string; speaker: (speakerId: string) => string },
): SourceChange[] {
  const changes: SourceChange[] = [];
  const frozenWritten = new Map(inputs.written.map((w) => [w.delegation, w.revisionId]));
  for (const [delegation, revisionId] of frozenWritten) {
    const submission = now.submissions.get(delegation);
    const who = names.delegation(delegation);
    if (!submission || submission.state === 'withdrawn') changes.push({ who, what: 'withdrew its statement' });
    else if (submission.revisionId !== revisionId)
      changes.push({
        who,
        what:
          now.accepted.get(delegation) === submission.revisionId
            ? 'replaced its statement, and the new one is accepted'
            : 'replaced its statement, and the new one awaits review',
      });
    else if (!now.accepted.has(delegation)) changes.push({ who, what: 'has a statement that is no longer accepted' });
  }
  for (const delegation of now.accepted.keys()) {
    if (!frozenWritten.has(delegation)) changes.push({ who: names.delegation(delegation), what: 'has a statement accepted since' });
  }
  const frozenSpeakers: FrozenSpeaker[] = [...(inputs.briefers ?? []), ...(inputs.council ?? []), ...(inputs.live ?? [])];
  const current = new Map(now.speakers.map((s) => [s.speakerId, s.textId]));
  for (const s of frozenSpeakers) {
    const text = current.get(s.speakerId);
    if (text === undefined) changes.push({ who: names.speaker(s.speakerId), what: 'was removed from the speakers' });
    else if (text !== s.textId) changes.push({ who: names.speaker(s.speakerId), what: 'has a replaced text' });
  }
  const frozenIds = new Set(frozenSpeakers.map((s) => s.speakerId));
  for (const s of now.speakers) {
    if (!frozenIds.has(s.speakerId)) changes.push({ who: names.speaker(s.speakerId), what: 'was added to the speakers' });
  }
  return changes;
}
