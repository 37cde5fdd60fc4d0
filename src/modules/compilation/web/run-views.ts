// Parts of the Secretariat's compilation page about a run's record: how far its rendering has gone (each format's
// state, a failure's reason, and trying the failed formats again), the issue button, and for an issued run its
// corrigenda and hand-corrected finals.
import { formatDateWithWeekday, formatTimeInZone } from '../../../kernel/dates.js';
import { form, submit } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { RENDITION_STATES, type RenditionRow, FILE_EXTENSIONS, FORMAT_LABELS } from '../../documents/index.js';
import type { FinalRow, RunRow } from '../db.js';

const FINAL_LABELS = { docx: 'Word (DOCX)', pdf: 'PDF' } as const;

function stateOf(r: RenditionRow): SafeHtml | string {
  switch (r.status) {
    case 'failed':
      return html`<strong class="error-text">${RENDITION_STATES.failed}</strong>. ${r.error ?? 'No reason was recorded.'}`;
    case 'unavailable':
      return html`${RENDITION_STATES.unavailable}. ${r.error ?? ''}`;
    default:
      return RENDITION_STATES[r.status];
  }
}

/** How far the rendering has gone, each format's state (a failure with its reason), and a retry of the failed ones. */
export function renditionsCell(
  slug: string,
  seq: number,
  generationId: string,
  renditions: readonly RenditionRow[],
  csrf: string,
): SafeHtml {
  const made = renditions.filter((r) => r.status === 'done').length;
  const pending = renditions.some((r) => r.status === 'queued' || r.status === 'running');
  const retryable = renditions.some((r) => r.status === 'failed' || r.status === 'unavailable');
  return html`<p>${made} of ${renditions.length} formats made${pending ? '; the others are being made' : ''}.</p>
<ul class="plain">${renditions.map((r) =>
    r.status === 'done'
      ? html`<li><a href="/debates/${slug}/documents/${generationId}/${FILE_EXTENSIONS[r.format]}">${FORMAT_LABELS[r.format]}</a>: ${stateOf(
          r,
        )}</li>`
      : html`<li>${FORMAT_LABELS[r.format]}: ${stateOf(r)}</li>`,
  )}</ul>
${
  retryable
    ? form(`/debates/${slug}/compilation/runs/${seq}/retry`, csrf, submit('Try the failed formats again', { secondary: true }), {
        className: 'inline',
        label: `Try the failed formats of build ${seq} again`,
      })
    : ''
}`;
}

/** The symbol column: the symbol of an issued run, or what a draft will become. */
export function symbolCell(run: RunRow, corrected: RunRow | undefined): SafeHtml | string {
  if (run.symbol) return html`<strong>${run.symbol}</strong>${corrected ? html`<br>corrigendum of ${corrected.symbol ?? ''}` : ''}`;
  return corrected ? html`Draft corrigendum of ${corrected.symbol ?? 'the issued compilation'}` : 'Draft';
}

/** The last column: issue a draft, or go to an issued run's corrections. */
export function actionsCell(slug: string, run: RunRow, original: RunRow | undefined): SafeHtml | string {
  if (run.symbol) return html`<a href="#run-${run.seq}">Corrections and final files</a>`;
  // A plain draft made before the original was issued can no longer be issued (the debate has one compilation).
  if (!run.corrects && original) return 'Made before the issue; start a corrigendum instead.';
  // Issuing is a reviewed step: the link opens the confirmation page (./issue-routes.ts), which alone issues.
  const label = run.corrects ? `Review and issue build ${run.seq} as a corrigendum` : `Review and issue build ${run.seq}`;
  return html`<a class="button secondary" href="/debates/${slug}/compilation/runs/${run.seq}/issue">${label}</a>`;
}

/** Once the compilation is issued, what a new build is: a corrigendum of it, never a second compilation. */
export function afterIssueNote(original: RunRow | undefined): SafeHtml {
  if (!original?.symbol) return html``;
  return html`<p>The compilation was issued as <strong>${original.symbol}</strong> and never changes. A new build is therefore a <em>corrigendum</em> of it: it is made from what is accepted and recorded now, and issuing it gives it the symbol ${original.symbol}/Corr.1 (then Corr.2, and so on), not a new S/ number. The public page keeps the original and lists its corrigenda. Builds made before the issue can no longer be issued.</p>`;
}

/** For each issued run: start a corrigendum, and upload a hand-corrected final with the history of those uploaded. */
export function issuedSections(
  slug: string,
  runs: readonly RunRow[],
  finals: ReadonlyMap<string, readonly FinalRow[]>,
  csrf: string,
  timeZone: string,
): SafeHtml {
  const issued = runs.filter((r) => r.symbol !== null);
  if (issued.length === 0) return html``;
  const byId = new Map(runs.map((r) => [r.id, r]));
  return html`${issued.map((run) => {
    const original = run.corrects ? byId.get(run.corrects) : run;
    const uploaded = finals.get(run.id) ?? [];
    const published = new Set(
      (['docx', 'pdf'] as const).map((f) => uploaded.find((x) => x.format === f)?.id).filter((id) => id !== undefined),
    );
    return html`<section id="run-${run.seq}" aria-labelledby="run-${run.seq}-heading">
<h2 id="run-${run.seq}-heading">${run.symbol ?? ''} (build ${run.seq})</h2>
<h3>Corrigendum</h3>
<p>A corrigendum is a new build from the statements accepted now, issued as ${original?.symbol ?? ''}/Corr.N beside the original, which stays as issued.</p>
${form(
  `/debates/${slug}/compilation/runs/${run.seq}/corrigendum`,
  csrf,
  submit(`Start a corrigendum of ${original?.symbol ?? ''}`, { secondary: true }),
  { label: `Start a corrigendum of ${original?.symbol ?? ''}` },
)}
<h3>Hand-corrected final</h3>
<p>If the generated Word or PDF file needs corrections made by hand, upload the corrected file: the public download of that format then serves it instead of the generated one, which stays available here. Uploading again keeps the earlier files.</p>
${form(
  `/debates/${slug}/compilation/runs/${run.seq}/final`,
  csrf,
  html`<div class="field">
  <label for="final-${run.seq}">Corrected file (.docx or .pdf, at most 20 MB)</label>
  <input id="final-${run.seq}" name="file" type="file" accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
</div>
${submit('Upload the corrected file', { secondary: true })}`,
  { label: `Upload a hand-corrected final of ${run.symbol ?? ''}`, multipart: true },
)}
${
  uploaded.length === 0
    ? html`<p>No corrected file has been uploaded; the public downloads are the generated files.</p>`
    : html`<ul class="plain">${uploaded.map(
        (f) =>
          html`<li><a href="/debates/${slug}/compilation/runs/${run.seq}/finals/${f.id}">${FINAL_LABELS[f.format]}, version ${f.version}</a>: ${f.file_name}, uploaded <time datetime="${f.uploaded_at.toISOString()}">${formatDateWithWeekday(f.uploaded_at, timeZone)}, ${formatTimeInZone(f.uploaded_at, timeZone)}</time>${published.has(f.id) ? html` <strong>(published)</strong>` : ' (replaced)'}</li>`,
      )}</ul>`
}
</section>`;
  })}`;
}
