// The compilation letter that closes a debate: the President of the Council encloses the briefings, the Council
// members' statements, those delivered live by non-members, and the written statements, each as a numbered annex.
// Composed from data in the shape of the Council's documents (see docs/ARCHITECTURE.md, "Documents"): the lists are
// in English alphabetical order of their sort keys and written in running-text form ("the Niger", "the Islamic
// Republic of Iran"), joined "A, B and C"; annex headings name the speaker's function with the heading form of the
// State's name, then the speaker's name. Pure: the same input gives the same model.
import { compareSortKeys, joinList, type NameForms } from '../../delegations/index.js';
import { formatIsoDate, toRoman, type Attachment, type Block, type DocumentModel, type OfficialLanguage } from '../../documents/domain/document-model.js';
import { formatDateWithWeekday } from '../../../kernel/dates.js';

/** Who spoke or wrote for a delegation, as the cover letter states it. */
export interface Speaker {
  name: string;
  /** "Permanent Representative", "Deputy Permanent Representative", "Chargé d'affaires a.i.", an entity's own title. */
  title: string;
}

export interface Delegation {
  /** The mission's code. */
  code: string;
  kind: 'state' | 'entity';
  names: NameForms;
}

/** One enclosed text and who delivered it. */
export interface Enclosed {
  speaker: Speaker;
  /** The language it was written in. */
  original: OfficialLanguage;
  /** The text, as document blocks (a statement's faithful content). */
  blocks: Block[];
}

export interface BriefingItem extends Enclosed {
  /** The briefer's full title: "Under-Secretary-General for Peace Operations". */
  speaker: Speaker;
}

export interface DelegationItem extends Enclosed {
  delegation: Delegation;
  /** "the Group of Friends of ...": the statement speaks for a group. */
  onBehalfOf?: string;
}

/** The groups of annexes, in the order they are enclosed. */
export const ANNEX_GROUPS = ['briefers', 'council', 'live', 'written'] as const;
export type AnnexGroup = (typeof ANNEX_GROUPS)[number];

export interface CompilationInput {
  slug: string;
  organ: 'Security Council';
  symbol: string | null;
  /** 'YYYY-MM-DD' */
  letterDate: string;
  /** The President of the Council that month: the name under "(Signed)". */
  presidentName: string;
  meeting: { theme: string; startsAt: Date; timeZone: string; format: 'in_person' | 'videoconference' | 'hybrid' };
  /**
   * The State that presided the meeting, in running text ("China"), given when the letter is dated in a month another
   * State presides: the letter then says whose meeting it was, since its signatory is not that meeting's President.
   */
  meetingPresidency?: string;
  /** In the order they spoke. */
  briefers: BriefingItem[];
  /** Council members' statements, the presiding member's among them. Enclosed in English alphabetical order. */
  council: DelegationItem[];
  /** Non-members who spoke live, in the order they spoke. */
  live: DelegationItem[];
  /** Written statements, in any order: enclosed in English alphabetical order of the delegations' sort keys. */
  written: DelegationItem[];
  /** The procedural paragraph in force for the period (configurable, see the compilation settings). */
  procedure: string;
  /** The order of the annex groups; the default is briefers, Council members, live speakers, written statements. */
  order?: readonly AnnexGroup[];
}

const MEETING_WORDS = { in_person: 'meeting', videoconference: 'video-teleconference', hybrid: 'meeting' } as const;

function byName(a: DelegationItem, b: DelegationItem): number {
  return compareSortKeys(a.delegation.names.sortKey, b.delegation.names.sortKey);
}

/** "the Permanent Representative of the Niger to the United Nations", from the speaker's title and the State. */
export function functionOf(speaker: Speaker, delegation: Delegation): string {
  const of = delegation.names.heading;
  switch (speaker.title) {
    case 'Permanent Representative':
    case 'Deputy Permanent Representative':
    case 'Permanent Observer':
    case 'Deputy Permanent Observer':
      return `${speaker.title} of ${of} to the United Nations`;
    case "Chargé d'affaires a.i.":
      return `Chargé d'affaires a.i. of the Permanent Mission of ${of} to the United Nations`;
    default:
      // An entity's own title ("Head of the Delegation"), or a title the mission gave: "<title> of <name>".
      return `${speaker.title} of ${of}`;
  }
}

/** The heading under "Annex N": who speaks, in what capacity, then the name. */
export function annexTitle(item: BriefingItem | DelegationItem): string {
  if (!('delegation' in item)) return `Briefing by the ${item.speaker.title}, ${item.speaker.name}`;
  const behalf = item.onBehalfOf ? `, on behalf of ${item.onBehalfOf}` : '';
  return `Statement by the ${functionOf(item.speaker, item.delegation)}, ${item.speaker.name}${behalf}`;
}

/**
 * Items of any kind in the order of the annexes: the groups in `order`; briefings and statements delivered live as
 * given (in speaking order), Council members' and written statements in English alphabetical order of their sort keys.
 * The letter's annexes are numbered by it, and so are the annex numbers told to the missions when it is issued.
 */
