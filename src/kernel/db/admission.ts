// Which requests may take a database connection when connections are scarce. Every web request runs in a lane:
// `signed_in` once its session or token is known, `anonymous` until then (and for good, for visitors). Jobs and
// commands run outside any request, in no lane. Anonymous work may hold only part of the pool at once (a gate with a
// bounded queue), so a flood of visitors, or of sign-in attempts, queues behind itself and is soon answered 503,
// while people signed in keep finding connections. A wait for a connection that runs out of time is overload
// (http.overloaded, 503), never an internal error.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { AppError } from '../errors.js';
import { Gate, type GateSettings } from '../gate.js';

export type Lane = 'signed_in' | 'anonymous';

interface LaneStore {
  lane: Lane;
}

const lanes = new AsyncLocalStorage<LaneStore>();

/** Runs `fn` (and everything it starts) in a lane; the web shell wraps each request in one. */
export function runInLane<T>(lane: Lane, fn: () => T): T {
  return lanes.run({ lane }, fn);
}

/** Moves the current request to another lane (once it is known who is asking). */
export function setLane(lane: Lane): void {
  const store = lanes.getStore();
  if (store) store.lane = lane;
}

export function currentLane(): Lane | undefined {
  return lanes.getStore()?.lane;
}

export interface AdmissionSettings extends GateSettings {
  /** How long any request waits for a connection before it is refused as overload. */
  connectWaitMs: number;
}

// node-postgres's message when its own queue waited connectionTimeoutMillis.
const PG_POOL_TIMEOUT = /timeout exceeded when trying to connect/i;

/** Wraps a pool so that anonymous work goes through a gate, and waits that time out are overload. */
export class AdmittedPool implements PostgresPool {
  readonly anonymous: Gate;

  constructor(
    private readonly inner: PostgresPool,
    private readonly settings: AdmissionSettings,
  ) {
    this.anonymous = new Gate('anonymous database work', settings);
  }

  async connect(): Promise<PostgresPoolClient> {
    const release = currentLane() === 'anonymous' ? await this.anonymous.acquire('low') : undefined;
    try {
      const client = await this.inner.connect();
      const innerRelease = client.release.bind(client);
      let released = false;
      client.release = (destroy?: boolean) => {
        if (released) return;
        released = true;
        release?.();
        innerRelease(destroy);
      };
      return client;
    } catch (err) {
      release?.();
      if (err instanceof Error && PG_POOL_TIMEOUT.test(err.message)) throw new AppError('http.overloaded', { detail: `database pool: ${err.message}`, cause: err });
      throw err;
    }
  }

  end(): Promise<void> {
    return this.inner.end();
  }
}
