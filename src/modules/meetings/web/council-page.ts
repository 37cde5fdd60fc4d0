// The Secretariat's Council page: each year's fifteen members and twelve presidencies, a check of the stored data
// against the rules (fifteen members, a president who is one of them, the alphabetical rotation), and the form that
// adds the next year in two steps: the five elected members, then the twelve presidencies the rotation proposes,
// confirmed or corrected. Works without JavaScript; problems are listed at the top and beside their fields.
import type { Actor } from '../../../kernel/authz.js';
import { formatDate } from '../../../kernel/dates.js';
import { errorSummary, form, notice, select, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { allStates, joinList, stateByIso3 } from '../../delegations/index.js';
import type { CouncilYearRecord } from '../db.js';
import {
  councilProblems,
  describeCovered,
  inEnglishOrder,
  membersInData,
  monthName,
  monthsOf,
  nextYearToAdd,
  type CouncilData,
  type CouncilProblem,
} from '../domain/council.js';
import { continuingMembers, electedField, ELECTED_EACH_YEAR, membersOfYear, presidencyField } from '../domain/council-year.js';
import { dataTable } from '../../../web/tables.js';

/** The form that adds a year: the elected members first, then the presidencies; what was typed, and what is wrong. */
export interface AddYearForm {
  step: 'elected' | 'presidencies';
  values: Record<string, string>;
  errors: FieldErrors;
}

export interface CouncilPageModel {
  actor: Actor;
  council: CouncilData;
  records: readonly CouncilYearRecord[];
  csrf: string;
  notice?: string | undefined;
  add: AddYearForm;
}

/** The State's name as lists and tables show it: "Niger (the)". */
function nameOf(iso3: string): string {
  return stateByIso3(iso3)?.sortKey ?? iso3;
}

/** The State's name inside a sentence: "the Niger". */
function inSentence(iso3: string): string {
  return stateByIso3(iso3)?.runningText ?? iso3;
}

/** One problem of the check, as a sentence. */
export function describeProblem(p: CouncilProblem): string {
  const month = monthName(p.month);
  switch (p.kind) {
    case 'not_member':
      return `${month}: ${inSentence(p.iso3)} is recorded as presiding, but it is not a member of the Council that month.`;
    case 'breaks_rotation':
      return `${month}: ${inSentence(p.iso3)} is recorded as presiding, where the rotation gives ${inSentence(p.expected)}.`;
    case 'no_presidency':
      return `${month}: no presiding member is recorded.`;
    case 'member_count':
      return `${month}: the Council has ${p.count} members in the data, not fifteen.`;
  }
}

function check(council: CouncilData): SafeHtml {
  const problems = councilProblems(council);
  return html`<section aria-labelledby="check-heading">
<h2 id="check-heading">Check of the stored data</h2>
${
  problems.length === 0
    ? html`<p>Every month recorded has fifteen members and a presiding member who is one of them, and the presidency follows the rotation: it passes each month to the next member in English alphabetical order, from the last back to the first.</p>`
    : html`<p>${problems.length === 1 ? 'One month does' : `${problems.length} months do`} not follow the rules (fifteen members, a presiding member who is one of them, and the rotation to the next member in English alphabetical order). A departure from the rotation may be right (members sometimes exchange months); check it against the Council’s published list of presidencies.</p>
<ul class="problems">${problems.map((p) => html`<li>${describeProblem(p)}</li>`)}</ul>`
}
</section>`;
}

function hidden(name: string, value: string | undefined): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value ?? ''}">`;
}

function electedStep(m: CouncilPageModel, year: number): SafeHtml {
  const v = m.add.values;
  const e = m.add.errors;
  const continuing = new Set(continuingMembers(m.council, year));
  const candidates = [
    { value: '', label: 'Choose a State' },
    ...allStates()
      .filter((s) => s.status === 'member' && !continuing.has(s.iso3))
      .map((s) => ({ value: s.iso3, label: s.sortKey })),
  ];
  return form(
    '/council/years',
    m.csrf,
    html`${hidden('year', String(year))}
<fieldset id="year">
  <legend>The five States elected for ${year}–${year + 1}</legend>
  <p class="hint">As announced by the General Assembly after the election held in June ${year - 1}. The States already on the Council in ${
    year
  } are not offered.</p>
  ${Array.from({ length: ELECTED_EACH_YEAR }, (_, i) =>
    select({
      name: electedField(i + 1),
      label: `Elected member ${i + 1}`,
      options: candidates,
      value: v[electedField(i + 1)],
      error: e[electedField(i + 1)],
    }),
  )}
</fieldset>
${submit('Propose the presidencies', { name: 'action', value: 'propose' })}`,
    { label: `Add ${year}: the elected members` },
  );
}