export function orderAnnexes<T>(groups: Readonly<Record<AnnexGroup, readonly T[]>>, sortKeyOf: (item: T) => string, order: readonly AnnexGroup[] = ANNEX_GROUPS): Array<{ group: AnnexGroup; item: T }> {
  const byKey = (a: T, b: T) => compareSortKeys(sortKeyOf(a), sortKeyOf(b));
  const sorted: Record<AnnexGroup, readonly T[]> = {
    briefers: groups.briefers,
    council: [...groups.council].sort(byKey),
    live: groups.live,
    written: [...groups.written].sort(byKey),
  };
  return order.flatMap((group) => sorted[group].map((item) => ({ group, item })));
}

/** The enclosed items in the order of the annexes. */
export function annexOrder(input: CompilationInput): Array<{ group: AnnexGroup; item: BriefingItem | DelegationItem }> {
  return orderAnnexes<BriefingItem | DelegationItem>(
    { briefers: input.briefers, council: input.council, live: input.live, written: input.written },
    (item) => ('delegation' in item ? item.delegation.names.sortKey : ''),
    input.order,
  );
}

/**
 * The annex number (1 for "Annex I") of each delegation's written statement, by mission code, from what a run
 * encloses: how many briefings and statements delivered live, the Council members' and the written statements'
 * delegations with their sort keys, and the order of the groups.
 */
export function writtenAnnexNumbers(o: {
  order?: readonly AnnexGroup[];
  briefers: number;
  council: ReadonlyArray<{ code: string; sortKey: string }>;
  live: number;
  written: ReadonlyArray<{ code: string; sortKey: string }>;
}): Map<string, number> {
  type Item = { code?: string; sortKey: string };
  const blank = (n: number): Item[] => Array.from({ length: n }, () => ({ sortKey: '' }));
  const annexes = orderAnnexes<Item>({ briefers: blank(o.briefers), council: o.council, live: blank(o.live), written: o.written }, (item) => item.sortKey, o.order);
  const numbers = new Map<string, number>();
  annexes.forEach(({ group, item }, i) => {
    if (group === 'written' && item.code !== undefined) numbers.set(item.code, i + 1);
  });
  return numbers;
}

function letterParagraphs(input: CompilationInput): string[] {
  const presided = input.meetingPresidency ? `, under the presidency of ${input.meetingPresidency}` : '';
  const meeting = `${MEETING_WORDS[input.meeting.format]} on “${input.meeting.theme}”, convened on ${formatDateWithWeekday(input.meeting.startsAt, input.meeting.timeZone)}${presided}`;
  const briefings = input.briefers.map((b) => `${b.speaker.name}, ${b.speaker.title}`).join('; ');
  const members = [...input.council].sort(byName).map((c) => c.delegation.names.runningText);
  const parts: string[] = [];
  if (briefings) parts.push(`copies of the briefings provided by ${briefings}`);
  if (members.length > 0) parts.push(`${parts.length > 0 ? 'as well as ' : ''}the statements delivered by the representatives of ${joinList(members)}`);
  const out = [`I have the honour to enclose herewith ${parts.length > 0 ? `${parts.join(', ')} ` : 'the texts '}in connection with the ${meeting}.`];
  if (input.live.length === 1) out.push(`A statement was also delivered by the representative of ${input.live[0]!.delegation.names.runningText}.`);
  if (input.live.length > 1) out.push(`Statements were also delivered by the representatives of ${joinList(input.live.map((l) => l.delegation.names.runningText))}.`);
  if (input.written.length > 0) {
    const names = [...input.written].sort(byName).map((w) => w.delegation.names.runningText);
    out.push(
      `In accordance with the understanding reached among Council members for this ${MEETING_WORDS[input.meeting.format]}, the following delegations and entities submitted written statements, copies of which are also enclosed: ${joinList(names)}.`,
    );
  }
  out.push(input.procedure);
  return out;
}

/** The languages the enclosed texts were written in, in the order of the official languages' English names. */
function originals(items: ReadonlyArray<{ item: Enclosed }>): OfficialLanguage[] {
  const order: OfficialLanguage[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
  const used = new Set<OfficialLanguage>(['en', ...items.map((i) => i.item.original)]);
  return order.filter((l) => used.has(l));
}

export function compilationLetter(input: CompilationInput): DocumentModel {
  const annexes = annexOrder(input);
  const attachments: Attachment[] = annexes.map(({ item }, i) => ({
    kind: 'annex',
    heading: `Annex ${toRoman(i + 1)}`,
    original: item.original,
    title: [annexTitle(item)],
    blocks: item.blocks,
    attachments: [],
  }));
  const blocks: Block[] = [
    ...letterParagraphs(input).map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'signature', name: input.presidentName, lines: [`President of the ${input.organ}`] },
  ];
  return {
    type: 'compilation',
    organ: input.organ,
    symbol: input.symbol,
    distribution: 'General',
    date: input.letterDate,
    originals: originals(annexes),
    language: 'en',
    title: `Letter dated ${formatIsoDate(input.letterDate)} from the President of the ${input.organ} addressed to the Secretary-General and the Permanent Representatives of the members of the ${input.organ}`,
    blocks,
    attachments,
    workPath: `/debates/${input.slug}/compilation`,
  };
}
