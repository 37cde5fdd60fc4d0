// Named policies. Every route declares one (or says it is public); the web shell refuses to start with a
// route that declares none. A policy is a pure function of the actor and, where there is one, the subject.

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'account'; id: string; role: 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate'; organisation: string | null };

export const anonymous: Actor = { kind: 'anonymous' };

export type Policy<S = undefined> = (actor: Actor, subject: S) => boolean;

const registry = new Map<string, Policy<never>>();

/** The route marker for pages anyone may see. */
export const PUBLIC = 'public';

export function definePolicy<S = undefined>(name: string, rule: Policy<S>): string {
  if (!/^[a-z]+(\.[a-z_-]+)+$/.test(name)) throw new Error(`Policy names are noun.verb: ${name}`);
  if (registry.has(name)) throw new Error(`Policy ${name} is defined twice`);
  registry.set(name, rule as Policy<never>);
  return name;
}

export function isKnownPolicy(name: string): boolean {
  return name === PUBLIC || registry.has(name);
}

export function allows<S>(actor: Actor, name: string, subject?: S): boolean {
  if (name === PUBLIC) return true;
  const rule = registry.get(name) as Policy<S | undefined> | undefined;
  if (!rule) throw new Error(`Unknown policy ${name}`);
  return rule(actor, subject);
}
