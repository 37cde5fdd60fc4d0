// A statement that reached the Secretariat by e-mail, entered by an officer on the mission's behalf. The files go
// through the same checks and the same draft as a delegate's upload (uploadToDraft, keyed to the officer), and the
// submission is made by the same step (submitFiles): a revision with its signed receipt, mailed to the mission's
// focal points. What differs is recorded: the revision says it came through the Secretariat, who entered it (the
// officer is its author) and the officer's note; the audit entry is statement.submitted_on_behalf.
//
// The signatory is one of the mission's authorised signatories, or a name and title typed by the officer when the
// cover letter names someone else. The window is decided as for the delegation itself (late grants count), at the
// moment of entry; after the deadline, the officer may state the time the statement was received: the window is
// then decided at that time, which must not be in the future, and the statement is recorded (and audited) as
// received then. Otherwise the answer is to grant a late submission on the debate desk first.
import { z } from 'zod';
import { allows, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isExistingLocalTime, isoDateIn, formatDateWithWeekday, formatTimeInZone, zonedTimeToUtc } from '../../../kernel/dates.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { findSignatory, MISSION_CODE, signsOn } from '../../delegations/index.js';
import { eligibleDelegations, loadCouncil, loadDebateForSubmissions, submissionDecision } from '../../meetings/index.js';
import { STATEMENTS_REVIEW } from '../policies.js';
import { draftFiles, forgetDraft, isComplete, submitFiles, type Issued, type ReceiptSettings } from './submit-statement.js';
import type { StatementTarget } from './target.js';

