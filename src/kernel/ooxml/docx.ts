// Reads the text of a Word document (.docx) uploaded by a user. The ZIP container is checked before anything is
// inflated (zip.ts), every XML part is read without a DTD (xml.ts), and a document that could carry macros is
// refused outright rather than stripped, so what is kept is exactly what the author saw.
import { AppError } from '../errors.js';
import { readNumbering } from './numbering.js';
import { readContentTypes, readRelationships, relatedPart, requirePart, type ContentTypes } from './opc.js';
import { ParagraphReader, type DocxParagraph, type ParagraphContext } from './paragraphs.js';
import { readStyles } from './styles.js';
import { ElementPath, shortName, wAttr } from './wml.js';
import { parseXml, type XmlHandler } from './xml.js';
import { openZip, type ZipArchive } from './zip.js';

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

const DOCUMENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const MACRO_PARTS = new Set(['vbaproject.bin', 'vbadata.xml']);
const MACRO_TYPES = new Set(['application/vnd.ms-office.vbaproject', 'application/vnd.ms-word.vbadata+xml']);

export function readDocx(bytes: Uint8Array, options: ReadDocxOptions = {}): DocxContent {
  const zip = openZip(bytes, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  refuseMacroParts(zip);
  const contentTypes = readContentTypes(zip);
  if (!contentTypes) {
    throw zip.has('word/document.xml')
      ? new AppError('upload.damaged', { detail: 'the archive has word/document.xml but no [Content_Types].xml' })
      : new AppError('upload.not_docx', { detail: `a ZIP archive without [Content_Types].xml: ${listNames(zip)}` });
  }
  refuseMacroTypes(contentTypes);
  const main = mainPart(zip, contentTypes);

  const relationships = readRelationships(zip, main);
  const sibling = (typeName: string, fallback: string) =>
    relatedPart(relationships, typeName) ?? `${main.slice(0, main.lastIndexOf('/') + 1)}${fallback}`;
  const stylesPart = sibling('styles', 'styles.xml');
  const numberingPart = sibling('numbering', 'numbering.xml');
  const footnotesPart = sibling('footnotes', 'footnotes.xml');
  const context = { styles: readStyles(zip.read(stylesPart), stylesPart), numbering: readNumbering(zip.read(numberingPart), numberingPart) };

  const paragraphs: DocxParagraph[] = [];
  parseXml(requirePart(zip, main), main, expectingDocument(main, new ParagraphReader(context, (p) => paragraphs.push(p))));
  if (!paragraphs.some((p) => p.text.trim() !== '')) {
    throw new AppError('upload.empty', { detail: `${main} has ${paragraphs.length} paragraphs, none with text` });
  }
  const footnotesXml = zip.read(footnotesPart);
  const footnotes = footnotesXml ? readFootnotes(footnotesXml, footnotesPart, context) : [];
  return { paragraphs, footnotes, hasMacros: false };
}

/** The document's paragraph texts, one a line: for comparing a generated document's text with its HTML. */
export function docxText(bytes: Uint8Array): string {
  return readDocx(bytes).paragraphs.map((p) => p.text).join('\n');
}

function refuseMacroParts(zip: ZipArchive): void {
  const found = zip.names.find((name) => MACRO_PARTS.has(name.slice(name.lastIndexOf('/') + 1).toLowerCase()));
  if (found !== undefined) throw new AppError('upload.macro', { detail: `the archive holds a macro part: ${found}` });
}

function refuseMacroTypes(contentTypes: ContentTypes): void {
  // "macroEnabled" covers the macro-enabled document (.docm) and template (.dotm) main parts.
  const found = contentTypes.declared.find((type) => MACRO_TYPES.has(type.toLowerCase()) || /macroenabled/i.test(type));
  if (found !== undefined) throw new AppError('upload.macro', { detail: `[Content_Types].xml declares ${found}` });
}

/** The main document part, found through the package's officeDocument relationship, else at its usual place. */
function mainPart(zip: ZipArchive, contentTypes: ContentTypes): string {
  const target = relatedPart(readRelationships(zip, ''), 'officeDocument');
  const main = target !== undefined && zip.has(target) ? target : 'word/document.xml';
  if (!zip.has(main)) {
    const pointed = target === undefined ? 'no officeDocument relationship' : `the officeDocument relationship points to ${target}`;
    throw new AppError('upload.not_docx', { detail: `no main document part (${pointed}; no word/document.xml): ${listNames(zip)}` });
  }
  const type = contentTypes.typeOf(main);
  if (type?.toLowerCase() !== DOCUMENT_TYPE) {
    throw new AppError('upload.not_docx', { detail: `the main part ${main} has content type ${type ?? '(none)'}, not ${DOCUMENT_TYPE}` });
  }
  return main;
}

function listNames(zip: ZipArchive): string {
  const shown = zip.names.slice(0, 10).join(', ');
  return zip.names.length > 10 ? `${shown}, ... (${zip.names.length} entries)` : shown || '(no entries)';
}

/** Passes events on after checking that the root element is w:document, so another XML file is not read as one. */
function expectingDocument(part: string, reader: ParagraphReader): XmlHandler {
  let seenRoot = false;
  return {
    open(el) {
      if (!seenRoot && shortName(el) !== 'w:document') {
        throw new AppError('upload.damaged', { detail: `${part} is not a WordprocessingML document (its root is ${el.local} in ${el.uri || 'no namespace'})` });
      }
      seenRoot = true;
      reader.open(el);
    },
    close: () => reader.close(),
    text: (text) => reader.text(text),
  };
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
