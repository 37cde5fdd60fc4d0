// Opens a Word package: the ZIP container checked (zip.ts), a document that could carry macros refused outright
// rather than stripped (so what is kept is exactly what the author saw), and the main document part found through
// the package relationships. Both readers (docx.ts for plain paragraphs, content.ts for the full document model)
// start here, so they refuse the same files for the same reasons.
import { AppError } from '../errors.js';
import { readContentTypes, readRelationships, relatedPart, type ContentTypes, type Relationship } from './opc.js';
import { shortName } from './wml.js';
import type { XmlHandler } from './xml.js';
import { openZip, type ZipArchive } from './zip.js';

export interface WordPackage {
  zip: ZipArchive;
  /** The main document part, e.g. 'word/document.xml'. */
  main: string;
  /** The main part's internal relationships. */
  relationships: Relationship[];
  /** The part the main document relates to with this type ('styles', 'footnotes', ...), else its usual name beside it. */
  sibling(typeName: string, fallback: string): string;
}

const DOCUMENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const MACRO_PARTS = new Set(['vbaproject.bin', 'vbadata.xml']);
const MACRO_TYPES = new Set(['application/vnd.ms-office.vbaproject', 'application/vnd.ms-word.vbadata+xml']);

export function openWordPackage(bytes: Uint8Array, options: { maxBytes?: number } = {}): WordPackage {
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
  return {
    zip,
    main,
    relationships,
    sibling: (typeName, fallback) => relatedPart(relationships, typeName) ?? `${main.slice(0, main.lastIndexOf('/') + 1)}${fallback}`,
  };
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
export function expectingDocument(part: string, handler: Required<XmlHandler>): XmlHandler {
  let seenRoot = false;
  return {
    open(el) {
      if (!seenRoot && shortName(el) !== 'w:document') {
        throw new AppError('upload.damaged', {
          detail: `${part} is not a WordprocessingML document (its root is ${el.local} in ${el.uri || 'no namespace'})`,
        });
      }
      seenRoot = true;
      handler.open(el);
    },
    close: (el) => handler.close(el),
    text: (text) => handler.text(text),
  };
}
