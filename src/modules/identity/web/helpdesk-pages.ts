// The help desk's pages: find an account, see what stands in the way of signing in, and act on it; create a
// mission's first focal point and staff accounts. Accounts and their access only: no statement content.
import type { Actor } from '../../../kernel/authz.js';
import { formatDate, formatTimeInZone } from '../../../kernel/dates.js';
import { confirmForm } from '../../../web/confirm.js';
import { errorSummary, field, form, notice, select, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type Renderable, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import type { HelpdeskView, Person } from '../people.js';

const DUTY_STATION = 'America/New_York';

function instant(at: Date): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${formatDate(at, DUTY_STATION)}, ${formatTimeInZone(at, DUTY_STATION)}</time>`;
}

const roleNames: Record<string, string> = {
  delegate: 'Delegate',
  focal_point: 'Access focal point',
  helpdesk: 'Help desk',
  secretariat: 'Secretariat officer',
};

export interface MissionOption {
  code: string;
  label: string;
}

function missionText(code: string | null, missions: ReadonlyMap<string, string>): string {
  if (code === null) return '—';
  return `${missions.get(code) ?? code} (${code})`;
}

function status(p: Person): SafeHtml {
  if (p.disabledAt !== null) return html`Deactivated`;
  if (p.invitation?.state === 'pending') return html`Invitation pending (until ${instant(p.invitation.expiresAt)})`;
  if (p.invitation?.state === 'expired') return html`Invitation expired`;
  return html`Active`;
}

export interface HelpdeskPageModel {
  actor: Actor;
  search: string;
  results: Person[] | undefined;
  limit: number;
  missions: readonly MissionOption[];
  csrf: string;
  notice?: string | undefined;
  create?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}

function createForm(m: HelpdeskPageModel): SafeHtml {
  const v = m.create?.values ?? {};
  const e = m.create?.errors ?? {};
  return html`<h2 id="create">Create an account</h2>
<p>For a mission’s first access focal point (who then invites the mission’s delegates), another focal point, or help desk and Secretariat staff. The person receives an e-mail with a link to choose their password.</p>
${form(
  '/helpdesk/accounts',
  m.csrf,
  html`${select({
    name: 'role',
    label: 'Role',
    value: v.role ?? 'focal_point',
    error: e.role,
    options: [
      { value: 'focal_point', label: 'Access focal point of a mission' },
      { value: 'secretariat', label: 'Secretariat officer' },
      { value: 'helpdesk', label: 'Help desk' },
    ],
  })}
${select({
  name: 'mission',
  label: 'Mission',
  hint: 'For a focal point. Help desk and Secretariat staff belong to no mission.',
  value: v.mission ?? '',
  error: e.mission,
  options: [
    { value: '', label: 'No mission (help desk or Secretariat staff)' },
    ...m.missions.map((x) => ({ value: x.code, label: x.label })),
  ],
})}
${field({
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
${submit('Create and send the invitation')}`,
  { label: 'Create an account' },
)}`;
}

export function helpdeskPage(m: HelpdeskPageModel): SafeHtml {
  const names = new Map(m.missions.map((x) => [x.code, x.label]));
  const results = m.results;
  const body = html`<h1>Help desk</h1>
${notice(m.notice)}
${errorSummary(m.create?.errors ?? {})}
<h2 id="find">Find an account</h2>
<form method="get" action="/helpdesk" role="search" aria-label="Find an account">
${field({
  name: 'q',
  label: 'E-mail, name or mission',
  hint: 'Part of an e-mail address or a name, a mission’s name or its code (BRA, eu).',
  value: m.search,
  maxlength: 100,
})}
${submit('Search', { secondary: true })}
</form>
${
  results === undefined
    ? ''
    : results.length === 0
      ? html`<p>No account matches “${m.search}”.</p>`
      : dataTable({
          caption: `${
            results.length === m.limit
              ? `The first ${m.limit} accounts`
              : `${results.length} ${results.length === 1 ? 'account' : 'accounts'}`
          } matching “${m.search}”`,
          columns: ['Name', 'E-mail', 'Role', 'Mission', 'Status'],
          rowHeader: true,
          rows: results.map((p) => [
            html`<a href="/helpdesk/accounts/${p.id}">${p.displayName}</a>`,
            p.email,
            roleNames[p.role] ?? p.role,
            missionText(p.mission, names),
            status(p),
          ]),
        })
}
<p>To read a mission’s people, signatories and trail, <a href="/missions">find the mission</a>.</p>
${createForm(m)}`;
  return page({ actor: m.actor, title: 'Help desk', body });
}

export interface HelpdeskAccountModel {
  actor: Actor;
  account: HelpdeskView;
  missionLabel: string | null;
  csrf: string;
  notice?: string | undefined;
  problem?: string | undefined;
  /** The correction form shown again with its problems and what was typed. */
  correction?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}

function correctionForm(m: HelpdeskAccountModel): SafeHtml {
  const a = m.account;
  const v = m.correction?.values ?? {};
  const e = m.correction?.errors ?? {};
  return html`<h2 id="correct">Correct the name or e-mail address</h2>
<p>For a name misspelt or an address that changed. The person stays signed in; the old address is told of the change, and the new one that it is now the account’s.</p>
${form(
  `/helpdesk/accounts/${a.id}/details`,
  m.csrf,
  html`${field({
    name: 'displayName',
    label: 'Full name',
    value: v.displayName ?? a.displayName,
    error: e.displayName,
    autocomplete: 'off',
    required: true,
    maxlength: 200,
  })}
${field({
  name: 'email',
  label: 'E-mail address',
  type: 'email',
  value: v.email ?? a.email,
  error: e.email,
  autocomplete: 'off',
  required: true,
  maxlength: 254,
})}
${submit('Save the correction', { secondary: true })}`,
  { label: 'Correct the name or e-mail address' },
)}`;
}

function action(m: HelpdeskAccountModel, path: string, label: string, explain: string): SafeHtml {
  return html`<li>${form(
    `/helpdesk/accounts/${m.account.id}/${path}`,
    m.csrf,
    html`${submit(label, { secondary: true })} <span class="hint">${explain}</span>`,
  )}</li>`;
}

/** Deactivation, asked again first (a dialog with scripts, a second page without). */
export function deactivation(m: { account: { id: string; displayName: string } }) {
  return {
    action: `/helpdesk/accounts/${m.account.id}/deactivate`,
    question: `Deactivate the account of ${m.account.displayName}?`,
    consequence:
      'They can no longer sign in; their sessions end now, links they were sent stop working and their access tokens are revoked. ' +
      'You can reactivate the account later, but they will need new tokens.',
    confirmLabel: 'Deactivate the account',
  };
}

function deactivateAction(m: HelpdeskAccountModel): SafeHtml {
  return html`<li>${confirmForm({
    ...deactivation(m),
    csrf: m.csrf,
    button: 'Deactivate',
    secondary: true,
    label: 'Deactivate the account',
  })} <span class="hint">The person can no longer sign in; their sessions end now.</span></li>`;
}

export function helpdeskAccountPage(m: HelpdeskAccountModel): SafeHtml {
  const a = m.account;
  const self = m.actor.kind === 'account' && m.actor.id === a.id;
  const active = a.disabledAt === null;
  const actions: SafeHtml[] = [];
  if (a.lockedUntil !== null || a.recentFailures > 0)
    actions.push(
      action(
        m,
        'unlock',
        'Unlock sign-in',
        'Clears the failed attempts counted for this account, from every network address, so the person may try again now.',
      ),
    );
  if (!self && a.mfa !== 'none')
    actions.push(
      action(
        m,
        'reset-mfa',
        'Reset two-step verification',
        'For a lost phone: removes the authenticator and recovery codes and signs the person out; they set it up again at their next ' +
          'sign-in.',
      ),
    );
  if (!self && active && a.hasPassword)
    actions.push(
      action(m, 'sign-in-link', 'Send a sign-in link', 'For a forgotten password: an e-mail with a single-use link to choose a new one.'),
    );
  if (active && !a.hasPassword)
    actions.push(action(m, 'resend-invitation', 'Send a new invitation', 'The earlier invitation link stops working.'));
  if (!self) actions.push(active ? deactivateAction(m) : action(m, 'reactivate', 'Reactivate', 'The person may sign in again.'));
  const body = html`<p class="eyebrow"><a href="/helpdesk">Help desk</a></p>
<h1>${a.displayName}</h1>
${notice(m.notice)}
${m.problem ? errorSummary({ actions: m.problem }) : errorSummary(m.correction?.errors ?? {})}
<dl class="facts">
  <dt>E-mail</dt><dd>${a.email}</dd>
  <dt>Role</dt><dd>${roleNames[a.role] ?? a.role}</dd>
  <dt>Mission</dt><dd>${a.mission === null ? 'None (staff)' : `${m.missionLabel ?? a.mission} (${a.mission})`}</dd>
  <dt>Status</dt><dd>${status(a)}</dd>
  <dt>Sign-in</dt><dd>${signInState(a)}</dd>
  <dt>Two-step verification</dt><dd>${
    a.mfa === 'confirmed'
      ? `Set up (${a.recoveryCodesLeft} recovery ${a.recoveryCodesLeft === 1 ? 'code' : 'codes'} left)`
      : a.mfa === 'unconfirmed'
        ? 'Started, not finished'
        : 'Not set up'
  }</dd>
  <dt>Signed in</dt><dd>${
    a.activeSessions === 0 ? 'Not signed in' : `${a.activeSessions} active ${a.activeSessions === 1 ? 'session' : 'sessions'}`
  }</dd>
  <dt>Access to statements</dt><dd>${a.modules.includes('statements') ? 'Yes' : 'No'} <span class="hint">(given and taken away by the mission’s focal points)</span></dd>
  ${
    a.modules.includes('presidency')
      ? html`<dt>Acts for the presidency</dt><dd>Yes <span class="hint">(given and taken away by the mission’s focal points)</span></dd>`
      : ''
  }
</dl>
<h2 id="actions">What you can do</h2>
${self ? html`<p>This is your own account: change it from <a href="/account">your account page</a>.</p>` : ''}
${actions.length > 0 ? html`<ul class="actions">${actions}</ul>` : html`<p>Nothing to do for this account.</p>`}
${self ? '' : correctionForm(m)}
${
  a.mission === null
    ? ''
    : html`<p><a href="/missions/${encodeURIComponent(a.mission)}">The mission’s page</a>: its people, signatories and trail.</p>`
}`;
  return page({ actor: m.actor, title: a.displayName, body });
}

/** The account's sign-in throttle in words: locked addresses, attempts spaced out, recent failures. */
function signInState(a: HelpdeskView) {
  const parts: Renderable[] = [];
  if (a.lockedUntil) {
    const addresses = a.lockedAddresses === 1 ? 'one network address' : `${a.lockedAddresses} network addresses`;
    parts.push(html`Locked for ${addresses} until ${instant(a.lockedUntil)}`);
  }
  if (a.slowed) parts.push('attempts from other places are spaced a minute apart after many failures');
  if (a.recentFailures > 0) parts.push(`${a.recentFailures} failed ${a.recentFailures === 1 ? 'attempt' : 'attempts'} in the last hour`);
  if (parts.length === 0) return 'Not locked';
  return parts.map((part, i) => html`${i > 0 ? '; ' : ''}${part}`);
}
