// Who may read a debate's statements, as a table: every kind of actor against a statement that is private (before the
// compilation is issued, or left out of it) and one that is published. The debate meets on 24 May 2021, when China
// presides the Council; the statement is Brazil's. A cell not listed as allowed must be refused. The presidency is
// the presiding mission's staff with the presidency module, not its whole staff.
import { describe, expect, it } from 'vitest';
import { allows, anonymous, type Actor } from '../../kernel/authz.js';
import { presidencyOn, referenceCouncilData } from '../meetings/index.js';
import { STATEMENTS_OVERSEE, STATEMENTS_READ, STATEMENTS_REVIEW, STATEMENTS_SUBMIT, type StatementSubject } from './policies.js';

type Role = 'helpdesk' | 'secretariat' | 'focal_point' | 'delegate';
const account = (role: Role, organisation: string | null, modules: string[] = []): Actor => ({
  kind: 'account',
  id: '11111111-1111-4111-8111-111111111111',
  role,
  organisation,
  modules,
  via: { kind: 'session', sessionId: 's' },
});

const actors: Record<string, Actor> = {
  anonymous,
  'pending (code to give)': { kind: 'pending', accountId: 'a', sessionId: 's', stage: 'mfa' },
  'help desk': account('helpdesk', null),
  Secretariat: account('secretariat', null),
  'delegate of BRA with statements': account('delegate', 'BRA', ['statements']),
  'delegate of BRA without statements': account('delegate', 'BRA'),
  'focal point of BRA with statements': account('focal_point', 'BRA', ['statements']),
  'focal point of BRA without statements': account('focal_point', 'BRA'),
  'delegate of ARG with statements': account('delegate', 'ARG', ['statements']),
  'focal point of ARG': account('focal_point', 'ARG', ['statements']),
  'delegate of CHN (presidency in May 2021)': account('delegate', 'CHN', ['presidency']),
  'focal point of CHN (presidency in May 2021)': account('focal_point', 'CHN', ['presidency']),
  // On the presiding mission's staff, but not given the presidency module by its focal point.
  'delegate of CHN without presidency access': account('delegate', 'CHN', ['statements']),
  'delegate of EST (presidency in June 2021)': account('delegate', 'EST', ['statements', 'presidency']),
  'help desk with a mission (inconsistent)': account('helpdesk', 'BRA', ['statements']),
};

const council = referenceCouncilData();
/** The State presiding on a meeting day, as the handlers give it to the policies from the Council data. */
const presidingOn = (day: string): string | null => presidencyOn(council, day) ?? null;
const MAY = presidingOn('2021-05-24');
const JUNE = presidingOn('2021-06-15');
const privateStatement: StatementSubject = { presidingState: MAY, delegation: 'BRA', published: false };
const publishedStatement: StatementSubject = { presidingState: MAY, delegation: 'BRA', published: true };

const PRIVATE_READERS = [
  'Secretariat',
  'delegate of BRA with statements',
  'focal point of BRA with statements',
  'delegate of CHN (presidency in May 2021)',
  'focal point of CHN (presidency in May 2021)',
];

describe('STATEMENTS_READ', () => {
  it.each(Object.keys(actors))('%s: a private statement only for the Secretariat, the presidency and its own mission', (name) => {
    expect(allows(actors[name]!, STATEMENTS_READ, privateStatement)).toBe(PRIVATE_READERS.includes(name));
  });

  it.each(Object.keys(actors))('%s: a statement of the issued compilation for everybody', (name) => {
    expect(allows(actors[name]!, STATEMENTS_READ, publishedStatement)).toBe(true);
  });

  it.each([
    [
      'the presidency of June for a May debate',
      actors['delegate of EST (presidency in June 2021)']!,
      { presidingState: MAY, delegation: 'BRA', published: false },
      false,
    ],
    [
      'the presidency of June for a June debate',
      actors['delegate of EST (presidency in June 2021)']!,
      { presidingState: JUNE, delegation: 'BRA', published: false },
      true,
    ],
    [
      'China for a June debate',
      actors['delegate of CHN (presidency in May 2021)']!,
      { presidingState: JUNE, delegation: 'BRA', published: false },
      false,
    ],
    [
      'Argentina for its own statement',
      actors['delegate of ARG with statements']!,
      { presidingState: MAY, delegation: 'ARG', published: false },
      true,
    ],
    [
      'Brazil for Argentina’s statement',
      actors['delegate of BRA with statements']!,
      { presidingState: MAY, delegation: 'ARG', published: false },
      false,
    ],
    [
      'Brazil for Argentina’s published statement',
      actors['delegate of BRA with statements']!,
      { presidingState: MAY, delegation: 'ARG', published: true },
      true,
    ],
  ] as const)('%s', (_label, actor, subject, expected) => {
    expect(allows(actor, STATEMENTS_READ, subject)).toBe(expected);
  });

  it('refuses a statement of no delegation, even published', () => {
    expect(allows(actors.Secretariat!, STATEMENTS_READ, { presidingState: MAY, delegation: '', published: true })).toBe(false);
  });
});

describe('STATEMENTS_OVERSEE', () => {
  const OVERSEERS = ['Secretariat', 'delegate of CHN (presidency in May 2021)', 'focal point of CHN (presidency in May 2021)'];
  it.each(Object.keys(actors))(
    '%s: every statement of a May 2021 debate, read-only, only for the Secretariat and the presidency',
    (name) => {
      expect(allows(actors[name]!, STATEMENTS_OVERSEE, { presidingState: MAY })).toBe(OVERSEERS.includes(name));
    },
  );

  it('gives the presidency nothing to decide: reviewing and submitting stay as they were', () => {
    expect(allows(actors['delegate of CHN (presidency in May 2021)']!, STATEMENTS_REVIEW)).toBe(false);
    expect(allows(actors['delegate of CHN (presidency in May 2021)']!, STATEMENTS_SUBMIT)).toBe(false);
  });
});
