// The pages of the written statements once published: one statement (who, in what capacity, its original language,
// its annex in the issued document, its text and its original file), and the list of the statements the issued
// compilation encloses. Before issue the same statement page is seen by the Secretariat, the presidency and the
// delegation's own people, saying that it is not public. The statement's text is rendered from its content model by
// the documents module's HTML renderer, which escapes every word.
import type { Actor } from '../../../kernel/authz.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import { LANGUAGE_NAMES, type OfficialLanguage } from '../../../kernel/i18n/languages.js';
import type { DebateRecord } from '../../meetings/index.js';

/** Where a statement stands for its page: in the issued compilation under a symbol, or private with its review state. */
/** Where a statement is in an issued document: the annex's number and how it is named ("Annex II", or "Annex" alone). */
export interface AnnexPlace {
  number: number;
  label: string;
}

export type Standing =
  { kind: 'published'; symbol: string; annex: AnnexPlace | undefined } | { kind: 'private'; stateLabel: string; issued: boolean };

export interface StatementPageModel {
  actor: Actor;
  debate: DebateRecord;
  code: string;
  /** The delegation's name in heading form, capitalised: "Iran (Islamic Republic of)", "The Niger". */
  delegationName: string;
  /** "Ronaldo Costa Filho, Permanent Representative of Brazil to the United Nations"; absent for a withdrawal. */
  speaker?: string;
  onBehalfOf?: string;
  original?: OfficialLanguage;
  standing: Standing;
  /** The statement rendered from its content model; absent when there is no text (withdrawn). */
  document?: SafeHtml;
  /** The statement's Word file, when there is one: the hash of the file received, as on the receipt. */
  file?: { receivedSha256: string };
}

function annexLink(slug: string, symbol: string, annex: AnnexPlace | undefined): SafeHtml {
  if (annex === undefined) return html`Enclosed in <a href="/debates/${slug}/compilation">${symbol}</a>`;
  return html`<a href="/debates/${slug}/compilation#compilation-annex-${annex.number}">${annex.label}</a> to ${symbol}`;
}

function standingNote(m: StatementPageModel): SafeHtml {
  const s = m.standing;
  if (s.kind === 'published') return html``;
  const why = s.issued
    ? 'It is not among the statements of the issued compilation, so it stays private.'
    : 'It becomes public when the compilation of the debate is issued, if it is enclosed in it.';
  return html`<p><strong>Not public.</strong> Only the Secretariat, the presidency and the delegation see this statement. ${why}</p>`;
}

export function statementPublicationPage(m: StatementPageModel): SafeHtml {
  const base = `/debates/${m.debate.slug}/statements/${m.code}`;
  const s = m.standing;
  const body = html`<p class="eyebrow"><a href="/debates/${m.debate.slug}">${m.debate.theme}</a>${
    s.kind === 'published' ? html` · <a href="/debates/${m.debate.slug}/compilation/statements">Written statements in ${s.symbol}</a>` : ''
  }</p>
<h1>${m.delegationName}</h1>
<p>Written statement to the open debate.</p>
${standingNote(m)}
<dl class="facts">
  ${m.speaker ? html`<dt>Speaker</dt><dd>${m.speaker}</dd>` : ''}
  ${m.onBehalfOf ? html`<dt>On behalf of</dt><dd>${m.onBehalfOf}</dd>` : ''}
  ${m.original ? html`<dt>Original language</dt><dd>${LANGUAGE_NAMES[m.original]}</dd>` : ''}
  ${
    s.kind === 'published'
      ? html`<dt>In the compilation</dt><dd>${annexLink(m.debate.slug, s.symbol, s.annex)}</dd>`
      : html`<dt>State</dt><dd>${s.stateLabel}</dd>`
  }
</dl>
${
  m.file
    ? html`<h2 id="download">Download</h2>
<ul class="formats"><li><a href="${base}/original">The statement as a Word file</a></li></ul>
<p class="muted">The Word file is a copy of the one the delegation sent, from which links to outside content (templates, linked pictures and objects, fields that fetch content) and personal document properties (authors’ names, comments) were removed; the text is unchanged. The file received is kept for the record: its SHA-256 is on the delegation’s receipt, <code>${m.file.receivedSha256}</code>.</p>`
    : ''
}
${m.document ?? html`<p>There is no text to show: the statement was withdrawn.</p>`}`;
  return page({ actor: m.actor, title: `${m.delegationName}: written statement, ${m.debate.theme}`, body });
}

export interface PublishedRow {
  code: string;
  delegationName: string;
  speaker: string;
  original: OfficialLanguage;
  /** The symbol of the document it is enclosed in (the latest issued that encloses it), and its annex there. */
  symbol: string;
  annex: AnnexPlace | undefined;
}

export function publishedStatementsPage(o: {
  actor: Actor;
  debate: DebateRecord;
  symbol: string;
  rows: readonly PublishedRow[];
}): SafeHtml {
  const slug = o.debate.slug;
  const body = html`<p class="eyebrow"><a href="/debates/${slug}">${o.debate.theme}</a> · <a href="/debates/${slug}/compilation">Compilation ${o.symbol}</a></p>
<h1>Written statements</h1>
<p>The written statements enclosed in the compilation of the debate, ${o.symbol}, or in a corrigendum of it, each with its page and a copy of the Word file the delegation sent, without links to outside content and personal document properties.</p>
${dataTable({
  caption:
    `${o.rows.length === 1 ? '1 written statement' : `${o.rows.length} written statements`}, in the order of the annexes of the ` +
    `latest document enclosing them`,
  columns: ['Delegation', 'Annex', 'Speaker', 'Original language', 'Original file'],
  rowHeader: true,
  rows: o.rows.map((r) => [
    html`<a href="/debates/${slug}/statements/${r.code}">${r.delegationName}</a>`,
    r.annex === undefined ? r.symbol : `${r.annex.label} to ${r.symbol}`,
    r.speaker,
    LANGUAGE_NAMES[r.original],
    html`<a href="/debates/${slug}/statements/${r.code}/original" aria-label="Download the statement of ${r.delegationName}">Download</a>`,
  ]),
})}`;
  return page({ actor: o.actor, title: `Written statements in ${o.symbol}: ${o.debate.theme}`, body });
}
