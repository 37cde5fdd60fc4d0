// Reads a ZIP archive (the container of .docx files) held in memory. Everything an attacker controls is checked
// from the central directory before a single byte is inflated: the number of entries, their names, their
// declared sizes and compression ratios, and that every entry lies inside the file without overlapping another.
// Inflation then never trusts those declarations: zlib stops, and the entry is refused, as soon as its output
// passes the size its header declared, so a lying header costs at most that size and one chunk more.
import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '../errors.js';

const MB = 1024 * 1024;

export interface ZipLimits {
  /** Largest accepted file (the upload itself). */
  maxBytes: number;
  maxEntries: number;
  /** Largest sum of the entries' declared uncompressed sizes. */
  maxTotalUncompressed: number;
  /** An entry larger than ratioFloor may expand at most this many times its compressed size. */
  maxRatio: number;
  ratioFloor: number;
}

export const defaultZipLimits: ZipLimits = {
  maxBytes: 10 * MB,
  maxEntries: 2_000,
  maxTotalUncompressed: 50 * MB,
  maxRatio: 200,
  ratioFloor: 1 * MB,
};

interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  dataOffset: number;
}

export interface ZipArchive {
  /** Entry names as stored, in central-directory order. */
  readonly names: readonly string[];
  /** Whether the archive holds this entry (names compared without case, as OOXML part names are). */
  has(name: string): boolean;
  /** The entry's inflated bytes, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined;
  /**
   * The entry as stored (method, checksum, sizes and a view of its compressed bytes), to copy it unchanged into another
   * archive; undefined when there is no such entry. Only read() checks the data: read the entry first.
   */
  stored(name: string): StoredZipEntry | undefined;
}

export interface StoredZipEntry {
  method: 0 | 8;
  crc: number;
  /** The inflated size. */
  size: number;
  /** The entry's data as stored (deflated for method 8), a view on the archive's bytes. */
  data: Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;

const unsafe = (detail: string) => new AppError('upload.unsafe', { detail });
const damaged = (detail: string, cause?: unknown) => new AppError('upload.damaged', { detail, cause });

export function openZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipArchive {
  const lim = { ...defaultZipLimits, ...limits };
  if (bytes.length === 0) throw new AppError('upload.empty', { detail: 'the file is empty (0 bytes)' });
  if (bytes.length > lim.maxBytes) {
    throw new AppError('upload.too_large', { detail: `the file has ${bytes.length} bytes; the limit is ${lim.maxBytes}` });
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new AppError('upload.not_docx', { detail: `not a ZIP archive: ${describeMagic(bytes)}` });
  }
  const entries = readCentralDirectory(bytes, lim);
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  return {
    names: entries.map((e) => e.name),
    has: (name) => byName.has(name.toLowerCase()),
    read(name) {
      const entry = byName.get(name.toLowerCase());
      return entry && inflateEntry(bytes, entry);
    },
    stored(name) {
      const entry = byName.get(name.toLowerCase());
      if (!entry) return undefined;
      return {
        method: entry.method,
        crc: entry.crc,
        size: entry.size,
        data: bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize),
      };
    },
  };
}

/** What the first bytes say the file is, for the operator's detail. */
function describeMagic(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF file';
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0)
    return 'an OLE compound file (a legacy .doc, or a password-protected document)';
  if (head.subarray(0, 5).toString('latin1') === '{\\rtf') return 'an RTF file';
  return `the file starts with bytes ${head.toString('hex')}`;
}

