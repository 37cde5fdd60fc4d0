// The e-mail telling a mission that the compilation enclosing its written statement was issued, or a corrigendum of
// it, in one place so it can be translated. Plain text built from the run's data: the document's symbol, the
// statement's annex number as printed ("annex XII"), the public pages and files. Links are absolute (PUBLIC_URL + path)
// because they are read outside the site.
import type { OutgoingMail } from '../../kernel/mail/index.js';
import { toRoman } from '../documents/index.js';

export interface IssuedCompilation {
  /** The document's symbol: S/2021/431, or S/2021/431/Corr.1 for a corrigendum. */
  symbol: string;
  /** For a corrigendum, the symbol of the compilation it corrects. */
  corrects: string | null;
  debate: { theme: string; meetingDay: string };
  /** The public page of the debate's compilation, which lists its corrigenda. */
  pageUrl: string;
  /** The document's files, as "PDF", "Word (DOCX)" ... with their addresses. */
  files: ReadonlyArray<{ label: string; url: string }>;
}

/** To a focal point of the mission, or the person who submitted its statement. */
export function compilationIssuedMail(m: {
  to: string;
  name: string;
  missionName: string;
  annex: number;
  statementUrl: string;
  compilation: IssuedCompilation;
}): OutgoingMail {
  const c = m.compilation;
  const debate = `the Security Council open debate on the theme “${c.debate.theme}”, held on ${c.debate.meetingDay}`;
  return {
    to: [m.to],
    subject: c.corrects
      ? `Corrigendum ${c.symbol} issued: the compilation of the open debate of ${c.debate.meetingDay}`
      : `Compilation ${c.symbol} issued: the open debate of ${c.debate.meetingDay}`,
    text: [
      `Dear ${m.name},`,
      '',
      c.corrects
        ? `A corrigendum to the compilation of ${debate}, has been issued as document ${c.symbol}. It corrects document ${c.corrects}.`
        : `The compilation of ${debate}, has been issued as document ${c.symbol}.`,
      `It encloses the written statement of the ${m.missionName} as annex ${toRoman(m.annex)}.`,
      '',
      'The compilation’s page, with its corrigenda, if any:',
      c.pageUrl,
      '',
      `The files of ${c.symbol}, as soon as they are made:`,
      ...c.files.map((f) => `${f.label}: ${f.url}`),
      '',
      'The statement’s public page:',
      m.statementUrl,
    ].join('\n'),
  };
}
