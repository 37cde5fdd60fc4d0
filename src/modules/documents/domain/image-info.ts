// What a renderer needs to know about a picture before placing it: its real format, recognised by its first bytes
// (the media type a store recorded can be wrong, and a file that is not one of the three formats every output shows
// must not be embedded), and its size in pixels, read from the file's header without decoding the image. Reading the
// header is cheap and bounded: PNG and GIF keep the size at a fixed place, and a JPEG is walked marker by marker to
// its frame header, never past the end of the bytes.

/** The pictures every format can show: Word, browsers and LibreOffice all take them. */
export type PictureType = 'image/png' | 'image/jpeg' | 'image/gif';

export interface PictureInfo {
  mediaType: PictureType;
  /** Pixels, when the header gives them (undefined for a truncated or unusual file). */
  width?: number;
  height?: number;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

function uint32be(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) >>> 0) + ((bytes[at + 1] ?? 0) << 16) + ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0);
}

function uint16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) + (bytes[at + 1] ?? 0);
}

function uint16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) + ((bytes[at + 1] ?? 0) << 8);
}

/** A size only when both sides are real: a zero or absurd value is treated as unknown rather than trusted. */
function size(width: number, height: number): { width?: number; height?: number } {
  const plausible = (n: number) => Number.isInteger(n) && n > 0 && n <= 100_000;
  return plausible(width) && plausible(height) ? { width, height } : {};
}

/** The size in a JPEG's frame header (SOF0–SOF15 except DHT, JPG and DAC), found by walking the marker segments. */
function jpegSize(bytes: Uint8Array): { width?: number; height?: number } {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return {};
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes (0xFF repeated) may precede a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Markers without a length: TEM and the restart markers; the start of scan ends the headers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return {};
    const length = uint16be(bytes, at + 2);
    if (length < 2) return {};
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return at + 9 <= bytes.length ? size(uint16be(bytes, at + 7), uint16be(bytes, at + 5)) : {};
    at += 2 + length;
  }
  return {};
}

/** The picture's format and pixel size, or undefined when the bytes are not a PNG, JPEG or GIF file. */
export function pictureInfo(bytes: Uint8Array): PictureInfo | undefined {
  if (startsWith(bytes, PNG)) {
    // The first chunk is IHDR: its width and height follow the chunk's length and type.
    const ihdr = bytes[12] === 0x49 && bytes[13] === 0x48 && bytes[14] === 0x44 && bytes[15] === 0x52;
    return { mediaType: 'image/png', ...(ihdr && bytes.length >= 24 ? size(uint32be(bytes, 16), uint32be(bytes, 20)) : {}) };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', ...jpegSize(bytes) };
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return { mediaType: 'image/gif', ...(bytes.length >= 10 ? size(uint16le(bytes, 6), uint16le(bytes, 8)) : {}) };
  }
  return undefined;
}
