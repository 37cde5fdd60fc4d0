// The clean copy of a Word document: the file as received, without what reaches outside it or names people, and
// otherwise unchanged. Opening a received file on an office computer can fetch content or hand over credentials
// (Word follows a template at file://\\server\share without asking), so every file Rostrum hands out is this copy;
// the received bytes are kept for the record. The copy
// - drops every relationship to something outside the package (TargetMode="External") except hyperlinks, which are
//   only followed when a reader clicks them, and what referred to it in its part: an attached template, a
//   subdocument, a linked OLE object, an altChunk, a frame's source; the r:link of a picture (its r:embed stays); any
//   other attribute naming the removed relationship; and the mail-merge settings (data source, connection string and
//   query, which Word runs when it opens the document);
// - empties the instruction of fields that fetch or run things (DDE, DDEAUTO, INCLUDETEXT, INCLUDE, INCLUDEPICTURE,
//   LINK, IMPORT, DATABASE), and of a field whose name is itself made by a field, read across every w:instrText of
//   the field (a name can be split over several runs); the field and its last result stay, so the text reads the same;
// - removes personal properties (the author, who saved it last, the revision number, when it was printed, Word's
//   "Comments" property; the template, company, manager, editing time and hyperlink base) and the custom properties;
// - removes review comments (their parts, their authors' identities in people.xml, and their marks in the text);
// - gives every tracked change the author "Author", keeping the change and its date.
// Everything else is kept byte for byte: parts are edited in place (xml-edit.ts), and parts that need no change are
// copied as they were stored (pictures and other non-XML parts without being read). The package is read by the
// bounded reader (package.ts, zip.ts) with the same caps as every upload, and written in the same entry order with
// fixed dates, so the same file always gives the same copy.
import { parseXml } from './xml.js';
import { CT_NAMESPACE, REL_NAMESPACE, resolveTarget } from './opc.js';
import { openWordPackage } from './package.js';
import { isWordNamespace, shortName } from './wml.js';
import { XmlEditor, type EditAttribute, type EditElement } from './xml-edit.js';
import { writeZip, type ZipWriteEntry } from './zip-write.js';

/** What the clean copy left out. */
export interface CleanReport {
  /** Relationships to something outside the file, by type (the last segment of its URI) and target as written. */
  external: Array<{ type: string; target: string }>;
  /** The mail-merge settings were removed. */
  mailMerge: boolean;
  /** Fields whose instruction was emptied, by their name (one entry a field). */
  fields: string[];
  /** Document properties removed, as named in the file ('dc:creator', 'Company', 'custom properties'). */
  properties: string[];
  /** Review comments removed. */
  comments: number;
  /** Parts removed (comments, their authors, custom properties). */
  parts: string[];
  /** Tracked changes whose author's name was replaced. */
  authors: number;
}

export interface CleanCopy {
  bytes: Uint8Array;
  removed: CleanReport;
}

/** The name every tracked change gets in the clean copy. */
export const NEUTRAL_AUTHOR = 'Author';

const RELATIONSHIP_ATTRIBUTES = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);
const OFFICE = 'urn:schemas-microsoft-com:office:office';
const VML = 'urn:schemas-microsoft-com:vml';
const DC = 'http://purl.org/dc/elements/1.1/';
const CORE = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const EXTENDED = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  'http://purl.oclc.org/ooxml/officeDocument/extendedProperties',
]);

