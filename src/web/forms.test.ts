import { describe, expect, it } from 'vitest';
import { noticeFor } from './forms.js';

describe('noticeFor', () => {
  const notices = { granted: 'Access was given.' };
  it.each([
    ['granted', 'Access was given.'],
    ['unknown', undefined],
    ['toString', undefined],
    ['constructor', undefined],
    [undefined, undefined],
    [['granted'], undefined],
  ])('?done=%j gives %j', (done, expected) => {
    expect(noticeFor(done, notices)).toBe(expected);
  });
});
