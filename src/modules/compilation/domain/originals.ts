// The ZIP of a compilation's original files: every statement and cover letter the delegation sent (a Word file as its
// clean copy, see kernel/ooxml/clean.ts), under
// names a person can read and any system can store ("03-Iran-Islamic-Republic-of-statement.docx"). Pure and
// reproducible: entries in a fixed order with a fixed time, so the same inputs give the same bytes.
import { zipSync, type Zippable } from 'fflate';

export interface OriginalFile {
  /** The delegation's name for ordering and naming: "Iran (Islamic Republic of)". */
  label: string;
  /** A written statement and its cover letter, or the text of a briefing, a Council member's or a live statement. */
  which: 'statement' | 'cover-letter' | 'briefing' | 'council-statement' | 'live-statement';
  /** 'docx' or 'pdf'. */
  extension: string;
  bytes: Uint8Array;
}

/** ASCII letters, digits and hyphens only: "Côte d'Ivoire" → "Cote-d-Ivoire". */
export function safeNamePart(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'delegation'
  );
}

// The zip format stores local date and time fields; a Date built from local fields writes the same ones in any zone.
const ENTRY_TIME = () => new Date(1980, 0, 1, 0, 0, 0);

/** The ZIP: one numbered entry per annex (a statement and its cover letter, or one text), in the order given (the annexes'). */
export function originalsZip(delegations: ReadonlyArray<{ label: string; files: OriginalFile[] }>): Uint8Array {
  const entries: Zippable = {};
  const width = String(delegations.length).length;
  delegations.forEach((d, i) => {
    const prefix = `${String(i + 1).padStart(Math.max(2, width), '0')}-${safeNamePart(d.label)}`;
    for (const f of d.files) entries[`${prefix}-${f.which}.${f.extension}`] = [f.bytes, { level: 0 }];
  });
  return zipSync(entries, { mtime: ENTRY_TIME() });
}