/** Fields that fetch or run something when they are updated or the document opens. */
const FETCHING_FIELDS = new Set(['DDE', 'DDEAUTO', 'INCLUDETEXT', 'INCLUDE', 'INCLUDEPICTURE', 'LINK', 'IMPORT', 'DATABASE']);
/** Elements that exist only to point at a relationship: removed whole with an external one. */
const REFERRING_W = new Set(['attachedTemplate', 'subDoc', 'altChunk', 'dataSource', 'headerSource', 'sourceFileName', 'objectLink']);
const COMMENT_MARKS = new Set(['commentRangeStart', 'commentRangeEnd', 'commentReference']);
/** Relationship types whose target parts are removed: comments, their authors, custom properties. */
const DROPPED_TYPES = new Set(['comments', 'commentsExtended', 'commentsIds', 'commentsExtensible', 'people', 'custom-properties']);
const DROPPED_NAMES = /(^|\/)(comments|commentsextended|commentsids|commentsextensible|people)\.xml$/;
const CORE_PROPERTIES: ReadonlyArray<[string, string, string]> = [
  [DC, 'creator', 'dc:creator'],
  [CORE, 'lastModifiedBy', 'cp:lastModifiedBy'],
  [CORE, 'revision', 'cp:revision'],
  [CORE, 'lastPrinted', 'cp:lastPrinted'],
  [DC, 'description', 'dc:description'],
];
const APP_PROPERTIES = new Set(['Template', 'Company', 'Manager', 'TotalTime', 'HyperlinkBase']);
/**
 * A .rels part needs reading only if it may name something outside (a target mode, or a target with a scheme) or a
 * part that goes; the test is loose on purpose (any "External", any character reference, any of those types' names), never missing one.
 */
