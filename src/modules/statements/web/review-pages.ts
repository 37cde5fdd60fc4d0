// Three pages of the review desk about one delegation: reading its current statement before deciding, entering a
// statement that reached the Secretariat by e-mail on the delegation's behalf, and the history of its statement (every
// version as received, who sent or entered it, its word count and files with their hashes, and every decision about it
// with the reasons). A file's link gives its clean copy, as every download does; the "as received" link beside it gives
// the exact bytes the delegation sent, whose SHA-256 is on the receipt.
import type { Actor } from '../../../kernel/authz.js';
import { describeRemoved, nothingRemoved, type CleanReport } from '../../../kernel/ooxml/clean.js';
import { formatDateWithWeekday, formatTimeInZone, zoneLabel } from '../../../kernel/dates.js';
import { errorSummary, field, form, notice, select, submit, textarea, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { LANGUAGE_NAMES, OFFICIAL_LANGUAGES } from '../../../kernel/i18n/languages.js';
import type { DebateRecord, SubmissionDecision } from '../../meetings/index.js';
import type { DraftRow, ReviewRow, RevisionRow, StoredCheck, SubmissionRow, Warning } from '../db.js';
import {
  DESK_STATE_LABELS,
  deskViewOf,
  deskViewQuery,
  reviewerWarning,
  SIGNATORY_CHECK_LABELS,
  signatoryCheck,
  type DeskState,
  type DeskView,
} from '../domain/desk-state.js';
import {
  decisionErrorSummary,
  decisionForms,
  deskHref,
  received,
  returnReason,
  signatory,
  type DecisionError,
  type DeskRow,
} from './review-desk.js';

function when(at: Date, tz: string): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}</time>`;
}

/** The same instant in UTC, to the second: "2021-05-20 15:00:00 UTC". */
function utc(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function warnings(list: readonly Warning[]): SafeHtml {
  return list.length === 0 ? html`` : html`<ul class="warnings">${list.map((w) => html`<li>${w.message}</li>`)}</ul>`;
}

/** Back to the desk, on its row: in the view given, or among every delegation (which always shows it). */
function deskLink(debate: DebateRecord, code: string, view: DeskView = deskViewOf({ state: 'all' })): SafeHtml {
  return html`<p class="eyebrow"><a href="${deskHref(debate, view, code)}">Written statements to review</a></p>`;
}

// -- Reading a statement before deciding ------------------------------------------------------------------------

export interface ReadingPageModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  /** The desk's view the officer came from, kept in the decisions and the links back. */
  view: DeskView;
  row: DeskRow;
  /** The statement rendered from its content model; undefined when nothing could be read from the file. */
  content?: SafeHtml | undefined;
  error?: DecisionError | undefined;
  /** The next delegation of the same view with a statement to read. */
  next?: { code: string; label: string } | undefined;
}

/** Each warning of the checks: what it means for the review, then the words the delegation read when it uploaded. */
function checksFound(list: readonly Warning[], wordGuidance: number): SafeHtml {
  if (list.length === 0) return html`<p>No warning: the checks found nothing to point out.</p>`;
  return html`<ul class="warnings">${list.map(
    (w) =>
      html`<li>${reviewerWarning(w, wordGuidance) ?? SIGNATORY_CHECK_LABELS.not_in_letter}<br><span class="muted">Told to the delegation when it uploaded: “${w.message}”</span></li>`,
  )}</ul>`;
}

export function readingPage(m: ReadingPageModel): SafeHtml {
  const r = m.row;
  const e = r.entry;
  const rev = e?.revision;
  const submitted = rev?.action === 'submit';
  const base = `/debates/${m.debate.slug}/statements/${r.code}`;
  const body = html`${deskLink(m.debate, r.code, m.view)}
