// The text convention of a statement's content (content.ts), which every format is compared with: a line per
// paragraph, cells row by row, list items without their numbers, note marks as their numbers and the notes after
// the content as "[n] …", numbered through the document; pictures read as nothing when shown and as their
// alternative text when not. Also the pictures' format and size as read from their headers.
import { describe, expect, it } from 'vitest';
import {
  ARABIC_NOTE,
  ARABIC_PARAGRAPH,
  ARABIC_TITLE,
  CHINESE_PARAGRAPH,
  HOSTILE_TEXT,
  MAP_PNG,
  MAP_SHA,
  MISSING_SHA,
  compilationModel,
  para,
  plain,
  richContent,
  richResources,
  solidPng,
  text,
} from '../../../../test/fixtures/rich-content.js';
import { EMF_HEAD, GIF_HEAD } from '../../../../test/fixtures/statement-files.js';
import type { StatementContentJson } from '../../../kernel/ooxml/content-model.js';
import { contentText, numberNotes, picturePlaceholder, shownPicture, smallPictures } from './content.js';
import { blockText, documentPictures, documentText, type Block } from './document-model.js';
import { pictureInfo } from './image-info.js';

const bare = (
  blocks: StatementContentJson['blocks'],
  notes: Partial<Pick<StatementContentJson, 'footnotes' | 'endnotes'>> = {},
): StatementContentJson => ({
  blocks,
  footnotes: notes.footnotes ?? [],
  endnotes: notes.endnotes ?? [],
  images: [],
  hasTrackedChanges: false,
  hasComments: false,
});

const RICH_LINES = [
  'Statement by the Permanent Representative of Ruritania',
  'Protection of peacekeepers',
  'Mr. President, we thank the Secretary-General for his report1. See also the annex2.',
  'Water is H2O and energy is mc2.',
  'Read the Council page or write to press@un.org.',
  'A first line',
  'and a second line after a break.',
  'First, access.',
  'Second, protection.',
  'Third, accountability.',
  'Year',
  'Incidents',
  '2020',
  '1,2003',
  'Source: Department of Peace Operations',
  ARABIC_PARAGRAPH,
  CHINESE_PARAGRAPH,
  HOSTILE_TEXT,
  'Before the chart: Chart of incidents',
  'I thank you.',
];

const RICH_NOTES = [
  '[1] See resolution 2518 (2020), para. 3.',
  '[2] An endnote, written as a footnote.',
  '[3] Figures of the Department of Peace Operations.',
  'A second paragraph of the same note.',
];

describe('contentText: the convention', () => {
  it('reads a statement a paragraph a line, cells row by row, list items without numbers, then its notes', () => {
    const read = contentText(richContent(), 1, richResources());
    expect(read.lines).toEqual(RICH_LINES);
    expect(read.notes.flatMap((n) => n.lines)).toEqual(RICH_NOTES);
    expect(read.notes.map((n) => n.number)).toEqual([1, 2, 3]);
    expect(read.next).toBe(4);
    expect(blockText({ kind: 'content', content: richContent() }, { resources: richResources() })).toBe(
      [...RICH_LINES, ...RICH_NOTES].join('\n'),
    );
  });

  it('numbers notes through the whole document: the second statement’s note is [4]', () => {
    const model = compilationModel();
    const lines = documentText(model, richResources()).split('\n');
    const annexII = lines.indexOf('Annex II');
    expect(lines.slice(annexII)).toEqual([
      'Annex II',
      '[Original: Arabic]',
      'Statement by the Permanent Representative of Atlantis',
      ARABIC_TITLE,
      `${ARABIC_PARAGRAPH} UNIFIL4`,
      `[4] ${ARABIC_NOTE}`,
      '',
    ]);
    const annexI = lines.indexOf('Annex I');
    expect(lines.slice(annexI, annexII)).toEqual([
      'Annex I',
      '[Original: English]',
      'Statement by the Permanent Representative of Ruritania',
      ...RICH_LINES,
      ...RICH_NOTES,
      '',
    ]);
  });

  it('starts the numbers where it is told', () => {
    const block: Block = { kind: 'content', content: richContent() };
    expect(blockText(block, { firstNote: 7, resources: richResources() })).toContain('report7. See also the annex8.');
    expect(blockText(block, { firstNote: 7, resources: richResources() })).toContain('[9] Figures');
  });

  it('reads a picture as nothing when it is shown, and as its alternative text or "[image]" when it is not', () => {
    const content = bare([
      para([text('Map: '), { kind: 'image', alt: 'Map of the region', sha256: MAP_SHA, mediaType: 'image/png' }]),
      para([{ kind: 'image', alt: '  ', sha256: MISSING_SHA }]),
      para([{ kind: 'image', alt: 'A chart\nin two lines' }]),
    ]);
    expect(contentText(content, 1, richResources()).lines).toEqual(['Map: ', '[image]', 'A chart in two lines']);
    expect(contentText(content, 1, undefined).lines).toEqual(['Map: Map of the region', '[image]', 'A chart in two lines']);
    // Bytes that are not a picture are not shown.
    const notPng = { images: new Map([[MAP_SHA, { bytes: EMF_HEAD, mediaType: 'image/png' }]]) };
    expect(contentText(content, 1, notPng).lines[0]).toBe('Map: Map of the region');
  });

  it('leaves out lines with nothing but white space, and breaks a paragraph at its line breaks only', () => {
    const content = bare([
      plain(''),
      plain('  \t '),
      para([text('a'), { kind: 'break' }, { kind: 'break' }, text('b')]),
      para([{ kind: 'image', alt: 'x', sha256: MAP_SHA }]),
    ]);
    expect(contentText(content, 1, richResources()).lines).toEqual(['a', 'b']);
    // A line feed inside a text is white space, as HTML and Word show it.
    expect(contentText(bare([plain('one\ntwo\r\nthree')]), 1, undefined).lines).toEqual(['one two three']);
  });

  it('puts "[n]" alone on a line when a note starts with a table or an empty paragraph', () => {
    const content = bare([para([text('A'), { kind: 'footnote', id: 't' }, text(' B'), { kind: 'footnote', id: 'e' }])], {
      footnotes: [
        { id: 't', blocks: [{ kind: 'table', rows: [{ cells: [{ blocks: [plain('cell')] }] }] }, plain('after')] },
        { id: 'e', blocks: [para([{ kind: 'break' }, text('second line')])] },
      ],
    });
    const read = contentText(content, 1, undefined);
    expect(read.lines).toEqual(['A1 B2']);
    expect(read.notes.map((n) => n.lines)).toEqual([
      ['[1]', 'cell', 'after'],
      ['[2]', 'second line'],
    ]);
  });

  it('leaves out a mark whose note is missing and a mark inside a note; a note marked twice is numbered twice', () => {
    const content = bare(
      [
        para([
          text('a'),
          { kind: 'footnote', id: 'gone' },
          text('b'),
          { kind: 'footnote', id: '1' },
          text('c'),
          { kind: 'footnote', id: '1' },
        ]),
      ],
      {
        footnotes: [{ id: '1', blocks: [para([text('note'), { kind: 'footnote', id: '1' }])] }],
      },
    );
    const read = contentText(content, 1, undefined);
    expect(read.lines).toEqual(['ab1c2']);
    expect(read.notes.flatMap((n) => n.lines)).toEqual(['[1] note', '[2] note']);
  });

  it('keeps footnotes and endnotes with the same id apart, in one sequence', () => {
    const content = bare([para([{ kind: 'footnote', id: '1', endnote: true }, text('x'), { kind: 'footnote', id: '1' }])], {
      footnotes: [{ id: '1', blocks: [plain('foot')] }],
      endnotes: [{ id: '1', blocks: [plain('end')] }],
    });
    expect(contentText(content, 1, undefined).notes.flatMap((n) => n.lines)).toEqual(['[1] end', '[2] foot']);
    const numbered = numberNotes(content, 1);
    expect([...numbered.noteOf.values()].map((n) => n.number)).toEqual([1, 2]);
  });
});

