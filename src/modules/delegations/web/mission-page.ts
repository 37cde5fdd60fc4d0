// A mission's page: its people and their access, its authorised signatories, and its audit trail. Its focal
// points see the forms; the Secretariat sees the same page without them (read-only).
import type { Actor } from '../../../kernel/authz.js';
import type { Person } from '../../identity/index.js';
import { confirmForm, type Confirmation } from '../../../web/confirm.js';
import { errorSummary, field, form, notice, select, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable, type TableRow } from '../../../web/tables.js';
import type { TrailEntry } from '../audit-trail.js';
import type { MissionRow, SignatoryRow } from '../db.js';
import { signatoryStatus, signatoryTitlesFor } from '../domain/signatories.js';
import { calendarDate, instant, roleNames } from './labels.js';

export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

export interface MissionPageModel {
  actor: Actor;
  mission: MissionRow & { label: string };
  people: Person[];
  signatories: SignatoryRow[];
  trail: Array<{ entry: TrailEntry; text: string }>;
  today: string;
  /** The CSRF token for the forms; absent on the read-only view. */
  csrf: string | undefined;
  canManagePeople: boolean;
  canManageSignatories: boolean;
  /** The reader may list every mission (the Secretariat, the help desk): the page links back to the list. */
  canListMissions?: boolean;
  /** The mission's State presides the Council in some month: its people can be given the presidency module. */
  offersPresidency: boolean;
  notice?: string | undefined;
  invite?: FormState | undefined;
  signatory?: FormState | undefined;
  /** A refused button (someone else changed the person meanwhile): shown above the section. */
  problem?: { section: 'people' | 'signatories'; message: string } | undefined;
}

function base(code: string): string {
  return `/missions/${encodeURIComponent(code)}`;
}

/** A one-button form; the button's accessible name says whom it is about. `module`: which access it gives or takes. */
function button(action: string, csrf: string, label: string, about: string, secondary = true, module?: string): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form"><input type="hidden" name="_csrf" value="${csrf}">${
    module ? html`<input type="hidden" name="module" value="${module}">` : ''
  }<button type="submit" class="button${secondary ? ' secondary' : ''}" aria-label="${label}: ${about}">${label}</button></form>`;
}

/** Deactivating one of the mission's people, asked again first (a dialog with scripts, a second page without). */
export function deactivation(mission: string, p: { id: string; displayName: string }): Confirmation {
  return {
    action: `${base(mission)}/people/${p.id}/deactivate`,
    question: `Deactivate the account of ${p.displayName}?`,
    consequence:
      'They can no longer sign in; their sessions end now, links they were sent stop working and their access tokens are revoked. ' +
      'You can reactivate the account later; their access stays as it was.',
    confirmLabel: 'Deactivate the account',
  };
}

/** Removing a signatory (recorded by mistake), asked again first. Ending their authority on a date keeps the record. */
export function signatoryRemoval(mission: string, s: { id: string; name: string }): Confirmation {
  return {
    action: `${base(mission)}/signatories/${s.id}/remove`,
    question: `Remove ${s.name} from the signatories?`,
    consequence:
      'Remove a signatory recorded by mistake: cover letters they sign are refused from now on. To record that their authority ended ' +
      'on a date, end it instead; the mission’s trail keeps either.',
    confirmLabel: 'Remove the signatory',
  };
}

function status(p: Person): SafeHtml {
  if (p.disabledAt !== null) return html`Deactivated`;
  if (p.invitation?.state === 'pending')
    return html`Invitation pending (until <time datetime="${p.invitation.expiresAt.toISOString()}">${instant(p.invitation.expiresAt)}</time>)`;
  if (p.invitation?.state === 'expired') return html`Invitation expired`;
  return html`Active`;
}

function personRow(m: MissionPageModel, p: Person): TableRow {
  const self = m.actor.kind === 'account' && m.actor.id === p.id;
  const hasStatements = p.modules.includes('statements');
  const hasPresidency = p.modules.includes('presidency');
  const at = `${base(m.mission.code)}/people/${p.id}`;
  const csrf = m.csrf;
  const cells: SafeHtml[] = [
    html`${p.displayName}${self ? ' (you)' : ''}`,
    html`${p.email}`,
    html`${roleNames[p.role] ?? p.role}`,
    html`${hasStatements ? 'Yes' : 'No'}`,
  ];
  if (m.offersPresidency) cells.push(html`${hasPresidency ? 'Yes' : 'No'}`);
  cells.push(status(p));
  if (m.canManagePeople && csrf) {
    cells.push(
      html`<div class="row-actions">${[
        p.disabledAt === null
          ? hasStatements
            ? button(`${at}/revoke`, csrf, 'Take away access', p.displayName)
            : button(`${at}/grant`, csrf, 'Give access', p.displayName, false)
          : '',
        p.disabledAt === null && m.offersPresidency
          ? hasPresidency
            ? button(`${at}/revoke`, csrf, 'Take away presidency access', p.displayName, true, 'presidency')
            : button(`${at}/grant`, csrf, 'Give presidency access', p.displayName, true, 'presidency')
          : '',
        p.invitation !== null && p.disabledAt === null
          ? button(`${at}/resend-invitation`, csrf, 'Send a new invitation', p.displayName)
          : '',
        self
          ? ''
          : p.disabledAt === null
            ? confirmForm({
                ...deactivation(m.mission.code, p),
                csrf,
                button: 'Deactivate',
                secondary: true,
                label: `Deactivate: ${p.displayName}`,
              })
            : button(`${at}/reactivate`, csrf, 'Reactivate', p.displayName),
      ]}</div>`,
    );
  }
  return { cells, id: `person-${p.id}` };
}

function inviteForm(m: MissionPageModel, csrf: string): SafeHtml {
  const v = m.invite?.values ?? {};
  const e = m.invite?.errors ?? {};
  return html`<h3 id="invite">Invite someone</h3>
