import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { deflateSync, inflateSync, strToU8, strFromU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deflatedZeros, localRecord, rawZip, zerosEntry, type RawEntry } from '../../../test/fixtures/docx-builder.js';
import { AppError } from '../errors.js';
import { openZip, type ZipLimits } from './zip.js';

const MB = 1024 * 1024;
const small = (name: string | Uint8Array, text = 'x'): RawEntry => ({ name, data: strToU8(text) });

/** The AppError code and detail thrown by `action`, or 'no error'. */
function refusal(action: () => unknown): { code: string; detail: string } | 'no error' {
  try {
    action();
    return 'no error';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, detail: err.detail ?? '' };
  }
}

/** Reads every entry, as a reader of the archive would. */
function readAll(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): void {
  const zip = openZip(bytes, limits);
  for (const name of zip.names) zip.read(name);
}

/** Sets bits in the 16-bit field at `field` of every header with this signature. */
function patchHeaders(bytes: Uint8Array, signature: number, field: number, value: (old: number) => number): Uint8Array {
  const out = Buffer.from(bytes);
  for (let at = 0; at + 4 <= out.length; at++) {
    if (out.readUInt32LE(at) === signature) out.writeUInt16LE(value(out.readUInt16LE(at + field)), at + field);
  }
  return out;
}

