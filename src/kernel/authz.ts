// Named policies. Every route declares one (or says it is public); the web shell refuses to start with a
// route that declares none. A policy is a pure function of the actor and, where there is one, the subject.
import { invariant } from './invariant.js';

export type StaffRole = 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate';

/**
 * Who is asking. `pending`: the password was right but the second factor is still to give (or to enrol);
 * such an actor may only finish signing in. `account`: signed in, through a browser session or an API token.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'pending'; accountId: string; sessionId: string; stage: 'mfa' | 'enrol_mfa' }
  | {
      kind: 'account';
      id: string;
      role: StaffRole;
      /** The mission's code; null for help desk and Secretariat staff. */
      organisation: string | null;
      /** Platform modules the mission's focal point has opened to this person (e.g. 'statements'). */
      modules: readonly string[];
      /** The account's display name as it was when the request began: how audit entries and receipts name it. */
      name?: string;
      via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string; scopes: readonly string[] };
    };

export type AccountActor = Extract<Actor, { kind: 'account' }>;

/** Who is acting: the signed-in actor (role and mission, read live by the session) and the name the audit log shows. */
export interface Acting {
  actor: AccountActor;
  label: string;
}

export const anonymous: Actor = { kind: 'anonymous' };

/** A rule: a pure function of the actor and, where the policy has one, its subject. */
export type Rule<S> = (actor: Actor, subject: S) => boolean;

/**
 * A named policy: the handle `definePolicy` returns, typed by its subject, so the compiler checks that
 * `allows(actor, DEBATE_PREPARE, { presidingState })` is given the subject the rule expects (and none where it takes none).
 */
export interface Policy<S = undefined> {
  readonly name: string;
  readonly rule: Rule<S>;
}

/** Any policy, whatever its subject: what a route's configuration holds. */
export type AnyPolicy = Policy<never>;

const registry = new Map<string, AnyPolicy>();

/** The route marker for pages anyone may see. */
export const PUBLIC: Policy = { name: 'public', rule: () => true };

export function definePolicy<S = undefined>(name: string, rule: Rule<S>): Policy<S> {
  invariant(/^[a-z]+(\.[a-z_-]+)+$/.test(name), `Policy names are noun.verb: ${name}`);
  invariant(!registry.has(name), `Policy ${name} is defined twice`);
  const policy: Policy<S> = Object.freeze({ name, rule });
  registry.set(name, policy as AnyPolicy);
  return policy;
}

/** Whether `policy` is PUBLIC or a handle made by `definePolicy` (not a look-alike object). */
export function isKnownPolicy(policy: AnyPolicy): boolean {
  return policy === PUBLIC || registry.get(policy.name) === policy;
}

export function allows(actor: Actor, policy: Policy): boolean;
export function allows<S>(actor: Actor, policy: Policy<S>, subject: S): boolean;
export function allows<S>(actor: Actor, policy: Policy<S>, subject?: S): boolean {
  if (policy === (PUBLIC as unknown)) return true;
  return policy.rule(actor, subject as S);
}

/** The policy registered under `name` (for tables of cases that name policies; routes hold the handles). */
export function policyNamed(name: string): AnyPolicy {
  const policy = name === PUBLIC.name ? PUBLIC : registry.get(name);
  invariant(policy, `Unknown policy ${name}`);
  return policy;
}
