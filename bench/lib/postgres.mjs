// The PostgreSQL side: a throw-away database `rostrum_bench` on the server the benchmark is pointed at.
import pg from 'pg';

export const BENCH_DATABASE = 'rostrum_bench';

/** The URL of the benchmark database: the admin URL with its database name replaced. */
export function benchDatabaseUrl(adminUrl) {
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

async function withAdmin(adminUrl, fn) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The server's version, or undefined when it cannot be reached (the PostgreSQL rows are then skipped). */
export async function serverVersion(adminUrl) {
  try {
    return await withAdmin(adminUrl, async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
  } catch {
    return undefined;
  }
}

/** Drops and recreates the benchmark database: an empty database, as on a new installation. */
export async function recreateBenchDatabase(adminUrl) {
  await withAdmin(adminUrl, async (c) => {
    // WITH (FORCE) (PostgreSQL 13+) ends connections a killed server may have left behind.
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  });
}

export async function dropBenchDatabase(adminUrl) {
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`));
}
