// Words the administration pages show for codes: roles, entity kinds, dates, and audit actions in plain words.
import { formatDate, formatTimeInZone } from '../../../kernel/dates.js';
import type { TrailEntry } from '../../delegations/index.js';

export const roleNames: Record<string, string> = {
  delegate: 'Delegate',
  focal_point: 'Access focal point',
  helpdesk: 'Help desk',
  secretariat: 'Secretariat officer',
};

export const organisationKindNames: Record<string, string> = {
  member_state: 'Member State',
  observer_state: 'Observer State',
  intergovernmental_organization: 'Intergovernmental organization',
  other_entity: 'Other entity',
};

export const DUTY_STATION = 'America/New_York';

/** 'YYYY-MM-DD' as "24 May 2021". */
export function calendarDate(iso: string): string {
  return formatDate(new Date(`${iso}T12:00:00Z`), 'UTC');
}

/** An instant as "24 May 2021, 10 a.m. New York time (UTC−4)". */
export function instant(at: Date): string {
  return `${formatDate(at, DUTY_STATION)}, ${formatTimeInZone(at, DUTY_STATION)}`;
}

type Describe = (subject: string, data: Record<string, unknown>) => string;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A speaker's text, by the kind of speaker (a mission's trail shows the Council member's and the live speaker's). */
const SPEAKER_KINDS: Record<string, string> = {
  briefer: 'briefing',
  council: 'Council member’s statement',
  live: 'statement delivered at the meeting',
};

/** Why tokens were revoked with the credentials they came from, as the trail says it. */
const TOKEN_CAUSES: Record<string, string> = {
  password_changed: 'the password change',
  password_reset: 'the password reset',
  other_sessions_ended: 'the end of their other sessions',
  mfa_reset: 'the reset of their two-step verification',
  deactivated: 'the deactivation',
  module_revoked: 'their access to statements',
};

// Actions that are about a mission's person or data. Unknown ones (added later by other work) show their code.
const describe: Record<string, Describe> = {
  'account.invited': (s, d) => `Invited ${s} as ${(roleNames[str(d.role)] ?? str(d.role)).toLowerCase()}`,
  'invitation.resent': (s) => `Sent ${s} a new invitation`,
  'module.granted': (s, d) => `Gave ${s} access ${d.module === 'presidency' ? 'for the presidency' : 'to statements'}`,
  'module.revoked': (s, d) => `Took away ${s}’s access ${d.module === 'presidency' ? 'for the presidency' : 'to statements'}`,
  'api_token.revoked_with_credentials': (s, d) =>
    `Revoked ${s}’s ${d.tokens === 1 ? 'access token' : `${typeof d.tokens === 'number' ? d.tokens : ''} access tokens`} with ` +
    `${TOKEN_CAUSES[str(d.because)] ?? 'a change of credentials'}`,
  'account.deactivated': (s) => `Deactivated ${s}’s account`,
  'account.reactivated': (s) => `Reactivated ${s}’s account`,
  'account.corrected': (s, d) =>
    `The help desk corrected ${s}’s ` +
    `${
      Array.isArray(d.changed) && d.changed.length === 2
        ? 'name and e-mail address'
        : Array.isArray(d.changed) && d.changed[0] === 'email'
          ? 'e-mail address'
          : 'name'
    }`,
  'signin.unlocked': (s) => `Unlocked sign-in for ${s}`,
  'mfa.reset': (s) => `Reset two-step verification for ${s}`,
  'signin_link.issued': (s) => `Sent ${s} a link to choose a new password`,
  'signatory.added': (s, d) =>
    `Added ${s} as an authorised signatory from ${calendarDate(str(d.fromDate))}${d.toDate ? ` until ${calendarDate(str(d.toDate))}` : ''}`,
  'signatory.ended': (s, d) => `Ended ${s}’s authority to sign on ${calendarDate(str(d.toDate))}`,
  'signatory.removed': (s) => `Removed ${s} from the signatories`,
  'entity.added': () => 'Added this entity',
  'auth.signed_in': () => 'Signed in',
  'auth.sign_in_failed': (s) => `A sign-in as ${s} failed`,
  'auth.locked_out': (s) => `Sign-in for ${s} was locked after repeated failures`,
  'auth.signed_out': () => 'Signed out',
  'auth.invitation_accepted': () => 'Accepted their invitation',
  'auth.password_reset_requested': (s) => `A password reset was requested for ${s}`,
  'auth.password_reset': () => 'Chose a new password with a reset link',
  'auth.password_changed': () => 'Changed their password',
  'auth.other_sessions_ended': () => 'Signed out their other sessions',
  'mfa.enrolled': () => 'Set up two-step verification',
  'mfa.verified': () => 'Gave their two-step verification code',
  'mfa.verified_with_recovery_code': () => 'Used a recovery code',
  'mfa.recovery_codes_regenerated': () => 'Made new recovery codes',
  'mfa.disabled': () => 'Turned off two-step verification',
  'account.credentials_reset': (s) => `Reset ${s}’s password and two-step verification`,
  'api_token.created': () => 'Created an API token',
  'api_token.revoked': () => 'Revoked an API token',
  'late_submission.granted': (_s, d) =>
    `Allowed a late statement for the debate ${str(d.debate)}, until ${instant(new Date(str(d.until)))}`,
  'late_submission.revoked': (_s, d) => `Withdrew the permission to submit late for the debate ${str(d.debate)}`,
  'statement.submitted': (_s, d) => `Submitted a written statement to the debate ${str(d.debate)} (receipt ${str(d.reference)})`,
  'statement.reviewed': (_s, d) =>
    `The Secretariat ${str(d.decision) === 'accepted' ? 'accepted' : 'returned for correction'} the statement to the debate ` +
    `${str(d.debate)} (receipt ${str(d.reference)})`,
  'statement.withdrawn': (_s, d) => `Withdrew the written statement to the debate ${str(d.debate)} (receipt ${str(d.reference)})`,
  'statement.reopened': (_s, d) =>
    `The Secretariat reopened the statement to the debate ${str(d.debate)}, annex ${str(d.annex)} of ${str(d.symbol)}, for a corrigendum`,
  'statement.submitted_on_behalf': (_s, d) =>
    `The Secretariat entered a statement received by e-mail for the debate ${str(d.debate)} (receipt ${str(d.reference)})`,
  'speaker.recorded': (_s, d) =>
    `The Secretariat recorded the ${SPEAKER_KINDS[str(d.kind)] ?? 'statement'} for the debate ${str(d.debate)}`,
  'speaker.removed': (_s, d) =>
    `The Secretariat removed the ${SPEAKER_KINDS[str(d.kind)] ?? 'statement'} from the speakers of the debate ${str(d.debate)}`,
  'debate.entity_added': (_s, d) => `Allowed to submit a statement to the debate ${str(d.debate)}`,
  'debate.entity_removed': (_s, d) => `No longer allowed to submit a statement to the debate ${str(d.debate)}`,
};

/** The actions that have words here (a test checks that every action carrying a mission has them). */
export const describedActions: ReadonlySet<string> = new Set(Object.keys(describe));

/** "Gave Maria Silva access to statements". `names` maps subject ids to names (accounts and signatories). */
export function describeEntry(entry: TrailEntry, names: ReadonlyMap<string, string>): string {
  const subject =
    (entry.subjectId && names.get(entry.subjectId)) || (entry.subjectType === 'account' ? 'an account' : `a ${entry.subjectType}`);
  const words = describe[entry.action];
  return words ? words(subject, entry.data) : entry.action;
}
