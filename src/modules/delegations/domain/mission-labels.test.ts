import { describe, expect, it } from 'vitest';
import { missionLabel, sortMissions } from './mission-labels.js';

describe('mission labels and order', () => {
  it('names States by their UNTERM short name and entities by their name', () => {
    expect(missionLabel({ code: 'NER', organisation_name: 'Niger' })).toEqual({ label: 'Niger (the)', sortKey: 'Niger' });
    expect(missionLabel({ code: 'eu', organisation_name: 'European Union' })).toEqual({ label: 'European Union', sortKey: 'European Union' });
  });

  it('sorts by sort key, so Bolivia sorts under B and the Niger under N', () => {
    const sorted = sortMissions([
      { code: 'NER', organisation_name: 'Niger' },
      { code: 'BOL', organisation_name: 'Plurinational State of Bolivia' },
      { code: 'eu', organisation_name: 'European Union' },
      { code: 'CIV', organisation_name: 'Côte d’Ivoire' },
      { code: 'CRI', organisation_name: 'Costa Rica' },
    ]);
    expect(sorted.map((m) => m.code)).toEqual(['BOL', 'CRI', 'CIV', 'eu', 'NER']);
  });
});
