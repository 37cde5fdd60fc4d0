// The document model of an uploaded Word document: what a reader sees, in a form that can be stored as JSON and
// rendered again (HTML, a compilation) without the original file. Text is data, never markup: escaping happens when
// it is rendered. Image bytes travel beside the model (StatementContent.images), so the model itself stays JSON.

export interface TextInline {
  kind: 'text';
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
  superscript?: true;
  subscript?: true;
}

export interface LinkInline {
  kind: 'link';
  /** An absolute http:, https: or mailto: address, normalised by the URL parser; any other link is kept as its text. */
  href: string;
  children: Inline[];
}

/** The mark of a footnote (or, with `endnote`, an endnote); `id` is the note's id in `footnotes` (or `endnotes`). */
export interface NoteReferenceInline {
  kind: 'footnote';
  id: string;
  endnote?: true;
}

export interface BreakInline {
  kind: 'break';
}

export interface ImageInline {
  kind: 'image';
  /** The picture's description (its alternative text), else its title, else ''. */
  alt: string;
  /** Set when the picture is kept: one of `images`, by its SHA-256. */
  sha256?: string;
  mediaType?: ImageMediaType;
}

export type Inline = TextInline | LinkInline | NoteReferenceInline | BreakInline | ImageInline;

export type ParagraphStyle = 'heading1' | 'heading2' | 'heading3' | 'title' | 'normal';
export type ParagraphAlign = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphBlock {
  kind: 'paragraph';
  style?: ParagraphStyle;
  /** Word's automatic numbering or bullets; `level` 0 is the outermost. */
  list?: { ordered: boolean; level: number };
  rtl: boolean;
  /** The side the lines are drawn against, as seen on the page (absent: the paragraph's natural start). */
  align?: ParagraphAlign;
  inlines: Inline[];
}

export interface TableCell {
  blocks: Block[];
  colspan?: number;
}

export interface TableRow {
  cells: TableCell[];
  /** Repeated at the top of each page (Word's "header row"). */
  header?: boolean;
}

export interface TableBlock {
  kind: 'table';
  rows: TableRow[];
}

export type Block = ParagraphBlock | TableBlock;

export interface Note {
  id: string;
  blocks: Block[];
}

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif';

export interface StatementImage {
  sha256: string;
  mediaType: ImageMediaType;
  bytes: Uint8Array;
}

export interface StatementImageInfo {
  sha256: string;
  mediaType: ImageMediaType;
  size: number;
}

/** The JSON part of the model. */
export interface StatementModel {
  blocks: Block[];
  footnotes: Note[];
  endnotes: Note[];
  /** The file still holds tracked changes (the model is the text with every change accepted). */
  hasTrackedChanges: boolean;
  hasComments: boolean;
  /** w:lang of the default paragraph style or of the document defaults, e.g. 'fr-FR'. */
  language?: string;
}

export interface StatementContent extends StatementModel {
  /** The pictures kept (PNG, JPEG, GIF within the size limit), each once. */
  images: StatementImage[];
}

/** The model as stored: every picture named by hash and size, its bytes stored apart. */
export interface StatementContentJson extends StatementModel {
  images: StatementImageInfo[];
}

export function withoutImageBytes(content: StatementContent): StatementContentJson {
  const { images, ...model } = content;
  return { ...model, images: images.map((i) => ({ sha256: i.sha256, mediaType: i.mediaType, size: i.bytes.length })) };
}
