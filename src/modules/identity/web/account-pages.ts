// One's own account: who one is, the password, two-step verification, and the sessions signed in.
import type { Actor } from '../../../kernel/authz.js';
import { formatDate, formatTime } from '../../../kernel/dates.js';
import { entityByCode, stateByIso3 } from '../../delegations/index.js';
import { checkbox, errorSummary, field, form, notice, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import { notificationKinds, type NotificationKind, type Role } from '../tables.js';
import type { NotificationPreferences } from '../notifications.js';
import { passwordFields } from './auth-pages.js';

export const roleLabels: Record<Role, string> = {
  helpdesk: 'Help desk',
  secretariat: 'Secretariat',
  focal_point: 'Access focal point',
  delegate: 'Delegate',
};

/** "Brazil (BRA)", "European Union (eu)": the mission as people know it, with its code. */
export function missionLabel(code: string): string {
  const name = stateByIso3(code)?.sortKey ?? entityByCode(code)?.sortKey;
  return name ? `${name} (${code})` : code;
}

const browsers: Array<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];
const systems: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox on Windows": enough to recognise one's own devices in the list, from the User-Agent header. */
export function browserLabel(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = browsers.find(([re]) => re.test(userAgent))?.[1];
  const system = systems.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : 'Unknown browser');
}

function when(at: Date): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${formatDate(at, 'UTC')}, ${formatTime(at, 'UTC')} UTC</time>`;
}

export interface SessionRow {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  user_agent: string | null;
  address: string | null;
}

const moduleNames: Record<string, string> = { statements: 'Written statements: submitting your mission’s statements' };

/** What the mission's focal point has opened to this person, read live from the request's actor. */
function moduleAccess(actor: Actor): SafeHtml {
  const granted = actor.kind === 'account' ? actor.modules : [];
  if (granted.length === 0) return html`None yet. Your mission’s access focal point gives access to the platform’s modules.`;
  return html`<ul>${granted.map((m) => html`<li>${moduleNames[m] ?? m}</li>`)}</ul>`;
}

/** The notifications one may turn off, as the account page names them, with whom each reaches and what it says. */
const notificationChoices: Record<NotificationKind, { label: string; hint: string }> = {
  late_submission_allowed: {
    label: 'A late submission is allowed for your mission',
    hint: 'Sent to the access focal points and to the staff who submit statements, with the new deadline.',
  },
  statement_accepted: {
    label: 'The Secretariat accepts your mission’s statement',
    hint: 'Sent to the access focal points and to the person who submitted it.',
  },
  compilation_issued: {
    label: 'The compilation enclosing your mission’s statement is issued, or a corrigendum of it',
    hint:
      'Sent to the access focal points and to the person who submitted the statement, with the document’s symbol and the statement’s ' +
      'annex number.',
  },
  letter_issued: {
    label: 'A debate your mission may submit a statement to is announced',
    hint: 'Sent to the access focal points when the announcement letter is issued, with the deadline for written statements.',
  },
};

function notificationsSection(v: AccountView): SafeHtml {
  return html`<h2 id="notifications-heading">E-mail notifications</h2>
<p>Choose what Rostrum tells you by e-mail about your mission’s debates and statements.</p>
${form(
  '/account/notifications',
  v.csrf,
  html`<fieldset>
  <legend>Send me an e-mail when</legend>
  ${notificationKinds.map((kind) =>
    checkbox({ name: kind, label: notificationChoices[kind].label, hint: notificationChoices[kind].hint, checked: v.notifications[kind] }),
  )}
</fieldset>
${submit('Save the notification choices', { secondary: true })}`,
  { label: 'E-mail notifications' },
)}
<p class="hint">Receipts of your mission’s statements, statements returned for correction, and e-mails about your account’s security are always sent.</p>`;
}

export interface AccountView {
  csrf: string;
  actor: Actor;
  account: { display_name: string; email: string; role: Role; organisation: string | null };
  /** The notifications this person receives (shown to a mission's staff, whom they concern). */
  notifications: NotificationPreferences;
  mfa: { enrolled: boolean; required: boolean; recoveryCodesLeft: number };
  sessions: SessionRow[];
  currentSessionId: string;
  notice?: string | undefined;
  errors?: FieldErrors;
}

export function accountPage(v: AccountView): SafeHtml {
  const errors = v.errors ?? {};
  const a = v.account;
  const others = v.sessions.filter((s) => s.id !== v.currentSessionId).length;
  const body = html`<h1>Your account</h1>
