// statementContentHtml, case by case: what a statement's content model becomes on a page that reads it alone.
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../../../kernel/ooxml/content-model.js';
import { statementContentHtml } from './content.js';

const text = (t: string, marks: Partial<Record<'bold' | 'italic', true>> = {}): Inline => ({ kind: 'text', text: t, ...marks });
const paragraph = (inlines: Inline[], more: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block => ({
  kind: 'paragraph',
  rtl: false,
  inlines,
  ...more,
});
const content = (blocks: Block[]) => ({ blocks, footnotes: [], endnotes: [], hasTrackedChanges: false, hasComments: false, images: [] });

describe('a statement’s content as a fragment of a page', () => {
  it.each([
    [
      'a heading, a level below the page’s',
      [paragraph([text('Statement by Brazil')], { style: 'heading1' })],
      '<h3 class="doc-content-heading">Statement by Brazil</h3>',
    ],
    [
      'bold and italics',
      [paragraph([text('We '), text('strongly', { bold: true }), text(' and '), text('warmly', { italic: true }), text(' agree.')])],
      '<p>We <strong>strongly</strong> and <em>warmly</em> agree.</p>',
    ],
    [
      'a list',
      [
        paragraph([text('first')], { list: { ordered: true, level: 0 } }),
        paragraph([text('second')], { list: { ordered: true, level: 0 } }),
      ],
      '<ol>\n<li>first</li>\n<li>second</li>\n</ol>',
    ],
    ['markup in the text, escaped', [paragraph([text('<script>alert(1)</script>')])], '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
  ] as const)('renders %s', (_case, blocks, expected) => {
    expect(statementContentHtml(content([...blocks]), { headingLevel: 3 })?.value).toContain(expected);
  });

  it.each([
    ['nothing', undefined],
    ['the first paragraphs of an old draft', ['Statement by Brazil']],
    ['an unknown kind of block', content([{ kind: 'picture' } as unknown as Block])],
  ])('renders %s as nothing', (_case, value) => {
    expect(statementContentHtml(value)).toBeUndefined();
  });

  it('carries the statement’s language and direction', () => {
    expect(statementContentHtml(content([paragraph([text('بيان')], { rtl: true })]), { language: 'ar' })?.value).toContain(
      '<div class="doc-content" lang="ar" dir="rtl">',
    );
  });
});