const RELS_MARKERS = /external|Target\s*=\s*["']\s*[a-z][a-z0-9+.-]*:|&#|comments|people|custom-properties/i;
/** A story part needs reading only if one of these occurs in it (or it refers to a removed relationship). */
const STORY_MARKERS = ['nstrText', 'fldSimple', 'author', 'comment', 'mailMerge', 'imagedata'];
const MAX_TARGET = 500;

interface Entry {
  name: string;
  /** The inflated bytes, read (and checked) when first asked for. */
  readonly bytes: Uint8Array;
}

interface Relationship {
  element: EditElement;
  end: number;
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function cleanDocx(bytes: Uint8Array, options: { maxBytes?: number } = {}): CleanCopy {
  const { zip } = openWordPackage(bytes, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  // Only the XML parts are read; every other entry (pictures, embedded fonts) is copied as stored, unread.
  const entries = new Map<string, Entry>();
  for (const name of zip.names) {
    let bytes: Uint8Array | undefined;
    entries.set(name.toLowerCase(), {
      name,
      get bytes() {
        return (bytes ??= zip.read(name)!);
      },
    });
  }
  const removed: CleanReport = { external: [], mailMerge: false, fields: [], properties: [], comments: 0, parts: [], authors: 0 };
  const changed = new Map<string, string>();

  // The relationships of every part, read before anything is decided: which parts go, and which ids go with them.
  // A .rels part that names nothing outside and no part that goes is left as it is, unread (the package's is always
  // read: it says where the properties are).
  const rels = new Map<string, { editor: XmlEditor; source: string; relationships: Relationship[] }>();
  for (const [key, entry] of entries) {
    const source = relsSource(key);
    if (source === undefined || (key !== '_rels/.rels' && !RELS_MARKERS.test(decode(entry.bytes).text))) continue;
    rels.set(key, { ...readRelationships(entry, source.folder), source: source.part });
  }

  const dropped = new Set<string>();
  for (const key of entries.keys()) if (DROPPED_NAMES.test(key) || key === 'docprops/custom.xml') dropped.add(key);
  for (const { relationships } of rels.values()) {
    for (const r of relationships) if (!r.external && DROPPED_TYPES.has(lastSegment(r.type))) dropped.add(r.target.toLowerCase());
  }
  for (const key of [...dropped]) {
    const slash = key.lastIndexOf('/');
    dropped.add(`${key.slice(0, slash + 1)}_rels/${key.slice(slash + 1)}.rels`);
  }
  const droppedParts = [...entries.keys()].filter((k) => dropped.has(k) && relsSource(k) === undefined);
  for (const key of droppedParts) {
    const entry = entries.get(key)!;
    removed.parts.push(entry.name);
    if (/(^|\/)comments\.xml$/.test(key)) removed.comments += countComments(entry);
    if (key === 'docprops/custom.xml' || isCustomProperties(rels, key)) removed.properties.push('custom properties');
  }

  // External relationships go (hyperlinks stay), and so do relationships to the parts that go.
  const removedIds = new Map<string, Set<string>>();
  for (const [key, { editor, source, relationships }] of rels) {
    if (dropped.has(key)) continue;
    for (const r of relationships) {
      const type = lastSegment(r.type);
      if (r.external && type !== 'hyperlink') {
        editor.remove(r.element.start, r.end);
        if (!removedIds.has(source)) removedIds.set(source, new Set());
        removedIds.get(source)!.add(r.id);
        removed.external.push({ type, target: r.target.slice(0, MAX_TARGET) });
      } else if (!r.external && dropped.has(r.target.toLowerCase())) {
        editor.remove(r.element.start, r.end);
      }
    }
    if (editor.changed) changed.set(key, editor.result());
  }

  const packageRels = rels.get('_rels/.rels')?.relationships ?? [];
  const byType = (type: string, fallback: string) =>
    (packageRels.find((r) => !r.external && lastSegment(r.type) === type)?.target ?? fallback).toLowerCase();
  const corePart = byType('core-properties', 'docProps/core.xml');
  const appPart = byType('extended-properties', 'docProps/app.xml');

  for (const [key, entry] of entries) {
    if (dropped.has(key) || relsSource(key) !== undefined) continue;
    if (key === '[content_types].xml') {
      if (dropped.size > 0) editPart(entry, changed, (editor) => removeOverrides(editor, dropped));
    } else if (key === corePart) {
      editPart(entry, changed, (editor) =>
        removeProperties(editor, (el) => CORE_PROPERTIES.find(([uri, local]) => el.uri === uri && el.local === local)?.[2], removed),
      );
    } else if (key === appPart) {
      editPart(entry, changed, (editor) =>
        removeProperties(editor, (el) => (EXTENDED.has(el.uri) && APP_PROPERTIES.has(el.local) ? el.local : undefined), removed),
      );
    } else if (key.endsWith('.xml')) {
      const ids = removedIds.get(key) ?? new Set<string>();
      const text = decode(entry.bytes).text;
      if (ids.size === 0 && !STORY_MARKERS.some((m) => text.includes(m))) continue;
      editPart(entry, changed, (editor) => cleanStory(editor, ids, removed), text);
    }
  }

  const out: ZipWriteEntry[] = [];
  for (const [key, entry] of entries) {
    if (dropped.has(key)) continue;
    const text = changed.get(key);
    out.push(
      text === undefined
        ? { name: entry.name, stored: zip.stored(entry.name)! }
        : { name: entry.name, bytes: encode(text, decode(entry.bytes)) },
    );
  }
  return { bytes: writeZip(out), removed };
}

/** Whether nothing was removed. */
export function nothingRemoved(r: CleanReport): boolean {
  return (
    r.external.length === 0 &&
    !r.mailMerge &&
    r.fields.length === 0 &&
    r.properties.length === 0 &&
    r.comments === 0 &&
    r.parts.length === 0 &&
    r.authors === 0
  );
}

const LINK_NAMES: Record<string, string> = {
  attachedTemplate: 'a template',
  image: 'a linked picture',
  oleObject: 'a linked object',
  subDocument: 'a subdocument',
  aFChunk: 'imported content (altChunk)',
  frame: 'a frame',
  mailMergeSource: 'a mail-merge data source',
  mailMergeHeaderSource: 'a mail-merge header source',
  imagedata: 'a linked picture',
};

/** What was removed, as phrases for a page ("2 links to outside content (a template, a linked picture)"). */
export function describeRemoved(r: CleanReport): string[] {
  const out: string[] = [];
  const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
  if (r.external.length > 0) {
    const kinds = [...new Set(r.external.map((e) => LINK_NAMES[e.type] ?? e.type))];
    out.push(`${plural(r.external.length, 'link', 'links')} to outside content (${kinds.join(', ')})`);
  }
  if (r.mailMerge) out.push('the mail-merge settings');
  if (r.fields.length > 0)
    out.push(
      `${plural(r.fields.length, 'field that fetches or runs things', 'fields that fetch or run things')} (${[...new Set(r.fields)].join(', ')})`,
    );
  if (r.properties.length > 0) out.push(`personal document properties (${r.properties.join(', ')})`);
  if (r.comments > 0 || r.parts.some((p) => /comments|people/i.test(p)))
    out.push(`${plural(r.comments, 'comment', 'comments')} and their authors’ names`);
  if (r.authors > 0) out.push(`the authors’ names of ${plural(r.authors, 'tracked change', 'tracked changes')}`);
  return out;
}

/** The part a .rels part belongs to ('' for the package) and that part's folder; undefined for any other part. */
function relsSource(key: string): { part: string; folder: string } | undefined {
  const match = /^(.*?)_rels\/([^/]*)\.rels$/.exec(key);
  return match ? { part: `${match[1]}${match[2]}`, folder: match[1]! } : undefined;
}

function lastSegment(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

function isCustomProperties(rels: Map<string, { relationships: Relationship[] }>, key: string): boolean {
  return [...rels.values()].some((r) =>
    r.relationships.some((x) => !x.external && lastSegment(x.type) === 'custom-properties' && x.target.toLowerCase() === key),
  );
}

function readRelationships(entry: Entry, folder: string): { editor: XmlEditor; relationships: Relationship[] } {
  const editor = editorFor(entry);
  const relationships: Relationship[] = [];
  editor.walk({
    close(el, _innerEnd, end) {
      if (el.uri !== REL_NAMESPACE || el.local !== 'Relationship') return;
      const attr = (name: string) => el.attributes.find((a) => a.uri === '' && a.local === name)?.value;
      const type = attr('Type') ?? '';
      const target = attr('Target') ?? '';
      // A target with a scheme (file:, http:, C:) leaves the package whatever its mode says.
      const external = attr('TargetMode')?.toLowerCase() === 'external' || /^[a-z][a-z0-9+.-]*:/i.test(target);
      const resolved = external ? target : (resolveTarget(folder, target) ?? '');
      relationships.push({ element: el, end, id: attr('Id') ?? '', type, target: resolved, external });
    },
  });
  return { editor, relationships };
}

function editorFor(entry: Entry, text?: string): XmlEditor {
  // The same reader every upload goes through: well-formed, no DOCTYPE, within the depth and text limits.
  parseXml(entry.bytes, entry.name, {});
  return new XmlEditor(text ?? decode(entry.bytes).text);
}

function editPart(entry: Entry, changed: Map<string, string>, edit: (editor: XmlEditor) => void, text?: string): void {
  const editor = editorFor(entry, text);
  edit(editor);
  if (editor.changed) changed.set(entry.name.toLowerCase(), editor.result());
}

function removeOverrides(editor: XmlEditor, dropped: ReadonlySet<string>): void {
  editor.walk({
    close(el, _innerEnd, end) {
      if (el.uri !== CT_NAMESPACE || el.local !== 'Override') return;
      const name = el.attributes.find((a) => a.uri === '' && a.local === 'PartName')?.value ?? '';
      let part = name;
      try {
        part = decodeURIComponent(name);
      } catch {
        // kept as written
      }
      if (dropped.has(part.replace(/^\//, '').toLowerCase())) editor.remove(el.start, end);
    },
  });
}

function removeProperties(editor: XmlEditor, named: (el: EditElement) => string | undefined, removed: CleanReport): void {
  editor.walk({
    close(el, _innerEnd, end) {
      if (el.depth !== 1) return;
      const name = named(el);
      if (name === undefined) return;
      editor.remove(el.start, end);
      removed.properties.push(name);
    },
  });
}

interface OpenField {
  instr: string;
  /** The field's w:instrText elements, to empty. */
  texts: Array<{ el: EditElement; innerEnd: number }>;
  /** The field's name is made by a field nested before any text of its own. */
  computed: boolean;
  phase: 'code' | 'result';
}

/** The edits of a story part (or settings, web settings, headers...): see the top of this file. */
function cleanStory(editor: XmlEditor, removedIds: ReadonlySet<string>, removed: CleanReport): void {
  const removeAtClose = new Set<EditElement>();
  const fields: OpenField[] = [];
  let instr: { el: EditElement; text: string } | undefined;

  const judge = (field: OpenField) => {
    const name =
      field.instr
        .trimStart()
        .match(/^[^\s\\"]+/)?.[0]
        ?.toUpperCase() ?? '';
    if (!field.computed && !FETCHING_FIELDS.has(name)) return;
    for (const t of field.texts) editor.setText(t.el, t.innerEnd, '');
    removed.fields.push(field.computed ? 'a field named by another field' : name);
  };

  editor.walk({
    open(el) {
      const w = isWordNamespace(el.uri);
      if (w && (el.local === 'mailMerge' || COMMENT_MARKS.has(el.local))) {
        removeAtClose.add(el);
        if (el.local === 'mailMerge') removed.mailMerge = true;
      }
      if (removedIds.size > 0) {
        const refs = el.attributes.filter(
          (a) => (RELATIONSHIP_ATTRIBUTES.has(a.uri) || (a.uri === OFFICE && a.local === 'relid')) && removedIds.has(a.value),
        );
        if (refs.length > 0) {
          if ((w && REFERRING_W.has(el.local)) || (el.uri === OFFICE && el.local === 'OLEObject')) removeAtClose.add(el);
          else for (const a of refs) editor.removeAttribute(a);
        }
      }
      if (el.uri === VML && el.local === 'imagedata') {
        // VML's own links: the picture's address as written, without a relationship.
        for (const a of el.attributes.filter((x) => (x.uri === '' && x.local === 'src') || (x.uri === OFFICE && x.local === 'href'))) {
          editor.removeAttribute(a);
          removed.external.push({ type: 'imagedata', target: a.value.slice(0, MAX_TARGET) });
        }
      }
      if (!w) return;
      const author = el.attributes.find((a: EditAttribute) => isWordNamespace(a.uri) && a.local === 'author');
      if (author && author.value !== NEUTRAL_AUTHOR) {
        editor.setAttribute(author, NEUTRAL_AUTHOR);
        removed.authors++;
      }
      switch (shortName(el)) {
        case 'w:fldChar': {
          const type = el.attributes.find((a) => isWordNamespace(a.uri) && a.local === 'fldCharType')?.value;
          const top = fields.at(-1);
          if (type === 'begin') {
            if (top && top.phase === 'code' && top.instr.trim() === '') top.computed = true;
            fields.push({ instr: '', texts: [], computed: false, phase: 'code' });
          } else if (type === 'separate' && top) {
            top.phase = 'result';
          } else if (type === 'end' && top) {
            judge(fields.pop()!);
          }
          return;
        }
        case 'w:instrText':
        case 'w:delInstrText':
          instr = { el, text: '' };
          return;
        case 'w:fldSimple': {
          const attr = el.attributes.find((a) => isWordNamespace(a.uri) && a.local === 'instr');
          const name =
            attr?.value
              .trimStart()
              .match(/^[^\s\\"]+/)?.[0]
              ?.toUpperCase() ?? '';
          if (attr && FETCHING_FIELDS.has(name)) {
            editor.setAttribute(attr, '');
            removed.fields.push(name);
          }
          return;
        }
      }
    },
    text(text) {
      if (instr) instr.text += text;
    },
    close(el, innerEnd, end) {
      if (removeAtClose.has(el)) editor.remove(el.start, end);
      if (instr?.el === el) {
        const top = fields.at(-1);
        // An instruction outside any field is judged on its own.
        const field = top && top.phase === 'code' ? top : { instr: '', texts: [], computed: false, phase: 'code' as const };
        field.instr += instr.text;
        field.texts.push({ el, innerEnd });
        if (field !== top) judge(field);
        instr = undefined;
      }
    },
  });
  // Fields left open at the end of the part (Word never writes them) are judged as they stand.
  for (const field of fields.reverse()) judge(field);
}

function countComments(entry: Entry): number {
  let count = 0;
  parseXml(entry.bytes, entry.name, {
    open(el) {
      if (shortName(el) === 'w:comment') count++;
    },
  });
  return count;
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The part's text and how it was written (parts are UTF-8, or UTF-16 with a byte order mark, as xml.ts reads them). */
function decode(bytes: Uint8Array): { text: string; encoding: Encoding; bom: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', bom: true };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', bom };
}

/** The edited text written as the part was. */
function encode(text: string, as: { encoding: Encoding; bom: boolean }): Uint8Array {
  if (as.encoding === 'utf-8') {
    const body = new TextEncoder().encode(text);
    if (!as.bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const body = Buffer.from(text, 'utf16le');
  if (as.encoding === 'utf-16be') body.swap16();
  const out = new Uint8Array(body.length + 2);
  out.set(as.encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  out.set(body, 2);
  return out;
}
