// Whether a cover letter names one of the mission's authorised signatories. Names are compared without case,
// accents or punctuation ("José Ángel PÉREZ-LÓPEZ" matches "Jose Angel Perez Lopez"), as whole words, so that
// "Ann Lee" is not found inside "Joann Leeds". Arabic names are compared without short vowels and with the common
// spellings of alif, ta marbuta and alif maqsura made one.
import type { Block, Inline, StatementModel } from '../../kernel/ooxml/content.js';

// Letters that do not decompose into a base letter and a mark.
const FOLDED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ŀ: 'l',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ـ: '',
};

/** Lower case, without accents or marks, every run of other characters than letters and digits made one space. */
export function normalizeName(text: string): string {
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøđðþłıŀأإآٱةىـ]/g, (c) => FOLDED[c] ?? c);
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The signatories (as given) that the text names. */
export function namedSignatories(text: string, signatories: readonly string[]): string[] {
  const haystack = ` ${normalizeName(text)} `;
  return signatories.filter((name) => {
    const needle = normalizeName(name);
    return needle !== '' && haystack.includes(` ${needle} `);
  });
}

/** The text of the document, a space between paragraphs, cells and lines, for searching. */
export function documentText(content: Pick<StatementModel, 'blocks' | 'footnotes' | 'endnotes'>): string {
  const parts: string[] = [];
  const blocks = (list: readonly Block[]) => {
    for (const block of list) {
      if (block.kind === 'paragraph') inlines(block.inlines);
      else for (const row of block.rows) for (const cell of row.cells) blocks(cell.blocks);
      parts.push('\n');
    }
  };
  const inlines = (list: readonly Inline[]) => {
    for (const inline of list) {
      if (inline.kind === 'text') parts.push(inline.text);
      else if (inline.kind === 'link') inlines(inline.children);
      else if (inline.kind === 'break') parts.push('\n');
    }
  };
  blocks(content.blocks);
  for (const note of [...content.footnotes, ...content.endnotes]) blocks(note.blocks);
  return parts.join('');
}
