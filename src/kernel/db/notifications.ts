// Listening for PostgreSQL notifications (LISTEN/NOTIFY), to wake background work as soon as another transaction
// asks for it rather than at its next poll. A notification sent inside a transaction is delivered when it commits,
// and never if it rolls back.
//
// Server PostgreSQL: a connection of its own, outside the pool (a pooled connection is lent to one query at a time and
// cannot hold a LISTEN). A lost connection is reconnected after a pause that doubles up to 30 s; meanwhile nothing
// wakes the listener and the caller's polling carries on. Nothing here throws or ends the process: problems are logged.
//
// PGlite: notifications are delivered in-process. The LISTEN runs on the one connection in its turn, through the pool,
// never inside another caller's transaction.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { PGlitePool } from './pglite-pool.js';
import { invariant } from '../invariant.js';

/** Where problems go: the server's logger, or a test's. */
export interface ListenLog {
  warn(obj: object, msg?: string): void;
}

export interface Listening {
  /** Resolves once the first LISTEN has taken effect (never rejects; a listener that cannot connect keeps trying). */
  ready: Promise<void>;
  /** Ends the listening; resolves once its connection is closed. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Calls `onNotify` for every notification on `channel` until stopped. Returns at once; listening starts in the background. */
export type Listen = (channel: string, onNotify: () => void, log: ListenLog) => Listening;

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

function checkedChannel(channel: string): string {
  invariant(CHANNEL.test(channel), `not a channel name: ${channel}`);
  return channel;
}

/** Listens on a connection of its own to the PostgreSQL server at `url`, reconnecting when it is lost. */
export function listenPostgres(url: string, options: { connectTimeoutMs?: number; retryMs?: number } = {}): Listen {
  return (channel, onNotify, log) => {
    const name = checkedChannel(channel);
    const firstRetry = options.retryMs ?? FIRST_RETRY_MS;
    let stopped = false;
    let client: pg.Client | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let attempt: Promise<void> = Promise.resolve();
    let listening!: () => void;
    const ready = new Promise<void>((resolve) => (listening = resolve));

    const retryLater = () => {
      if (stopped || timer !== undefined) return;
      const delay = Math.min(LAST_RETRY_MS, firstRetry * 2 ** failures);
      failures++;
      timer = setTimeout(() => {
        timer = undefined;
        attempt = connect();
      }, delay);
      timer.unref();
    };

    const connect = async (): Promise<void> => {
      if (stopped) return;
      const c = new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
        application_name: `rostrum listen ${name}`,
        keepAlive: true,
      });
      client = c;
      let lost = false;
      const onLost = (err?: unknown) => {
        if (lost) return;
        lost = true;
        if (client === c) client = undefined;
        c.removeAllListeners('notification');
        c.end().catch(() => undefined);
        if (stopped) return;
        log.warn({ err, channel: name }, 'the connection listening for notifications was lost; polling until it is back');
        retryLater();
      };
      c.on('error', onLost);
      c.on('end', () => onLost(new Error('the server closed the connection')));
      c.on('notification', (message) => {
        if (message.channel === name) onNotify();
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${name}`);
        if (stopped || lost) return;
        failures = 0;
        listening();
        // Work queued while nobody was listening told no one: look once now.
        onNotify();
      } catch (err) {
        onLost(err);
      }
    };

    attempt = connect();
    return {
      ready,
      async stop() {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        const c = client;
        client = undefined;
        await c?.end().catch(() => undefined);
        await attempt;
      },
    };
  };
}

/** Listens inside the process, on the embedded database's one connection. */
export function listenPGlite(pglite: PGlite, pool: PGlitePool): Listen {
  return (channel, onNotify, log) => {
    const name = checkedChannel(channel);
    let stopped = false;
    const unsubscribe = pglite.onNotification((ch) => {
      if (!stopped && ch === name) onNotify();
    });
    const run = async (statement: string) => {
      const client = await pool.connect();
      try {
        await client.query(statement, []);
      } finally {
        client.release();
      }
    };
    let failed = false;
    const listening = run(`LISTEN ${name}`).catch((err: unknown) => {
      failed = true;
      log.warn({ err, channel: name }, 'could not listen for notifications; polling only');
    });
    return {
      // A LISTEN that failed is never ready.
      ready: listening.then(() => (failed ? new Promise<void>(() => undefined) : undefined)),
      async stop() {
        if (stopped) return;
        stopped = true;
        unsubscribe();
        await listening;
        // The database may already be closing; nothing is left to undo then.
        await run(`UNLISTEN ${name}`).catch(() => undefined);
      },
    };
  };
}
