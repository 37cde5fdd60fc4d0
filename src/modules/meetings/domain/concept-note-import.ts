// Turns the paragraphs of an uploaded concept note (.docx) into the debate's concept note: sections with their
// paragraphs and lettered questions. The product numbers sections, paragraphs and questions itself, so the
// labels typed in the document ("II.", "3.", "(b)") are taken off; labels Word draws by automatic numbering are
// not in the text and only tell what kind of paragraph it is. Title lines before the first section (the
// document's title, "Annex", "[Original: ...]") are not part of the note and are left out. Pure.
import { AppError } from '../../../kernel/errors.js';
import type { DocxContent, DocxParagraph } from '../../../kernel/ooxml/docx.js';
import type { ConceptNote } from './debate.js';

export const CONCEPT_NOTE_LIMITS = { sections: 50, paragraphs: 500, characters: 20_000 } as const;

type Section = ConceptNote['sections'][number];

// A Roman numeral from I to L: sections are never more than the limit, and "C." is more often a lettered
// sub-heading (after "A." and "B.") than section one hundred.
const ROMAN = '(?:L|XL(?:IX|IV|V?I{0,3})|X{0,3}(?:IX|IV|V?I{0,3}))';
const ROMAN_HEADING = new RegExp(`^(${ROMAN})\\.\\s+(\\S.*)$`, 'u');
const LETTERED = /^\(([a-z])\)\s+(\S.*)$/u;
const NUMBERED = /^\d{1,3}\.\s+(\S.*)$/u;
const HEADING_STYLES = new Set(['heading1', 'heading2', 'heading 1', 'heading 2']);

export function importConceptNote(content: DocxContent): ConceptNote {
  const sections: Section[] = [];
  let current: Section | undefined;
  let paragraphs = 0;
  for (const paragraph of content.paragraphs) {
    const text = normalise(paragraph.text);
    if (text === '') continue;
    const heading = headingText(paragraph, text);
    if (heading !== undefined) {
      current = { heading: withinLimit(heading), paragraphs: [], questions: [] };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    withinLimit(text);
    if (++paragraphs > CONCEPT_NOTE_LIMITS.paragraphs) {
      throw invalid(`the concept note has more than ${CONCEPT_NOTE_LIMITS.paragraphs} paragraphs and questions`);
    }
    const question = questionText(paragraph, text);
    if (question !== undefined) current.questions.push(question);
    else current.paragraphs.push(paragraph.numbered ? text : (NUMBERED.exec(text)?.[1] ?? text));
  }
  const kept = sections.filter((s) => s.paragraphs.length > 0 || s.questions.length > 0);
  if (kept.length === 0) {
    const found = sections.length === 0 ? 'no section heading' : `${sections.length} section headings, none followed by text`;
    throw new AppError('concept_note.no_sections', { detail: `the document has ${found}` });
  }
  if (kept.length > CONCEPT_NOTE_LIMITS.sections) {
    throw invalid(`the concept note has ${kept.length} sections; the limit is ${CONCEPT_NOTE_LIMITS.sections}`);
  }
  return { sections: kept };
}

/**
 * Runs of spaces, tabs and line breaks become one space. No-break spaces are kept: UN texts put them on purpose
 * (between "resolution" and its number, inside dates) to keep words together.
 */
function normalise(text: string): string {
  return text.replace(/[ \t\n\r\f\v\u2028\u2029]+/gu, ' ').trim();
}

/** The section heading, without a typed Roman numeral, or undefined when the paragraph is not a heading. */
function headingText(p: DocxParagraph, text: string): string | undefined {
  const typed = ROMAN_HEADING.exec(text);
  const styled =
    (p.style !== undefined && HEADING_STYLES.has(p.style.toLowerCase())) ||
    (p.styleName !== undefined && HEADING_STYLES.has(p.styleName.toLowerCase())) ||
    p.outlineLevel === 0 ||
    p.outlineLevel === 1 ||
    (p.numbered && p.numberFormat === 'upperRoman');
  if (typed && !p.numbered) return typed[2];
  return styled ? text : undefined;
}

/** The question without its typed "(a)" label, or undefined when the paragraph is not a lettered question. */
function questionText(p: DocxParagraph, text: string): string | undefined {
  if (p.numbered) return p.numberFormat === 'lowerLetter' ? text : undefined;
  return LETTERED.exec(text)?.[2];
}

function withinLimit(text: string): string {
  if (text.length > CONCEPT_NOTE_LIMITS.characters) {
    throw invalid(`a paragraph has ${text.length} characters; the limit is ${CONCEPT_NOTE_LIMITS.characters}: “${text.slice(0, 60)}…”`);
  }
  return text;
}

function invalid(detail: string): AppError {
  return new AppError('input.invalid', { detail });
}
