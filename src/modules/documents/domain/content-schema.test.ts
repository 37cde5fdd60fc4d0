// The schema of a statement's content in a document model: what the reader of uploads produces passes unchanged,
// anything else (an unknown kind or key, a link that is not http:, https: or mailto: in normal form, a malformed
// hash) is refused, at any depth.
import { describe, expect, it } from 'vitest';
import { arabicContent, compilationModel, para, plain, richContent, text } from '../../../../test/fixtures/rich-content.js';
import { richStatement } from '../../../../test/fixtures/statement-files.js';
import { readDocxContent, withoutImageBytes, type Block, type StatementContentJson } from '../../../kernel/ooxml/content.js';
import { safeLink, statementContentSchema } from './content-schema.js';
import { documentModelSchema } from './document-model.js';

function withBlocks(blocks: unknown[]): unknown {
  return { ...richContent(), blocks };
}

describe('statementContentSchema', () => {
  it('takes what the reader of uploads produces, unchanged', async () => {
    const read = withoutImageBytes(readDocxContent(await richStatement()));
    expect(statementContentSchema.parse(read)).toEqual(read);
    expect(statementContentSchema.parse(JSON.parse(JSON.stringify(read)))).toEqual(read);
  });

  it('takes the test statements, unchanged', () => {
    for (const content of [richContent(), arabicContent()]) expect(statementContentSchema.parse(content)).toEqual(content);
  });

  it.each<[string, unknown]>([
    ['an unknown inline kind', withBlocks([{ kind: 'paragraph', rtl: false, inlines: [{ kind: 'script', text: 'x' }] }])],
    ['an unknown block kind', withBlocks([{ kind: 'raw', html: '<b>x</b>' }])],
    [
      'an unknown key on a text',
      withBlocks([{ kind: 'paragraph', rtl: false, inlines: [{ kind: 'text', text: 'x', onclick: 'alert(1)' }] }]),
    ],
    ['a mark that is not true', withBlocks([{ kind: 'paragraph', rtl: false, inlines: [{ kind: 'text', text: 'x', bold: false }] }])],
    ['a paragraph without its direction', withBlocks([{ kind: 'paragraph', inlines: [] }])],
    ['an unknown style', withBlocks([{ kind: 'paragraph', rtl: false, style: 'heading9', inlines: [] }])],
    ['a negative list level', withBlocks([{ kind: 'paragraph', rtl: false, list: { ordered: true, level: -1 }, inlines: [] }])],
    ['a javascript: link', withBlocks([para([{ kind: 'link', href: 'javascript:alert(1)', children: [text('x')] }])])],
    ['a data: link', withBlocks([para([{ kind: 'link', href: 'data:text/html,<script>alert(1)</script>', children: [text('x')] }])])],
    ['a relative link', withBlocks([para([{ kind: 'link', href: '/admin', children: [text('x')] }])])],
    ['a link not in normal form', withBlocks([para([{ kind: 'link', href: 'HTTPS://www.un.org', children: [text('x')] }])])],
    [
      'a javascript: link in a link in a table cell',
      withBlocks([
        {
          kind: 'table',
          rows: [
            {
              cells: [
                {
                  blocks: [
                    para([
                      {
                        kind: 'link',
                        href: 'https://un.org/',
                        children: [{ kind: 'link', href: 'javascript:void(0)', children: [text('x')] }],
                      },
                    ]),
                  ],
                },
              ],
            },
          ],
        },
      ]),
    ],
    ['a zero colspan', withBlocks([{ kind: 'table', rows: [{ cells: [{ blocks: [], colspan: 0 }] }] }])],
    ['a malformed picture hash', withBlocks([para([{ kind: 'image', alt: 'x', sha256: '../../etc/passwd' }])])],
    [
      'a picture of another type',
      withBlocks([{ kind: 'paragraph', rtl: false, inlines: [{ kind: 'image', alt: 'x', mediaType: 'image/svg+xml' }] }]),
    ],
    ['an unknown key on the content', { ...richContent(), script: 'alert(1)' }],
    ['a note of an unknown kind', { ...richContent(), footnotes: [{ id: '1', blocks: [{ kind: 'iframe' }] }] }],
    ['a stored picture with a bad hash', { ...richContent(), images: [{ sha256: 'abc', mediaType: 'image/png', size: 1 }] }],
  ])('refuses %s', (_name, value) => {
    expect(statementContentSchema.safeParse(value).success).toBe(false);
  });

  it('takes http, https and mailto links in normal form', () => {
    const links = ['http://example.org/', 'https://www.un.org/securitycouncil/?a=1#b', 'mailto:press@un.org'];
    const content: StatementContentJson = {
      ...richContent(),
      blocks: links.map((href) => para([{ kind: 'link', href, children: [text(href)] }])),
    };
    expect(statementContentSchema.parse(content)).toEqual(content);
  });
});

describe('safeLink', () => {
  it.each([
    ['https://www.un.org/', 'https://www.un.org/'],
    ['HTTPS://WWW.UN.ORG', 'https://www.un.org/'],
    ['mailto:a@b.org', 'mailto:a@b.org'],
    ['javascript:alert(1)', undefined],
    [' javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['vbscript:x', undefined],
    ['/relative', undefined],
    ['', undefined],
  ])('%j → %j', (href, expected) => {
    expect(safeLink(href)).toBe(expected);
  });
});

describe('documentModelSchema with content blocks', () => {
  it('takes a compilation with statements, and gives it back unchanged after JSON', () => {
    const model = compilationModel();
    expect(documentModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it('refuses a content block with another direction or language, or content that is not a statement', () => {
    const content = richContent();
    const blocks: unknown[] = [
      { kind: 'content', content, dir: 'auto' },
      { kind: 'content', content, lang: 'de' },
      { kind: 'content', content: { blocks: [] } },
      { kind: 'content', content: { ...content, blocks: [plain('x'), { kind: 'video' } as unknown as Block] } },
    ];
    for (const block of blocks)
      expect(documentModelSchema.safeParse({ ...compilationModel(), blocks: [block] }).success, JSON.stringify(block).slice(0, 80)).toBe(
        false,
      );
  });
});
