// A statement's content as the document formats show it: which pictures can be shown, what stands for one that
// cannot, how its notes are numbered, and how it reads as plain text. Every renderer and the canonical text
// (documentText) take these answers from here, so the formats cannot disagree on a note's number or on what a
// missing picture becomes.
//
// The text of a content block, one line each, in this order:
// - each paragraph of the content, in reading order; a table's cells row by row, each cell's paragraphs in turn
//   (nested tables likewise); a list item is its text alone, without the number or bullet, which the model does not
//   carry (Word numbers the items; the formats draw them);
// - a paragraph's text is its inlines' text joined: a link reads as its text, a line break starts a new line (a line
//   feed inside a text is white space, as every format shows it), a note's mark reads as its number ("report1."), a
//   picture that is shown reads as nothing and one that cannot be shown as its alternative text, or "[image]" when it
//   has none;
// - lines with nothing but white space are left out (an empty paragraph, a picture alone);
// - then the notes, in the order of their marks: "[1] " and the note's first paragraph, then its other lines. A note
//   that starts with a table, or whose first paragraph is empty, has "[1]" on a line of its own.
//
// Notes are numbered through the whole document in reading order, as Word numbers the footnotes of a document in one
// sequence: the first note of a second annex may be [4]. Footnotes and endnotes share the sequence (the DOCX writes
// both as footnotes). A mark whose note is missing is not numbered and shows nothing; a note mark inside a note is
// left out (Word has none); two marks of the same note each get a number and a copy of the note.
import type {
  Block as ContentBlock,
  ImageInline,
  Inline,
  Note,
  NoteReferenceInline,
  StatementContentJson,
} from '../../../kernel/ooxml/content-model.js';
import { pictureInfo, type PictureInfo } from './image-info.js';

/** A picture's bytes, as stored (the media type is what the store recorded; the bytes decide). */
export interface DocumentImage {
  bytes: Uint8Array;
  mediaType: string;
}

/** What a renderer needs beside the model: the pictures' bytes, by SHA-256. */
export interface RenderResources {
  images: ReadonlyMap<string, DocumentImage>;
}

/** A picture that can be shown: its bytes, its real format and, when the header gives it, its pixel size. */
export interface ShownPicture extends PictureInfo {
  sha256: string;
  bytes: Uint8Array;
}

/**
 * The picture when it can be shown: it was kept (it has a hash), its bytes are among the resources, and they are a
 * PNG, JPEG or GIF file. Otherwise undefined, and the picture is written as {@link picturePlaceholder}.
 */
export function shownPicture(image: ImageInline, resources: RenderResources | undefined): ShownPicture | undefined {
  if (image.sha256 === undefined) return undefined;
  const found = resources?.images.get(image.sha256);
  if (!found) return undefined;
  const info = pictureInfo(found.bytes);
  return info ? { ...info, sha256: image.sha256, bytes: found.bytes } : undefined;
}

/** What stands in the text for a picture that cannot be shown: its alternative text, or "[image]". */
export function picturePlaceholder(image: ImageInline): string {
  const alt = image.alt.replace(/\s+/g, ' ').trim();
  return alt === '' ? '[image]' : alt;
}

/** The resources without the pictures of `maxBytes` or more: what a renderer that embeds only small pictures shows. */
export function smallPictures(resources: RenderResources | undefined, maxBytes: number): RenderResources | undefined {
  if (!resources) return undefined;
  return { images: new Map([...resources.images].filter(([, image]) => image.bytes.length < maxBytes)) };
}

export interface NumberedNote {
  number: number;
  /** The note's blocks (shared with the model: a note with two marks appears twice, with two numbers). */
  blocks: ContentBlock[];
}

export interface ContentNotes {
  /** The numbered note of each mark, by the mark itself; a mark whose note is missing has none. */
  noteOf: ReadonlyMap<NoteReferenceInline, NumberedNote>;
  /** The notes in the order of their marks. */
  notes: NumberedNote[];
  /** The number the next content block's first note takes. */
  next: number;
}

/** Calls `visit` for every inline of the blocks in reading order, links' inlines included, notes excluded. */
export function forEachInline(blocks: readonly ContentBlock[], visit: (inline: Inline) => void): void {
  const inlines = (list: readonly Inline[]) => {
    for (const inline of list) {
      visit(inline);
      if (inline.kind === 'link') inlines(inline.children);
    }
  };
  for (const block of blocks) {
    if (block.kind === 'paragraph') inlines(block.inlines);
    else for (const row of block.rows) for (const cell of row.cells) forEachInline(cell.blocks, visit);
  }
}