function presidenciesStep(m: CouncilPageModel, year: number): SafeHtml {
  const v = m.add.values;
  const e = m.add.errors;
  const elected = Array.from({ length: ELECTED_EACH_YEAR }, (_, i) => (v[electedField(i + 1)] ?? '').toUpperCase());
  const options = inEnglishOrder(membersOfYear(m.council, year, elected)).map((iso3) => ({ value: iso3, label: nameOf(iso3) }));
  const december = m.council.presidencies.find((p) => p.month === `${year - 1}-12`)?.iso3;
  return form(
    '/council/years',
    m.csrf,
    html`${hidden('year', String(year))}
${elected.map((code, i) => hidden(electedField(i + 1), code))}
<p id="year">Elected for ${year}–${year + 1}: ${joinList(elected.map(inSentence))}.</p>
<fieldset>
  <legend>Who presides each month of ${year}</legend>
  <p class="hint">Proposed by the rotation${december ? html` from ${inSentence(december)}, president in December ${year - 1}` : ''}: the presidency passes each month to the next member in English alphabetical order, from the last back to the first. Correct a month if the members agreed otherwise.</p>
  ${monthsOf(year).map((month, i) =>
    select({
      name: presidencyField(i + 1),
      label: monthName(month),
      options,
      value: v[presidencyField(i + 1)],
      error: e[presidencyField(i + 1)],
    }),
  )}
</fieldset>
<div class="actions">${submit(`Save ${year}`, { name: 'action', value: 'save' })} ${submit('Change the elected members', {
      secondary: true,
      name: 'action',
      value: 'change',
    })}</div>`,
    { label: `Add ${year}: the presidencies` },
  );
}

function addYear(m: CouncilPageModel): SafeHtml {
  const year = nextYearToAdd(m.council);
  if (year === undefined) {
    return html`<section aria-labelledby="add-heading"><h2 id="add-heading">Add a year</h2>
<p>A year can be added once the stored data ends with a whole year of fifteen members and twelve presidencies. Correct the stored data first.</p></section>`;
  }
  return html`<section aria-labelledby="add-heading">
<h2 id="add-heading">Add ${year}</h2>
<p>${year} starts with the ${continuingMembers(m.council, year).length} members who continue into it; add the five the General Assembly elected. The presidencies are then proposed by the rotation for you to confirm or correct. Debates can be scheduled in ${year} once it is saved.</p>
${m.add.step === 'presidencies' ? presidenciesStep(m, year) : electedStep(m, year)}
</section>`;
}

function seatOf(council: CouncilData, iso3: string, year: number): string {
  if (council.permanent.includes(iso3)) return 'Permanent member';
  const term = council.terms.find((t) => t.iso3 === iso3 && t.from <= `${year}-01-01` && `${year}-01-01` <= t.to);
  return term ? `Elected for ${term.from.slice(0, 4)}–${term.to.slice(0, 4)}` : 'Elected';
}

function provenance(record: CouncilYearRecord | undefined): string {
  if (!record) return '';
  return record.source === 'reference'
    ? 'From the reference data shipped with Rostrum.'
    : `Added by the Secretariat on ${formatDate(record.recordedAt, 'America/New_York')}; the audit log says by whom.`;
}

function yearSection(m: CouncilPageModel, year: number): SafeHtml {
  const members = membersInData(m.council, `${year}-01-01`);
  const presidents = new Map(m.council.presidencies.map((p) => [p.month, p.iso3]));
  const record = m.records.find((r) => r.year === year);
  return html`<section aria-labelledby="year-${year}">
<h3 id="year-${year}">${year}</h3>
${record ? html`<p class="hint">${provenance(record)}</p>` : ''}
<div class="council-year">
${dataTable({
  caption: `Members in ${year}`,
  columns: ['State', 'Seat'],
  rows: members.map((iso3) => [nameOf(iso3), seatOf(m.council, iso3, year)]),
})}
${dataTable({
  caption: `Presidencies in ${year}`,
  columns: ['Month', 'Presiding member'],
  rows: monthsOf(year).map((month) => {
    const president = presidents.get(month);
    return [monthName(month), president ? nameOf(president) : html`<span class="error-text">None recorded</span>`];
  }),
})}
</div>
</section>`;
}

export function councilPage(m: CouncilPageModel): SafeHtml {
  const years = [...new Set(m.council.presidencies.map((p) => Number(p.month.slice(0, 4))))].sort((a, b) => b - a);
  const body = html`<h1>The Security Council by year</h1>
${notice(m.notice)}
${errorSummary(m.add.errors)}
<p>The Council data covers ${describeCovered(m.council)}. Debates are scheduled only in these months, and each debate’s presiding State is the member presiding in its month. Who may submit a written statement by default (every State not on the Council that day) follows the same data.</p>
${check(m.council)}
${addYear(m)}
<section aria-labelledby="years-heading">
<h2 id="years-heading">Members and presidencies</h2>
${years.length === 0 ? html`<p>No year is recorded yet.</p>` : years.map((year) => yearSection(m, year))}
</section>`;
  return page({ actor: m.actor, title: 'The Security Council by year', body });
}
