// The announcement letter's confirmation page: the letter as it will be issued (title, date, who sends and signs it,
// the deadline it states), what becomes public and where, and the symbol; only its form, with the box ticked, issues.
import type { Actor } from '../../../kernel/authz.js';
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { form, submit } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { confirmBox, symbolPart, type SymbolPart, formatIsoDate, type DocumentModel } from '../../documents/index.js';
import type { DebateRecord } from '../db.js';

export interface LetterIssueModel {
  actor: Actor;
  debate: DebateRecord;
  csrf: string;
  /** The letter as it will be issued (composed now, with "Draft" where the symbol goes). */
  model: DocumentModel;
  /** Who signs, as the letter's signature block says it. */
  signedBy: string;
  symbol: SymbolPart;
  /** The latest draft's id, to check its files before issuing; undefined when none was generated. */
  draftGeneration: string | undefined;
  error?: string | undefined;
  confirmError?: string | undefined;
}

export function letterIssuePage(m: LetterIssueModel): SafeHtml {
  const { debate } = m;
  const again = m.symbol.kind === 'fixed';
  const heading = again
    ? `Issue the letter again under ${m.symbol.kind === 'fixed' ? m.symbol.symbol : ''}`
    : 'Issue the announcement letter';
  const deadline = debate.submission_deadline;
  const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/desk">${debate.theme}</a></p>
<h1>${heading}</h1>
${m.error ? html`<div class="error-summary" role="alert"><p>${m.error}</p></div>` : ''}
<p>${
    again
      ? 'The public page will show the letter as it is composed now, under the same symbol, in place of the version issued before. Do ' +
        'this only to correct the letter before it has been circulated.'
      : 'Issuing gives the letter its symbol and publishes it as a document of the Security Council: every mission can read it on the ' +
        'debate’s page. Check what follows before you confirm.'
  }</p>
<h2>The letter</h2>
<dl class="facts">
  <dt>Title</dt><dd>${m.model.title}</dd>
  <dt>Date</dt><dd>${formatIsoDate(m.model.date)}</dd>
  <dt>Signed by</dt><dd>${m.signedBy}</dd>
  <dt>Deadline it states</dt><dd>${formatDateWithWeekday(deadline, debate.time_zone)}, ${formatTimeInZone(deadline, debate.time_zone)}</dd>
</dl>
<p>To change any of these, <a href="/debates/${debate.slug}/edit">edit the debate</a> first.${
    m.draftGeneration
      ? html` The latest draft, to read before issuing: <a href="/debates/${debate.slug}/documents/${m.draftGeneration}/pdf">PDF</a>, <a href="/debates/${debate.slug}/documents/${m.draftGeneration}/docx">Word</a>.`
      : ' No draft has been generated: generate one on the desk to read it before issuing.'
  }</p>
<h2>What becomes public</h2>
<ul>
  <li>The letter’s page, <code>/debates/${debate.slug}/letter</code>, in HTML, Word (DOCX), PDF and Akoma Ntoso XML.</li>
  <li>The debate’s public page links to it.</li>
</ul>
<h2>Symbol</h2>
${form(
  `/debates/${debate.slug}/letter/issue`,
  m.csrf,
  html`${symbolPart(m.symbol)}
${confirmBox('I have checked the letter, its date, its signatory and its symbol, and it can be issued', m.confirmError)}
${submit(again ? 'Issue the letter again' : 'Issue the letter')}
<p><a href="/debates/${debate.slug}/desk">Cancel and go back to the desk</a></p>`,
  { label: heading },
)}`;
  return page({ actor: m.actor, title: heading, body });
}
