import { describe, expect, it } from 'vitest';
import { LANGUAGE_NAMES, OFFICIAL_LANGUAGES, TEXT_DIRECTIONS } from './languages.js';

describe('official languages', () => {
  it('are the six, in the order of their English names, Arabic right to left', () => {
    expect(OFFICIAL_LANGUAGES).toEqual(['ar', 'zh', 'en', 'fr', 'ru', 'es']);
    expect(OFFICIAL_LANGUAGES.map((l) => LANGUAGE_NAMES[l])).toEqual(['Arabic', 'Chinese', 'English', 'French', 'Russian', 'Spanish']);
    expect(OFFICIAL_LANGUAGES.filter((l) => TEXT_DIRECTIONS[l] === 'rtl')).toEqual(['ar']);
  });
});
