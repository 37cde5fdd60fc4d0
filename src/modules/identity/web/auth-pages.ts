// The pages of signing in and out, the second step, invitations and password resets. Plain forms that post and
// redirect; every field labelled, errors summarised at the top and tied to their fields; no script or style inline.
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../kernel/authz.js';
import { errorSummary, field, form, notice, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type Renderable, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import type { LinkProblem } from '../commands/accept-invitation.js';
import type { EnrolmentOffer } from '../commands/enrol-mfa.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain/password-rules.js';
import { formatSecret } from '../totp.js';

/** Sends a page that must not be kept by any cache: it carries a form token, or codes shown once. */
export function sendPage(reply: FastifyReply, markup: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(markup.value);
}

export const EMAIL_MAX_LENGTH = 254;

export const messages = {
  refused:
    'The e-mail address or password is not right. Check both and try again. If you have forgotten your password, choose a new one ' +
    'with the link below.',
  locked: (minutes: number) =>
    `Signing in is paused after too many unsuccessful attempts. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again, ` +
    `or contact the help desk.`,
  slowed: (seconds: number) =>
    `This account has had many unsuccessful sign-in attempts, so attempts on it are spaced out. Wait ${seconds} ` +
    `${seconds === 1 ? 'second' : 'seconds'}, then try again. If this keeps happening, contact the help desk.`,
  wrongCode:
    'The code is not right. Enter the code your authenticator app shows now (codes change every 30 seconds), or one of your recovery ' +
    'codes.',
  wrongEnrolmentCode: 'The code is not right. Check that your phone shows the time correctly, then enter the code the app shows now.',
} as const;

const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;

/** The address to return to after signing in, carried through the steps; '/' is the default and is not carried. */
function nextInput(next: string): Renderable {
  return next === '/' ? '' : hidden('next', next);
}

function withNext(path: string, next: string): string {
  return next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`;
}

export interface SignInView {
  csrf: string;
  next: string;
  email?: string | undefined;
  errors?: FieldErrors;
  notice?: string | undefined;
  actor: Actor;
}

export function signInPage(v: SignInView): SafeHtml {
  const errors = v.errors ?? {};
  const body = html`<h1>Sign in</h1>
${notice(v.notice)}
${errorSummary(errors)}
${form(
  '/sign-in',
  v.csrf,
  html`${nextInput(v.next)}
${field({
  name: 'email',
  label: 'E-mail address',
  type: 'email',
  value: v.email,
  error: errors.email,
  autocomplete: 'username',
  required: true,
  maxlength: EMAIL_MAX_LENGTH,
})}
${field({
  name: 'password',
  label: 'Password',
  type: 'password',
  error: errors.password,
  autocomplete: 'current-password',
  required: true,
})}
${submit('Sign in')}`,
  { label: 'Sign in' },
)}
<p><a href="/password/forgot">I have forgotten my password</a></p>
<p>No account yet? Your mission’s access focal point can invite you; the focal points themselves are invited by the help desk.</p>`;
  return page({ title: 'Sign in', body, actor: v.actor });
}

export interface MfaView {
  csrf: string;
  next: string;
  recovery: boolean;
  error?: string | undefined;
  actor: Actor;
}

export function mfaPage(v: MfaView): SafeHtml {
  const errors: FieldErrors = v.error ? { code: v.error } : {};
  const codeField = v.recovery
    ? field({
        name: 'code',
        label: 'Recovery code',
        hint: 'One of the codes you kept when you set up two-step verification, for example k7mqp-x3fh9. Each works once.',
        error: errors.code,
        autocomplete: 'off',
        required: true,
        maxlength: 40,
      })
    : field({
        name: 'code',
        label: 'Code from your authenticator app',
        hint: 'The 6 digits the app shows for Rostrum now.',
        error: errors.code,
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        required: true,
        maxlength: 40,
      });
  const other = v.recovery
    ? html`<p><a href="${withNext('/sign-in/mfa', v.next)}">Use a code from the authenticator app instead</a></p>`
    : html`<p>No access to your phone? <a href="${
        v.next === '/' ? '/sign-in/mfa?recovery=1' : `/sign-in/mfa?recovery=1&next=${encodeURIComponent(v.next)}`
      }">Use a recovery code</a>. If you have none left, contact the help desk.</p>`;
  const body = html`<h1>Two-step verification</h1>
<p>Your password was right. To finish signing in, give the second step.</p>
${errorSummary(errors)}
${form('/sign-in/mfa', v.csrf, html`${nextInput(v.next)}${codeField}${submit('Continue')}`, { label: 'Two-step verification' })}
${other}
<p><a href="/sign-out">Cancel and sign out</a></p>`;
  return page({ title: 'Two-step verification', body, actor: v.actor });
}

