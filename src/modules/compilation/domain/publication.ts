// Publication on issue: a statement becomes public when it is one of the frozen inputs of an issued run of the
// debate's compilation (the original or a corrigendum, each a published document), and its public page shows it as
// the latest of those documents encloses it, under its annex number there. Pure.
//
// The annex of a statement is found in the issued document itself (the annex whose title and text are the
// statement's), not by working the order out again, so the number shown is the one printed whatever the order
// policy of the run and whatever other annexes (briefings, statements delivered live) come before it.
import { z } from 'zod';
import { canonicalJson } from '../../statements/index.js';
import type { OfficialLanguage } from '../../../kernel/i18n/languages.js';
import { blockSchema, toRoman, type Attachment, type Block, type DocumentModel } from '../../documents/index.js';
import type { RunInputs } from '../db.js';

export type WrittenInput = RunInputs['written'][number];

/** The frozen input of a delegation's statement in an issued run, if the run encloses it. */
export function publishedInput(inputs: Pick<RunInputs, 'written'>, delegation: string): WrittenInput | undefined {
  return inputs.written.find((w) => w.delegation === delegation);
}

/** What publication needs of an issued run (the original, or a corrigendum: each is a published document). */
export interface IssuedRun {
  seq: number;
  symbol: string;
  issued_at: Date | null;
  inputs: Pick<RunInputs, 'written'>;
}

/** Issued runs, the latest issued first (then the latest built, for runs issued at the same instant). */
export function latestIssuedFirst<R extends IssuedRun>(runs: readonly R[]): R[] {
  return [...runs].sort((a, b) => (b.issued_at?.getTime() ?? 0) - (a.issued_at?.getTime() ?? 0) || b.seq - a.seq);
}

/**
 * Where a delegation's statement is published: the latest issued run that encloses it, with its frozen input.
 * Undefined when no issued run encloses it: the statement is private.
 */
export function enclosingRun<R extends IssuedRun>(runs: readonly R[], delegation: string): { run: R; input: WrittenInput } | undefined {
  for (const run of latestIssuedFirst(runs)) {
    const input = publishedInput(run.inputs, delegation);
    if (input) return { run, input };
  }
  return undefined;
}

/** An annex of the issued document: its number (1 for "Annex I"), how pages name it, and the attachment as issued. */
export interface IssuedAnnex {
  number: number;
  /** "Annex III"; "Annex" when the document has only this one (headed "Annex to the letter dated ..."). */
  label: string;
  attachment: Attachment;
}

const blocksSchema = z.array(blockSchema);

/**
 * The annex enclosing a statement: the top-level annex whose blocks are these blocks (both read through the model's
 * schema, so the comparison sees what the renderers see), the one with this title when several are. Undefined when
 * none is, or when the blocks are not a valid model.
 */
export function findAnnex(
  model: Pick<DocumentModel, 'attachments'>,
  statement: { title: string; blocks: readonly Block[] },
): IssuedAnnex | undefined {
  const parsed = blocksSchema.safeParse(statement.blocks);
  if (!parsed.success) return undefined;
  const wanted = canonicalJson(parsed.data);
  const same = model.attachments.flatMap((a, index) => (a.kind === 'annex' && canonicalJson(a.blocks) === wanted ? [index] : []));
  // The title tells apart the same words enclosed twice; alone, the words are enough (a title written another way
  // since, such as a name form changed in the reference data, does not lose the annex).
  const index = same.find((i) => model.attachments[i]!.title.join(' ') === statement.title) ?? (same.length === 1 ? same[0] : undefined);
  if (index === undefined) return undefined;
  const annexes = model.attachments.filter((a) => a.kind === 'annex').length;
  return { number: index + 1, label: annexes === 1 ? 'Annex' : `Annex ${toRoman(index + 1)}`, attachment: model.attachments[index]! };
}

/**
 * One statement as a document of its own, for its page: the issued document's header (symbol, date) with the annex's
 * language, its title as the title and its text; or, before issue, "Draft" where the symbol goes and the day it was
 * received as the date.
 */
export function statementDocument(o: {
  symbol: string | null;
  date: string;
  original: OfficialLanguage;
  title: string;
  blocks: Block[];
  workPath: string;
}): DocumentModel {
  return {
    type: 'compilation',
    organ: 'Security Council',
    symbol: o.symbol,
    distribution: 'General',
    date: o.date,
    originals: [o.original],
    language: 'en',
    title: o.title,
    blocks: o.blocks,
    attachments: [],
    workPath: o.workPath,
  };
}
