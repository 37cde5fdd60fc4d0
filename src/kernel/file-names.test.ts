import { describe, expect, it } from 'vitest';
import { BIDI_CONTROLS, safeFileName } from './file-names.js';

describe('safeFileName', () => {
  it.each([
    ['a plain name', 'statement.docx', 'statement.docx'],
    ['a right-to-left override posing as another extension', 'invoice\u202Excod.docx', 'invoicexcod.docx'],
    ['a left-to-right embedding', '\u202Astatement.docx', 'statement.docx'],
    ['a right-to-left embedding', 'a\u202Bb.docx', 'ab.docx'],
    ['a pop directional formatting', 'a\u202Cb.docx', 'ab.docx'],
    ['a left-to-right override', 'a\u202Db.docx', 'ab.docx'],
    ['a left-to-right isolate', 'a\u2066b.docx', 'ab.docx'],
    ['a right-to-left isolate', 'letter\u2067fdp.exe', 'letterfdp.exe'],
    ['a first-strong isolate', 'a\u2068b.docx', 'ab.docx'],
    ['a pop directional isolate', 'a\u2069b.docx', 'ab.docx'],
    ['a left-to-right mark', '\u200Ea.docx', 'a.docx'],
    ['a right-to-left mark', 'a\u200F.docx', 'a.docx'],
    ['an Arabic letter mark', 'بيان\u061C.docx', 'بيان.docx'],
    ['every one of them at once', '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C', 'document'],
    ['Arabic text without controls, kept', 'بيان المندوب.docx', 'بيان المندوب.docx'],
    ['control characters', 'a\u0000b\u001f\u007fc.docx', 'abc.docx'],
    ['a Windows path', 'C:\\Users\\jdoe\\statement.docx', 'statement.docx'],
    ['a path with a control hidden in a folder', '../\u202E/x.docx', 'x.docx'],
    ['nothing left', '  \u202E  ', 'document'],
  ])('%s', (_label, name, expected) => {
    expect(safeFileName(name)).toBe(expected);
    expect(safeFileName(name)).not.toMatch(new RegExp(BIDI_CONTROLS.source));
  });

  it('cuts a long name and takes another fallback when asked', () => {
    expect(safeFileName('a'.repeat(300))).toHaveLength(200);
    expect(safeFileName('a'.repeat(300), { maxLength: 255 })).toHaveLength(255);
    expect(safeFileName('\u202E', { fallback: 'S-2021-90.docx' })).toBe('S-2021-90.docx');
  });
});
