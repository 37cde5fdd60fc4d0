// The compilation letter that closes a debate: the President of the Council encloses the briefings, the Council
// members' statements, those delivered live by non-members, and the written statements, each as a numbered annex.
// Composed from data in the shape of the Council's documents (see docs/ARCHITECTURE.md, "Documents"): the lists are
// in English alphabetical order of their sort keys and written in running-text form ("the Niger", "the Islamic
// Republic of Iran"), joined "A, B and C"; every sentence agrees in number with what it names (one briefing, two
// statements, one representative); several annexes are numbered "Annex I", "Annex II", a single one is "Annex to
// the letter dated ..."; annex titles name the speaker's function with the heading form of the State's
// name, then the speaker's name. Pure: the same input gives the same model.
import { compareSortKeys, joinList, type NameForms } from '../../delegations/index.js';
import { OFFICIAL_LANGUAGES, type OfficialLanguage } from '../../../kernel/i18n/languages.js';
import { formatIsoDate, toRoman, type Attachment, type Block, type DocumentModel } from '../../documents/index.js';
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
export function orderAnnexes<T>(
  groups: Readonly<Record<AnnexGroup, readonly T[]>>,
  sortKeyOf: (item: T) => string,
  order: readonly AnnexGroup[] = ANNEX_GROUPS,
): Array<{ group: AnnexGroup; item: T }> {
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
  const annexes = orderAnnexes<Item>(
    { briefers: blank(o.briefers), council: o.council, live: blank(o.live), written: o.written },
    (item) => item.sortKey,
    o.order,
  );
  const numbers = new Map<string, number>();
  annexes.forEach(({ group, item }, i) => {
    if (group === 'written' && item.code !== undefined) numbers.set(item.code, i + 1);
  });
  return numbers;
}

/**
 * Briefers with their titles, items that hold a comma of their own: "A, title" alone; "A, title; and B, title";
 * "A, title; B, title; and C, title" (a series whose items carry commas is separated by semicolons, the last item
 * after "; and", so that no title runs into the next name).
 */
