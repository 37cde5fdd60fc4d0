// The meta block of an Akoma Ntoso document: the FRBR identification of the work, its expression in the document's
// language and this manifestation, each named by URIs made from the model alone (never the clock, so the same model
// gives the same bytes), and the references (TLC*) that the text points to.
import type { OfficialLanguage } from '../../../../kernel/i18n/languages.js';
import type { DocumentModel } from '../../domain/document-model.js';
import { el, type References, type XmlElement } from './xml-writer.js';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** ISO 639-2 codes, the form FRBRlanguage and the expression URIs take. */
export const ISO_639_2: Record<OfficialLanguage, string> = { ar: 'ara', zh: 'zho', en: 'eng', fr: 'fra', ru: 'rus', es: 'spa' };

/** The `doc` name for each kind of document (and the document type in the work URI). */
export const DOC_NAMES: Record<DocumentModel['type'], string> = { announcement_letter: 'letter', compilation: 'compilation' };

export interface Uris {
  work: string;
  expression: string;
  language: string;
}

/** The work's and the expression's URIs. */
export function documentUris(model: DocumentModel): Uris {
  // A draft has no symbol yet, so it is named after its place in Rostrum; the "draft-" prefix keeps that name
  // from ever being mistaken for a symbol.
  const number = model.symbol ? model.symbol.replace(/\//g, '-') : `draft-${model.workPath.slice(1).replace(/\//g, '-')}`;
  const work = `/akn/un/doc/${DOC_NAMES[model.type]}/${model.date}/${encodeURIComponent(number)}`;
  const language = ISO_639_2[model.language];
  return { work, expression: `${work}/${language}@${model.date}`, language };
}

/** The FRBR identification of one component ("main", "annex_1") of the work. */
export function identification(m: DocumentModel, uris: Uris, component: string, ids: { rostrumId: string; organId: string }): XmlElement {
  const { work, expression, language } = uris;
  // The manifestation date is the document's date rather than the moment of rendering, so a rebuild from the
  // stored model gives the same bytes.
  const dateName = m.symbol ? 'issuance' : 'draft';
  const author = `#${ids.organId}`;
  return el('identification', { source: `#${ids.rostrumId}` }, [
    el('FRBRWork', {}, [
      el('FRBRthis', { value: `${work}/!${component}` }),
      el('FRBRuri', { value: work }),
      el('FRBRalias', { name: 'rostrum', value: m.workPath }),
      el('FRBRdate', { date: m.date, name: dateName }),
      el('FRBRauthor', { href: author }),
      el('FRBRcountry', { value: 'un' }),
      el('FRBRsubtype', { value: DOC_NAMES[m.type] }),
      ...(m.symbol ? [el('FRBRnumber', { value: m.symbol })] : []),
    ]),
    el('FRBRExpression', {}, [
      el('FRBRthis', { value: `${expression}/!${component}` }),
      el('FRBRuri', { value: expression }),
      el('FRBRdate', { date: m.date, name: dateName }),
      el('FRBRauthor', { href: author }),
      el('FRBRlanguage', { language }),
    ]),
    el('FRBRManifestation', {}, [
      el('FRBRthis', { value: `${expression}/!${component}.xml` }),
      el('FRBRuri', { value: `${expression}.akn` }),
      el('FRBRdate', { date: m.date, name: 'generation' }),
      el('FRBRauthor', { href: `#${ids.rostrumId}` }),
      el('FRBRformat', { value: 'application/akn+xml' }),
    ]),
  ]);
}

/** The references list, which only the outermost doc carries. */
export function referencesNode(refs: References, rostrumId: string): XmlElement {
  return el(
    'references',
    { source: `#${rostrumId}` },
    refs.list.map((r) => el(r.element, { eId: r.eId, href: r.href, showAs: r.showAs })),
  );
}
