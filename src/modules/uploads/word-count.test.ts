import { describe, expect, it } from 'vitest';
import type { Block, StatementModel } from '../../kernel/ooxml/content.js';
import { WordCounter, countDocumentWords, countWords } from './word-count.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('countWords, as Microsoft Word counts', () => {
  const cases: [string, string, number][] = [
    // English
    ['empty', '', 0],
    ['spaces only', '   \t\n ', 0],
    ['a sentence', 'The Council met twice.', 4],
    ['runs of whitespace of every kind', 'Peace   and\tsecurity\r\nfor\u2003all', 5],
    ['a dash standing alone is a word (Word counts "a — b" as 3)', 'a — b', 3],
    ['a dash between words without spaces joins them', 'peace—security', 1],
    ['hyphenated words', 'state-of-the-art follow-up', 2],
    ['numbers, with separators, and a sign alone', 'In 2021, 1,200 people and 2.5 % more', 8],
    ['abbreviations and contractions', "U.S. don't S/2021/90", 3],
    ['a web address and an e-mail address', 'See https://www.un.org/en/ or desk@un.org', 4],
    ['brackets and quotation marks stay with their word', '(see "the report")', 3],
    ['bullet characters alone', '• first • second', 4],
    // French
    ['elisions are one word', "l'ONU", 1],
    ['elisions with the typographic apostrophe', 'l’Organisation des Nations Unies', 4],
    ['hyphenated French words', 'peut-être après-demain', 2],
    ['a question mark after a no-break space is a word', `Qu'en est-il${NBSP}?`, 3],
    ['French quotation marks set off by narrow no-break spaces', `«${NNBSP}Jamais plus${NNBSP}»`, 4],
    ['a French sentence', 'Monsieur le Président, je vous remercie.', 6],
    // Arabic
    ['an Arabic phrase', 'مجلس الأمن الدولي', 3],
    ['Arabic with its comma attached', 'السيد الرئيس، أشكركم', 3],
    ['Arabic with short vowels and a tatweel', 'سَلَامٌ الأمـــن', 2],
    ['Arabic-Indic digits', 'في عام ٢٠٢١', 3],
    ['a right-to-left mark alone is not a word', 'مجلس \u200f الأمن\u200f', 2],
    // Russian
    ['a Russian phrase', 'Совет Безопасности ООН', 3],
    ['Russian hyphenated words', 'по-прежнему г-н Председатель', 3],
    ['Russian with numbers', '24 мая 2021 года', 4],
    // Chinese and Japanese
    ['each Chinese character is a word', '安全理事会', 5],
    ['Chinese punctuation counts too', '联合国安全理事会。', 9],
    ['Latin letters beside Chinese count separately', 'UN安全理事会', 6],
    ['digits beside Chinese count separately', '2021年5月', 4],
    ['the ideographic space separates', '安全　理事会', 5],
    ['Japanese kanji and kana', '安全保障理事会は', 8],
    ['full-width letters count one by one', 'ＵＮ', 2],
    ['ideographs beyond the basic plane (surrogate pairs)', '𠀀𠀁 a', 3],
    // Mixed and edge cases
    ['mixed scripts', 'The 安全理事会 met; الأمن and Совет.', 10],
    ['Korean is counted by words, like Word’s "Korean words"', '안전보장이사회 회의', 2],
    ['invisible format characters neither split nor make words', 'co\u00adoperation \u200b \u2060 \ufeff', 1],
    ['a zero-width space separates', 'a\u200bb', 2],
    ['an emoji alone', 'Thanks 👍', 2],
  ];
  it.each(cases)('%s', (_label, text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('lets a word run on across pieces of text until a boundary', () => {
    const counter = new WordCounter();
    counter.feed('Secur');
    counter.feed('ity Coun');
    counter.feed('cil');
    expect(counter.words).toBe(2);
    counter.boundary();
    counter.feed('met');
    expect(counter.words).toBe(3);
  });

  it('counts a long statement quickly', () => {
    const text = 'The Security Council reaffirms its primary responsibility, 安全理事会. '.repeat(20_000);
    const started = performance.now();
    expect(countWords(text)).toBe(20_000 * 13);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('countDocumentWords', () => {
  const para = (...inlines: Extract<Block, { kind: 'paragraph' }>['inlines']): Block => ({ kind: 'paragraph', rtl: false, inlines });
  const text = (t: string) => ({ kind: 'text' as const, text: t });
  const model = (
    blocks: Block[],
    notes: Block[][] = [],
    endnotes: Block[][] = [],
  ): Pick<StatementModel, 'blocks' | 'footnotes' | 'endnotes'> => ({
    blocks,
    footnotes: notes.map((b, i) => ({ id: String(i + 1), blocks: b })),
    endnotes: endnotes.map((b, i) => ({ id: String(i + 1), blocks: b })),
  });

  it('counts the body and the notes separately', () => {
    const result = countDocumentWords(
      model(
        [para(text('The Council'), { kind: 'footnote', id: '1' }, text(' met.')), para(text('Twice.'))],
        [[para(text('See the report.'))]],
        [[para(text('Annex.'))]],
      ),
    );
    expect(result).toEqual({ words: 4, footnoteWords: 4 });
  });

  it('joins a word across formatting and links, and separates at paragraphs, cells, breaks and pictures', () => {
    const result = countDocumentWords(
      model([
        para(
          text('Secu'),
          { kind: 'text', text: 'rity', bold: true },
          { kind: 'link', href: 'https://un.org/', children: [text('Council')] },
        ),
        para(text('end')),
        para(text('start')),
        { kind: 'table', rows: [{ cells: [{ blocks: [para(text('a'))] }, { blocks: [para(text('b'))] }] }] },
        para(text('line'), { kind: 'break' }, text('break'), { kind: 'image', alt: 'a long description' }, text('picture')),
      ]),
    );
    // "SecurityCouncil" runs on as one word, as it does on the page.
    expect(result).toEqual({ words: 1 + 1 + 1 + 2 + 3, footnoteWords: 0 });
  });
});
