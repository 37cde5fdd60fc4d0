import { describe, expect, it } from 'vitest';
import { auditActions } from '../../../kernel/audit.js';
import { describedActions, describeEntry } from './mission-labels.js';

describe('the mission audit trail in plain words', () => {
  it('has words for every audit action that names a mission', () => {
    const withMission = Object.entries(auditActions)
      .filter(([, schema]) => 'shape' in schema && 'mission' in (schema.shape as Record<string, unknown>))
      .map(([action]) => action);
    expect(withMission.length).toBeGreaterThan(10);
    expect(withMission.filter((a) => !describedActions.has(a))).toEqual([]);
  });

  it('names the subject when known, and falls back to the code for an action without words', () => {
    const entry = {
      seq: 1,
      occurredAt: new Date(),
      actorId: null,
      actorLabel: 'x',
      action: 'module.granted',
      subjectType: 'account',
      subjectId: 'a1',
      data: {},
    };
    expect(describeEntry(entry, new Map([['a1', 'Maria Silva']]))).toBe('Gave Maria Silva access to statements');
    expect(describeEntry(entry, new Map())).toBe('Gave an account access to statements');
    expect(describeEntry({ ...entry, action: 'something.new' }, new Map())).toBe('something.new');
  });
});
