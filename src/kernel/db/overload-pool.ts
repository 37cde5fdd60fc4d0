// node-postgres gives up waiting for a free connection after its `connectionTimeoutMillis` with a plain Error. That
// wait running out is overload (the pool is busy), not a defect: this wrapper turns it into `http.overloaded`, which
// the web boundary answers 503 with Retry-After, never 500.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { AppError } from '../errors.js';

// node-postgres's message when its own queue waited connectionTimeoutMillis.
const PG_POOL_TIMEOUT = /timeout exceeded when trying to connect/i;

export class OverloadPool implements PostgresPool {
  constructor(private readonly inner: PostgresPool) {}

  async connect(): Promise<PostgresPoolClient> {
    try {
      return await this.inner.connect();
    } catch (err) {
      if (err instanceof Error && PG_POOL_TIMEOUT.test(err.message))
        throw new AppError('http.overloaded', { detail: `database pool: ${err.message}`, cause: err });
      throw err;
    }
  }

  end(): Promise<void> {
    return this.inner.end();
  }
}
