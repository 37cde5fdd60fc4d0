// Reads the text of a Word document (.docx) uploaded by a user, paragraph by paragraph: what the concept-note
// importer needs. The package is opened and checked by package.ts (ZIP caps, macros refused, main part found);
// every XML part is read without a DTD (xml.ts). content.ts reads the same package into the full document model.
import { AppError } from '../errors.js';
import { readNumbering } from './numbering.js';
import { requirePart } from './opc.js';
import { expectingDocument, openWordPackage } from './package.js';
import { ParagraphReader, type DocxParagraph, type ParagraphContext } from './paragraphs.js';
import { readStyles } from './styles.js';
import { ElementPath, wAttr } from './wml.js';
import { parseXml } from './xml.js';

export type { DocxParagraph } from './paragraphs.js';

export interface DocxFootnote {
  id: string;
  /** The footnote's paragraphs joined with "\n"; the leading space Word puts after the mark is kept. */
  text: string;
}

export interface DocxContent {
  paragraphs: DocxParagraph[];
  footnotes: DocxFootnote[];
  /** Always false: a document with macros is refused, never returned. */
  hasMacros: false;
}

export interface ReadDocxOptions {
  /** Largest accepted file in bytes (10 MB unless given). */
  maxBytes?: number;
}

export function readDocx(bytes: Uint8Array, options: ReadDocxOptions = {}): DocxContent {
  const { zip, main, sibling } = openWordPackage(bytes, options);
  const stylesPart = sibling('styles', 'styles.xml');
  const numberingPart = sibling('numbering', 'numbering.xml');
  const footnotesPart = sibling('footnotes', 'footnotes.xml');
  const context = {
    styles: readStyles(zip.read(stylesPart), stylesPart),
    numbering: readNumbering(zip.read(numberingPart), numberingPart),
  };

  const paragraphs: DocxParagraph[] = [];
  parseXml(requirePart(zip, main), main, expectingDocument(main, new ParagraphReader(context, (p) => paragraphs.push(p))));
  if (!paragraphs.some((p) => p.text.trim() !== '')) {
    throw new AppError('upload.empty', { detail: `${main} has ${paragraphs.length} paragraphs, none with text` });
  }
  const footnotesXml = zip.read(footnotesPart);
  const footnotes = footnotesXml ? readFootnotes(footnotesXml, footnotesPart, context) : [];
  return { paragraphs, footnotes, hasMacros: false };
}

function readFootnotes(bytes: Uint8Array, part: string, context: ParagraphContext): DocxFootnote[] {
  const footnotes: DocxFootnote[] = [];
  let current: { id: string; texts: string[]; keep: boolean } | undefined;
  const path = new ElementPath();
  const reader = new ParagraphReader(context, (p) => current?.texts.push(p.text));
  parseXml(bytes, part, {
    open(el) {
      const name = path.push(el);
      if (name === 'w:footnote' && path.at(1) === 'w:footnotes') {
        const type = wAttr(el, 'type');
        // Separators and continuation notices are typed; a footnote written by an author has no type (or "normal").
        current = { id: wAttr(el, 'id') ?? '', texts: [], keep: type === undefined || type === 'normal' };
      }
      reader.open(el);
    },
    close() {
      reader.close();
      if (path.at(0) === 'w:footnote' && path.at(1) === 'w:footnotes' && current) {
        if (current.keep) footnotes.push({ id: current.id, text: current.texts.join('\n') });
        current = undefined;
      }
      path.pop();
    },
    text: (text) => reader.text(text),
  });
  return footnotes;
}