<h1>Statement of ${r.label}</h1>
<p>${m.debate.theme}</p>
${decisionErrorSummary(m.error)}
${submitted ? html`<p><a href="#decision-heading">Go to the decision</a></p>` : ''}
<dl class="facts">
  <dt>Now</dt><dd>${DESK_STATE_LABELS[r.state]}${rev?.late ? ' (late, allowed)' : ''}${returnReason(e)}</dd>
  ${e ? html`<dt>Received</dt><dd>${received(m.debate, e)}</dd>` : ''}
  ${
    submitted
      ? html`<dt>Signed by</dt><dd>${signatory(rev)}</dd>
  <dt>Original language</dt><dd>${rev.original_language ? LANGUAGE_NAMES[rev.original_language] : ''}</dd>
  ${
    rev.on_behalf_of
      ? html`<dt>On behalf of</dt><dd>${rev.on_behalf_of}${rev.group_members.length > 0 ? `: ${rev.group_members.join(', ')}` : ''}</dd>`
      : ''
  }
  <dt>Length</dt><dd>${rev.words ?? 0} words${rev.footnote_words ? `, ${rev.footnote_words} in notes` : ''}; the guidance is about ${
    m.debate.word_guidance
  }</dd>
  <dt>Files</dt><dd><a href="${base}/files/statement">Statement (Word)</a> · <a href="${base}/files/cover">Cover letter</a> · <a href="${
    base
  }/history">History</a></dd>`
      : ''
  }
</dl>
${
  submitted
    ? html`<h2>What the checks found</h2>
${checksFound(rev.warnings, m.debate.word_guidance)}
<h2 id="statement-heading">The statement</h2>
${
  m.content ??
  html`<p>The text could not be read from the file: <a href="${base}/files/statement">download the statement</a> to read it.</p>`
}
<h2 id="decision-heading">Decision</h2>
${decisionForms({ debate: m.debate, csrf: m.csrf, view: m.view, row: r, error: m.error, from: 'read' })}`
    : html`<p>${
        r.state === 'withdrawn'
          ? 'The delegation withdrew its statement: there is nothing to read or decide.'
          : 'Nothing was received from this delegation.'
      }</p>`
}
<p><a href="${deskHref(m.debate, m.view, r.code)}">Back to the desk</a>${
    m.next
      ? html` · <a href="/debates/${m.debate.slug}/statements/${m.next.code}/read${deskViewQuery(m.view)}">Next in this list: ${
          m.next.label
        }</a>`
      : ''
  }</p>`;
  return page({ actor: m.actor, title: `Read: ${r.label}`, body });
}

// -- Entering a statement received by e-mail ---------------------------------------------------------------------

export interface OnBehalfPageModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  code: string;
  label: string;
  /** The mission's name as a sentence gives it: "Permanent Mission of the Niger to the United Nations". */
  missionName: string;
  /** May the delegation submit now (as for itself: the window, grace or its late permission)? */
  decision: SubmissionDecision;
  hasStatement: boolean;
  /** The officer's draft for this delegation: files already checked and kept. */
  draft?: DraftRow;
  signatories: ReadonlyArray<{ value: string; label: string }>;
  values: Record<string, string>;
  errors: FieldErrors;
}

function uploaded(label: string, name: string | null, check: StoredCheck | null): SafeHtml {
  if (!name || !check) return html``;
  return html`<p class="uploaded">${label} already uploaded and checked: <strong>${name}</strong>${
    check.words !== undefined ? ` (${check.words} words)` : ''
  }. Choose a file only to replace it.</p>${warnings(check.warnings)}`;
}

function fileField(name: string, label: string, hint: string, accept: string, error: string | undefined, already: SafeHtml): SafeHtml {
  const described = [`${name}-hint`, error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${name}">${label}</label>
  <p class="hint" id="${name}-hint">${hint}</p>
  ${already}
  ${error ? html`<p class="error-message" id="${name}-error">${error}</p>` : ''}
  <input id="${name}" name="${name}" type="file" accept="${accept}" aria-describedby="${described}"${
    error ? html` aria-invalid="true"` : ''
  }>
</div>`;
}

