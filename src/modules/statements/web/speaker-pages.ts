// The pages of the meeting's speakers: the Secretariat's page (the speaking order as a numbered form, each speaker's
// text, and the form that records a briefing, a Council member's statement or a live speaker's statement), and the
// Council member's statement page that a Council member's delegate sees instead of the written statement form. Every
// form posts without JavaScript and carries its CSRF token; text from documents is escaped by the html template.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { errorSummary, field, form, notice, select, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { LANGUAGE_NAMES, OFFICIAL_LANGUAGES } from '../../../kernel/i18n/languages.js';
import { unconfirmedBriefers, type DebateRecord } from '../../meetings/index.js';
import { briefedPositions, type SpeakerEntry, type SpeakerKind } from '../speakers-db.js';
import { dataTable } from '../../../web/tables.js';

export const KIND_LABELS: Record<SpeakerKind, string> = {
  briefer: 'Briefer',
  council: 'Council member',
  live: 'Non-member who spoke live',
};

const languages = OFFICIAL_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));

function when(at: Date, tz: string): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}</time>`;
}

function fileField(error: string | undefined): SafeHtml {
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="file">Text (Word, .docx)</label>
  <p class="hint" id="file-hint">The text as delivered, in Microsoft Word format (.docx). It is checked like a written statement.</p>
  ${error ? html`<p class="error-message" id="file-error">${error}</p>` : ''}
  <input id="file" name="file" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="file-hint${error ? ' file-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export interface SpeakersPageModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  notice?: string;
  /** A refusal about the whole request (membership, an unknown speaker). */
  error?: string;
  speakers: SpeakerEntry[];
  /** Every mission's label by code. */
  labels: ReadonlyMap<string, string>;
  /** The Council's members on the meeting day (codes, English order), or null when unknown. */
  council: string[] | null;
  /** The missions that may be recorded as live speakers (codes, English order). */
  nonMembers: string[];
  presiding: string;
  values: Record<string, string>;
  errors: FieldErrors;
  now: Date;
}

function who(m: SpeakersPageModel, e: SpeakerEntry): SafeHtml {
  const code = e.speaker.delegation;
  const of = code ? html`<strong>${m.labels.get(code) ?? code}</strong>${code === m.presiding ? ' (presidency)' : ''}: ` : '';
  return html`${KIND_LABELS[e.speaker.kind]}. ${of}${e.text.speaker_name}, ${e.text.speaker_title}`;
}

function orderForm(m: SpeakersPageModel): SafeHtml {
  if (m.speakers.length === 0) return html`<p>No speaker has been recorded yet.</p>`;
  const slug = m.debate.slug;
  const rows = m.speakers.map((e) => [
    html`<label class="visually-hidden" for="position-${e.speaker.id}">Position of ${e.text.speaker_name}</label><input id="position-${
      e.speaker.id
    }" name="position-${e.speaker.id}" type="text" inputmode="numeric" size="3" maxlength="3" value="${String(e.speaker.position)}"${
      m.errors[`position-${e.speaker.id}`] ? html` aria-invalid="true"` : ''
    }>`,
    who(m, e),
    html`<a href="/debates/${slug}/speakers/${e.speaker.id}/file">${e.text.file_name}</a> (${e.text.words} words, ${
      LANGUAGE_NAMES[e.text.original_language]
    })<br>${e.text.via === 'delegation' ? 'Sent by the delegation' : 'Recorded by the Secretariat'} on ${when(
      e.text.created_at,
      m.debate.time_zone,
    )}${e.text.seq > 1 ? `, version ${e.text.seq}` : ''}`,
    html`<button type="submit" class="button secondary" formaction="/debates/${slug}/speakers/${e.speaker.id}/remove">Remove ${
      e.text.speaker_name
    }</button>`,
  ]);
  return form(
    `/debates/${slug}/speakers/order`,
    m.csrf,
    html`${dataTable({ caption: 'The speakers in the order they spoke', columns: ['Position', 'Speaker', 'Text', 'Remove'], rows })}
<p class="hint">To change the order, write each speaker’s position (1 spoke first) and save. Speakers given the same number keep their present order.</p>
${submit('Save the speaking order')}`,
    { label: 'Speaking order' },
  );
}

export function speakersPage(m: SpeakersPageModel): SafeHtml {
  const v = m.values;
  const e = m.errors;
  const name = (code: string) => m.labels.get(code) ?? code;
  const delegations = [
    { value: '', label: 'None (a briefer)' },
    ...(m.council ?? []).map((c) => ({ value: c, label: `${name(c)}: Council member${c === m.presiding ? ', presidency' : ''}` })),
    ...m.nonMembers.map((c) => ({ value: c, label: name(c) })),
  ];
  const unconfirmed = new Set(unconfirmedBriefers(m.debate, briefedPositions(m.speakers), m.now).map((b) => b.position));
  const announced = [
    { value: '', label: 'Not among the announced briefers' },
    ...m.debate.briefers.map((b) => ({
      value: String(b.position),
      label: `${b.name ? `${b.name}, ` : ''}${b.function}${unconfirmed.has(b.position) ? ' (to be confirmed)' : ''}`,
    })),
  ];
  const recordForm = html`${errorSummary(e)}
