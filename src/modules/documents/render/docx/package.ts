// The DOCX package made reproducible: a generation stores the model it rendered, and rendering it again must give the
// same file (same SHA-256). The docx package stamps the current time into docProps/core.xml and into the zip entries,
// and names the relationships of links with random ids, so the package is unpacked, its dates set from the document's
// date, those relationships renamed in order, and packed again with fixed entry times in a fixed order.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { invariant } from '../../../../kernel/invariant.js';

/**
 * The time of every entry of the re-packed zip. fflate writes DOS times from the local-time fields of the Date it is
 * given, so the Date is built from local-time fields too, when packing (a Date made once would shift if the process's
 * time zone changed): the entries then read 1980-01-01 00:00 (the DOS epoch) whatever the time zone, and the bytes do
 * not depend on where the document was rendered.
 */
const zipEntryTime = () => new Date(1980, 0, 1, 0, 0, 0);

/** Replaces one element's text in docProps/core.xml, failing loudly if the docx package ever stops writing it. */
function setCoreElement(xml: string, element: string, value: string): string {
  const pattern = new RegExp(`(<${element}\\b[^>]*>)[^<]*(</${element}>)`);
  invariant(pattern.test(xml), `docProps/core.xml has no ${element}`);
  return xml.replace(pattern, `$1${value}$2`);
}

/**
 * `text` with the value of every `marker` + value + `"` whose value `names` holds replaced by its new name, in one pass
 * (a document can hold thousands of links: replacing them one by one would copy the whole part for each).
 */
function renameQuoted(text: string, marker: string, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  let copied = 0;
  let at = text.indexOf(marker);
  while (at >= 0) {
    const start = at + marker.length;
    const end = text.indexOf('"', start);
    if (end < 0) break;
    const name = names.get(text.slice(start, end));
    if (name === undefined) {
      at = text.indexOf(marker, at + 1);
      continue;
    }
    parts.push(text.slice(copied, start), name);
    copied = end;
    at = text.indexOf(marker, end);
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

const EQUALS = 0x3d;
const QUOTE = 0x22;

/**
 * The same as `renameQuoted(text, '="', names)`, on the UTF-8 bytes of a part rather than on its text: the document
 * part of a large compilation is tens of megabytes, and decoding it to a string and encoding it again would take as
 * much memory again, twice. The markers and the new names are ASCII, and an ASCII byte is never part of another
 * character in UTF-8, so the bytes are those of the text renamed. Only a value as long as one of the names, and
 * starting as one of them does, is decoded to be looked up.
 */
function renameQuotedBytes(data: Uint8Array, names: ReadonlyMap<string, string>): Uint8Array {
  const lengths = new Set<number>();
  const firstBytes = new Set<number>();
  for (const id of names.keys()) {
    const bytes = strToU8(id);
    lengths.add(bytes.length);
    if (bytes.length > 0) firstBytes.add(bytes[0] as number);
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const chunks: Uint8Array[] = [];
  let copied = 0;
  let size = 0;
  for (let at = data.indexOf(EQUALS); at >= 0 && at + 1 < data.length; at = data.indexOf(EQUALS, at + 1)) {
    if (data[at + 1] !== QUOTE) continue;
    const start = at + 2;
    const end = data.indexOf(QUOTE, start);
    if (end < 0) break;
    if (!lengths.has(end - start) || (end > start && !firstBytes.has(data[start] as number))) continue;
    const name = names.get(decoder.decode(data.subarray(start, end)));
    if (name === undefined) continue;
    const before = data.subarray(copied, start);
    const renamed = strToU8(name);
    chunks.push(before, renamed);
    size += before.length + renamed.length;
    copied = end;
    at = end - 1;
  }
  if (chunks.length === 0) return data;
  const rest = data.subarray(copied);
  chunks.push(rest);
  size += rest.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Renames the relationships the docx package names with random ids (links, "rId" and a random string) to "rIdLink1",
 * "rIdLink2"... in the order of each relationships part, which is the order the links were written in, and the
 * references to them in the part they belong to (word/_rels/footnotes.xml.rels belongs to word/footnotes.xml).
 */
function renameRandomRelationships(files: Record<string, Uint8Array>): void {
  for (const relsPath of Object.keys(files).filter((name) => /(^|\/)_rels\/[^/]+\.rels$/.test(name))) {
    const owner = relsPath.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2');
    const rels = files[relsPath];
    if (!rels) continue;
    const relsXml = strFromU8(rels);
    const random = [...relsXml.matchAll(/ Id="([^"]+)"/g)].map((m) => m[1] as string).filter((id) => !/^rId\d+$/.test(id));
    if (random.length === 0) continue;
    // Numbered by their place among the random ids (an id listed twice keeps the number of its first place).
    const renamed = new Map<string, string>();
    random.forEach((id, i) => {
      if (!renamed.has(id)) renamed.set(id, `rIdLink${i + 1}`);
    });
    files[relsPath] = strToU8(renameQuoted(relsXml, ' Id="', renamed));
    const ownerData = files[owner];
    if (ownerData) files[owner] = renameQuotedBytes(ownerData, renamed);
  }
}

/**
 * Makes the package reproducible: the created and modified dates become the document's date at midnight UTC, the
 * core properties gain the document's language (docx has no option for dc:language), the random relationship ids
 * are renamed in order, and the zip is written again with every entry at the same time, `[Content_Types].xml` first
 * (as Office writes it) and the rest by name.
 */
export function reproducible(packed: Uint8Array, date: string, languageTag: string): Uint8Array {
  const files = unzipSync(packed);
  renameRandomRelationships(files);
  const corePath = 'docProps/core.xml';
  const core = files[corePath];
  invariant(core, `the docx package wrote no ${corePath}`);
  const stamp = `${date}T00:00:00Z`;
  let coreXml = strFromU8(core);
  coreXml = setCoreElement(coreXml, 'dcterms:created', stamp);
  coreXml = setCoreElement(coreXml, 'dcterms:modified', stamp);
  if (!coreXml.includes('<dc:language>'))
    coreXml = coreXml.replace('</cp:coreProperties>', `<dc:language>${languageTag}</dc:language></cp:coreProperties>`);
  files[corePath] = strToU8(coreXml);

  const contentTypes = '[Content_Types].xml';
  const names = Object.keys(files)
    .filter((name) => name !== contentTypes)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered: Zippable = {};
  for (const name of [contentTypes, ...names]) {
    const data = files[name];
    if (data) ordered[name] = data;
  }
  return zipSync(ordered, { level: 6, mtime: zipEntryTime() });
}
