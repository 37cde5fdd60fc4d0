import { describe, expect, it } from 'vitest';
import { missionLabel, sortMissions } from './mission-labels.js';

describe('mission labels and order', () => {
  it.each([
    ['NER', 'Niger', 'Niger'],
    ['NLD', 'Netherlands', 'Netherlands'],
    ['GMB', 'Gambia', 'Gambia'],
    ['BOL', 'Bolivia', 'Bolivia (Plurinational State of)'],
    ['FRA', 'France', 'France'],
    ['eu', 'European Union', 'European Union'],
  ])('names %s “%s” in lists without UNTERM’s trailing article: %s', (code, name, label) => {
    expect(missionLabel({ code, organisation_name: name }).label).toBe(label);
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
