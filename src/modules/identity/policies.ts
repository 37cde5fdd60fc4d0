// Who may use the sign-in and account pages. The sign-in, sign-out, invitation and password-reset pages are
// public (the PUBLIC marker): a visitor who is not signed in must reach them.
import { definePolicy, type Actor } from '../../kernel/authz.js';

/** The second step of signing in: a correct password, a code still to give. */
export const COMPLETE_MFA = definePolicy('session.complete_mfa', (actor: Actor) => actor.kind === 'pending' && actor.stage === 'mfa');

/** A correct password, from a role that requires two-step verification not yet set up. */
export const ENROL_MFA = definePolicy('session.enrol_mfa', (actor: Actor) => actor.kind === 'pending' && actor.stage === 'enrol_mfa');

/** One's own account page: signed in through the browser (an API token cannot change passwords or sessions). */
export const MANAGE_OWN_ACCOUNT = definePolicy(
  'account.manage_own',
  (actor: Actor) => actor.kind === 'account' && actor.via.kind === 'session',
);

/**
 * Tokens are made and revoked from a browser session only: a token must not be able to mint more tokens, or a
 * leaked token would outlive its own revocation.
 */
export const MANAGE_OWN_TOKENS = definePolicy(
  'tokens.manage_own',
  (actor: Actor) => actor.kind === 'account' && actor.via.kind === 'session',
);