<p>They receive an e-mail with a link to choose their password. Give them access to statements once they appear above.</p>
${form(
  `${base(m.mission.code)}/people`,
  csrf,
  html`${field({
    name: 'email',
    label: 'E-mail address',
    type: 'email',
    value: v.email,
    error: e.email,
    autocomplete: 'off',
    required: true,
    maxlength: 254,
  })}
${field({
  name: 'displayName',
  label: 'Full name',
  value: v.displayName,
  error: e.displayName,
  autocomplete: 'off',
  required: true,
  maxlength: 200,
})}
${select({
  name: 'role',
  label: 'Role',
  hint: 'Access focal points manage the mission’s people and signatories, as you do.',
  value: v.role ?? 'delegate',
  error: e.role,
  options: [
    { value: 'delegate', label: 'Delegate' },
    { value: 'focal_point', label: 'Access focal point' },
  ],
})}
${submit('Send the invitation')}`,
  { label: 'Invite someone' },
)}`;
}

function signatoryRow(m: MissionPageModel, s: SignatoryRow): TableRow {
  const st = signatoryStatus(s, m.today);
  const at = `${base(m.mission.code)}/signatories/${s.id}`;
  const csrf = m.csrf;
  const cells: SafeHtml[] = [
    html`${s.name}`,
    html`${s.title}`,
    html`${calendarDate(s.from_date)}`,
    html`${s.to_date ? calendarDate(s.to_date) : '—'}`,
    html`${st === 'current' ? 'May sign today' : st === 'future' ? 'Not yet' : 'Ended'}`,
  ];
  if (m.canManageSignatories && csrf) {
    cells.push(
      html`<div class="row-actions">${
        s.to_date === null ? html`<a href="${at}/end" aria-label="End the authority of ${s.name}">End…</a> ` : ''
      }${confirmForm({
        ...signatoryRemoval(m.mission.code, s),
        csrf,
        button: 'Remove',
        secondary: true,
        label: `Remove: ${s.name}`,
      })}</div>`,
    );
  }
  return { cells, id: `signatory-${s.id}` };
}

function signatoryForm(m: MissionPageModel, csrf: string): SafeHtml {
  const v = m.signatory?.values ?? {};
  const e = m.signatory?.errors ?? {};
  const titles = signatoryTitlesFor(m.mission.organisation_kind);
  return html`<h3 id="add-signatory">Add a signatory</h3>