function windowNow(m: OnBehalfPageModel): SafeHtml {
  const tz = m.debate.time_zone;
  const d = m.decision;
  if (d.allowed) {
    return html`<p>The ${m.missionName} may submit until ${when(d.until, tz)}${d.basis === 'late_grant' ? ' under a late permission' : ''}: the statement is recorded as received now${d.basis === 'late_grant' ? ', marked late' : ''}.</p>`;
  }
  if (d.reason === 'not_yet_open') return html`<p>Submissions open on ${when(d.opensAt, tz)}; nothing can be recorded before then.</p>`;
  return html`<p><strong>The deadline for the ${m.missionName} passed on ${when(d.closedAt, tz)}.</strong></p>`;
}

export function onBehalfPage(m: OnBehalfPageModel): SafeHtml {
  const v = m.values;
  const e = m.errors;
  const zone = zoneLabel(m.debate.time_zone);
  const languages = OFFICIAL_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));
  const action = `/debates/${m.debate.slug}/statements/${m.code}/on-behalf`;
  const body = html`${deskLink(m.debate, m.code)}
<h1>Enter a statement received by e-mail: ${m.label}</h1>
<p>For a statement that reached the Secretariat by e-mail or by hand instead of through Rostrum. The files are checked as a delegate’s are, the statement ${m.hasStatement ? 'replaces the current version as a new one' : 'becomes the delegation’s statement'}, and the receipt is e-mailed to the mission’s access focal points. The version, the receipt and the audit log record that you entered it on the mission’s behalf, with your note.</p>
${windowNow(m)}
<p>The deadline: while the delegation may still submit, the statement is recorded as received now. After the deadline, enter it only if it reached the Secretariat in time, and give the time it was received below: Rostrum checks that the delegation could still submit then, records the statement as received at that time, and says so in the receipt and the audit log. If it arrived after the deadline, first <a href="/debates/${m.debate.slug}/desk#late-heading">allow the delegation a late submission</a> on the debate desk, then enter it here without a time: it is marked late.</p>
${form(
  action,
  m.csrf,
  html`${errorSummary(e)}
${fileField(
  'statement',
  'Statement (Word, .docx)',
  `About ${m.debate.word_guidance} words, in Microsoft Word format (.docx), as received.`,
  '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  e.statement,
  uploaded('Statement', m.draft?.statement_name ?? null, m.draft?.statement_check ?? null),
)}
${fileField(
  'cover',
  'Cover letter (Word or PDF)',
  'The signed cover letter, as received.',
  '.docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  e.cover,
  uploaded('Cover letter', m.draft?.cover_name ?? null, m.draft?.cover_check ?? null),
)}
${select({
  name: 'signatoryId',
  label: 'Signed by',
  hint:
    'The mission’s authorised signatories. If the cover letter is signed by someone else, leave this empty and type the name and title ' +
    'below.',
  options: [{ value: '', label: 'Not on the list: typed below' }, ...m.signatories],
  value: v.signatoryId,
  error: e.signatoryId,
})}
${field({
  name: 'signatoryName',
  label: 'Name of the signatory (only if not on the list)',
  hint: 'As the cover letter gives it.',
  value: v.signatoryName,
  error: e.signatoryName,
  maxlength: 200,
})}
${field({
  name: 'signatoryTitle',
  label: 'Title of the signatory (only if not on the list)',
  hint: 'Such as “Chargé d’affaires a.i.”.',
  value: v.signatoryTitle,
  error: e.signatoryTitle,
  maxlength: 200,
})}
${select({
  name: 'originalLanguage',
  label: 'Language the statement was written in',
  options: [{ value: '', label: 'Choose…' }, ...languages],
  value: v.originalLanguage,
  error: e.originalLanguage,
})}
${field({
  name: 'onBehalfOf',
  label: 'On behalf of a group (optional)',
  hint: 'Such as “the Group of Friends of …”. Leave empty for a national statement.',
  value: v.onBehalfOf,
  error: e.onBehalfOf,
  maxlength: 300,
})}
${textarea({
  name: 'groupMembers',
  label: 'Members of the group (optional)',
  hint: 'One State or entity a line.',
  value: v.groupMembers,
  error: e.groupMembers,
  rows: 3,
})}
${textarea({
  name: 'note',
  label: 'How it reached the Secretariat',
  hint:
    'Such as “Received by e-mail from the mission on 24 May 2021 at 6.30 p.m.”. Kept with this version and sent to the mission with the ' +
    'receipt.',
  value: v.note,
  error: e.note,
  rows: 2,
  maxlength: 500,
})}
${field({
  name: 'receivedBefore',
  label: 'Received before the deadline at (only after the deadline)',
  type: 'datetime-local',
  hint: `In ${zone}, to the minute. Leave empty while the delegation may still submit, and when it has a late permission.`,
  value: v.receivedBefore,
  error: e.receivedBefore,
})}
${submit(`Record the statement of the ${m.missionName}`)}`,
  { label: `Enter a statement received by e-mail for the ${m.missionName}`, multipart: true },
)}`;
  return page({ actor: m.actor, title: `Enter a statement: ${m.label}`, body });
}

