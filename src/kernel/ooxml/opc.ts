// The Open Packaging Conventions layer of an Office file: the content types of its parts and the relationships
// that lead from the package to the main document and from the document to its styles, numbering and footnotes.
import { AppError } from '../errors.js';
import { parseXml } from './xml.js';
import type { ZipArchive } from './zip.js';

export const CT_NAMESPACE = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const REL_NAMESPACE = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface ContentTypes {
  /** The content type of a part (its name without a leading slash): its override, else its extension's default. */
  typeOf(part: string): string | undefined;
  /** Every content type declared, defaults and overrides. */
  readonly declared: readonly string[];
}

export interface Relationship {
  /** The relationship type URI. */
  type: string;
  /** The target part name, resolved against the source part, without a leading slash. */
  target: string;
}

/** Reads [Content_Types].xml; undefined when the archive has none. */
export function readContentTypes(zip: ZipArchive): ContentTypes | undefined {
  const bytes = zip.read('[Content_Types].xml');
  if (!bytes) return undefined;
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  parseXml(bytes, '[Content_Types].xml', {
    open(el) {
      if (el.uri !== CT_NAMESPACE) return;
      const attr = (name: string) => el.attributes.find((a) => a.local === name && a.uri === '')?.value;
      const type = attr('ContentType');
      if (type === undefined) return;
      if (el.local === 'Default') defaults.set((attr('Extension') ?? '').toLowerCase(), type);
      if (el.local === 'Override') overrides.set((attr('PartName') ?? '').replace(/^\//, '').toLowerCase(), type);
    },
  });
  return {
    typeOf(part) {
      const key = part.toLowerCase();
      return overrides.get(key) ?? defaults.get(key.slice(key.lastIndexOf('.') + 1));
    },
    declared: [...defaults.values(), ...overrides.values()],
  };
}

/** The internal relationships of a part ('' for the package itself), from its .rels part. */
export function readRelationships(zip: ZipArchive, source: string): Relationship[] {
  const found: Relationship[] = [];
  for (const r of parseRelationships(zip, source)) {
    if (!r.external && r.target !== undefined) found.push({ type: r.type, target: r.target });
  }
  return found;
}

export interface PartRelationship {
  id: string;
  /** The relationship type URI. */
  type: string;
  /** Whether the target lies outside the package (a web address, a linked file). */
  external: boolean;
  /**
   * An internal target resolved against the source part, without a leading slash (undefined when it would leave the
   * package); an external target exactly as written, for the caller to judge (it is untrusted text).
   */
  target: string | undefined;
}

/** Every relationship of a part, internal and external, by id (the first one written wins a repeated id). */
export function readPartRelationships(zip: ZipArchive, source: string): Map<string, PartRelationship> {
  const found = new Map<string, PartRelationship>();
  for (const r of parseRelationships(zip, source)) if (!found.has(r.id)) found.set(r.id, r);
  return found;
}

function parseRelationships(zip: ZipArchive, source: string): PartRelationship[] {
  const slash = source.lastIndexOf('/');
  const folder = source.slice(0, slash + 1);
  const relsPart = `${folder}_rels/${source.slice(slash + 1)}.rels`;
  const found: PartRelationship[] = [];
  const bytes = zip.read(relsPart);
  if (!bytes) return found;
  parseXml(bytes, relsPart, {
    open(el) {
      if (el.uri !== REL_NAMESPACE || el.local !== 'Relationship') return;
      const attr = (name: string) => el.attributes.find((a) => a.local === name && a.uri === '')?.value;
      const type = attr('Type');
      const target = attr('Target');
      if (type === undefined || target === undefined) return;
      const external = attr('TargetMode') === 'External';
      found.push({ id: attr('Id') ?? '', type, external, target: external ? target : resolveTarget(folder, target) });
    },
  });
  return found;
}

/** The target of the first relationship of this type (compared by its last segment, so Strict and Transitional both match). */
export function relatedPart(relationships: readonly Relationship[], typeName: string): string | undefined {
  return relationships.find((r) => r.type.slice(r.type.lastIndexOf('/') + 1) === typeName)?.target;
}

/** Resolves a relative target against a folder ('word/'); undefined for a target that leaves the package. */
export function resolveTarget(folder: string, target: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return undefined;
  }
  const segments = decoded.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() === undefined) return undefined;
    } else segments.push(segment);
  }
  return segments.join('/');
}

export function requirePart(zip: ZipArchive, part: string): Uint8Array {
  const bytes = zip.read(part);
  if (!bytes) throw new AppError('upload.damaged', { detail: `the part ${part} is missing` });
  return bytes;
}
