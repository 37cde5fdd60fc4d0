// Hands out document symbols: the next number of a series and year (S/2021/91 after S/2021/90), the next
// corrigendum, revision or addendum of a document (S/2021/90/Corr.2 after Corr.1), and records symbols issued
// outside Rostrum so that its own numbers follow them.
//
// Why a counter row rather than a PostgreSQL SEQUENCE. A sequence never gives a number back: a transaction that
// takes one and then rolls back leaves a hole for ever. A UN symbol is issued when its document is issued, and the
// series is numbered in sequence through the year; a hole would read as a missing document. So the counter lives
// in a row (documents.symbol_series) and moves inside the issuing transaction: if the issue rolls back, so does the
// counter, and the next issue takes the same number, which nobody ever saw. The price is that issues of one series
// and year queue on that row until the issuing transaction ends; an issue is a few rows, so keep it the last step
// of a short transaction (render and store the document first, then take its symbol and commit).
//
// Lock order. Every command here locks the counter (or the parent document) and then writes its audit entry. The
// audit log takes no lock (an entry is a plain insert), so only the rows a caller locks before the symbol matter:
// callers lock the debate or run first, then the symbol, always in that order.
//
// Authorization belongs to the use case that issues a document (a compilation, an announcement letter), which
// calls these; they take the actor only to record who issued the symbol.
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../../../kernel/audit.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import { childSymbols, findSymbol, insertSymbol, lockSymbol, raiseLastNumber, takeNextNumber, type SymbolNumberer } from '../db.js';
import {
  FIRST_YEAR,
  LAST_YEAR,
  SERIES,
  SUFFIX_KINDS,
  SYMBOL_PURPOSES,
  enteredSymbolProblem,
  formatSymbol,
  nextSuffix,
  parseSymbol,
  parentOf,
  purposeProblem,
  type DocumentSymbol,
  type Series,
  type SymbolPurpose,
} from '../domain/symbols.js';

const purpose = z.enum(SYMBOL_PURPOSES);
/** What the document is about (a debate's id, say); free of meaning here, kept for finding the symbol again. */
const subjectId = z.string().trim().min(1).max(200).nullable().default(null);

export const issueSymbolInput = z.strictObject({
  series: z.enum(SERIES),
  year: z.number().int().min(FIRST_YEAR).max(LAST_YEAR),
  purpose,
  subjectId,
});
export type IssueSymbolInput = z.input<typeof issueSymbolInput>;

export const issueDerivedSymbolInput = z.strictObject({
  parent: z.string(),
  kind: z.enum(SUFFIX_KINDS),
  purpose,
  subjectId,
});
export type IssueDerivedSymbolInput = z.input<typeof issueDerivedSymbolInput>;

export const registerExistingSymbolInput = z.strictObject({
  symbol: z.string(),
  purpose,
  subjectId,
  /** When the document was issued, if known; otherwise the time of registering. */
  issuedAt: z.coerce.date().optional(),
});
export type RegisterExistingSymbolInput = z.input<typeof registerExistingSymbolInput>;

export interface IssuedSymbol {
  symbol: string;
  model: DocumentSymbol;
}

/** The next number of `series` in `year`: S/2021/1, S/2021/2, ... with no number skipped or given twice. */
export async function issueSymbol(trx: Transaction, clock: Clock, actor: AuditActor, raw: IssueSymbolInput): Promise<IssuedSymbol> {
  const input = parseInput(issueSymbolInput, raw);
  checkPurpose(input.series, input.purpose);
  const number = await takeNextNumber(trx, input.series, input.year);
  const model: DocumentSymbol = { series: input.series, year: input.year, number, suffixes: [] };
  const symbol = formatSymbol(model);
  // The counter and the registry cannot disagree through these commands (registering moves the counter up);
  // if they did, the unique index refuses the insert rather than hand out a symbol twice.
  await insertSymbol(trx, row(symbol, model, null, clock.now(), actor, input.purpose, input.subjectId, 'installation'));
  await recordAudit(trx, clock, {
    action: 'symbol.issued',
    actor,
    subject: { type: 'symbol', id: symbol },
    data: { symbol, purpose: input.purpose },
  });
  return { symbol, model };
}

/** What the officer chose when issuing an original document: the symbol the documents service assigned, or the counter. */
export type SymbolChoice = { kind: 'counter' } | { kind: 'entered'; symbol: string };

/**
 * An original document's symbol, as the officer chose on the confirmation page: this installation's next number of
 * the document's year, or the symbol the documents service assigned, checked (a symbol as the UN writes it, of the
 * series, an original, of the year of the document's date) and registered (refused if it is already taken).
 */
