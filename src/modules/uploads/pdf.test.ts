// Active content in a cover letter's PDF: each kind found by its name, wherever the name hides (hex escapes, compressed
// object streams), and nothing found where a name is only text (strings, picture data); object streams that cannot be
// read, or would expand past the cap, refused rather than accepted unread.
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ACTIVE_PDF_CASES, letterPdf, objectStream } from '../../../test/fixtures/pdf-files.js';
import { pdfFile } from '../../../test/fixtures/statement-files.js';
import { checkPdf, describeActiveContent, OBJECT_STREAMS_CAP } from './pdf.js';

describe('checkPdf: active content', () => {
  it.each(ACTIVE_PDF_CASES)('%s', (_label, make, found) => {
    const problem = checkPdf(make());
    if (found.length === 0) expect(problem).toBeUndefined();
    else expect(problem).toMatchObject({ problem: 'active', found });
  });

  it('names what it found for the operator', () => {
    const problem = checkPdf(letterPdf({ catalog: ' /OpenAction << /S /J#61vaScript /JS (x) >>' }));
    expect(problem).toMatchObject({ detail: 'the file names /OpenAction << (an action), /JavaScript, /JS' });
  });

  it('still accepts the plain letters of the other checks, and still refuses encrypted ones first', () => {
    expect(checkPdf(pdfFile())).toBeUndefined();
    expect(checkPdf(pdfFile({ xrefStream: true }))).toBeUndefined();
    expect(checkPdf(pdfFile({ encrypted: true }))).toMatchObject({ problem: 'encrypted' });
  });

  it('refuses an object stream that would inflate past the cap, without inflating it all', () => {
    const bomb = deflateSync(Buffer.alloc(OBJECT_STREAMS_CAP + 1024, 0x20));
    expect(bomb.length).toBeLessThan(OBJECT_STREAMS_CAP / 500);
    const problem = checkPdf(letterPdf({ more: [objectStream({ 6: '<< >>' }, { data: bomb })] }));
    expect(problem).toMatchObject({ problem: 'expands', detail: expect.stringMatching(/more than 33554432 bytes/) });
  });

  it('counts the cap over every object stream of the file', () => {
    const half = deflateSync(Buffer.alloc(OBJECT_STREAMS_CAP / 2 + 1024, 0x20));
    const streams = [0, 1, 2].map(() => objectStream({ 6: '<< >>' }, { data: half }));
    expect(checkPdf(letterPdf({ more: streams.slice(0, 1) }))).toBeUndefined();
    expect(checkPdf(letterPdf({ more: streams }))).toMatchObject({ problem: 'expands' });
  });

  it.each([
    ['damaged compressed data', () => objectStream({ 6: '<< >>' }, { data: randomBytes(64) })],
    ['another compression', () => objectStream({ 6: '<< /JS (x) >>' }, { filter: '/Filter /LZWDecode', data: Buffer.from('....') })],
    ['two filters', () => objectStream({ 6: '<< >>' }, { filter: '/Filter [/ASCIIHexDecode /FlateDecode]', data: Buffer.from('....') })],
    ['a predictor', () => objectStream({ 6: '<< >>' }, { filter: '/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>' })],
  ])('refuses an object stream it cannot read: %s', (_label, stream) => {
    expect(checkPdf(letterPdf({ more: [stream()] }))).toMatchObject({ problem: 'unreadable' });
  });

  it('reads an uncompressed object stream too', () => {
    expect(checkPdf(letterPdf({ more: [objectStream({ 6: '<< /S /JavaScript >>' }, { filter: '' })] }))).toMatchObject({
      problem: 'active',
      found: ['javascript'],
    });
  });

  it('says what it found in words', () => {
    expect(describeActiveContent(['javascript'])).toBe('JavaScript');
    expect(describeActiveContent(['javascript', 'open-action', 'embedded-files'])).toBe(
      'JavaScript, an action that runs when the file is opened and embedded files',
    );
  });
});