export function joinBriefers(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join('; ')}; and ${items[items.length - 1] ?? ''}`;
}

/** "the representative of China", "the representatives of China and France". */
function representativesOf(names: readonly string[]): string {
  return `${names.length === 1 ? 'the representative' : 'the representatives'} of ${joinList(names)}`;
}

/** "the statement delivered by the representative of China", "the statements delivered by the representatives of ...". */
function statementsDeliveredBy(names: readonly string[]): string {
  return `${names.length === 1 ? 'the statement' : 'the statements'} delivered by ${representativesOf(names)}`;
}

/** Who submitted written statements, as the list after the colon names them: delegations of States, entities, or both. */
function submitters(written: readonly DelegationItem[]): string {
  const kinds = new Set(written.map((w) => w.delegation.kind));
  return kinds.size > 1 ? 'delegations and entities' : kinds.has('entity') ? 'entities' : 'delegations';
}

/**
 * The letter's paragraphs. Every sentence agrees with what it counts: one briefing is "a copy of the briefing", two
 * are "copies of the briefings"; one Council member's or live speaker's statement is "the statement delivered by the
 * representative of ...", more are "the statements delivered by the representatives of ..."; one written statement is
 * "a copy of which is", more are "copies of which are"; the procedure's "the present letter and its annex(es)" follows
 * the number of annexes. "Also" is said only of texts enclosed after the first sentence has enclosed some.
 */
function letterParagraphs(input: CompilationInput): string[] {
  const presided = input.meetingPresidency ? `, under the presidency of ${input.meetingPresidency}` : '';
  const meeting =
    `${MEETING_WORDS[input.meeting.format]} on “${input.meeting.theme}”, convened on ` +
    `${formatDateWithWeekday(input.meeting.startsAt, input.meeting.timeZone)}${presided}`;
  const briefers = input.briefers.map((b) => `${b.speaker.name}, ${b.speaker.title}`);
  const members = [...input.council].sort(byName).map((c) => c.delegation.names.runningText);
  const live = input.live.map((l) => l.delegation.names.runningText);
  const written = [...input.written].sort(byName);
  const out: string[] = [];
  // The first sentence encloses the briefings and the Council members' statements; without either, the statements
  // delivered live; without any text delivered at the meeting, it names the meeting the written statements are for.
  const liveFirst = briefers.length === 0 && members.length === 0 && live.length > 0;
  const enclosing = briefers.length > 0 || members.length > 0 || liveFirst;
  if (enclosing) {
    const parts: string[] = [];
    if (briefers.length === 1) parts.push(`a copy of the briefing provided by ${briefers[0]},`);
    if (briefers.length > 1) parts.push(`copies of the briefings provided by ${joinBriefers(briefers)},`);
    if (members.length > 0) parts.push(`${parts.length > 0 ? 'as well as ' : ''}${statementsDeliveredBy(members)}`);
    if (liveFirst) parts.push(statementsDeliveredBy(live));
    out.push(`I have the honour to enclose herewith ${parts.join(' ')} in connection with the ${meeting}.`);
  } else {
    out.push(`I have the honour to refer to the ${meeting}.`);
  }
  if (!liveFirst && live.length === 1) out.push(`A statement was also delivered by ${representativesOf(live)}.`);
  if (!liveFirst && live.length > 1) out.push(`Statements were also delivered by ${representativesOf(live)}.`);
  if (written.length > 0) {
    const also = enclosing ? 'also ' : '';
    const names = written.map((w) => w.delegation.names.runningText);
    const understanding =
      `In accordance with the understanding reached among Council members for this ` + `${MEETING_WORDS[input.meeting.format]}`;
    out.push(
      written.length === 1
        ? `${understanding}, ${names[0]} submitted a written statement, a copy of which is ${also}enclosed.`
        : `${understanding}, the following ${submitters(written)} submitted written statements, copies of which are ${also}enclosed: ` +
            `${joinList(names)}.`,
    );
  }
  out.push(agreeAnnexes(input.procedure, annexOrder(input).length));
  return out;
}

/**
 * The procedural paragraph with its formula "the present letter and its annex(es)" in the number of the annexes: the
 * text in force for the period says "its annexes", and a letter with one annex has "its annex".
 */
export function agreeAnnexes(procedure: string, annexes: number): string {
  return procedure.replace(
    /\b([Tt])he present letter and its annex(?:es)?\b/g,
    (_whole, t: string) => `${t}he present letter and its ${annexes === 1 ? 'annex' : 'annexes'}`,
  );
}

/** The languages the enclosed texts were written in, in the order of the official languages' English names. */
function originals(items: ReadonlyArray<{ item: Enclosed }>): OfficialLanguage[] {
  const used = new Set<OfficialLanguage>(['en', ...items.map((i) => i.item.original)]);
  return OFFICIAL_LANGUAGES.filter((l) => used.has(l));
}

/**
 * The heading of an annex: "Annex I", "Annex II", ... when the letter has several; a single annex is headed "Annex to
 * the letter dated ... from ... addressed to ...", as every Council document with one annex.
 */
export function annexHeading(index: number, count: number, letterTitle: string): string {
  return count === 1 ? `Annex to the ${letterTitle.replace(/^Letter\b/, 'letter')}` : `Annex ${toRoman(index + 1)}`;
}

export function compilationLetter(input: CompilationInput): DocumentModel {
  const annexes = annexOrder(input);
  const title =
    `Letter dated ${formatIsoDate(input.letterDate)} from the President of the ${input.organ} addressed to the ` +
    `Secretary-General and the Permanent Representatives of the members of the ${input.organ}`;
  const attachments: Attachment[] = annexes.map(({ item }, i) => ({
    kind: 'annex',
    heading: annexHeading(i, annexes.length, title),
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
    title,
    blocks,
    attachments,
    workPath: `/debates/${input.slug}/compilation`,
  };
}