describe('pictures', () => {
  it('lists the pictures a document names, each once, in reading order', () => {
    const model = compilationModel();
    expect(documentPictures(model)).toEqual([MAP_SHA, MISSING_SHA]);
    const twice = { ...model, blocks: [{ kind: 'content' as const, content: richContent() }] };
    expect(documentPictures(twice)).toEqual([MAP_SHA, MISSING_SHA]);
  });

  it('shows a picture only from its bytes, and keeps the small ones apart', () => {
    const image = { kind: 'image' as const, alt: 'Map', sha256: MAP_SHA, mediaType: 'image/png' as const };
    expect(shownPicture(image, richResources())).toMatchObject({ mediaType: 'image/png', width: 40, height: 30, sha256: MAP_SHA });
    expect(shownPicture(image, undefined)).toBeUndefined();
    expect(shownPicture({ ...image, sha256: undefined }, richResources())).toBeUndefined();
    expect(picturePlaceholder({ ...image, alt: '' })).toBe('[image]');
    expect(smallPictures(richResources(), MAP_PNG.length)?.images.size).toBe(0);
    expect(smallPictures(richResources(), MAP_PNG.length + 1)?.images.size).toBe(1);
    expect(smallPictures(undefined, 10)).toBeUndefined();
  });
});

/** A JPEG's head up to its frame header: SOI, an APP0 segment, then SOF0 with the given size. */
function jpegHead(width: number, height: number, frameMarker = 0xc0): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof = [
    0xff,
    frameMarker,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return new Uint8Array([0xff, 0xd8, ...app0, 0xff, 0xff, ...sof]);
}

describe('pictureInfo', () => {
  it('reads the format and pixel size of PNG, JPEG (baseline and progressive) and GIF files', () => {
    expect(pictureInfo(solidPng(640, 480, [1, 2, 3]))).toEqual({ mediaType: 'image/png', width: 640, height: 480 });
    expect(pictureInfo(jpegHead(1024, 768))).toEqual({ mediaType: 'image/jpeg', width: 1024, height: 768 });
    expect(pictureInfo(jpegHead(300, 200, 0xc2))).toEqual({ mediaType: 'image/jpeg', width: 300, height: 200 });
    expect(pictureInfo(GIF_HEAD)).toEqual({ mediaType: 'image/gif', width: 1, height: 1 });
  });

  it('knows the format without the size of a truncated file, and nothing of other files', () => {
    expect(pictureInfo(jpegHead(1024, 768).subarray(0, 24))).toEqual({ mediaType: 'image/jpeg' });
    expect(pictureInfo(solidPng(2, 2, [0, 0, 0]).subarray(0, 20))).toEqual({ mediaType: 'image/png' });
    // A JPEG whose DHT segment (0xC4, not a frame) comes first is walked past.
    const dht = new Uint8Array([0xff, 0xd8, 0xff, 0xc4, 0x00, 0x04, 0x00, 0x00, ...jpegHead(5, 6).subarray(2)]);
    expect(pictureInfo(dht)).toEqual({ mediaType: 'image/jpeg', width: 5, height: 6 });
    expect(pictureInfo(EMF_HEAD)).toBeUndefined();
    expect(pictureInfo(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(pictureInfo(new Uint8Array())).toBeUndefined();
  });
});
