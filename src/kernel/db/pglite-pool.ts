// Adapts the embedded PostgreSQL (PGlite) to the small pool interface Kysely's PostgresDialect uses.
// PGlite has one connection: a client is lent to one caller at a time, so a transaction holds it until
// it commits and every other query waits its turn, in order. Web and worker share this queue in one process.
// A caller that waits longer than `waitMs()` (when it gives a number: the server gives one to web requests) is
// refused as overload rather than kept waiting.
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { AppError } from '../errors.js';

const COMMAND = /^\s*(insert|update|delete|merge)\b/i;

interface Waiter {
  lend(): void;
  timer: NodeJS.Timeout | undefined;
}

export class PGlitePool implements PostgresPool {
  private busy = false;
  private readonly waiters: Waiter[] = [];
  private idle: Array<() => void> = [];

  constructor(
    private readonly pg: PGlite,
    private readonly options: { waitMs?: () => number | undefined } = {},
  ) {}

  /** Callers waiting for the connection right now (for diagnostics). */
  get queueLength(): number {
    return this.waiters.length;
  }

  async connect(): Promise<PostgresPoolClient> {
    if (!this.busy) this.busy = true;
    else await this.wait();
    let released = false;
    const pg = this.pg;
    // Cursors (Kysely's stream()) are not offered: queries return whole result sets.
    const query = async <R>(sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
      // Statements without parameters may hold several commands (migrations): run them as one script.
      const result = params.length === 0 ? ((await pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 }) : await pg.query<unknown>(sql, params as unknown[]);
      // Kysely reads the affected-row count only for these commands; PGlite does not name the command.
      const command = (COMMAND.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT') as PostgresQueryResult<R>['command'];
      return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows as R[] };
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        this.handOn();
      },
    };
  }

  async end(): Promise<void> {
    if (!this.busy) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private wait(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        lend: () => {
          if (waiter.timer) clearTimeout(waiter.timer);
          resolve();
        },
        timer: undefined,
      };
      const waitMs = this.options.waitMs?.();
      if (waitMs !== undefined) {
        waiter.timer = setTimeout(() => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          reject(new AppError('http.overloaded', { detail: `embedded database: waited ${waitMs} ms for the connection` }));
        }, waitMs);
      }
      this.waiters.push(waiter);
    });
  }

  /** The connection passes to the next caller in line, or becomes free. */
  private handOn(): void {
    const next = this.waiters.shift();
    if (next) {
      next.lend();
      return;
    }
    this.busy = false;
    const idle = this.idle;
    this.idle = [];
    for (const resolve of idle) resolve();
  }
}
