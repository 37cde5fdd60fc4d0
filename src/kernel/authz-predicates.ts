// The shared pieces of the policies' rules: who the actor is, in the words the policies use. Each module's
// `policies.ts` composes its named rules from these, so "the Secretariat" or "a mission's staff holding a module"
// means the same thing everywhere.
import type { AccountActor, Actor, Rule } from './authz.js';

/** Signed in (through a browser session or an API token), past the second step. */
export function isSignedIn(actor: Actor): actor is AccountActor {
  return actor.kind === 'account';
}

/** Secretariat staff. */
export function isSecretariat(actor: Actor): boolean {
  return isSignedIn(actor) && actor.role === 'secretariat';
}

/** Help desk staff (who belong to no mission). */
export function isHelpdesk(actor: Actor): boolean {
  return isSignedIn(actor) && actor.role === 'helpdesk' && actor.organisation === null;
}

/** A mission's people (its delegates and focal points); of the mission `code` when one is given. */
export function isMissionStaff(actor: Actor, code?: string): actor is AccountActor & { organisation: string } {
  return (
    isSignedIn(actor) &&
    actor.organisation !== null &&
    (actor.role === 'delegate' || actor.role === 'focal_point') &&
    (code === undefined || actor.organisation === code)
  );
}

/** A focal point whose own mission is `mission` (a non-empty code). */
export function isFocalPointOf(actor: Actor, mission: string | undefined): boolean {
  return (
    isSignedIn(actor) &&
    actor.role === 'focal_point' &&
    actor.organisation !== null &&
    mission !== undefined &&
    mission !== '' &&
    actor.organisation === mission
  );
}

/** One of a mission's people to whom its focal point has given the platform module `module` (e.g. 'statements'). */
export function holdsModule(actor: Actor, module: string): boolean {
  return isMissionStaff(actor) && actor.modules.includes(module);
}

/** Every rule holds. */
export function and<S>(...rules: Array<Rule<S>>): Rule<S> {
  return (actor, subject) => rules.every((rule) => rule(actor, subject));
}

/** Some rule holds. */
export function or<S>(...rules: Array<Rule<S>>): Rule<S> {
  return (actor, subject) => rules.some((rule) => rule(actor, subject));
}
