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

export type Policy<S = undefined> = (actor: Actor, subject: S) => boolean;

const registry = new Map<string, Policy<never>>();

/** The route marker for pages anyone may see. */
export const PUBLIC = 'public';

export function definePolicy<S = undefined>(name: string, rule: Policy<S>): string {
  invariant(/^[a-z]+(\.[a-z_-]+)+$/.test(name), `Policy names are noun.verb: ${name}`);
  invariant(!registry.has(name), `Policy ${name} is defined twice`);
  registry.set(name, rule as Policy<never>);
  return name;
}

export function isKnownPolicy(name: string): boolean {
  return name === PUBLIC || registry.has(name);
}

export function allows<S>(actor: Actor, name: string, subject?: S): boolean {
  if (name === PUBLIC) return true;
  const rule = registry.get(name) as Policy<S | undefined> | undefined;
  invariant(rule, `Unknown policy ${name}`);
  return rule(actor, subject);
}
