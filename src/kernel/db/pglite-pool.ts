// Adapts the embedded PostgreSQL (PGlite) to the small pool interface Kysely's PostgresDialect uses.
// PGlite has one connection: a client is lent to one caller at a time, so a transaction holds it until
// it commits and every other query waits its turn. Web and worker share this queue in one process.
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

const COMMAND = /^\s*(insert|update|delete|merge)\b/i;

export class PGlitePool implements PostgresPool {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly pg: PGlite) {}

  /** Queries waiting for the connection right now (for diagnostics). */
  get queueLength(): number {
    return this.waiting;
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    this.waiting++;
    await previous;
    this.waiting--;
    const pg = this.pg;
    let released = false;
    // Cursors (Kysely's stream()) are not offered: queries return whole result sets.
    const query = async <R>(sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
      // Statements without parameters may hold several commands (migrations): run them as one script.
      const result =
        params.length === 0
          ? ((await pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
          : await pg.query<unknown>(sql, params as unknown[]);
      // Kysely reads the affected-row count only for these commands; PGlite does not name the command.
      const command = (COMMAND.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT') as PostgresQueryResult<R>['command'];
      return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows as R[] };
    };
    return {
      query: query as PostgresPoolClient['query'],
      release(): void {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  async end(): Promise<void> {
    await this.tail;
  }
}