${select({
  name: 'kind',
  label: 'Who spoke',
  options: [
    { value: '', label: 'Choose…' },
    ...(['briefer', 'council', 'live'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })),
  ],
  value: v.kind,
  error: e.kind,
})}
${select({
  name: 'briefer',
  label: 'Announced briefer (for a briefing)',
  hint: 'Fills in the name and title when they are left empty.',
  options: announced,
  value: v.briefer,
  error: e.briefer,
})}
${select({
  name: 'delegation',
  label: 'Delegation (for a Council member or a live speaker)',
  hint: 'The Council’s members on the meeting day are listed first.',
  options: delegations,
  value: v.delegation,
  error: e.delegation,
})}
${field({ name: 'name', label: 'Speaker’s name', hint: 'As given at the meeting.', value: v.name, error: e.name, maxlength: 200 })}
${field({
  name: 'title',
  label: 'Speaker’s title',
  hint: 'A briefer’s full title (“Under-Secretary-General for Peace Operations”), or a representative’s (“Permanent Representative”).',
  value: v.title,
  error: e.title,
  maxlength: 300,
})}
${select({
  name: 'language',
  label: 'Language the text was written in',
  options: [{ value: '', label: 'Choose…' }, ...languages],
  value: v.language,
  error: e.language,
})}
${fileField(e.file)}
${submit('Record the text')}`;
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}/statements">Written statements to review</a> · <a href="/debates/${m.debate.slug}/compilation/runs">Compilation</a></p>
<h1>Speakers of the meeting</h1>
<p>${m.debate.theme}</p>
${notice(m.notice)}
${m.error ? html`<div class="error-summary" role="alert"><p>${m.error}</p></div>` : ''}
<p>The briefings, the Council members’ statements and the statements delivered live by non-members are enclosed in the President’s compilation: briefings and live statements in the order they were delivered, Council members’ statements in English alphabetical order. A Council member’s delegates may also send their delegation’s statement from their statement page.</p>
${
  m.council === null
    ? html`<p><strong>The Council’s membership on the meeting day is not known to Rostrum</strong>: any State may be recorded as a Council member.</p>`
    : ''
}
<h2 id="order">Speaking order</h2>
${orderForm(m)}
<h2 id="record">Record a text</h2>
<p>A new text for a delegation, or for an announced briefer, replaces the one recorded before.</p>
${form(`/debates/${m.debate.slug}/speakers`, m.csrf, recordForm, { label: 'Record a text', multipart: true })}`;
  return page({ actor: m.actor, title: `Speakers: ${m.debate.theme}`, body });
}

export interface CouncilStatementModel {
  actor: Actor;
  debate: DebateRecord;
  missionName: string;
  csrf: string;
  notice?: string;
  current?: SpeakerEntry;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** What a Council member's delegate sees on the statement page: the delegation's statement at the meeting. */
export function councilStatementPage(m: CouncilStatementModel): SafeHtml {
  const v = m.values;
  const e = m.errors;
  const c = m.current;
  const formBody = html`${errorSummary(e)}
${field({
  name: 'name',
  label: 'Speaker’s name',
  hint: 'The representative who delivered the statement, as given at the meeting.',
  value: v.name,
  error: e.name,
  maxlength: 200,
})}
${field({
  name: 'title',
  label: 'Speaker’s title',
  hint: 'Such as “Permanent Representative” or “Deputy Permanent Representative”.',
  value: v.title,
  error: e.title,
  maxlength: 300,
})}
${select({
  name: 'language',
  label: 'Language the statement was written in',
  options: [{ value: '', label: 'Choose…' }, ...languages],
  value: v.language,
  error: e.language,
})}
${fileField(e.file)}
${submit(c ? 'Replace the statement' : 'Send the statement')}`;
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}">${m.debate.theme}</a></p>
<h1>Council member’s statement of the ${m.missionName}</h1>
${notice(m.notice)}
<p>Your delegation is a member of the Security Council on the day of the meeting, so it does not submit a written statement. Send the text of the statement it delivered at the meeting instead: it is enclosed in the President’s compilation with the other Council members’ statements.</p>
${
  c
    ? html`<p>The statement recorded for your delegation: <strong>${c.text.file_name}</strong> (${c.text.words} words, ${
        LANGUAGE_NAMES[c.text.original_language]
      }), delivered by ${c.text.speaker_name}, ${c.text.speaker_title}; ${
        c.text.via === 'delegation' ? 'sent by your delegation' : 'recorded by the Secretariat'
      } on ${when(c.text.created_at, m.debate.time_zone)}.</p>`
    : html`<p>No statement has been recorded for your delegation yet.</p>`
}
<h2 id="submit">${c ? 'Replace the statement' : 'Send the statement'}</h2>
${form(`/debates/${m.debate.slug}/statement/council`, m.csrf, formBody, { label: 'Council member’s statement', multipart: true })}`;
  return page({ actor: m.actor, title: `Council member’s statement: ${m.debate.theme}`, body });
}
