// Intergovernmental organizations and other entities with observer status at the United Nations (or, for
// IOM, a related organization) that submit statements in open debates. Curated here; UNTERM has no list of
// them. Names are in UN English editorial usage ("Organization", "International Organization of la
// Francophonie"), with the organization's own spelling noted where it differs.
// Entities a Secretariat adds for a single debate (a General Assembly committee, ...) are not listed here.
import { compareSortKeys, entityNameForms } from './name-forms.js';

export type EntityKind = 'intergovernmental_organization' | 'other_entity';

export interface EntityDefinition {
  /** Short stable lowercase slug: the entity's identifier throughout the product ("eu"). */
  code: string;
  /** The name without its article: "European Union". */
  name: string;
  /** The article the name takes in running text, or null. */
  article: 'the' | null;
  kind: EntityKind;
}

export interface Entity extends EntityDefinition {
  /** "European Union". */
  sortKey: string;
  /** "the European Union". */
  runningText: string;
  /** "the European Union" (entities carry their article in headings too). */
  heading: string;
}

const IGO = 'intergovernmental_organization' as const;
const OTHER = 'other_entity' as const;

export const ENTITY_DEFINITIONS: readonly EntityDefinition[] = [
  { code: 'eu', name: 'European Union', article: 'the', kind: IGO },
  { code: 'au', name: 'African Union', article: 'the', kind: IGO },
  { code: 'las', name: 'League of Arab States', article: 'the', kind: IGO },
  // The OIC writes "Organisation of Islamic Cooperation".
  { code: 'oic', name: 'Organization of Islamic Cooperation', article: 'the', kind: IGO },
  // Organisation internationale de la Francophonie (OIF).
  { code: 'oif', name: 'International Organization of la Francophonie', article: 'the', kind: IGO },
  { code: 'commonwealth', name: 'Commonwealth Secretariat', article: 'the', kind: IGO },
  // The Gulf Cooperation Council (GCC).
  { code: 'gcc', name: 'Cooperation Council for the Arab States of the Gulf', article: 'the', kind: IGO },
  { code: 'caricom', name: 'Caribbean Community', article: 'the', kind: IGO },
  { code: 'ecowas', name: 'Economic Community of West African States', article: 'the', kind: IGO },
  { code: 'eccas', name: 'Economic Community of Central African States', article: 'the', kind: IGO },
  { code: 'sadc', name: 'Southern African Development Community', article: 'the', kind: IGO },
  { code: 'igad', name: 'Intergovernmental Authority on Development', article: 'the', kind: IGO },
  { code: 'oas', name: 'Organization of American States', article: 'the', kind: IGO },
  { code: 'sica', name: 'Central American Integration System', article: 'the', kind: IGO },
  { code: 'asean', name: 'Association of Southeast Asian Nations', article: 'the', kind: IGO },
  { code: 'pif', name: 'Pacific Islands Forum', article: 'the', kind: IGO },
  { code: 'osce', name: 'Organization for Security and Co-operation in Europe', article: 'the', kind: IGO },
  { code: 'coe', name: 'Council of Europe', article: 'the', kind: IGO },
  { code: 'sco', name: 'Shanghai Cooperation Organization', article: 'the', kind: IGO },
  { code: 'csto', name: 'Collective Security Treaty Organization', article: 'the', kind: IGO },
  // A related organization of the United Nations since 2016 (formerly an observer).
  { code: 'iom', name: 'International Organization for Migration', article: 'the', kind: IGO },
  { code: 'icc', name: 'International Criminal Court', article: 'the', kind: OTHER },
  { code: 'icrc', name: 'International Committee of the Red Cross', article: 'the', kind: OTHER },
  { code: 'ifrc', name: 'International Federation of Red Cross and Red Crescent Societies', article: 'the', kind: OTHER },
  { code: 'ipu', name: 'Inter-Parliamentary Union', article: 'the', kind: OTHER },
  // The Sovereign Order of Malta.
  { code: 'smom', name: 'Sovereign Military Order of Malta', article: 'the', kind: OTHER },
];

let entities: readonly Entity[] | undefined;
let byCode: ReadonlyMap<string, Entity> | undefined;

/** Every listed entity with its three name forms, in English order of their sort keys. */
export function allEntities(): readonly Entity[] {
  if (entities === undefined) {
    entities = Object.freeze(
      ENTITY_DEFINITIONS.map((d) => Object.freeze({ ...d, ...entityNameForms(d.name, d.article) })).sort((a, b) =>
        compareSortKeys(a.sortKey, b.sortKey),
      ),
    );
  }
  return entities;
}

/** The entity with this code (any case), or undefined. */
export function entityByCode(code: string): Entity | undefined {
  if (byCode === undefined) byCode = new Map(allEntities().map((e) => [e.code, e]));
  return byCode.get(code.trim().toLowerCase());
}
