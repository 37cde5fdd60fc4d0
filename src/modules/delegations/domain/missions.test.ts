import { describe, expect, it } from 'vitest';
import { missionName, referenceMissions } from './missions.js';

describe('reference missions', () => {
  const missions = referenceMissions();
  const byCode = new Map(missions.map((m) => [m.code, m]));

  it('has one mission per State and entity, codes unique', () => {
    expect(new Set(missions.map((m) => m.code)).size).toBe(missions.length);
    expect(missions.filter((m) => m.organisation_kind === 'member_state')).toHaveLength(193);
    expect(missions.filter((m) => m.organisation_kind === 'observer_state')).toHaveLength(2);
  });

  it.each([
    ['CHN', 'Permanent Mission of China to the United Nations', null],
    ['NER', 'Permanent Mission of the Niger to the United Nations', 'the'],
    ['IRN', 'Permanent Mission of the Islamic Republic of Iran to the United Nations', 'the'],
    ['VAT', 'Permanent Observer Mission of the Holy See to the United Nations', 'the'],
    ['PSE', 'Permanent Observer Mission of the State of Palestine to the United Nations', 'the'],
    ['eu', 'Delegation of the European Union to the United Nations', 'the'],
    ['au', 'Office of the Permanent Observer for the African Union to the United Nations', 'the'],
  ])('%s is the %s', (code, name, article) => {
    expect(byCode.get(code)?.mission_name).toBe(name);
    expect(byCode.get(code)?.article).toBe(article);
  });

  it('names each kind of mission', () => {
    expect(missionName('office', 'the League of Arab States')).toBe(
      'Office of the Permanent Observer for the League of Arab States to the United Nations',
    );
  });
});
