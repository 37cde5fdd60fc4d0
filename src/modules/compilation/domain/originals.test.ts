// Safe names and a reproducible ZIP for the original files.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { originalsZip, safeNamePart } from './originals.js';

describe('safeNamePart', () => {
  it.each([
    ['Côte d’Ivoire', 'Cote-d-Ivoire'],
    ['Iran (Islamic Republic of)', 'Iran-Islamic-Republic-of'],
    ['Türkiye', 'Turkiye'],
    ['../../etc/passwd', 'etc-passwd'],
    ['中国', 'delegation'],
  ])('%j → %j', (text, name) => expect(safeNamePart(text)).toBe(name));
});

describe('originalsZip', () => {
  const delegations = [
    { label: 'Niger', files: [{ label: 'Niger', which: 'statement' as const, extension: 'docx', bytes: new Uint8Array([1, 2, 3]) }] },
    {
      label: 'Côte d’Ivoire',
      files: [{ label: 'Côte d’Ivoire', which: 'cover-letter' as const, extension: 'pdf', bytes: new Uint8Array([4]) }],
    },
  ];

  it('numbers the files in the order given, under safe names, with their bytes', () => {
    const files = unzipSync(originalsZip(delegations));
    expect(Object.keys(files)).toEqual(['01-Niger-statement.docx', '02-Cote-d-Ivoire-cover-letter.pdf']);
    expect([...files['01-Niger-statement.docx']!]).toEqual([1, 2, 3]);
  });

  it('gives the same bytes for the same files', () => {
    expect(Buffer.from(originalsZip(delegations)).equals(Buffer.from(originalsZip(delegations)))).toBe(true);
  });
});
