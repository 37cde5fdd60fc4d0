import { describe, expect, it } from 'vitest';
import { allEntities, ENTITY_DEFINITIONS, entityByCode } from './entities.js';

describe('entities', () => {
  it.each([
    ['eu', 'European Union', 'the European Union', 'intergovernmental_organization'],
    ['au', 'African Union', 'the African Union', 'intergovernmental_organization'],
    ['las', 'League of Arab States', 'the League of Arab States', 'intergovernmental_organization'],
    ['oic', 'Organization of Islamic Cooperation', 'the Organization of Islamic Cooperation', 'intergovernmental_organization'],
    [
      'gcc',
      'Cooperation Council for the Arab States of the Gulf',
      'the Cooperation Council for the Arab States of the Gulf',
      'intergovernmental_organization',
    ],
    ['icrc', 'International Committee of the Red Cross', 'the International Committee of the Red Cross', 'other_entity'],
    ['smom', 'Sovereign Military Order of Malta', 'the Sovereign Military Order of Malta', 'other_entity'],
  ])('%s: sorts as %s, reads %s', (code, sortKey, runningText, kind) => {
    expect(entityByCode(code)).toMatchObject({ code, name: sortKey, sortKey, runningText, heading: runningText, kind });
  });

  it('covers the organizations that submit statements most often', () => {
    for (const code of [
      'eu',
      'au',
      'las',
      'oic',
      'oif',
      'commonwealth',
      'gcc',
      'caricom',
      'ecowas',
      'oas',
      'icrc',
      'iom',
      'smom',
      'ipu',
      'ifrc',
      'osce',
      'sco',
      'csto',
      'coe',
    ]) {
      expect(entityByCode(code), code).toBeDefined();
    }
  });

  it('has unique lowercase codes and unique names', () => {
    const codes = ENTITY_DEFINITIONS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(new Set(ENTITY_DEFINITIONS.map((d) => d.name)).size).toBe(codes.length);
  });

  it('keeps articles out of names, sort keys and codes', () => {
    for (const e of allEntities()) {
      expect(e.name, e.code).not.toMatch(/^the /i);
      expect(e.sortKey, e.code).toBe(e.name);
      expect(e.runningText, e.code).toBe(e.article === null ? e.name : `${e.article} ${e.name}`);
    }
  });

  it('sorts by name without the article', () => {
    const keys = allEntities().map((e) => e.sortKey);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en')));
    expect(keys[0]).toBe('African Union');
    expect(keys.indexOf('European Union')).toBeLessThan(keys.indexOf('League of Arab States'));
  });

  it('looks codes up in any case', () => {
    expect(entityByCode('EU')?.name).toBe('European Union');
    expect(entityByCode('nato')).toBeUndefined();
  });
});