export interface EnrolView {
  csrf: string;
  /** Where the form posts: /sign-in/enrol-mfa while signing in, /account/mfa from the account page. */
  action: string;
  next: string;
  offer: EnrolmentOffer;
  email: string;
  /** Signing in with a role that requires it, or choosing it from the account page. */
  required: boolean;
  error?: string | undefined;
  actor: Actor;
}

export function enrolPage(v: EnrolView): SafeHtml {
  const errors: FieldErrors = v.error ? { code: v.error } : {};
  const body = html`<h1>Set up two-step verification</h1>
${
  v.required
    ? html`<p>Your role requires a second step when you sign in: a code from an authenticator app on your phone, as well as your password. Set it up now; it takes a minute.</p>`
    : html`<p>With two-step verification, signing in needs a code from an authenticator app on your phone as well as your password, so a stolen password alone is not enough.</p>`
}
${errorSummary(errors)}
<ol class="numbered">
  <li>Install an authenticator app on your phone, if you have none: any app for time-based one-time codes (TOTP) will do.</li>
  <li>In the app, add an account by scanning this QR code:
    <p><img src="${v.offer.qrDataUrl}" width="200" height="200" alt="QR code that adds your Rostrum account to an authenticator app"></p>
    <p>Or <a href="${v.offer.uri}">open the setup link</a> on the phone, or type this key into the app (time-based, account ${v.email}):</p>
    <p class="secret" id="secret">${formatSecret(v.offer.secret)}</p>
  </li>
  <li>Enter the 6-digit code the app now shows for Rostrum.
${form(
  v.action,
  v.csrf,
  html`${nextInput(v.next)}
${field({
  name: 'code',
  label: 'Code from the app',
  error: errors.code,
  autocomplete: 'one-time-code',
  inputmode: 'numeric',
  required: true,
  maxlength: 40,
})}
${submit('Confirm')}`,
  { label: 'Confirm two-step verification' },
)}
  </li>
</ol>
${v.required ? html`<p><a href="/sign-out">Cancel and sign out</a></p>` : html`<p><a href="/account">Back to your account</a></p>`}`;
  return page({ title: 'Set up two-step verification', body, actor: v.actor });
}

/** Where the codes just shown are downloaded: the page posts them back, and they are checked to be the current set. */
export const RECOVERY_CODES_DOWNLOAD = '/account/mfa/recovery-codes/download';

export function recoveryCodesPage(o: {
  codes: string[];
  heading: string;
  intro: string;
  continueHref: string;
  continueLabel: string;
  actor: Actor;
  csrf: string;
}): SafeHtml {
  const body = html`<h1>${o.heading}</h1>
${notice(o.intro)}
<h2 id="codes">Your recovery codes</h2>
<p>If you lose your phone, each of these codes lets you sign in once instead of a code from the app. <strong>They are shown only now.</strong> Download or print them, or keep them in a password manager, away from your phone. Making new codes later cancels these.</p>
<ul class="code-list" aria-labelledby="codes">${o.codes.map((c) => html`<li>${c}</li>`)}</ul>
<div class="actions no-print">
${form(
  RECOVERY_CODES_DOWNLOAD,
  o.csrf,
  html`<input type="hidden" name="codes" value="${o.codes.join(' ')}">${submit('Download as a text file', { secondary: true })}`,
  { label: 'Download the recovery codes', className: 'inline' },
)}
<button type="button" class="button secondary" data-print hidden>Print the codes</button>
</div>
<p class="no-print"><a class="button" href="${o.continueHref}">${o.continueLabel}</a></p>`;
  return page({ title: o.heading, body, actor: o.actor });
}

/** The text file of the recovery codes: who they are for and when they were made, then one code a line. */
export function recoveryCodesText(o: { codes: readonly string[]; email: string; name: string; madeAt: string }): string {
  return [
    'Rostrum recovery codes',
    `Account: ${o.name} <${o.email}>`,
    `Downloaded: ${o.madeAt}`,
    '',
    'Each code lets you sign in once instead of a code from your authenticator app.',
    'Keep this file away from your phone. Making new codes cancels these.',
    '',
    ...o.codes,
    '',
  ].join('\n');
}

export function signOutPage(o: { csrf: string; actor: Actor }): SafeHtml {
  const signedIn = o.actor.kind !== 'anonymous';
  const body = signedIn
    ? html`<h1>Sign out</h1>
<p>Signing out ends this session on this browser. Sessions on other devices go on.</p>
${form('/sign-out', o.csrf, submit('Sign out'), { label: 'Sign out' })}`
    : html`<h1>You are not signed in</h1>
<p><a href="/sign-in">Sign in</a> or <a href="/">go to the list of debates</a>.</p>`;
  return page({ title: 'Sign out', body, actor: o.actor });
}