${form(
  `${base(m.mission.code)}/signatories`,
  csrf,
  html`${field({ name: 'name', label: 'Full name', value: v.name, error: e.name, autocomplete: 'off', required: true, maxlength: 200 })}
${
  titles
    ? select({ name: 'title', label: 'Title', value: v.title, error: e.title, options: titles.map((t) => ({ value: t, label: t })) })
    : field({
        name: 'title',
        label: 'Title',
        hint: 'As it appears under the signature, such as Head of Delegation.',
        value: v.title,
        error: e.title,
        required: true,
        maxlength: 200,
      })
}
${field({
  name: 'fromDate',
  label: 'May sign from',
  type: 'date',
  hint: 'For example, 2021-05-01.',
  value: v.fromDate,
  error: e.fromDate,
  required: true,
})}
${field({
  name: 'toDate',
  label: 'Until (optional)',
  type: 'date',
  hint: 'Leave empty while the authority lasts.',
  value: v.toDate,
  error: e.toDate,
})}
${submit('Add the signatory')}`,
  { label: 'Add a signatory' },
)}`;
}

function trail(m: MissionPageModel): SafeHtml {
  if (m.trail.length === 0) return html`<p>Nothing has been recorded for this mission yet.</p>`;
  return dataTable({
    caption: `The latest ${m.trail.length === 100 ? '100 ' : ''}changes, newest first`,
    columns: ['When', 'Who', 'What'],
    rows: m.trail.map(({ entry, text }) => [
      html`<time datetime="${entry.occurredAt.toISOString()}">${instant(entry.occurredAt)}</time>`,
      entry.actorLabel,
      text,
    ]),
  });
}

export function missionPage(m: MissionPageModel): SafeHtml {
  const errors: FieldErrors = { ...(m.invite?.errors ?? {}), ...(m.signatory?.errors ?? {}) };
  if (m.problem) errors[m.problem.section] = m.problem.message;
  const readOnly = !m.canManagePeople && !m.canManageSignatories;
  const body = html`${m.canListMissions ? html`<p class="eyebrow"><a href="/missions">All missions</a></p>` : ''}
<h1>${m.mission.mission_name}</h1>
${readOnly ? html`<p>You are viewing this mission’s page; only its access focal points can change it.</p>` : ''}
${notice(m.notice)}
${errorSummary(errors)}
<h2 id="people">People</h2>
${
  m.offersPresidency
    ? html`<p class="hint">This State presides the Security Council in some months. People given presidency access prepare that month’s open debates and read every delegation’s statements before they are published; give it only to those who act for the presidency.</p>`
    : ''
}
${
  m.people.length === 0
    ? html`<p>Nobody of this mission has an account yet.</p>`
    : dataTable({
        caption: 'People of the mission and their access',
        columns: [
          'Name',
          'E-mail',
          'Role',
          'Access to statements',
          ...(m.offersPresidency ? ['Acts for the presidency'] : []),
          'Status',
          ...(m.canManagePeople ? ['Actions'] : []),
        ],
        rowHeader: true,
        rows: m.people.map((p) => personRow(m, p)),
      })
}
${m.canManagePeople && m.csrf ? inviteForm(m, m.csrf) : ''}
<h2 id="signatories">Authorised signatories</h2>
<p>Who may sign the mission’s cover letters, and over which dates.</p>
${
  m.signatories.length === 0
    ? html`<p>No signatory has been recorded.</p>`
    : dataTable({
        caption: 'Signatories of the mission',
        columns: ['Name', 'Title', 'From', 'Until', 'Today', ...(m.canManageSignatories ? ['Actions'] : [])],
        rowHeader: true,
        rows: m.signatories.map((s) => signatoryRow(m, s)),
      })
}
${m.canManageSignatories && m.csrf ? signatoryForm(m, m.csrf) : ''}
<h2 id="trail">Audit trail</h2>
${trail(m)}`;
  return page({ actor: m.actor, title: m.mission.label, body });
}

export interface EndSignatoryModel {
  actor: Actor;
  mission: MissionRow;
  signatory: SignatoryRow;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The form that ends a signatory's authority on a given date. */
export function endSignatoryPage(m: EndSignatoryModel): SafeHtml {
  const back = base(m.mission.code);
  const body = html`<p class="eyebrow"><a href="${back}#signatories">${m.mission.mission_name}</a></p>
<h1>End the authority of ${m.signatory.name}</h1>
<p>${m.signatory.name}, ${m.signatory.title}, may sign from ${calendarDate(m.signatory.from_date)}. From the day after the date you give, their signature is no longer accepted.</p>
${errorSummary(m.errors)}
${form(
  `${back}/signatories/${m.signatory.id}/end`,
  m.csrf,
  html`${field({
    name: 'toDate',
    label: 'Last day of their authority',
    type: 'date',
    hint: 'For example, 2021-06-30.',
    value: m.values.toDate,
    error: m.errors.toDate,
    required: true,
  })}
${submit('End the authority')}`,
)}
<p><a href="${back}#signatories">Back to the mission</a></p>`;
  return page({ actor: m.actor, title: `End the authority of ${m.signatory.name}`, body });
}