const NOTE =
  'Say how and when the statement reached the Secretariat, such as “received by e-mail on 24 May 2021 from the mission”, in 3 to 500 ' +
  'characters.';
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** What the officer states beside the files (the files, language and group are in the officer's draft). */
export const onBehalfInput = z
  .object({
    slug: z.string().min(1).max(120),
    delegation: z.string().regex(MISSION_CODE, 'Choose the delegation from the review desk.'),
    /** One of the mission's authorised signatories, or empty when the name and title are typed. */
    signatoryId: z.union([z.uuid('Choose who signed the cover letter.'), z.literal('')]).optional(),
    signatoryName: z.string().trim().max(200, 'Write the name in at most 200 characters.').optional(),
    signatoryTitle: z.string().trim().max(200, 'Write the title in at most 200 characters.').optional(),
    note: z.string().trim().min(3, NOTE).max(500, NOTE),
    /** Wall-clock time in the debate's zone; empty unless the statement is entered after the deadline. */
    receivedBefore: z
      .string()
      .trim()
      .refine(
        (v) => v === '' || LOCAL_TIME.test(v),
        'Type the time in the debate’s time zone as year-month-day and 24-hour time, such as 2021-05-24T18:30.',
      )
      .optional(),
  })
  .superRefine((v, ctx) => {
    const typed = !!v.signatoryName || !!v.signatoryTitle;
    if (v.signatoryId && typed) {
      ctx.addIssue({
        code: 'custom',
        path: ['signatoryId'],
        message: 'Choose a signatory from the list, or type a name and title, not both.',
      });
    } else if (!v.signatoryId && !typed) {
      ctx.addIssue({
        code: 'custom',
        path: ['signatoryId'],
        message: 'Choose who signed the cover letter, or type their name and title below.',
      });
    } else if (typed) {
      if (!v.signatoryName || v.signatoryName.length < 2)
        ctx.addIssue({ code: 'custom', path: ['signatoryName'], message: 'Write the signatory’s name as the cover letter gives it.' });
      if (!v.signatoryTitle || v.signatoryTitle.length < 2)
        ctx.addIssue({ code: 'custom', path: ['signatoryTitle'], message: 'Write the signatory’s title as the cover letter gives it.' });
    }
  });
export type OnBehalfInput = z.input<typeof onBehalfInput>;

/** The debate and a delegation that may submit to it, for a Secretariat officer; `lock` as for statementTarget. */
export async function onBehalfTarget(
  trx: Transaction,
  by: Acting,
  slug: string,
  delegation: string,
  options: { lock?: 'share' } = {},
): Promise<StatementTarget> {
  if (!allows(by.actor, STATEMENTS_REVIEW)) throw new AppError('auth.forbidden');
  const loaded = await loadDebateForSubmissions(trx, slug, options);
  if (!loaded) throw new AppError('debate.not_found', { detail: slug });
  const { debate, added, window } = loaded;
  const eligible = eligibleDelegations(await loadCouncil(trx), isoDateIn(debate.starts_at, debate.time_zone), added);
  if (!eligible.codes.includes(delegation)) throw new AppError('statement.on_behalf_not_eligible', { detail: `${delegation} for ${slug}` });
  return { debate, delegation, window };
}

/**
 * Before the officer's files are checked into their draft: a draft of theirs for another delegation of the same
 * debate is set aside (one draft per person and debate), so no file of one delegation ends up in another's statement.
 */
export async function startOnBehalfDraft(trx: Transaction, by: Acting, target: StatementTarget): Promise<void> {
  await onBehalfTarget(trx, by, target.debate.slug, target.delegation);
  await trx
    .deleteFrom('statements.drafts')
    .where('debate_id', '=', target.debate.id)
    .where('account_id', '=', by.actor.id)
    .where('delegation', '!=', target.delegation)
    .execute();
}

function when(at: Date, tz: string): string {
  return `${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}`;
}

/** Makes the officer's draft for the delegation its statement, entered on its behalf. */
export async function submitOnBehalf(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  raw: OnBehalfInput,
  settings: ReceiptSettings,
): Promise<Issued> {
  if (!allows(by.actor, STATEMENTS_REVIEW)) throw new AppError('auth.forbidden');
  const input = parseInput(onBehalfInput, raw);
  const { debate, delegation, window } = await onBehalfTarget(trx, by, input.slug, input.delegation, { lock: 'share' });
  const draft = await trx
    .selectFrom('statements.drafts')
    .selectAll()
    .where('debate_id', '=', debate.id)
    .where('account_id', '=', by.actor.id)
    .where('delegation', '=', delegation)
    .forUpdate()
    .executeTakeFirst();
  if (!draft || !isComplete(draft) || !draft.choices.originalLanguage)
    throw new AppError('statement.incomplete', { detail: `draft of ${by.actor.id} for ${delegation} in ${debate.slug}` });

  const now = clock.now();
  let signatory: { id: string | null; name: string; title: string };
  if (input.signatoryId) {
    const listed = await findSignatory(trx, delegation, input.signatoryId);
    if (!listed || !signsOn(listed, isoDateIn(now, debate.time_zone)))
      throw new AppError('statement.signatory_unknown', { detail: `signatory ${input.signatoryId} of ${delegation}` });
    signatory = { id: listed.id, name: listed.name, title: listed.title };
  } else {
    signatory = { id: null, name: input.signatoryName ?? '', title: input.signatoryTitle ?? '' };
  }

  const existing = await trx
    .selectFrom('statements.submissions')
    .select('state')
    .where('debate_id', '=', debate.id)
    .where('delegation', '=', delegation)
    .executeTakeFirst();
  const action = existing?.state === 'submitted' ? 'modify' : 'submit';
  let late: boolean;
  let receivedAt: Date | null = null;
  if (input.receivedBefore) {
    if (!isExistingLocalTime(input.receivedBefore, debate.time_zone))
      throw new AppError('input.time_does_not_exist', { detail: `receivedBefore: ${input.receivedBefore} in ${debate.time_zone}` });
    receivedAt = zonedTimeToUtc(input.receivedBefore, debate.time_zone);
    const then = submissionDecision(window, delegation, receivedAt, { action });
    if (receivedAt.getTime() > now.getTime() || !then.allowed) {
      throw new AppError('statement.received_time_invalid', {
        detail: `${delegation} received ${receivedAt.toISOString()}, now ${now.toISOString()}`,
      });
    }
    late = then.basis === 'late_grant';
  } else {
    const decision = submissionDecision(window, delegation, now, { action });
    if (!decision.allowed) {
      throw new AppError(decision.reason === 'not_yet_open' ? 'statement.not_yet_open' : 'statement.on_behalf_closed', {
        detail: `${delegation} entered at ${now.toISOString()}, closed at ${decision.closedAt.toISOString()}`,
      });
    }
    late = decision.basis === 'late_grant';
  }

  await forgetDraft(trx, draft);
  return submitFiles(trx, clock, by, settings, {
    debate,
    delegation,
    files: draftFiles(draft),
    signatory,
    now,
    late,
    via: 'secretariat',
    receipt: {
      enteredBySecretariat: {
        note: input.note,
        ...(receivedAt
          ? { receivedBeforeDeadlineAt: receivedAt.toISOString(), receivedBeforeDeadlineAtLocal: when(receivedAt, debate.time_zone) }
          : {}),
      },
    },
    extra: { secretariat_note: input.note, received_before_deadline_at: receivedAt },
    onBehalf: { receivedBeforeDeadlineAt: receivedAt },
  });
}