function readCentralDirectory(bytes: Uint8Array, lim: ZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  let count = view.getUint16(end + 10, true);
  let cdSize = view.getUint32(end + 12, true);
  let cdOffset = view.getUint32(end + 16, true);
  let cdLimit = end;
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) throw damaged('a multi-volume archive');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const z64 = readZip64End(view, end);
    ({ count, cdSize, cdOffset } = z64);
    cdLimit = z64.recordOffset;
  }
  if (count > lim.maxEntries) throw unsafe(`the archive declares ${count} entries; the limit is ${lim.maxEntries}`);
  if (cdOffset + cdSize > cdLimit) throw damaged('the central directory lies outside the file');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || view.getUint32(p, true) !== SIG_CENTRAL) throw damaged(`central directory entry ${i} is malformed`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize) throw damaged(`central directory entry ${i} runs past the directory`);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = checkName(rawName);
    const sizes = zip64Sizes(view, p + 46 + nameLength, extraLength, {
      size: view.getUint32(p + 24, true),
      compressedSize: view.getUint32(p + 20, true),
      localOffset: view.getUint32(p + 42, true),
    });

    if (seen.has(name.toLowerCase())) throw unsafe(`the entry name ${JSON.stringify(name)} appears twice`);
    seen.add(name.toLowerCase());
    if (flags & 1) throw damaged(`entry ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw damaged(`entry ${name} uses compression method ${method}`);
    if (sizes.size > lim.ratioFloor && sizes.size > sizes.compressedSize * lim.maxRatio) {
      throw unsafe(`entry ${name} declares ${sizes.size} bytes from ${sizes.compressedSize} compressed (ratio over ${lim.maxRatio}:1)`);
    }
    total += sizes.size;
    if (total > lim.maxTotalUncompressed) {
      throw unsafe(`the entries declare more than ${lim.maxTotalUncompressed} bytes uncompressed (at entry ${name})`);
    }
    if (method === 0 && sizes.size !== sizes.compressedSize) throw damaged(`stored entry ${name} has different sizes`);
    const dataOffset = checkLocalHeader(bytes, view, sizes.localOffset, rawName, name);
    if (dataOffset + sizes.compressedSize > cdOffset) throw damaged(`entry ${name} runs past the end of its data`);
    entries.push({ name, method, crc: view.getUint32(p + 16, true), ...sizes, dataOffset });
    p = next;
  }
  checkNoOverlap(entries);
  return entries;
}

function findEnd(view: DataView): number {
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= stop; at--) {
    // Only a record whose comment ends exactly at the end of the file counts, so a signature inside a comment
    // (or a truncated file whose tail happens to hold one) is not taken for the real end.
    if (view.getUint32(at, true) === SIG_END && at + 22 + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  throw damaged('no end of central directory record: the file is truncated or not a complete ZIP archive');
}

function readZip64End(view: DataView, end: number): { count: number; cdSize: number; cdOffset: number; recordOffset: number } {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== SIG_END64_LOCATOR) throw damaged('the ZIP64 end locator is missing');
  const recordOffset = Number(view.getBigUint64(locator + 8, true));
  if (recordOffset + 56 > locator || view.getUint32(recordOffset, true) !== SIG_END64) throw damaged('the ZIP64 end record is missing');
  return {
    count: Number(view.getBigUint64(recordOffset + 32, true)),
    cdSize: Number(view.getBigUint64(recordOffset + 40, true)),
    cdOffset: Number(view.getBigUint64(recordOffset + 48, true)),
    recordOffset,
  };
}

/** Sizes that overflow 32 bits are in the ZIP64 extra field, in this order, only where the header holds 0xFFFFFFFF. */
function zip64Sizes(
  view: DataView,
  start: number,
  length: number,
  sizes: { size: number; compressedSize: number; localOffset: number },
): { size: number; compressedSize: number; localOffset: number } {
  const keys = (['size', 'compressedSize', 'localOffset'] as const).filter((k) => sizes[k] === 0xffffffff);
  if (keys.length === 0) return sizes;
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const fieldLength = view.getUint16(at + 2, true);
    if (id === 0x0001 && fieldLength >= keys.length * 8) {
      const out = { ...sizes };
      keys.forEach((k, i) => (out[k] = Number(view.getBigUint64(at + 4 + i * 8, true))));
      return out;
    }
    at += 4 + fieldLength;
  }
  throw damaged('an entry declares ZIP64 sizes without the ZIP64 field');
}

/** Entry names are paths: anything that could point outside a folder, or be read differently on Windows, is refused. */
function checkName(raw: Uint8Array): string {
  const name = new TextDecoder('utf-8').decode(raw);
  const shown = JSON.stringify(name);
  if (raw.length === 0) throw unsafe('an entry has an empty name');
  if (raw.some((b) => b < 0x20)) throw unsafe(`the entry name ${shown} holds a NUL or control character`);
  if (name.includes('\\')) throw unsafe(`the entry name ${shown} holds a backslash`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe(`the entry name ${shown} is an absolute path`);
  if (name.split('/').includes('..')) throw unsafe(`the entry name ${shown} climbs out of its folder (..)`);
  return name;
}

function checkLocalHeader(bytes: Uint8Array, view: DataView, offset: number, rawName: Uint8Array, name: string): number {
  if (offset + 30 > bytes.length || view.getUint32(offset, true) !== SIG_LOCAL) throw damaged(`entry ${name} has no local header`);
  const nameLength = view.getUint16(offset + 26, true);
  const extraLength = view.getUint16(offset + 28, true);
  // Two readers that disagree about an entry's name (central directory or local header) can be made to see two
  // different documents in one file.
  if (!Buffer.from(rawName).equals(bytes.subarray(offset + 30, offset + 30 + nameLength))) {
    throw unsafe(`entry ${name} has another name in its local header`);
  }
  return offset + 30 + nameLength + extraLength;
}

/** Entries that share bytes let a small file declare the same compressed data many times over. */
function checkNoOverlap(entries: readonly ZipEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.dataOffset + prev.compressedSize > cur.localOffset) throw unsafe(`entries ${prev.name} and ${cur.name} overlap`);
  }
}

function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const input = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const out = entry.method === 0 ? input.slice() : inflateCapped(input, entry);
  if (out.length !== entry.size) throw damaged(`entry ${entry.name} inflates to ${out.length} bytes, not the ${entry.size} declared`);
  if (crc32(out) !== entry.crc) throw damaged(`entry ${entry.name} fails its checksum`);
  return out;
}

/**
 * Inflates an entry with zlib, which stops as soon as the output passes the size the entry declares (and the archive's
 * limits have already capped that size): a bomb costs at most its declared size in memory and the work to reach it.
 */
function inflateCapped(input: Uint8Array, entry: ZipEntry): Uint8Array {
  try {
    const out = inflateRawSync(input, { maxOutputLength: Math.max(entry.size, 1) });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
      throw unsafe(`entry ${entry.name} inflates beyond the ${entry.size} bytes its header declares`);
    throw damaged(`entry ${entry.name} cannot be inflated: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}
