// The debate's desk, for the Secretariat and the presidency: the announcement letter (generate a draft, issue it
// under a symbol, the state of every format with its failure reason, downloads), who may submit, and the late
// submissions allowed. Each action is a plain form; while a letter is being made the page reloads itself (a Refresh
// header, set by the route), its status region refreshes in place when scripts run (status.js), and a "Check again"
// link does it by hand.
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import type { Actor } from '../../../kernel/authz.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { errorSummary, field, form, notice, select, submit, textarea, type FieldErrors } from '../../../web/forms.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import {
  RENDITION_STATES,
  type GenerationWithRenditions,
  type RenditionRow,
  FORMAT_LABELS,
  FILE_EXTENSIONS,
} from '../../documents/index.js';
import type { DebateRecord, LateGrantRow } from '../db.js';

export interface DeskModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  notice?: string;
  letterSymbol: string | null;
  generations: GenerationWithRenditions[];
  canIssue: boolean;
  canManageEligibility: boolean;
  canGrantLate: boolean;
  eligibility: { total: number; byDefault: number; membershipKnown: boolean; added: Array<{ code: string; label: string }> };
  entityOptions: ReadonlyArray<{ value: string; label: string }>;
  lateGrants: Array<LateGrantRow & { label: string }>;
  missionOptions: ReadonlyArray<{ value: string; label: string }>;
  importErrors?: FieldErrors;
  entityErrors?: FieldErrors;
  late?: { values: Record<string, string>; errors: FieldErrors };
}

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function renditionCell(slug: string, generationId: string, r: RenditionRow): SafeHtml {
  switch (r.status) {
    case 'done':
      return html`<a href="/debates/${slug}/documents/${generationId}/${FILE_EXTENSIONS[r.format]}" download>${FORMAT_LABELS[r.format]}</a>: ${RENDITION_STATES.done} <span class="muted">(${sizeText(r.size)})</span>`;
    case 'queued':
    case 'running':
      return html`${FORMAT_LABELS[r.format]}: ${RENDITION_STATES[r.status]}`;
    case 'failed':
      return html`${FORMAT_LABELS[r.format]}: <strong class="error-text">${RENDITION_STATES.failed}</strong>. ${r.error ?? ''}`;
    case 'unavailable':
      return html`${FORMAT_LABELS[r.format]}: ${RENDITION_STATES.unavailable}. ${r.error ?? ''}`;
  }
}

function when(at: Date, tz: string): string {
  return `${formatDateWithWeekday(at, tz)}, ${formatTimeInZone(at, tz)}`;
}

function letterSection(m: DeskModel): SafeHtml {
  const { debate } = m;
  const pending = m.generations.some((g) => g.renditions.some((r) => r.status === 'queued' || r.status === 'running'));
  const actions = html`<div class="actions">
  ${form(
    `/debates/${debate.slug}/letter`,
    m.csrf,
    html`<input type="hidden" name="action" value="draft">${submit('Generate a draft letter', { secondary: m.canIssue })}`,
    { label: 'Generate a draft letter' },
  )}
  ${
    m.canIssue
      ? html`<a class="button" href="/debates/${debate.slug}/letter/issue">${
          m.letterSymbol ? `Review and issue the letter again (${m.letterSymbol})` : 'Review and issue the letter'
        }</a>`
      : ''
  }
</div>`;
  return html`<section aria-labelledby="letter-heading">
<h2 id="letter-heading">Announcement letter</h2>
<p>${
    m.letterSymbol
      ? html`Issued as <strong>${m.letterSymbol}</strong>. The public page shows the latest issued version: <a href="/debates/${
          debate.slug
        }/letter">the letter</a>.`
      : 'Not issued yet: drafts carry “Draft” where the symbol goes, and only the desk sees them.'
  }${m.canIssue && !m.letterSymbol ? ' Issuing is a step of its own: its page shows what becomes public and takes the symbol.' : ''}</p>
${actions}
<div id="letter-status" aria-live="polite"${pending ? html` data-refresh="/debates/${debate.slug}/desk"` : ''}>
${
  m.generations.length === 0
    ? html`<p>No letter has been generated yet.</p>`
    : dataTable({
        caption: 'Generations, the latest first',
        columns: ['Requested', 'Symbol', 'Formats'],
        rows: m.generations.map((g) => [
          html`<time datetime="${g.requested_at.toISOString()}">${when(g.requested_at, debate.time_zone)}</time>`,
          g.symbol ?? 'Draft',
          html`<ul class="plain">${g.renditions.map((r) => html`<li>${renditionCell(debate.slug, g.id, r)}</li>`)}</ul>`,
        ]),
      })
}
${pending ? html`<p><a href="/debates/${debate.slug}/desk#letter-heading">Check again</a>: the letter is being made.</p>` : ''}
</div>
</section>`;
}

function importSection(m: DeskModel): SafeHtml {
  const e = m.importErrors ?? {};
  return html`<section aria-labelledby="import-heading">
