import { describe, expect, it } from 'vitest';
import {
  capitalizeArticle,
  compareSortKeys,
  entityNameForms,
  headingOf,
  joinList,
  nameForms,
  parseShortName,
  runningTextOf,
  sortKeyOf,
} from './name-forms.js';

describe('nameForms', () => {
  it.each([
    // short name (UNTERM English) | sort key | running text | heading
    ['France', 'France', 'France', 'France'],
    ['Iran (Islamic Republic of)', 'Iran (Islamic Republic of)', 'the Islamic Republic of Iran', 'Iran (Islamic Republic of)'],
    [
      'Bolivia (Plurinational State of)',
      'Bolivia (Plurinational State of)',
      'the Plurinational State of Bolivia',
      'Bolivia (Plurinational State of)',
    ],
    [
      'Venezuela (Bolivarian Republic of)',
      'Venezuela (Bolivarian Republic of)',
      'the Bolivarian Republic of Venezuela',
      'Venezuela (Bolivarian Republic of)',
    ],
    [
      'Micronesia (Federated States of)',
      'Micronesia (Federated States of)',
      'the Federated States of Micronesia',
      'Micronesia (Federated States of)',
    ],
    ['Niger (the)', 'Niger', 'the Niger', 'the Niger'],
    ['Netherlands (the)', 'Netherlands', 'the Netherlands', 'the Netherlands'],
    // UNTERM's form since 2023; not (yet) in states.csv.
    ['Netherlands (Kingdom of the)', 'Netherlands (Kingdom of the)', 'the Kingdom of the Netherlands', 'Netherlands (Kingdom of the)'],
    ['Gambia (the)', 'Gambia', 'the Gambia', 'the Gambia'],
    ['Philippines (the)', 'Philippines', 'the Philippines', 'the Philippines'],
    [
      'United Kingdom of Great Britain and Northern Ireland (the)',
      'United Kingdom of Great Britain and Northern Ireland',
      'the United Kingdom of Great Britain and Northern Ireland',
      'the United Kingdom of Great Britain and Northern Ireland',
    ],
    ['United States of America (the)', 'United States of America', 'the United States of America', 'the United States of America'],
    ['Republic of Korea (the)', 'Republic of Korea', 'the Republic of Korea', 'the Republic of Korea'],
    [
      "Democratic People's Republic of Korea (the)",
      "Democratic People's Republic of Korea",
      "the Democratic People's Republic of Korea",
      "the Democratic People's Republic of Korea",
    ],
    ['Holy See (the)', 'Holy See', 'the Holy See', 'the Holy See'],
    ['State of Palestine (the)', 'State of Palestine', 'the State of Palestine', 'the State of Palestine'],
    ["Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"],
    ['Türkiye', 'Türkiye', 'Türkiye', 'Türkiye'],
    ['Congo (the)', 'Congo', 'the Congo', 'the Congo'],
    [
      'Democratic Republic of the Congo (the)',
      'Democratic Republic of the Congo',
      'the Democratic Republic of the Congo',
      'the Democratic Republic of the Congo',
    ],
    [
      "Lao People's Democratic Republic (the)",
      "Lao People's Democratic Republic",
      "the Lao People's Democratic Republic",
      "the Lao People's Democratic Republic",
    ],
    ['Republic of Moldova (the)', 'Republic of Moldova', 'the Republic of Moldova', 'the Republic of Moldova'],
    [
      'United Republic of Tanzania (the)',
      'United Republic of Tanzania',
      'the United Republic of Tanzania',
      'the United Republic of Tanzania',
    ],
    ['Syrian Arab Republic (the)', 'Syrian Arab Republic', 'the Syrian Arab Republic', 'the Syrian Arab Republic'],
    ['Russian Federation (the)', 'Russian Federation', 'the Russian Federation', 'the Russian Federation'],
    [
      'Saint Vincent and the Grenadines',
      'Saint Vincent and the Grenadines',
      'Saint Vincent and the Grenadines',
      'Saint Vincent and the Grenadines',
    ],
    ['Viet Nam', 'Viet Nam', 'Viet Nam', 'Viet Nam'],
    // Shapes not in UNTERM's English short names, handled all the same.
    ['The Gambia', 'Gambia', 'the Gambia', 'the Gambia'],
    ['Korea (the Republic of)', 'Korea (the Republic of)', 'the Republic of Korea', 'Korea (the Republic of)'],
    ['  Niger   (the) ', 'Niger', 'the Niger', 'the Niger'],
  ])('%s: sort key %s, running text %s, heading %s', (shortName, sortKey, runningText, heading) => {
    expect(nameForms(shortName)).toEqual({ sortKey, runningText, heading });
    expect(sortKeyOf(shortName)).toBe(sortKey);
    expect(runningTextOf(shortName)).toBe(runningText);
    expect(headingOf(shortName)).toBe(heading);
  });

  it('takes a short name apart', () => {
    expect(parseShortName('Niger (the)')).toEqual({ base: 'Niger', article: 'the', qualifier: null });
    expect(parseShortName('Iran (Islamic Republic of)')).toEqual({ base: 'Iran', article: null, qualifier: 'Islamic Republic of' });
    expect(parseShortName('France')).toEqual({ base: 'France', article: null, qualifier: null });
  });
});

describe('entityNameForms', () => {
  it.each([
    ['European Union', 'the' as const, { sortKey: 'European Union', runningText: 'the European Union', heading: 'the European Union' }],
    [
      'League of Arab States',
      'the' as const,
      { sortKey: 'League of Arab States', runningText: 'the League of Arab States', heading: 'the League of Arab States' },
    ],
    ['INTERPOL', null, { sortKey: 'INTERPOL', runningText: 'INTERPOL', heading: 'INTERPOL' }],
  ])('%s', (name, article, forms) => {
    expect(entityNameForms(name, article)).toEqual(forms);
  });
});

describe('compareSortKeys', () => {
  it.each([
    ['Costa Rica', "Côte d'Ivoire"],
    ["Côte d'Ivoire", 'Croatia'],
    ['Indonesia', 'Iran (Islamic Republic of)'],
    ['Iran (Islamic Republic of)', 'Iraq'],
    ['Nicaragua', 'Niger'],
    ['Niger', 'Nigeria'],
    ['Tunisia', 'Türkiye'],
    ['Türkiye', 'Turkmenistan'],
  ])('%s before %s', (a, b) => {
    expect(compareSortKeys(a, b)).toBeLessThan(0);
    expect(compareSortKeys(b, a)).toBeGreaterThan(0);
  });
});

describe('capitalizeArticle', () => {
  it.each([
    ['the Niger', 'The Niger'],
    ['the Islamic Republic of Iran', 'The Islamic Republic of Iran'],
    ['France', 'France'],
    ["Côte d'Ivoire", "Côte d'Ivoire"],
    ['theatre', 'theatre'],
    ['', ''],
  ])('%s -> %s', (text, expected) => {
    expect(capitalizeArticle(text)).toBe(expected);
  });
});

describe('joinList', () => {
  it.each([
    [[], ''],
    [['France'], 'France'],
    [['France', 'the Niger'], 'France and the Niger'],
    [['France', 'the Niger', 'the European Union'], 'France, the Niger and the European Union'],
    [['A', 'B', 'C', 'D'], 'A, B, C and D'],
  ])('%j -> %s', (items, expected) => {
    expect(joinList(items)).toBe(expected);
  });
});
