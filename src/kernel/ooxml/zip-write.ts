// Writes a ZIP archive in memory, reproducibly: the entries in the order given, every one with the same time
// (1 January 1980, the format's first day), no extra fields, no comments, no data descriptors, so the same entries
// always give the same bytes. An entry is new bytes (deflated here) or an entry of another archive copied as it was
// stored (zip.ts checked it when it was read), which spares inflating and deflating again pictures that did not change.
// It writes what the bounded reader accepts (at most 2,000 entries and 50 MB), so it never needs ZIP64.
import { crc32, deflateRawSync } from 'node:zlib';
import { invariant } from '../invariant.js';
import type { StoredZipEntry } from './zip.js';

export type ZipWriteEntry = { name: string; bytes: Uint8Array } | { name: string; stored: StoredZipEntry };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
/** 1980-01-01 in MS-DOS date form (year − 1980, month, day); the time is 00:00:00. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const LIMIT = 0xffffffff;

interface Prepared {
  name: Uint8Array;
  flags: number;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Uint8Array;
  offset: number;
}

export function writeZip(entries: readonly ZipWriteEntry[]): Uint8Array {
  invariant(entries.length < 0xffff, `writeZip: ${entries.length} entries need ZIP64`);
  const prepared: Prepared[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const ascii = name.every((b) => b < 0x80);
    const body =
      'stored' in entry
        ? { method: entry.stored.method, crc: entry.stored.crc, size: entry.stored.size, data: entry.stored.data }
        : { method: 8 as const, crc: crc32(entry.bytes), size: entry.bytes.length, data: deflateRawSync(entry.bytes, { level: 6 }) };
    prepared.push({ name, flags: ascii ? 0 : UTF8_NAMES, ...body, offset });
    offset += 30 + name.length + body.data.length;
    invariant(offset <= LIMIT && body.size <= LIMIT, 'writeZip: the archive needs ZIP64');
  }
  const centralSize = prepared.reduce((sum, p) => sum + 46 + p.name.length, 0);
  // One fresh buffer, never a slice of Node's shared pool: the caller may transfer it to another thread.
  const out = new Uint8Array(offset + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const p of prepared) {
    view.setUint32(at, SIG_LOCAL, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, p.flags, true);
    view.setUint16(at + 8, p.method, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, DOS_DATE, true);
    view.setUint32(at + 14, p.crc, true);
    view.setUint32(at + 18, p.data.length, true);
    view.setUint32(at + 22, p.size, true);
    view.setUint16(at + 26, p.name.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(p.name, at + 30);
    out.set(p.data, at + 30 + p.name.length);
    at += 30 + p.name.length + p.data.length;
  }
  for (const p of prepared) {
    view.setUint32(at, SIG_CENTRAL, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, p.flags, true);
    view.setUint16(at + 10, p.method, true);
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DOS_DATE, true);
    view.setUint32(at + 16, p.crc, true);
    view.setUint32(at + 20, p.data.length, true);
    view.setUint32(at + 24, p.size, true);
    view.setUint16(at + 28, p.name.length, true);
    // Extra field, comment, disk number, internal and external attributes: all zero.
    view.setUint32(at + 42, p.offset, true);
    out.set(p.name, at + 46);
    at += 46 + p.name.length;
  }
  view.setUint32(at, SIG_END, true);
  view.setUint16(at + 8, prepared.length, true);
  view.setUint16(at + 10, prepared.length, true);
  view.setUint32(at + 12, centralSize, true);
  view.setUint32(at + 16, offset, true);
  return out;
}
