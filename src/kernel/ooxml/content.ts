// Reads an uploaded Word document (.docx) into the document model (content-model.ts): the body, footnotes and endnotes
// as blocks, the pictures worth keeping, and whether the file still holds tracked changes or comments. The package
// is opened and checked as for every upload (package.ts: ZIP caps, no DTD, macros refused); pictures are recognised
// by their first bytes, not by their names, and kept only as PNG, JPEG or GIF within a size limit.
import { createHash } from 'node:crypto';
import { BlockReader, type BlockContext, type ReadNote } from './blocks.js';
import type { ImageMediaType, Note, StatementContent, StatementImage } from './content-model.js';
import { readNumbering } from './numbering.js';
import { readPartRelationships, relatedPart, requirePart } from './opc.js';
import { expectingDocument, openWordPackage } from './package.js';
import { readStyles } from './styles.js';
import { shortName } from './wml.js';
import { parseXml } from './xml.js';
import type { ZipArchive } from './zip.js';

export type * from './content-model.js';
export { withoutImageBytes } from './content-model.js';

export interface ReadDocxContentOptions {
  /** Largest accepted file in bytes (10 MB unless given). */
  maxBytes?: number;
  /** Largest picture kept, in bytes (5 MB unless given); a larger one stays in the model as its alternative text. */
  maxImageBytes?: number;
  /** Most distinct pictures kept (100 unless given). */
  maxImages?: number;
}

const MB = 1024 * 1024;

export function readDocxContent(bytes: Uint8Array, options: ReadDocxContentOptions = {}): StatementContent {
  const pkg = openWordPackage(bytes, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  const { zip, main, sibling } = pkg;
  const stylesPart = sibling('styles', 'styles.xml');
  const numberingPart = sibling('numbering', 'numbering.xml');
  const styles = readStyles(zip.read(stylesPart), stylesPart);
  const numbering = readNumbering(zip.read(numberingPart), numberingPart);
  const images = new ImageStore(zip, options.maxImageBytes ?? 5 * MB, options.maxImages ?? 100);
  const contextFor = (part: string): BlockContext => {
    const relationships = readPartRelationships(zip, part);
    return {
      styles,
      numbering,
      relationships,
      image(id) {
        const rel = relationships.get(id);
        return rel && !rel.external && rel.target !== undefined ? images.get(rel.target) : undefined;
      },
    };
  };

  const body = new BlockReader(contextFor(main));
  parseXml(requirePart(zip, main), main, expectingDocument(main, body));
  let hasTrackedChanges = body.hasTrackedChanges;
  let hasComments = body.hasComments;

  const readNotes = (typeName: string, fallback: string): Note[] => {
    const part = sibling(typeName, fallback);
    const xml = zip.read(part);
    if (!xml) return [];
    const reader = new BlockReader(contextFor(part));
    parseXml(xml, part, reader);
    hasTrackedChanges ||= reader.hasTrackedChanges;
    hasComments ||= reader.hasComments;
    return reader.notes.map((n: ReadNote) => ({ id: n.id, blocks: n.blocks }));
  };
  const footnotes = readNotes('footnotes', 'footnotes.xml');
  const endnotes = readNotes('endnotes', 'endnotes.xml');

  const commentsPart = relatedPart(pkg.relationships, 'comments');
  if (!hasComments && commentsPart !== undefined) hasComments = holdsComment(zip, commentsPart);

  const content: StatementContent = { blocks: body.blocks, footnotes, endnotes, images: images.kept, hasTrackedChanges, hasComments };
  const language = styles.run(styles.defaultParagraphStyle ?? '', 'lang') ?? styles.defaults.run.lang;
  if (language !== undefined && language !== '') content.language = language;
  return content;
}

/** Whether the comments part holds a comment: Word can leave the part behind, empty, after the last one is deleted. */
function holdsComment(zip: ZipArchive, part: string): boolean {
  const xml = zip.read(part);
  if (!xml) return false;
  let found = false;
  parseXml(xml, part, {
    open(el) {
      if (shortName(el) === 'w:comment') found = true;
    },
  });
  return found;
}

/** The pictures of the document, each read, recognised and hashed once however often it is shown. */
class ImageStore {
  readonly kept: StatementImage[] = [];
  private readonly byPart = new Map<string, { sha256: string; mediaType: ImageMediaType } | undefined>();
  private readonly byHash = new Set<string>();

  constructor(
    private readonly zip: ZipArchive,
    private readonly maxBytes: number,
    private readonly maxImages: number,
  ) {}

  get(part: string): { sha256: string; mediaType: ImageMediaType } | undefined {
    const key = part.toLowerCase();
    if (this.byPart.has(key)) return this.byPart.get(key);
    const found = this.read(part);
    this.byPart.set(key, found);
    return found;
  }

  private read(part: string): { sha256: string; mediaType: ImageMediaType } | undefined {
    if (this.kept.length >= this.maxImages) return undefined;
    const bytes = this.zip.read(part);
    const mediaType = bytes && bytes.length <= this.maxBytes ? imageType(bytes) : undefined;
    if (!bytes || mediaType === undefined) return undefined;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!this.byHash.has(sha256)) {
      this.byHash.add(sha256);
      this.kept.push({ sha256, mediaType, bytes });
    }
    return { sha256, mediaType };
  }
}

/** PNG, JPEG or GIF by their signatures; anything else (EMF, WMF, SVG, TIFF, a renamed file) is not kept. */
export function imageType(bytes: Uint8Array): ImageMediaType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  return undefined;
}
