// The speaking order as typed: renumbered 1..n, ties and blanks keeping their earlier order; positions read strictly;
// the Council on the meeting day.
import { describe, expect, it } from 'vitest';
import { referenceCouncilData } from '../../meetings/index.js';
import { councilOnDay, parsePosition, reorder } from './speaking-order.js';

const council = referenceCouncilData();

const current = [
  { id: 'a', position: 1 },
  { id: 'b', position: 2 },
  { id: 'c', position: 3 },
  { id: 'd', position: 4 },
];

describe('reorder', () => {
  it.each([
    ['nothing typed keeps the order', [], ['a', 'b', 'c', 'd']],
    [
      'the same numbers keep the order',
      [
        ['a', 1],
        ['b', 2],
        ['c', 3],
        ['d', 4],
      ],
      ['a', 'b', 'c', 'd'],
    ],
    ['one speaker moved to the front', [['d', 1]], ['a', 'd', 'b', 'c']],
    ['one speaker moved before all', [['d', 0.5]], ['d', 'a', 'b', 'c']],
    [
      'a full new order',
      [
        ['a', 4],
        ['b', 3],
        ['c', 2],
        ['d', 1],
      ],
      ['d', 'c', 'b', 'a'],
    ],
    [
      'ties keep their earlier order',
      [
        ['a', 2],
        ['b', 2],
        ['c', 1],
        ['d', 1],
      ],
      ['c', 'd', 'a', 'b'],
    ],
    [
      'numbers with gaps',
      [
        ['a', 10],
        ['b', 30],
        ['c', 20],
        ['d', 40],
      ],
      ['a', 'c', 'b', 'd'],
    ],
    ['a number past the end', [['a', 99]], ['b', 'c', 'd', 'a']],
  ] as const)('%s', (_name, typed, expected) => {
    expect(reorder(current, new Map(typed as ReadonlyArray<readonly [string, number]>))).toEqual(expected);
  });

  it('reads the current order from the positions, not the list order', () => {
    expect(
      reorder(
        [
          { id: 'x', position: 2 },
          { id: 'y', position: 1 },
        ],
        new Map(),
      ),
    ).toEqual(['y', 'x']);
  });
});

describe('parsePosition', () => {
  it.each([
    ['1', 1],
    [' 12 ', 12],
    ['999', 999],
    ['0', undefined],
    ['1000', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['two', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (text, n) => {
    expect(parsePosition(text)).toBe(n);
  });
});

describe('councilOnDay', () => {
  it('lists the fifteen members on a day the data covers', () => {
    const members = councilOnDay(council, '2021-05-24');
    expect(members).toHaveLength(15);
    expect(members).toContain('CHN');
    expect(members).toContain('NER');
    expect(members).not.toContain('BRA');
  });
  it('is null outside the data', () => {
    expect(councilOnDay(council, '2030-01-15')).toBeNull();
  });
});