/** Numbers the marks of a content block from `first`, in reading order, and pairs each with its note. */
export function numberNotes(content: Pick<StatementContentJson, 'blocks' | 'footnotes' | 'endnotes'>, first: number): ContentNotes {
  const find = (notes: readonly Note[], id: string) => notes.find((n) => n.id === id);
  const noteOf = new Map<NoteReferenceInline, NumberedNote>();
  const notes: NumberedNote[] = [];
  let next = first;
  forEachInline(content.blocks, (inline) => {
    if (inline.kind !== 'footnote') return;
    const note = find(inline.endnote ? content.endnotes : content.footnotes, inline.id);
    if (!note) return;
    const numbered = { number: next++, blocks: note.blocks };
    noteOf.set(inline, numbered);
    notes.push(numbered);
  });
  return { noteOf, notes, next };
}

/** The label a note starts with, in every format: "[1]". */
export function noteLabel(number: number): string {
  return `[${number}]`;
}

/** A paragraph's inlines as text, a line feed for each line break (see the convention at the top of the file). */
export function inlinesText(
  inlines: readonly Inline[],
  noteOf: ReadonlyMap<NoteReferenceInline, NumberedNote>,
  resources: RenderResources | undefined,
): string {
  let out = '';
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        out += inline.text.replace(/\r\n?|\n/g, ' ');
        break;
      case 'link':
        out += inlinesText(inline.children, noteOf, resources);
        break;
      case 'break':
        out += '\n';
        break;
      case 'footnote': {
        const note = noteOf.get(inline);
        if (note) out += String(note.number);
        break;
      }
      case 'image':
        if (!shownPicture(inline, resources)) out += picturePlaceholder(inline);
        break;
    }
  }
  return out;
}

function textLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function blocksLines(
  blocks: readonly ContentBlock[],
  noteOf: ReadonlyMap<NoteReferenceInline, NumberedNote>,
  resources: RenderResources | undefined,
): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') lines.push(...textLines(inlinesText(block.inlines, noteOf, resources)));
    else for (const row of block.rows) for (const cell of row.cells) lines.push(...blocksLines(cell.blocks, noteOf, resources));
  }
  return lines;
}

/** A note's lines: "[n] " before its first paragraph's text, or "[n]" alone when that is empty or a table comes first. */
export function noteLines(note: NumberedNote, resources: RenderResources | undefined): string[] {
  const none = new Map<NoteReferenceInline, NumberedNote>();
  const label = noteLabel(note.number);
  const [first, ...rest] = note.blocks;
  if (first?.kind === 'paragraph') {
    const text = inlinesText(first.inlines, none, resources);
    const [head = '', ...tail] = text.split('\n');
    const lines = [head.trim() === '' ? label : `${label} ${head}`, ...textLines(tail.join('\n'))];
    return [...lines, ...blocksLines(rest, none, resources)];
  }
  return [label, ...blocksLines(note.blocks, none, resources)];
}

export interface ContentText {
  /** The content's own lines. */
  lines: string[];
  /** Each note's lines, in the order of the marks. */
  notes: { number: number; lines: string[] }[];
  /** The number the next content block's first note takes. */
  next: number;
}

/** The text of a content block (the convention at the top of the file), its notes numbered from `firstNote`. */
export function contentText(content: StatementContentJson, firstNote: number, resources: RenderResources | undefined): ContentText {
  const numbered = numberNotes(content, firstNote);
  return {
    lines: blocksLines(content.blocks, numbered.noteOf, resources),
    notes: numbered.notes.map((note) => ({ number: note.number, lines: noteLines(note, resources) })),
    next: numbered.next,
  };
}

/** The SHA-256 of every picture the content shows, body and notes, each once, in order of first appearance. */
export function contentPictures(content: Pick<StatementContentJson, 'blocks' | 'footnotes' | 'endnotes'>): string[] {
  const found = new Set<string>();
  const collect = (blocks: readonly ContentBlock[]) =>
    forEachInline(blocks, (inline) => {
      if (inline.kind === 'image' && inline.sha256 !== undefined) found.add(inline.sha256);
    });
  collect(content.blocks);
  for (const note of [...content.footnotes, ...content.endnotes]) collect(note.blocks);
  return [...found];
}
