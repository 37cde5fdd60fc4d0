// The public page of an issued announcement letter: the letter itself, as HTML in the site's frame, and links to
// every format that was produced. The text comes from the same stored model as the files.
import type { Actor } from '../../../kernel/authz.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import type { DocumentModel, RenditionRow } from '../../documents/index.js';
import type { DebateRecord } from '../db.js';
import { FILE_EXTENSIONS, FORMAT_LABELS, documentHtml } from '../../documents/index.js';

/** Links to the formats of the issued letter, for the letter page and the debate page. */
export function letterLinks(slug: string, renditions: readonly RenditionRow[]): SafeHtml {
  const done = renditions.filter((r) => r.status === 'done');
  const missing = renditions.filter((r) => r.status === 'failed' || r.status === 'unavailable');
  const pending = renditions.filter((r) => r.status === 'queued' || r.status === 'running');
  return html`<ul class="formats">${done.map(
    (r) => html`<li><a href="/debates/${slug}/letter.${FILE_EXTENSIONS[r.format]}">${FORMAT_LABELS[r.format]}</a></li>`,
  )}</ul>
${missing.map((r) => html`<p class="muted">${FORMAT_LABELS[r.format]}: not available. ${r.error ?? ''}</p>`)}
${
  pending.length > 0
    ? html`<p class="muted">${pending.map((r) => FORMAT_LABELS[r.format]).join(', ')}: being produced; reload the page in a moment.</p>`
    : ''
}`;
}

/** Said under the title when this installation gave the symbol from its own count, not the documents service. */
export function numberedHereNote(symbol: string): SafeHtml {
  return html`<p class="muted">${symbol} was numbered by this installation of Rostrum from its own count, not assigned by the documents service.</p>`;
}

export function letterPage(
  actor: Actor,
  debate: DebateRecord,
  model: DocumentModel,
  renditions: readonly RenditionRow[],
  options: { numberedHere?: boolean } = {},
): SafeHtml {
  const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}">${debate.theme}</a></p>
<h1>Announcement letter${model.symbol ? html` (${model.symbol})` : ''}</h1>
${model.symbol && options.numberedHere ? numberedHereNote(model.symbol) : ''}
<h2 id="formats">Download</h2>
${letterLinks(debate.slug, renditions)}
${documentHtml(model, { headingLevel: 2, idPrefix: 'letter' })}`;
  return page({ actor, title: `${model.symbol ?? 'Draft'}: ${model.title}`, description: model.title, body });
}
