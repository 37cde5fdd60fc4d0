// What the code takes for granted, said where it is relied on. A broken invariant is a defect, not something a user
// or an operator can act on: it has no code in the error catalogue, so the boundary logs it with its stack and shows
// the generic `internal` message. Failures someone can act on throw AppError with a catalogued code instead.

/** The error a broken invariant throws; its message is for the log and the developer, never shown on a page. */
export class InvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantError';
  }
}

/** Throws InvariantError with `message` unless `condition` holds; after it, TypeScript knows the condition holds. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}