// -- History -------------------------------------------------------------------------------------------------------

export interface HistoryPageModel {
  actor: Actor;
  debate: DebateRecord;
  code: string;
  label: string;
  state: DeskState;
  notice?: string;
  submission?: SubmissionRow;
  /** The latest first. */
  revisions: RevisionRow[];
  /** Every decision about the submission's revisions, the latest first. */
  reviews: ReviewRow[];
  /** Account names by id: who sent, entered and decided. */
  names: ReadonlyMap<string, string>;
}

function how(r: RevisionRow, name: string): SafeHtml {
  if (r.via === 'secretariat') return html`Entered by ${name} of the Secretariat on the mission’s behalf: ${r.secretariat_note ?? ''}`;
  const verb = r.action === 'withdraw' ? 'Withdrawn' : 'Sent';
  return html`${verb} by ${name}${r.via === 'api' ? ' through the API' : ''}`;
}

/** A file of a revision: its link (the clean copy of a Word file), what the copy left out, and the file as received with its hash. */
function fileFacts(
  base: string,
  which: 'statement' | 'cover',
  name: string,
  o: { seq: number; sha256: string; word: boolean; cleanSha256: string | null; cleaned: CleanReport | null; extra?: string },
): SafeHtml {
  const label = which === 'statement' ? 'statement' : 'cover letter';
  const removed = o.cleaned && !nothingRemoved(o.cleaned) ? describeRemoved(o.cleaned).join('; ') : undefined;
  const copy = !o.word
    ? ''
    : o.cleanSha256 === null
      ? ' (a clean copy, made when it is downloaded)'
      : removed
        ? html` (a clean copy, without ${removed})`
        : ' (a clean copy: nothing to remove)';
  return html`<a href="${base}/${which}">${name}</a>${copy}${o.extra ?? ''}<br><a href="${base}/${which}/as-received" aria-label="As received: ${label}, version ${o.seq}">As received</a>, SHA-256 <code>${o.sha256}</code>`;
}

