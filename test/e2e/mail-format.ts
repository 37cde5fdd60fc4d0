// Reads the messages the SMTP sink receives: just enough MIME (RFC 5322 headers, RFC 2047 encoded words,
// quoted-printable and base64 bodies, multipart) to give each message's subject and plain text. Shared by the
// global setup (which writes the mailbox) and the tests (which read it).

export interface ReceivedMail {
  /** The envelope's recipients, as the SMTP server was told them. */
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface DemoAccount {
  label: string;
  email: string;
  password: string;
}

/** A string whose every character is one byte (latin1), to bytes. */
function bytes(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

function decodeCharset(buf: Buffer, charset: string | undefined): string {
  const cs = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(cs === 'us-ascii' ? 'utf-8' : cs).decode(buf);
  } catch {
    return buf.toString('utf8');
  }
}

function decodeQuotedPrintable(s: string): Buffer {
  const noSoftBreaks = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < noSoftBreaks.length; i++) {
    const ch = noSoftBreaks[i]!;
    const hex = noSoftBreaks.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

/** RFC 2047: =?charset?B|Q?text?= words, with the whitespace between adjacent words dropped. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, text: string) => {
      const buf = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return decodeCharset(buf, charset);
    });
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  // Unfold continuation lines, then split name: value.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The text/plain content of a part (searching inside multiparts), decoded; undefined if it has none. */
function plainText(part: Part): string | undefined {
  const type = part.headers.get('content-type') ?? 'text/plain; charset=us-ascii';
  if (/^multipart\//i.test(type)) {
    const boundary = param(type, 'boundary');
    if (!boundary) return undefined;
    const pieces = part.body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const piece of pieces.slice(1)) {
      if (piece.trim() === '') continue;
      const text = plainText(splitPart(piece));
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (!/^text\/plain/i.test(type)) return undefined;
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const raw =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(part.body)
      : encoding === 'base64'
        ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
        : bytes(part.body);
  return decodeCharset(raw, param(type, 'charset')).replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

/** Subject and plain text of a raw message (its bytes as a latin1 string). */
export function parseMessage(raw: string): { subject: string; text: string } {
  const message = splitPart(raw);
  const subject = decodeEncodedWords(decodeCharset(bytes(message.headers.get('subject') ?? ''), 'utf-8'));
  return { subject, text: plainText(message) ?? '' };
}
