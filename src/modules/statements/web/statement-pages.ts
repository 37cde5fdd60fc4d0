// The pages of a delegation's written statement: its state and history, the form (statement, cover letter,
// signatory, language, group), the preview before confirming, the receipt, and the public receipt check. Text taken
// from documents is always escaped by the html template; it is shown as plain paragraphs, never as markup.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { errorCatalogue, fillMessage } from '../../../kernel/errors.js';
import { confirmForm } from '../../../web/confirm.js';
import { errorSummary, field, form, notice, select, submit, textarea, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import { megabytes } from '../../../web/uploads.js';
import { statementContentHtml, toRoman } from '../../documents/index.js';
import { LANGUAGE_NAMES, OFFICIAL_LANGUAGES } from '../../../kernel/i18n/languages.js';
import type { DebateRecord, SubmissionDecision } from '../../meetings/index.js';
import type { DraftRow, Receipt, RevisionRow, StoredCheck, SubmissionRow, Warning } from '../db.js';

/** A time in the debate's zone; with `id`, the reader's own time is written (by local-time.js) where `localTime(id)` stands. */
function when(at: Date, tz: string, id?: string): SafeHtml {
  return html`<time datetime="${at.toISOString()}"${id ? html` data-local="${id}"` : ''}>${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(
    at,
    tz,
  )}</time>`;
}

/** Where the reader's own time goes: after the sentence that states the time, so the sentence reads as one. */
function localTime(id: string): SafeHtml {
  return html`<p id="${id}" class="local-time"></p>`;
}

function warnings(list: readonly Warning[]): SafeHtml {
  if (list.length === 0) return html``;
  return html`<ul class="warnings">${list.map((w) => html`<li>${w.message}</li>`)}</ul>`;
}

export interface StatementPageModel {
  actor: Actor;
  debate: DebateRecord;
  missionName: string;
  csrf: string;
  notice?: string;
  decision: SubmissionDecision;
  submission?: SubmissionRow;
  revisions: RevisionRow[];
  draft?: DraftRow;
  signatories: ReadonlyArray<{ value: string; label: string }>;
  /** The Secretariat's latest decision about the current version, if any. */
  review?: { decision: 'accepted' | 'returned'; reason: string | null };
  values: Record<string, string>;
  errors: FieldErrors;
  /** The largest file the form takes (UPLOAD_MAX_MB), published to upload.js so it can refuse a larger one before sending. */
  maxUploadBytes: number;
}

/** The statement is an annex of an issued compilation: it stays as issued, whatever the window says. */
function issuedIn(m: StatementPageModel): { symbol: string; annex: number } | undefined {
  const s = m.submission;
  return s?.state === 'submitted' && s.issued_in && s.issued_annex ? { symbol: s.issued_in, annex: s.issued_annex } : undefined;
}

function windowState(m: StatementPageModel): SafeHtml {
  const tz = m.debate.time_zone;
  const d = m.decision;
  const issued = issuedIn(m);
  if (issued) {
    return html`<div class="deadline locked" id="deadline"><p><strong>Your statement is Annex ${toRoman(issued.annex)} of <a href="/debates/${m.debate.slug}/compilation">${issued.symbol}</a>.</strong> It is part of an issued document of the Security Council and can no longer be replaced or withdrawn. If it must change, ask the Security Council Affairs Division: the change would go through a corrigendum.</p></div>`;
  }
  if (d.allowed) {
    return html`<div class="deadline" id="deadline"><p>Your delegation may submit until ${when(d.until, tz, 'until-local')}${
      d.basis === 'late_grant' ? ' (a late submission allowed by the Secretariat)' : ''
    }.</p>${localTime('until-local')}
<p class="countdown" data-countdown="${d.until.toISOString()}" data-closed-text="The deadline has passed; submissions are closed." aria-live="polite"></p></div>`;
  }
  if (d.reason === 'not_yet_open')
    return html`<div class="deadline" id="deadline"><p>Submissions open on ${when(d.opensAt, tz, 'opens-local')}.</p>${localTime(
      'opens-local',
    )}</div>`;
  return html`<div class="deadline locked" id="deadline"><p><strong>Submissions are closed.</strong> The deadline was ${when(
    d.closedAt,
    tz,
    'closed-local',
  )}. Nothing can be submitted, replaced or withdrawn any more; if your delegation needs more time, ask the Security Council Affairs Division.</p>${localTime('closed-local')}</div>`;
}

function currentState(m: StatementPageModel): SafeHtml {
  const current = m.revisions.find((r) => r.id === m.submission?.current_revision);
  if (!m.submission || !current) return html`<p>Your delegation has not submitted a statement to this debate.</p>`;
  const tz = m.debate.time_zone;
  if (m.submission.state === 'withdrawn') {
    return html`<p>Your delegation’s statement was <strong>withdrawn</strong> on ${when(current.created_at, tz)} (receipt <a href="/debates/${m.debate.slug}/statement/receipts/${current.receipt_reference}">${current.receipt_reference}</a>).</p>`;
  }
  const review = m.review
    ? m.review.decision === 'accepted'
      ? html`<p>The Secretariat has <strong>accepted</strong> it.</p>`
      : html`<div class="error-summary" role="status"><p>The Secretariat has <strong>returned it for correction</strong>:</p><p>${
          m.review.reason ?? ''
        }</p><p>Send a corrected version below before the deadline.</p></div>`
    : html``;
  return html`<p>Your delegation’s statement was <strong>received</strong> on ${when(current.created_at, tz)}: ${current.statement_name}, ${
    current.words
  } words, signed by ${current.signatory_name}, ${current.signatory_title}. Receipt <a href="/debates/${m.debate.slug}/statement/receipts/${
    current.receipt_reference
  }">${current.receipt_reference}</a>.</p>${review}`;
}

function history(m: StatementPageModel): SafeHtml {
  if (m.revisions.length === 0) return html``;
  return html`<h2 id="history">History</h2>
${dataTable({
  caption: 'Every version received, the latest first',
  columns: ['Received', 'What', 'Receipt'],
  rows: m.revisions.map((r) => [
    when(r.created_at, m.debate.time_zone),
    html`${r.action === 'withdraw' ? 'Withdrawn' : html`${r.statement_name} (${r.words} words)`}${r.late ? ' (late, allowed)' : ''}`,
    html`<a href="/debates/${m.debate.slug}/statement/receipts/${r.receipt_reference}">${r.receipt_reference}</a>`,
  ]),
})}`;
}

function uploaded(label: string, name: string | null, check: StoredCheck | null): SafeHtml {
  if (!name || !check) return html``;
  return html`<p class="uploaded">${label} already uploaded: <strong>${name}</strong>${
    check.words !== undefined ? ` (${check.words} words)` : ''
  }. Choose a file only to replace it.</p>`;
}

/** The cover letter a new version keeps when none is chosen: the draft's, or else the current version's. */
function coverKept(m: StatementPageModel, current: RevisionRow | undefined): SafeHtml {
  if (m.draft?.cover_name) return uploaded('Cover letter', m.draft.cover_name, m.draft.cover_check);
  if (m.submission?.state !== 'submitted' || !current?.cover_name) return html``;
  return html`<p class="uploaded">The current version’s cover letter, <strong>${current.cover_name}</strong>, is kept unless you choose a new one.</p>`;
}

interface FileInput {
  name: string;
  label: string;
  hint: string;
  accept: string;
  error: string | undefined;
  already: SafeHtml;
  maxBytes: number;
}

/** A file input that says its limit to upload.js, with the catalogue's message for a file over it ({name} left to fill). */
function fileField(f: FileInput): SafeHtml {
  const described = [`${f.name}-hint`, f.error ? `${f.name}-error` : ''].filter(Boolean).join(' ');
  const tooLarge = fillMessage(errorCatalogue['upload.file_too_large'].message, { limit: megabytes(f.maxBytes) });
  return html`<div class="field${f.error ? ' field-error' : ''}">
  <label for="${f.name}">${f.label}</label>
  <p class="hint" id="${f.name}-hint">${f.hint} ${megabytes(f.maxBytes)} at most.</p>
  ${f.already}
  ${f.error ? html`<p class="error-message" id="${f.name}-error">${f.error}</p>` : ''}
  <input id="${f.name}" name="${f.name}" type="file" accept="${f.accept}" aria-describedby="${described}" data-max-bytes="${f.maxBytes}" data-too-large="${tooLarge}"${f.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function withdrawForm(m: StatementPageModel): SafeHtml {
  return html`<h2 id="withdraw">Withdraw the statement</h2>
<p>Withdrawing takes your delegation’s statement out of the debate’s compilation. A receipt records it; you may submit again before the deadline.</p>
${confirmForm({
  ...withdrawal(m.debate.slug),
  csrf: m.csrf,
  button: 'Withdraw the statement',
  label: 'Withdraw the statement',
  secondary: true,
})}`;
}

/** The question asked before withdrawing, in the dialog and on the page without scripts. */
export function withdrawal(slug: string) {
  return {
    action: `/debates/${slug}/statement/withdraw`,
    question: 'Withdraw your delegation’s statement?',
    consequence:
      'The statement will no longer be part of the debate’s compilation, and the Secretariat is told. This cannot be undone: to take ' +
      'part again, your delegation must submit a statement anew before the deadline.',
    confirmLabel: 'Withdraw the statement',
  };
}

export function statementPage(m: StatementPageModel): SafeHtml {
  const v = m.values;
  const e = m.errors;
  const open = m.decision.allowed && !issuedIn(m);
  const hasStatement = m.submission?.state === 'submitted';
  const languages = OFFICIAL_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));
  const current = m.revisions.find((r) => r.id === m.submission?.current_revision);
  const formBody = html`${errorSummary(e)}
${fileField({
  name: 'statement',
  label: 'Statement (Word, .docx)',
  hint: `About ${m.debate.word_guidance} words, in Microsoft Word format (.docx).`,
  accept: `.docx,${WORD}`,
  error: e.statement,
  already: uploaded('Statement', m.draft?.statement_name ?? null, m.draft?.statement_check ?? null),
  maxBytes: m.maxUploadBytes,
})}
${fileField({
  name: 'cover',
  label: 'Cover letter (Word or PDF)',
  hint: 'Addressed to the President of the Security Council and signed by the head of mission.',
  accept: `.docx,.pdf,application/pdf,${WORD}`,
  error: e.cover,
  already: coverKept(m, current),
  maxBytes: m.maxUploadBytes,
})}
${select({
  name: 'signatoryId',
  label: 'Signed by',
  hint: 'Your mission’s authorised signatories. Your access focal point keeps the list.',
  options: [{ value: '', label: 'Choose…' }, ...m.signatories],
  value: v.signatoryId,
  error: e.signatoryId,
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
<p><progress class="upload-progress" max="100" value="0" hidden></progress></p>
${submit('Upload and preview')}`;

  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}">${m.debate.theme}</a></p>
<h1>Written statement of the ${m.missionName}</h1>
${notice(m.notice)}
${windowState(m)}
${currentState(m)}
${
  open
    ? html`<h2 id="submit">${hasStatement ? 'Replace the statement' : 'Submit a statement'}</h2>
${
  hasStatement && !m.draft
    ? html`<p>The form starts from the current version: choose the new statement file, and change only what changed.</p>`
    : ''
}
${form(`/debates/${m.debate.slug}/statement/draft`, m.csrf, formBody, {
  label: 'Written statement',
  multipart: true,
  className: 'upload-form',
})}
${hasStatement ? withdrawForm(m) : ''}`
    : ''
}
${history(m)}`;
  return page({ actor: m.actor, title: `Written statement: ${m.debate.theme}`, body });
}

export interface PreviewModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  draft: DraftRow;
  signatory: string;
  missionName: string;
}

export function previewPage(m: PreviewModel): SafeHtml {
  const s = m.draft.statement_check;
  const c = m.draft.cover_check;
  const choices = m.draft.choices;
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}/statement">Written statement</a></p>
<h1>Check and confirm</h1>
<p>This is what Rostrum read in your files. Nothing is submitted until you confirm.</p>
<dl class="facts">
  <dt>Delegation</dt><dd>${m.missionName}</dd>
  <dt>Statement</dt><dd>${m.draft.statement_name}${
    s?.words !== undefined
      ? html`: <strong>${s.words} words</strong>${s.footnoteWords ? ` and ${s.footnoteWords} in footnotes` : ''} (guidance: about ${
          m.debate.word_guidance
        })`
      : ''
  }</dd>
  <dt>Cover letter</dt><dd>${m.draft.cover_name} (${c?.kind === 'pdf' ? 'PDF' : 'Word'})</dd>
  <dt>Signed by</dt><dd>${m.signatory}</dd>
  <dt>Original language</dt><dd>${choices.originalLanguage ? LANGUAGE_NAMES[choices.originalLanguage] : ''}</dd>
  ${
    choices.onBehalfOf
      ? html`<dt>On behalf of</dt><dd>${choices.onBehalfOf}${
          choices.groupMembers && choices.groupMembers.length > 0 ? html` (${choices.groupMembers.join(', ')})` : ''
        }</dd>`
      : ''
  }
</dl>
${
  (s?.warnings.length ?? 0) + (c?.warnings.length ?? 0) > 0
    ? html`<h2 id="warnings">Please check</h2>${warnings([...(s?.warnings ?? []), ...(c?.warnings ?? [])])}<p>You may still submit; the Secretariat will see these notes too.</p>`
    : ''
}
<h2 id="text">The statement as Rostrum read it</h2>
<div class="extract doc">${statementText(m.draft)}</div>
<div class="actions">
${form(`/debates/${m.debate.slug}/statement/confirm`, m.csrf, submit('Confirm and submit'), { label: 'Confirm and submit' })}
<p><a href="/debates/${m.debate.slug}/statement#submit">Change something</a></p>
</div>`;
  return page({ actor: m.actor, title: 'Check and confirm your statement', body });
}

/**
 * The draft's statement rendered from its content model (headings, emphasis, lists, tables, notes); its first
 * paragraphs for a draft checked before the model was kept.
 */
function statementText(draft: DraftRow): SafeHtml {
  const check = draft.statement_check as (StoredCheck & { content?: unknown }) | null;
  const language = draft.choices.originalLanguage;
  const rendered = statementContentHtml(check?.content, { idPrefix: 'preview', headingLevel: 3, ...(language ? { language } : {}) });
  return rendered ?? html`${(check?.preview ?? []).map((p) => html`<p>${p}</p>`)}`;
}

export function receiptPage(actor: Actor, debate: DebateRecord, revision: RevisionRow, receipt: Receipt, notice_?: string): SafeHtml {
  const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/statement">Written statement</a></p>
<h1>Receipt ${receipt.reference}</h1>
${notice(notice_)}
<dl class="facts">
  <dt>What</dt><dd>${receipt.action === 'submit' ? 'Written statement received' : 'Written statement withdrawn'} (version ${
    receipt.revision
  })${receipt.late ? ', late, under a permission granted by the Secretariat' : ''}</dd>
  <dt>Delegation</dt><dd>${receipt.delegation.name}</dd>
  <dt>Debate</dt><dd>${receipt.debate.theme}</dd>
  <dt>Received</dt><dd>${receipt.receivedAtLocal}; ${receipt.receivedAt} UTC</dd>
  ${
    receipt.statement
      ? html`<dt>Statement</dt><dd>${receipt.statement.name}, ${receipt.statement.words} words, ${receipt.statement.size} bytes<br><span class="hash">SHA-256 ${receipt.statement.sha256}</span></dd>`
      : ''
  }
  ${
    receipt.coverLetter
      ? html`<dt>Cover letter</dt><dd>${receipt.coverLetter.name}, ${receipt.coverLetter.size} bytes<br><span class="hash">SHA-256 ${
          receipt.coverLetter.sha256
        }</span></dd>`
      : ''
  }
  ${receipt.signatory ? html`<dt>Signed by</dt><dd>${receipt.signatory.name}, ${receipt.signatory.title}</dd>` : ''}
</dl>
<p>This receipt is signed by Rostrum (key ${receipt.keyId}). <a href="/debates/${debate.slug}/statement/receipts/${
    revision.receipt_reference
  }.json" download>Download the signed receipt</a> and keep it: anyone can check it on the <a href="/receipts/verify">receipt check page</a>. It was also sent by e-mail to you and to your mission’s access focal points.</p>
${
  receipt.log
    ? html`<p>The receipt names its entry in Rostrum’s audit log (<span class="hash">${receipt.log.entry}</span>): once the log has sealed it, within seconds, anyone can prove that the entry is in the log at <a href="/audit/proof?entry=${receipt.log.entry}">/audit/proof</a>.</p>`
    : ''
}`;
  return page({ actor, title: `Receipt ${receipt.reference}`, body });
}

export function verifyPage(
  actor: Actor,
  csrf: string,
  o: { text?: string; result?: { valid: boolean; message: string; receipt?: Receipt; log?: string[] }; keyId: string; publicKey: string },
): SafeHtml {
  const r = o.result;
  const fields = html`<div class="field">
  <label for="file">Receipt file</label>
  <p class="hint" id="file-hint">The .json file you downloaded from the receipt page.</p>
  <input id="file" name="file" type="file" accept=".json,application/json" aria-describedby="file-hint">
</div>
${textarea({
  name: 'receipt',
  label: 'Or the receipt’s text',
  hint: 'Pasted from the file or from the e-mail, from “{” to “}”.',
  value: o.text,
  rows: 14,
})}${submit('Check the receipt')}`;
  const body = html`<h1>Check a receipt</h1>
<p>Choose a receipt file as Rostrum issued it, or paste its text (the part of the e-mail that starts with “{”). The check uses the signature alone: nothing you send is stored.</p>
${
  r
    ? html`<div class="${r.valid ? 'notice' : 'error-summary'}" role="${r.valid ? 'status' : 'alert'}"><p><strong>${r.message}</strong></p>${
        r.valid && r.receipt
          ? html`<p>${r.receipt.reference}: ${r.receipt.delegation.name}, ${
              r.receipt.action === 'submit' ? 'statement received' : 'statement withdrawn'
            } ${r.receipt.receivedAtLocal}.</p>`
          : ''
      }${(r.log ?? []).map((sentence) => html`<p>${sentence}</p>`)}</div>`
    : ''
}
${form('/receipts/verify', csrf, fields, { label: 'Check a receipt', multipart: true })}
<h2 id="key">The signing key</h2>
<p>Receipts are signed with Ed25519. Key ${o.keyId}, public key (raw, base64url): <span class="hash">${o.publicKey}</span>. <a href="/receipts/key">As JSON</a>.</p>`;
  return page({ actor, title: 'Check a receipt', body });
}