const linkProblems: Record<'invitation' | 'password_reset', Record<LinkProblem, string>> = {
  invitation: {
    unknown: 'This invitation link is not valid. Check that the whole link was copied from the e-mail.',
    used: 'This invitation has already been used (or a newer one was sent). If you chose your password, sign in with it.',
    expired: 'This invitation has expired.',
  },
  password_reset: {
    unknown: 'This link to choose a new password is not valid. Check that the whole link was copied from the e-mail.',
    used: 'This link has already been used, or a newer one was sent: only the latest e-mail’s link works.',
    expired: 'This link to choose a new password has expired.',
  },
};

export function linkProblemPage(o: { purpose: 'invitation' | 'password_reset'; reason: LinkProblem; actor: Actor }): SafeHtml {
  const title = o.purpose === 'invitation' ? 'This invitation cannot be used' : 'This link cannot be used';
  const next =
    o.purpose === 'invitation'
      ? html`<p>Ask your mission’s access focal point, or the help desk, to send you a new invitation. If you already have a password, <a href="/sign-in">sign in</a>.</p>`
      : html`<p><a href="/password/forgot">Ask for a new link</a>, or contact the help desk. If you remember your password, <a href="/sign-in">sign in</a>.</p>`;
  const body = html`<div class="error-page"><h1>${title}</h1><p>${linkProblems[o.purpose][o.reason]}</p>${next}</div>`;
  return page({ title, body, actor: o.actor });
}

export interface SetPasswordView {
  purpose: 'invitation' | 'password_reset';
  csrf: string;
  action: string;
  email: string;
  name: string;
  errors?: FieldErrors;
  actor: Actor;
}

export function passwordFields(
  errors: FieldErrors,
  labels: { password: string; confirmation: string } = { password: 'New password', confirmation: 'New password again' },
): SafeHtml {
  return html`${field({
    name: 'password',
    label: labels.password,
    type: 'password',
    hint:
      `At least ${PASSWORD_MIN_LENGTH} characters (at most ${PASSWORD_MAX_LENGTH}). A few unrelated words make a strong password that ` +
      `is easy to remember.`,
    error: errors.password,
    autocomplete: 'new-password',
    required: true,
  })}
${field({
  name: 'confirmation',
  label: labels.confirmation,
  type: 'password',
  error: errors.confirmation,
  autocomplete: 'new-password',
  required: true,
})}`;
}

export function setPasswordPage(v: SetPasswordView): SafeHtml {
  const errors = v.errors ?? {};
  const invitation = v.purpose === 'invitation';
  const title = invitation ? 'Welcome to Rostrum' : 'Choose a new password';
  const body = html`<h1>${title}</h1>
${
  invitation
    ? html`<p>${v.name}, choose a password for your account. You will sign in with your e-mail address and this password.</p>`
    : html`<p>Choose a new password for your account. Once it is saved, you will be signed out everywhere and can sign in with the new one.</p>`
}
${errorSummary(errors)}
${form(
  v.action,
  v.csrf,
  html`<div class="field"><label for="username">E-mail address</label><input id="username" name="username" type="email" value="${v.email}" autocomplete="username" readonly></div>
${passwordFields(errors)}
${submit(invitation ? 'Save my password and sign in' : 'Save the new password')}`,
  { label: title },
)}`;
  return page({ title, body, actor: v.actor });
}

export function forgotPasswordPage(o: { csrf: string; email?: string | undefined; errors?: FieldErrors; actor: Actor }): SafeHtml {
  const errors = o.errors ?? {};
  const body = html`<h1>Forgotten password</h1>
<p>Enter the e-mail address of your account. We will send a link to choose a new password.</p>
${errorSummary(errors)}
${form(
  '/password/forgot',
  o.csrf,
  html`${field({
    name: 'email',
    label: 'E-mail address',
    type: 'email',
    value: o.email,
    error: errors.email,
    autocomplete: 'username',
    required: true,
    maxlength: EMAIL_MAX_LENGTH,
  })}
${submit('Send me a link')}`,
  { label: 'Forgotten password' },
)}
<p><a href="/sign-in">Back to signing in</a></p>`;
  return page({ title: 'Forgotten password', body, actor: o.actor });
}

export function forgotPasswordSentPage(o: { minutes: number; actor: Actor }): SafeHtml {
  const body = html`<h1>Check your e-mail</h1>
${notice('If an account exists for this address, a link to choose a new password has been sent to it.')}
<p>The link works once, within ${o.minutes} minutes. If nothing arrives in a few minutes, check the junk mail folder, then contact the help desk. Accounts that have not accepted their invitation yet need a new invitation instead: ask your mission’s access focal point.</p>
<p><a href="/sign-in">Back to signing in</a></p>`;
  return page({ title: 'Check your e-mail', body, actor: o.actor });
}