export async function assignOriginalSymbol(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  o: { choice: SymbolChoice; series: Series; documentDate: string; purpose: SymbolPurpose; subjectId: string },
): Promise<IssuedSymbol> {
  if (o.choice.kind === 'counter') {
    return issueSymbol(trx, clock, actor, {
      series: o.series,
      year: Number(o.documentDate.slice(0, 4)),
      purpose: o.purpose,
      subjectId: o.subjectId,
    });
  }
  const checked = enteredSymbolProblem(o.choice.symbol, { series: o.series, documentDate: o.documentDate });
  if (!checked.ok) throw new AppError(checked.problem.code, { detail: checked.problem.detail });
  return registerExistingSymbol(trx, clock, actor, { symbol: checked.symbol, purpose: o.purpose, subjectId: o.subjectId });
}

/** The parent's next corrigendum, revision or addendum: S/2021/90/Corr.1, then Corr.2; Rev and Add count apart. */
export async function issueDerivedSymbol(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  raw: IssueDerivedSymbolInput,
): Promise<IssuedSymbol> {
  const input = parseInput(issueDerivedSymbolInput, raw);
  const parent = parseOrThrow(input.parent);
  checkPurpose(parent.series, input.purpose);
  // Locking the parent queues every other corrigendum, revision or addendum of it until this transaction ends;
  // the children read next are then all that were committed before us.
  const parentRow = await lockSymbol(trx, input.parent);
  if (!parentRow) throw new AppError('symbol.parent_not_found', { detail: input.parent });
  const children = (await childSymbols(trx, input.parent)).map(parseOrThrow);
  const next = nextSuffix(parent, input.kind, children);
  if (!next.ok) throw new AppError('symbol.suffix_not_allowed', { detail: `${input.parent} + ${input.kind}: ${next.reason}` });
  const symbol = formatSymbol(next.value);
  // A corrigendum's number follows from its parent's by rule, so it is numbered as its parent was.
  await insertSymbol(trx, row(symbol, next.value, input.parent, clock.now(), actor, input.purpose, input.subjectId, parentRow.numbered_by));
  await recordAudit(trx, clock, {
    action: 'symbol.issued',
    actor,
    subject: { type: 'symbol', id: symbol },
    data: { symbol, purpose: input.purpose },
  });
  return { symbol, model: next.value };
}

/**
 * Records a symbol issued outside Rostrum (a historical S/2021/... of the demo, a document issued before
 * Rostrum was used). An original moves the counter up to its number if it is behind, so Rostrum's next number
 * follows it; one below the counter fills a number Rostrum never handed out. A corrigendum, revision or addendum
 * needs its parent registered first. A symbol already in the registry is refused.
 */
export async function registerExistingSymbol(
  trx: Transaction,
  clock: Clock,
  actor: AuditActor,
  raw: RegisterExistingSymbolInput,
): Promise<IssuedSymbol> {
  const input = parseInput(registerExistingSymbolInput, raw);
  const model = parseOrThrow(input.symbol);
  checkPurpose(model.series, input.purpose);
  // Take the same lock an issue would (the counter row, or the parent's row) before looking, so a concurrent issue
  // or registration of the same symbol is either committed and seen here, or waits for us.
  const parent = parentOf(model);
  const parentText = parent === null ? null : formatSymbol(parent);
  if (parentText === null) await raiseLastNumber(trx, model.series, model.year, model.number);
  else if (!(await lockSymbol(trx, parentText))) throw new AppError('symbol.parent_not_found', { detail: parentText });
  if (await findSymbol(trx, input.symbol)) throw new AppError('symbol.taken', { detail: input.symbol });
  await insertSymbol(
    trx,
    row(input.symbol, model, parentText, input.issuedAt ?? clock.now(), actor, input.purpose, input.subjectId, 'documents_service'),
  );
  await recordAudit(trx, clock, {
    action: 'symbol.registered',
    actor,
    subject: { type: 'symbol', id: input.symbol },
    data: { symbol: input.symbol, purpose: input.purpose },
  });
  return { symbol: input.symbol, model };
}

// ---- helpers ----

function row(
  symbol: string,
  model: DocumentSymbol,
  parent: string | null,
  issuedAt: Date,
  actor: AuditActor,
  purpose: SymbolPurpose,
  subjectId: string | null,
  numberedBy: SymbolNumberer,
) {
  const last = parent === null ? undefined : model.suffixes[model.suffixes.length - 1];
  return {
    symbol,
    series: model.series,
    year: model.year,
    number: model.number,
    parent,
    suffix_kind: last?.kind ?? null,
    suffix_number: last?.number ?? null,
    issued_at: issuedAt,
    issued_by: actor.id,
    purpose,
    subject_id: subjectId,
    numbered_by: numberedBy,
  };
}

function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('input.invalid', { detail: z.prettifyError(parsed.error) });
  return parsed.data;
}

function parseOrThrow(text: string): DocumentSymbol {
  const parsed = parseSymbol(text);
  if (!parsed.ok) throw new AppError('symbol.invalid', { detail: `${text}: ${parsed.reason}` });
  return parsed.value;
}

function checkPurpose(series: Series, purpose: SymbolPurpose): void {
  const problem = purposeProblem(series, purpose);
  if (problem) throw new AppError('input.invalid', { detail: problem });
}