<h2 id="import-heading">Import the concept note from Word</h2>
<p>Replaces the concept note’s sections with those of a Word document (.docx): headings such as “I. Background”, numbered paragraphs, and questions “(a)”, “(b)” … The rest of the debate is unchanged.</p>
${form(
  `/debates/${m.debate.slug}/concept-note`,
  m.csrf,
  html`${errorSummary(e)}<div class="field${e.file ? ' field-error' : ''}">
  <label for="file">Word document</label>
  ${e.file ? html`<p class="error-message" id="file-error">${e.file}</p>` : ''}
  <input id="file" name="file" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"${
    e.file ? html` aria-invalid="true" aria-describedby="file-error"` : ''
  }>
</div>
<input type="hidden" name="version" value="${m.debate.version}">
${submit('Import the concept note', { secondary: true })}`,
  { label: 'Import the concept note', multipart: true },
)}
</section>`;
}

function eligibilitySection(m: DeskModel): SafeHtml {
  const el = m.eligibility;
  const e = m.entityErrors ?? {};
  return html`<section aria-labelledby="eligibility-heading">
<h2 id="eligibility-heading">Who may submit</h2>
<p>${el.total} delegations: ${el.byDefault} ${
    el.membershipKnown
      ? 'Member States and observer States not on the Council on the meeting day'
      : 'States (the Council’s membership on that day is not in the reference data, so every State is counted)'
  }${el.added.length > 0 ? html`, and ${el.added.length} added by the Secretariat` : ''}.</p>
${
  el.added.length > 0
    ? html`<ul class="plain">${el.added.map(
        (a) =>
          html`<li>${a.label}${
            m.canManageEligibility
              ? form(`/debates/${m.debate.slug}/eligible/${a.code}/remove`, m.csrf, submit(`Remove ${a.label}`, { secondary: true }), {
                  className: 'inline',
                })
              : ''
          }</li>`,
      )}</ul>`
    : ''
}
${
  m.canManageEligibility
    ? form(
        `/debates/${m.debate.slug}/eligible`,
        m.csrf,
        html`${errorSummary(e)}${select({
          name: 'mission',
          label: 'Add a delegation or entity',
          options: [{ value: '', label: 'Choose…' }, ...m.entityOptions],
          error: e.mission,
        })}${submit('Add', { secondary: true })}`,
        { label: 'Add a delegation' },
      )
    : ''
}
</section>`;
}

function lateSection(m: DeskModel): SafeHtml {
  const tz = m.debate.time_zone;
  const current = m.lateGrants.filter((g) => g.revoked_at === null);
  const v = m.late?.values ?? {};
  const e = m.late?.errors ?? {};
  return html`<section aria-labelledby="late-heading">
<h2 id="late-heading">Late submissions allowed</h2>
${
  current.length === 0
    ? html`<p>None.</p>`
    : html`<ul class="plain">${current.map(
        (g) =>
          html`<li>${g.label}, until ${when(g.until, tz)}: ${g.reason}${
            m.canGrantLate
              ? form(
                  `/debates/${m.debate.slug}/late-grants/${g.delegation}/revoke`,
                  m.csrf,
                  submit(`Withdraw the permission of ${g.label}`, { secondary: true }),
                  { className: 'inline' },
                )
              : ''
          }</li>`,
      )}</ul>`
}
${
  m.canGrantLate
    ? form(
        `/debates/${m.debate.slug}/late-grants`,
        m.csrf,
        html`${errorSummary(e)}
${select({
  name: 'delegation',
  label: 'Delegation',
  options: [{ value: '', label: 'Choose…' }, ...m.missionOptions],
  value: v.delegation,
  error: e.delegation,
})}
${field({
  name: 'until',
  label: 'May submit until',
  type: 'datetime-local',
  hint: 'In the debate’s time zone, after the deadline.',
  value: v.until,
  error: e.until,
})}
${textarea({ name: 'reason', label: 'Reason', value: v.reason, error: e.reason, rows: 2, maxlength: 1000 })}
${submit('Allow a late submission', { secondary: true })}`,
        { label: 'Allow a late submission' },
      )
    : ''
}
</section>`;
}

export function deskPage(m: DeskModel): SafeHtml {
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}">${m.debate.theme}</a></p>
<h1>Debate desk</h1>
${notice(m.notice)}
<p><a href="/debates/${m.debate.slug}/edit">Edit the debate</a> · <a href="/debates/${m.debate.slug}">Public page</a>${
    m.canIssue
      ? html` · <a href="/debates/${m.debate.slug}/statements">Written statements to review</a>`
      : html` · <a href="/debates/${m.debate.slug}/desk/statements">Written statements received</a>`
  }</p>
${letterSection(m)}
${importSection(m)}
${eligibilitySection(m)}
${m.canGrantLate || m.lateGrants.length > 0 ? lateSection(m) : ''}`;
  return page({ actor: m.actor, title: `Desk: ${m.debate.theme}`, body });
}
