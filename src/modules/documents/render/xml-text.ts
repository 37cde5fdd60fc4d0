// What every markup format does to text and pictures alike: text reduced to the characters XML allows (the HTML, Akoma
// Ntoso and DOCX renderings drop the same ones, so they show the same characters), and a picture as a data: URI.
import type { ShownPicture } from '../domain/content.js';

/**
 * Text reduced to the characters XML 1.0 allows (tab, line feed, U+0020–U+D7FF, U+E000–U+FFFD and the
 * supplementary planes): other C0 controls, lone surrogates and U+FFFE/U+FFFF would make the file unreadable
 * for any parser. Carriage returns become line feeds, as an XML parser would read them anyway. The HTML renderer
 * applies the same rule, so the two formats show the same characters.
 */
export function legalXmlText(text: string): string {
  const source = text.replace(/\r\n?/g, '\n');
  // Most text has nothing to drop: return it untouched without walking it.
  if (!/[^\t\n\u0020-\ud7ff\ue000-\ufffd]/.test(source)) return source;
  let out = '';
  // for…of walks code points, so a valid surrogate pair arrives whole and a lone surrogate alone.
  for (const ch of source) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x9 || c === 0xa || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) out += ch;
  }
  return out;
}

/** A picture's bytes as a data: URI of its real media type, for the formats that embed pictures in the markup. */
export function pictureDataUri(picture: ShownPicture): string {
  const bytes = picture.bytes;
  return `data:${picture.mediaType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
