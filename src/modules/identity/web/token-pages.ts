// The Access tokens page: the person's tokens (name, scopes, dates, status, a revoke button for each active
// one), the form to create one, and, right after creating it, the token itself, shown this once.
import type { AccountActor } from '../../../kernel/authz.js';
import { formatDate, formatTime } from '../../../kernel/dates.js';
import { errorSummary, field, form, notice, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import { API_TOKEN_DAYS, apiScopes, isActiveToken, MAX_ACTIVE_API_TOKENS, type ApiScope, type ApiTokenSummary } from '../api-tokens.js';
import type { CreatedApiToken } from '../commands/create-api-token.js';

export interface TokenFormValues {
  name: string;
  scopes: readonly string[];
  expiresInDays: string;
}

export interface TokensPageModel {
  actor: AccountActor;
  csrfToken: string;
  now: Date;
  tokens: readonly ApiTokenSummary[];
  /** The scopes this person's role may give a token. */
  allowedScopes: readonly ApiScope[];
  values?: TokenFormValues;
  errors?: FieldErrors;
  /** Just created: shown once, then never again. */
  created?: CreatedApiToken;
  notice?: string;
}

export const defaultTokenForm: TokenFormValues = { name: '', scopes: [], expiresInDays: String(API_TOKEN_DAYS.default) };

/** "24 May 2021" in UTC: tokens belong to a person, not to a duty station. */
function day(at: Date): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${formatDate(at, 'UTC')}</time>`;
}

function dayAndTime(at: Date): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${formatDate(at, 'UTC')}, ${formatTime(at, 'UTC')} UTC</time>`;
}

function status(t: ApiTokenSummary, now: Date): SafeHtml {
  if (t.revokedAt !== null) return html`Revoked on ${day(t.revokedAt)}`;
  if (!isActiveToken(t, now)) return html`Expired`;
  return html`Active`;
}

function tokenTable(model: TokensPageModel): SafeHtml {
  if (model.tokens.length === 0) return html`<p>You have no access tokens.</p>`;
  return dataTable({
    labelledBy: 'your-tokens',
    columns: ['Name', 'Scopes', 'Created', 'Expires', 'Last used', 'Status', 'Actions'],
    rowHeader: true,
    rows: model.tokens.map((t) => [
      t.name,
      html`${t.scopes.map((s, i) => html`${i > 0 ? ', ' : ''}<code>${s}</code>`)}`,
      day(t.createdAt),
      day(t.expiresAt),
      t.lastUsedAt ? dayAndTime(t.lastUsedAt) : 'Never',
      status(t, model.now),
      isActiveToken(t, model.now)
        ? form(
            `/account/tokens/${t.id}/revoke`,
            model.csrfToken,
            html`<button type="submit" class="link-button" aria-label="Revoke the token ${t.name}">Revoke</button>`,
            { className: 'inline-form' },
          )
        : '',
    ]),
  });
}

function scopeChoices(model: TokensPageModel, values: TokenFormValues, error: string | undefined): SafeHtml {
  const describedBy = ['scopes-hint', error ? 'scopes-error' : ''].filter(Boolean).join(' ');
  return html`<fieldset class="scopes${error ? ' field-error' : ''}" aria-describedby="${describedBy}">
  <legend>Scopes</legend>
  <p class="hint" id="scopes-hint">What programs using this token may do. Choose only what they need.</p>
  ${error ? html`<p class="error-message" id="scopes-error">${error}</p>` : ''}
  ${model.allowedScopes.map((scope, i) => {
    const id = i === 0 ? 'scopes' : `scopes-${i}`;
    return html`<div class="checkbox">
    <input type="checkbox" id="${id}" name="scopes" value="${scope}" aria-describedby="scope-hint-${i}"${
      values.scopes.includes(scope) ? html` checked` : ''
    }>
    <label for="${id}"><code>${scope}</code></label>
    <p class="hint" id="scope-hint-${i}">${apiScopes[scope].description}</p>
  </div>`;
  })}
</fieldset>`;
}

function createForm(model: TokensPageModel): SafeHtml {
  const active = model.tokens.filter((t) => isActiveToken(t, model.now)).length;
  if (active >= MAX_ACTIVE_API_TOKENS) {
    return html`<p>You hold ${MAX_ACTIVE_API_TOKENS} active tokens, the most one person may have. Revoke one you no longer use to create another.</p>`;
  }
  const values = model.values ?? defaultTokenForm;
  const errors = model.errors ?? {};
  return form(
    '/account/tokens',
    model.csrfToken,
    html`${field({
      name: 'name',
      label: 'Name',
      value: values.name,
      error: errors.name,
      hint: 'To recognise the token later, such as the program that will use it.',
      required: true,
      maxlength: 100,
      autocomplete: 'off',
    })}
${scopeChoices(model, values, errors.scopes)}
${field({
  name: 'expiresInDays',
  label: 'Expires after (days)',
  value: values.expiresInDays,
  error: errors.expiresInDays,
  hint: `From ${API_TOKEN_DAYS.min} to ${API_TOKEN_DAYS.max} days. When it expires, create a new one.`,
  inputmode: 'numeric',
  pattern: '[0-9]*',
  maxlength: 3,
  required: true,
})}
${submit('Create token')}`,
    { label: 'Create an access token' },
  );
}

function createdPanel(created: CreatedApiToken): SafeHtml {
  return html`<section class="notice" role="status" aria-labelledby="new-token-title">
  <h2 id="new-token-title">Your new token</h2>
  <p>Copy it now and keep it somewhere safe, as you would a password. It will not be shown again; if you lose it, revoke it and create another.</p>
  <p class="secret" id="new-token">${created.token}</p>
  <p>Name: ${created.name}. Scopes: ${created.scopes.join(', ')}. It expires on ${day(created.expiresAt)}.</p>
</section>`;
}

export function tokensPage(model: TokensPageModel): SafeHtml {
  const body = html`
<p class="eyebrow"><a href="/account">My account</a></p>
<h1>Access tokens</h1>
${errorSummary(model.errors ?? {})}
${notice(model.notice)}
${model.created ? createdPanel(model.created) : ''}
<p>A personal access token lets a program use Rostrum’s API (<a href="/api/openapi.json">its description</a>) as you, within the scopes you choose, until it expires or you revoke it. Treat it as you would your password: anyone who has it can do what it allows.</p>
<h2 id="your-tokens">Your tokens</h2>
${tokenTable(model)}
<h2>Create a token</h2>
${createForm(model)}`;
  return page({
    title: model.errors && Object.keys(model.errors).length > 0 ? 'Error: Access tokens' : 'Access tokens',
    body,
    actor: model.actor,
  });
}
