// The list of missions, for the Secretariat and the help desk: every State and entity with the number of signatories
// who may sign today, a filter by name or code, and (the Secretariat's) the form to add an entity for a debate.
import type { Actor } from '../../../kernel/authz.js';
import { errorSummary, field, form, notice, select, submit, type FieldErrors } from '../../../web/forms.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { dataTable } from '../../../web/tables.js';
import type { MissionWithCount } from '../db.js';
import type { MissionLabel } from '../domain/mission-labels.js';
import { organisationKindNames } from './labels.js';

export interface MissionsPageModel {
  actor: Actor;
  missions: Array<MissionWithCount & MissionLabel>;
  search: string;
  csrf: string | undefined;
  canAddEntity: boolean;
  notice?: string | undefined;
  entity?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}

function entityForm(m: MissionsPageModel, csrf: string): SafeHtml {
  const v = m.entity?.values ?? {};
  const e = m.entity?.errors ?? {};
  return html`<h2 id="add-entity">Add an entity</h2>
<p>For a body that takes part in a debate but is not in the list, such as a General Assembly committee. It then has a page like any mission, and the help desk can create its first focal point.</p>
${form(
  '/missions/entities',
  csrf,
  html`${field({
    name: 'name',
    label: 'Name, without its article',
    hint: 'For example, Special Political and Decolonization Committee (Fourth Committee).',
    value: v.name,
    error: e.name,
    required: true,
    maxlength: 200,
  })}
${select({
  name: 'article',
  label: 'In a sentence, the name reads',
  value: v.article ?? 'the',
  error: e.article,
  options: [
    { value: 'the', label: 'with “the” (the Fourth Committee)' },
    { value: 'none', label: 'without an article' },
  ],
})}
${field({
  name: 'code',
  label: 'Code',
  hint: 'Lowercase letters, digits and hyphens; it appears in addresses and cannot be changed. For example, fourth-committee.',
  value: v.code,
  error: e.code,
  required: true,
  maxlength: 40,
  autocomplete: 'off',
})}
${select({
  name: 'kind',
  label: 'Kind',
  value: v.kind ?? 'other_entity',
  error: e.kind,
  options: [
    { value: 'other_entity', label: 'Other entity (a committee, a body of the United Nations)' },
    { value: 'intergovernmental_organization', label: 'Intergovernmental organization' },
  ],
})}
${submit('Add the entity')}`,
  { label: 'Add an entity' },
)}`;
}

export function missionsPage(m: MissionsPageModel): SafeHtml {
  const body = html`<h1>Missions</h1>
${notice(m.notice)}
${errorSummary(m.entity?.errors ?? {})}
<form method="get" action="/missions" role="search" aria-label="Filter the missions">
${field({ name: 'q', label: 'Filter by name or code', value: m.search, maxlength: 100 })}
${submit('Filter', { secondary: true })}
</form>
${
  m.search
    ? html`<p>${m.missions.length} ${m.missions.length === 1 ? 'mission matches' : 'missions match'} “${m.search}”. <a href="/missions">Show all</a></p>`
    : ''
}
${
  m.missions.length === 0
    ? html`<p>No mission matches.</p>`
    : dataTable({
        caption: 'Missions and their signatories today',
        columns: ['Mission', 'Code', 'Kind', 'Signatories today'],
        rowHeader: true,
        rows: m.missions.map((x) => [
          html`<a href="/missions/${encodeURIComponent(x.code)}">${x.label}</a>`,
          x.code,
          `${organisationKindNames[x.organisation_kind] ?? x.organisation_kind}${
            x.source === 'secretariat' ? ' (added by the Secretariat)' : ''
          }`,
          String(x.current_signatories),
        ]),
      })
}
${m.canAddEntity && m.csrf ? entityForm(m, m.csrf) : ''}`;
  return page({ actor: m.actor, title: 'Missions', body });
}
