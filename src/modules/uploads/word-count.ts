// Counts words the way Microsoft Word's word count does, so the number a delegation sees in Rostrum is the number
// it saw in Word before uploading. Word's rule, and the choices made where it is subtle:
//
// - A word is a run of characters between whitespace. Punctuation does not split words ("l'ONU", "peut-être",
//   "по-прежнему", "1,000", "word—word" and "http://un.org" are one word each), and a token of punctuation alone is a
//   word too: Word counts "a — b" as 3 words, and a French "?" or "»" set off by a space as one.
// - Whitespace includes the no-break spaces (U+00A0, and U+202F which French typography puts before ; : ! ?) and the
//   ideographic space: Word breaks words at them like at a space. The zero-width space also separates words.
// - Invisible format characters (soft hyphen, zero-width joiners, direction marks such as the RLM in Arabic text,
//   the word joiner, the byte order mark) neither split a word nor make one on their own.
// - Each Chinese or Japanese character counts as one word on its own (ideographs, kana, CJK and full-width
//   punctuation and full-width forms, the supplementary ideographs), as Word's "Asian characters" do; letters or
//   digits next to them count separately ("UN安全理事会" is 1 + 5 words, "2021年5月" is 4).
// - Korean is counted by words between spaces, as Word's "Korean words" are, not by syllables: Korean, unlike
//   Chinese and Japanese, is written with spaces between words.
// - Scripts written without spaces and split by Word with a dictionary (Thai, Lao, Khmer, Myanmar) are counted by
//   the spaces they do have, so their count can be lower than Word's. None is an official language of the Council.
// - Line breaks, tabs, paragraph ends and table cells separate words; a change of formatting or a hyperlink
//   boundary inside a word does not. Pictures separate words; footnote and endnote marks add nothing.
//
// The loop reads UTF-16 code units and classifies each code point by comparing ranges: no regular expression and
// no Intl.Segmenter, so a long statement is counted in a fraction of a millisecond.
import type { Block, Inline, Note, StatementModel } from '../../kernel/ooxml/content.js';

// The classes of a code point, as small integers so the loop below compiles to a jump table.
const SPACE = 0;
const IGNORABLE = 1;
const ASIAN = 2;
const OTHER = 3;
type Kind = typeof SPACE | typeof IGNORABLE | typeof ASIAN | typeof OTHER;

function classify(c: number): Kind {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d) ? SPACE : OTHER;
  if (c < 0x2000) {
    if (c === 0xa0 || c === 0x85 || c === 0x1680) return SPACE;
    if (c === 0xad || c === 0x061c || c === 0x180e) return IGNORABLE;
    return OTHER;
  }
  if (c <= 0x206f) {
    if (c <= 0x200b || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f) return SPACE;
    if ((c >= 0x200c && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069))
      return IGNORABLE;
    return OTHER;
  }
  if (c === 0x3000) return SPACE;
  if (c === 0xfeff) return IGNORABLE;
  return isAsian(c) ? ASIAN : OTHER;
}

/** Chinese and Japanese characters, each a word of its own. Hangul is not among them (see above). */
function isAsian(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x2fdf) || // CJK radicals, Kangxi radicals
    (c >= 0x2ff0 && c <= 0x2fff) || // ideographic description characters
    (c >= 0x3001 && c <= 0x303f) || // CJK symbols and punctuation (U+3000, the ideographic space, is a space)
    (c >= 0x3040 && c <= 0x30ff) || // hiragana, katakana
    (c >= 0x3100 && c <= 0x312f) || // bopomofo
    (c >= 0x3190 && c <= 0x31ff) || // kanbun, bopomofo extended, CJK strokes, katakana phonetic extensions
    (c >= 0x3200 && c <= 0x33ff) || // enclosed CJK letters and months, CJK compatibility
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms (vertical punctuation)
    (c >= 0xff01 && c <= 0xff9f) || // full-width forms and half-width katakana
    (c >= 0xffe0 && c <= 0xffe6) || // full-width signs
    (c >= 0x1b000 && c <= 0x1b16f) || // kana supplement and extensions
    (c >= 0x20000 && c <= 0x3ffff) // supplementary and tertiary ideographic planes
  );
}

/** Counts words across pieces of text: a word can run from one piece into the next until `boundary()`. */
export class WordCounter {
  words = 0;
  private inWord = false;

  feed(text: string): void {
    const n = text.length;
    let words = this.words;
    let inWord = this.inWord;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      switch (classify(c)) {
        case SPACE:
          inWord = false;
          break;
        case IGNORABLE:
          break;
        case ASIAN:
          words++;
          inWord = false;
          break;
        case OTHER:
          if (!inWord) {
            words++;
            inWord = true;
          }
          break;
      }
    }
    this.words = words;
    this.inWord = inWord;
  }

  /** Ends the current word: a paragraph end, a table cell, a line break, a picture. */
  boundary(): void {
    this.inWord = false;
  }
}

export function countWords(text: string): number {
  const counter = new WordCounter();
  counter.feed(text);
  return counter.words;
}

export interface DocumentWordCount {
  /** The body: paragraphs, tables and text boxes (headers and footers are not part of the statement). */
  words: number;
  /** Footnotes and endnotes together. */
  footnoteWords: number;
}

export function countDocumentWords(content: Pick<StatementModel, 'blocks' | 'footnotes' | 'endnotes'>): DocumentWordCount {
  const body = new WordCounter();
  countBlocks(body, content.blocks);
  const notes = new WordCounter();
  const countNotes = (list: readonly Note[]) => {
    for (const note of list) countBlocks(notes, note.blocks);
  };
  countNotes(content.footnotes);
  countNotes(content.endnotes);
  return { words: body.words, footnoteWords: notes.words };
}

function countBlocks(counter: WordCounter, blocks: readonly Block[]): void {
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      countInlines(counter, block.inlines);
    } else {
      for (const row of block.rows) for (const cell of row.cells) countBlocks(counter, cell.blocks);
    }
    counter.boundary();
  }
}

function countInlines(counter: WordCounter, inlines: readonly Inline[]): void {
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        counter.feed(inline.text);
        break;
      case 'link':
        countInlines(counter, inline.children);
        break;
      case 'break':
      case 'image':
        counter.boundary();
        break;
      case 'footnote':
        break;
    }
  }
}