${notice(v.notice)}
${errorSummary(errors)}
<dl class="facts">
  <dt>Name</dt><dd>${a.display_name}</dd>
  <dt>E-mail address</dt><dd>${a.email}</dd>
  <dt>Role</dt><dd>${roleLabels[a.role]}</dd>
  <dt>Mission</dt><dd>${a.organisation ? missionLabel(a.organisation) : 'None (United Nations staff)'}</dd>
  ${a.organisation ? html`<dt>Access</dt><dd id="module-access">${moduleAccess(v.actor)}</dd>` : ''}
</dl>
<p>To correct your name or e-mail address, ask ${a.role === 'helpdesk' ? 'another help desk officer' : 'the help desk'}: it makes the correction, and both your old and your new address are told.</p>

<h2 id="password-heading">Password</h2>
${form(
  '/account/password',
  v.csrf,
  html`${field({
    name: 'current',
    label: 'Current password',
    type: 'password',
    error: errors.current,
    autocomplete: 'current-password',
    required: true,
  })}
${passwordFields(errors)}
${submit('Change the password')}`,
  { label: 'Change the password' },
)}
<p class="hint">Changing the password signs you out of every other session and revokes your access tokens: programs that use one need a new token.</p>

<h2 id="mfa-heading">Two-step verification</h2>
${mfaSection(v, errors)}

${a.organisation ? notificationsSection(v) : ''}

<h2 id="sessions-heading">Where you are signed in</h2>
${dataTable({
  labelledBy: 'sessions-heading',
  columns: ['Signed in', 'Last active', 'Browser', 'Network address'],
  rows: v.sessions.map((s) => [
    html`${when(s.created_at)}${s.id === v.currentSessionId ? html` <strong>(this session)</strong>` : ''}`,
    when(s.last_seen_at),
    browserLabel(s.user_agent),
    s.address ?? 'Unknown',
  ]),
})}
${
  others > 0
    ? html`<p class="hint" id="end-others-hint">This also revokes your access tokens, in case whoever had another session made one.</p>
${form(
  '/account/sessions/end-others',
  v.csrf,
  submit(`Sign out of ${others === 1 ? 'the other session' : `all ${others} other sessions`}`, { secondary: true }),
  {
    label: 'Sign out of all other sessions',
  },
)}`
    : html`<p>You are signed in nowhere else.</p>`
}`;
  return page({ title: 'Your account', body, actor: v.actor });
}

function mfaSection(v: AccountView, errors: FieldErrors): SafeHtml {
  if (!v.mfa.enrolled) {
    return html`<p>Two-step verification is not set up. With it, signing in needs a code from an app on your phone as well as your password.</p>
<p><a class="button" href="/account/mfa">Set up two-step verification</a></p>`;
  }
  const left = v.mfa.recoveryCodesLeft;
  return html`<p>Two-step verification is on: signing in asks for a code from your authenticator app.${
    v.mfa.required ? ' Your role requires it.' : ''
  }</p>
<p>${
    left === 0
      ? 'You have no recovery codes left. Make new ones now.'
      : `You have ${left} unused recovery ${left === 1 ? 'code' : 'codes'}.`
  }</p>
${form(
  '/account/mfa/recovery-codes',
  v.csrf,
  html`${field({
    name: 'codes_password',
    label: 'Your password, to make new recovery codes',
    type: 'password',
    error: errors.codes_password,
    autocomplete: 'current-password',
    required: true,
  })}
${submit('Make new recovery codes', { secondary: true })}`,
  { label: 'Make new recovery codes' },
)}
${
  v.mfa.required
    ? html`<p>If you change phones, set up the app on the new phone from your old one, or ask the help desk to reset your two-step verification.</p>`
    : form(
        '/account/mfa/disable',
        v.csrf,
        html`${field({
          name: 'disable_password',
          label: 'Your password, to turn two-step verification off',
          type: 'password',
          error: errors.disable_password,
          autocomplete: 'current-password',
          required: true,
        })}
${submit('Turn off two-step verification', { secondary: true })}`,
        { label: 'Turn off two-step verification' },
      )
}`;
}