describe('openZip', () => {
  it('reads the entries of an ordinary archive, stored or deflated, by name in any case', () => {
    for (const level of [0, 6] as const) {
      const zip = openZip(zipSync({ 'word/document.xml': strToU8('<doc>été</doc>'), 'media/a.bin': new Uint8Array([1, 2, 3]) }, { level }));
      expect(zip.names).toEqual(['word/document.xml', 'media/a.bin']);
      expect(zip.has('Word/Document.XML')).toBe(true);
      expect(strFromU8(zip.read('WORD/document.xml')!)).toBe('<doc>été</doc>');
      expect([...zip.read('media/a.bin')!]).toEqual([1, 2, 3]);
      expect(zip.read('word/missing.xml')).toBeUndefined();
    }
  });

  it('reads sizes and directory positions written in ZIP64 form', () => {
    const zip = openZip(rawZip([{ ...small('a.txt', 'hello'), zip64: true }, small('b.txt', 'there')], [], { zip64End: true }));
    expect(zip.names).toEqual(['a.txt', 'b.txt']);
    expect(strFromU8(zip.read('a.txt')!)).toBe('hello');
    expect(strFromU8(zip.read('b.txt')!)).toBe('there');
  });

  const unsafeNames: [string, string | Uint8Array, RegExp][] = [
    ['a parent-folder segment', '../evil', /climbs out/],
    ['a parent-folder segment inside the path', 'word/../../evil.xml', /climbs out/],
    ['an absolute path', '/abs', /absolute/],
    ['a drive letter', 'C:/x', /absolute/],
    ['a Windows path', 'C:\\x', /backslash/],
    ['a backslash', 'word\\document.xml', /backslash/],
    ['a NUL byte', new Uint8Array([0x61, 0x00, 0x62]), /NUL/],
    ['a control character', 'a\nb', /control/],
    ['an empty name', '', /empty name/],
  ];
  it.each(unsafeNames)('refuses an entry name with %s', (_label, name, detail) => {
    const result = refusal(() => openZip(rawZip([small('ok.txt'), small(name)])));
    expect(result).toMatchObject({ code: 'upload.unsafe', detail: expect.stringMatching(detail) });
  });

  it('refuses two entries with the same name, as OOXML compares names without case', () => {
    const result = refusal(() => openZip(rawZip([small('word/document.xml', 'a'), small('Word/Document.xml', 'b')])));
    expect(result).toMatchObject({ code: 'upload.unsafe', detail: expect.stringMatching(/appears twice/) });
  });

  it('refuses more entries than the limit, and accepts the limit', () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i): RawEntry => ({ ...small(`f${i}.txt`), method: 0 }));
    expect(refusal(() => openZip(rawZip(entries(2_000))))).toBe('no error');
    expect(refusal(() => openZip(rawZip(entries(2_001))))).toMatchObject({
      code: 'upload.unsafe',
      detail: expect.stringMatching(/2001 entries/),
    });
  });

  it('refuses entries that together declare more than 50 MB, before inflating any', () => {
    // Each entry is modest (64 KB compressed declaring 9 MB, under the ratio limit); six of them pass 50 MB.
    const entries = Array.from({ length: 6 }, (_, i) => ({ name: `part${i}.bin`, data: randomBytes(64 * 1024), declaredSize: 9 * MB }));
    expect(refusal(() => openZip(rawZip(entries)))).toMatchObject({
      code: 'upload.unsafe',
      detail: expect.stringMatching(/more than 52428800 bytes/),
    });
    expect(refusal(() => openZip(rawZip(entries.slice(0, 5))))).toBe('no error');
  });

  it('has a zip-bomb fixture that really inflates to the zeros it declares', () => {
    const zeros = deflatedZeros(3 * MB);
    const inflated = inflateSync(zeros.bytes);
    expect(inflated.length).toBe(3 * MB);
    expect(inflated.every((b) => b === 0)).toBe(true);
    expect(crc32(inflated)).toBe(zeros.crc);
    expect(deflatedZeros(200 * MB).bytes.length).toBeLessThan(300 * 1024);
  });

  it('refuses a zip bomb (200 MB of zeros in one entry) from its header, quickly and without inflating it', () => {
    const bomb = rawZip([zerosEntry('word/document.xml', 200 * MB)]);
    expect(bomb.length).toBeLessThan(1 * MB);
    const rssBefore = process.memoryUsage().rss;
    const result = refusal(() => readAll(bomb));
    // Refused from the header: nothing near its 200 MB was inflated (how long it takes is the benchmarks' business).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MB);
    expect(result).toMatchObject({ code: 'upload.unsafe', detail: expect.stringMatching(/ratio over 200:1/) });
  });

  it('accepts a highly compressed entry under 1 MB (a page of spaces is normal)', () => {
    expect(refusal(() => readAll(rawZip([{ name: 'a.xml', data: new Uint8Array(MB).fill(32) }])))).toBe('no error');
  });

  it('stops inflating an entry whose header understates its size, after little output', () => {
    // 64 MB of zeros whose headers claim 512 KB: the declared ratio passes, the inflated data does not.
    const liar = rawZip([{ ...zerosEntry('word/document.xml', 64 * MB), declaredSize: 512 * 1024 }]);
    const rssBefore = process.memoryUsage().rss;
    const result = refusal(() => readAll(liar));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MB);
    expect(result).toMatchObject({ code: 'upload.unsafe', detail: expect.stringMatching(/beyond the 524288 bytes/) });
  });

  it('refuses entries that share their bytes with another entry', () => {
    const inner = small('b.txt', 'inside');
    const outer: RawEntry = { name: 'a.bin', data: localRecord(inner), method: 0 };
    const result = refusal(() => openZip(rawZip([outer], [{ entry: inner, offset: 30 + 'a.bin'.length }])));
    expect(result).toMatchObject({ code: 'upload.unsafe', detail: expect.stringMatching(/overlap/) });
  });

  it('refuses an entry whose local header names another file', () => {
    const zip = Buffer.from(rawZip([small('word/document.xml')]));
    zip[30] = 'W'.charCodeAt(0); // the local header's copy of the name only
    expect(refusal(() => openZip(zip))).toMatchObject({ code: 'upload.unsafe', detail: expect.stringMatching(/another name/) });
  });

  const damaged: [string, () => Uint8Array, RegExp][] = [
    ['a truncated archive', () => zipSync({ 'a.txt': randomBytes(4_000) }).subarray(0, 2_000), /truncated/],
    [
      'an entry that inflates to less than declared',
      () => rawZip([{ ...small('a.txt', 'short'), declaredSize: 6 }]),
      /inflates to 5 bytes, not the 6/,
    ],
    ['a wrong checksum', () => rawZip([{ name: 'a.txt', data: deflateSync(strToU8('text')), size: 4, crc: 1 }]), /checksum/],
    [
      'corrupt deflate data',
      () => rawZip([{ name: 'a.txt', data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), size: 4, crc: 0 }]),
      /cannot be inflated/,
    ],
    ['an encrypted entry', () => patchHeaders(rawZip([small('a.txt')]), 0x02014b50, 8, (f) => f | 1), /encrypted/],
    ['an unknown compression method', () => patchHeaders(rawZip([small('a.txt')]), 0x02014b50, 10, () => 12), /compression method 12/],
    ['a stored entry whose two sizes differ', () => rawZip([{ ...small('a.txt', 'abc'), method: 0, declaredSize: 4 }]), /different sizes/],
  ];
  it.each(damaged)('calls %s damaged', (_label, make, detail) => {
    expect(refusal(() => readAll(make()))).toMatchObject({ code: 'upload.damaged', detail: expect.stringMatching(detail) });
  });

  const notZip: [string, Uint8Array, string, RegExp][] = [
    ['a PDF', strToU8('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'upload.not_docx', /PDF/],
    ['a text file', strToU8('Concept note for the open debate'), 'upload.not_docx', /starts with bytes 436f6e63/],
    ['a legacy .doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'upload.not_docx', /OLE compound file/],
    ['an RTF file', strToU8('{\\rtf1\\ansi hello}'), 'upload.not_docx', /RTF/],
    ['an empty file', new Uint8Array(), 'upload.empty', /0 bytes/],
    ['a file of two bytes', strToU8('PK'), 'upload.not_docx', /starts with bytes 504b$/],
  ];
  it.each(notZip)('refuses %s', (_label, bytes, code, detail) => {
    expect(refusal(() => openZip(bytes))).toMatchObject({ code, detail: expect.stringMatching(detail) });
  });

  it('refuses a file over maxBytes before looking inside it', () => {
    const bytes = zipSync({ 'a.bin': randomBytes(3_000) });
    expect(refusal(() => openZip(bytes, { maxBytes: 2_000 }))).toMatchObject({
      code: 'upload.too_large',
      detail: expect.stringMatching(/limit is 2000/),
    });
    expect(refusal(() => openZip(bytes, { maxBytes: 4_000 }))).toBe('no error');
    expect(refusal(() => openZip(new Uint8Array(10 * MB + 1)))).toMatchObject({ code: 'upload.too_large' });
  });
});