function revisionSection(m: HistoryPageModel, r: RevisionRow): SafeHtml {
  const tz = m.debate.time_zone;
  const name = m.names.get(r.created_by) ?? 'a former account';
  const base = `/debates/${m.debate.slug}/statements/${m.code}/revisions/${r.seq}`;
  const current = m.submission?.current_revision === r.id;
  const decisions = m.reviews.filter((d) => d.revision_id === r.id);
  const check = signatoryCheck(r);
  return html`<section aria-labelledby="version-${r.seq}">
<h2 id="version-${r.seq}">Version ${r.seq}${r.action === 'withdraw' ? ': withdrawal' : ''}${current ? ' (current)' : ''}</h2>
<dl class="facts">
  <dt>Received</dt><dd>${when(r.created_at, tz)}; ${utc(r.created_at)}${r.late ? ' (late, allowed)' : ''}</dd>
  ${
    r.received_before_deadline_at
      ? html`<dt>Received by the Secretariat</dt><dd>${when(r.received_before_deadline_at, tz)}; ${utc(r.received_before_deadline_at)}, before the deadline, as stated by the officer who entered it</dd>`
      : ''
  }
  <dt>By</dt><dd>${how(r, name)}</dd>
  <dt>Receipt</dt><dd>${r.receipt_reference}</dd>
  ${
    r.action === 'submit'
      ? html`<dt>Statement</dt><dd>${fileFacts(base, 'statement', r.statement_name ?? 'statement', {
          seq: r.seq,
          sha256: r.statement_sha256 ?? '',
          word: true,
          cleanSha256: r.statement_clean_sha256,
          cleaned: r.statement_cleaned,
          extra: `, ${r.words ?? 0} words${r.footnote_words ? `, ${r.footnote_words} in notes` : ''}`,
        })}</dd>
  <dt>Cover letter</dt><dd>${fileFacts(base, 'cover', r.cover_name ?? 'cover letter', {
    seq: r.seq,
    sha256: r.cover_sha256 ?? '',
    word: r.cover_type !== 'pdf',
    cleanSha256: r.cover_clean_sha256,
    cleaned: r.cover_cleaned,
    extra: r.cover_type === 'pdf' ? ' (PDF)' : '',
  })}</dd>
  <dt>Signed by</dt><dd>${r.signatory_name ?? ''}, ${r.signatory_title ?? ''}${
    check ? html`<br><span class="muted">${SIGNATORY_CHECK_LABELS[check]}</span>` : ''
  }</dd>
  <dt>Original language</dt><dd>${r.original_language ? LANGUAGE_NAMES[r.original_language] : ''}</dd>
  ${
    r.on_behalf_of
      ? html`<dt>On behalf of</dt><dd>${r.on_behalf_of}${r.group_members.length > 0 ? `: ${r.group_members.join(', ')}` : ''}</dd>`
      : ''
  }
  <dt>Checks</dt><dd>${r.warnings.length === 0 ? 'No warning' : warnings(r.warnings)}</dd>`
      : ''
  }
  <dt>Decisions</dt><dd>${
    decisions.length === 0
      ? r.action === 'submit'
        ? 'None'
        : 'None needed'
      : html`<ul class="plain">${decisions.map(
          (d) =>
            html`<li>${d.decision === 'accepted' ? 'Accepted' : 'Returned for correction'} by ${
              m.names.get(d.decided_by) ?? 'a former account'
            } on ${when(d.decided_at, tz)}; ${utc(d.decided_at)}${d.reason ? html`: ${d.reason}` : ''}</li>`,
        )}</ul>`
  }</dd>
</dl>
</section>`;
}

export function historyPage(m: HistoryPageModel): SafeHtml {
  const body = html`${deskLink(m.debate, m.code)}
<h1>History of the statement: ${m.label}</h1>
<p>${m.debate.theme}</p>
${notice(m.notice)}
<p>Now: <strong>${DESK_STATE_LABELS[m.state]}</strong>. ${
    m.revisions.length === 0
      ? 'Nothing was received from this delegation.'
      : `${m.revisions.length} ${m.revisions.length === 1 ? 'version' : 'versions'} received, the latest first; times in ${zoneLabel(
          m.debate.time_zone,
        )} and in UTC.`
  }</p>
<p><a href="/debates/${m.debate.slug}/statements/${m.code}/on-behalf">Enter a statement received by e-mail</a></p>
${m.revisions.map((r) => revisionSection(m, r))}`;
  return page({ actor: m.actor, title: `History: ${m.label}`, body });
}
