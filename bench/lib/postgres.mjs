// The PostgreSQL side: a throw-away database `rostrum_bench` on the server the benchmark is pointed at
// (bench/sign-in.mjs uses its own, `rostrum_bench_signin`).
import pg from 'pg';

export const BENCH_DATABASE = 'rostrum_bench';

/** The URL of the benchmark database: the admin URL with its database name replaced. */
export function benchDatabaseUrl(adminUrl, name = BENCH_DATABASE) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
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

/** A database name the benchmarks may drop: only rostrum_bench and names starting with rostrum_bench_. */
function checkedName(name) {
  if (!/^rostrum_bench(_[a-z0-9_]+)?$/.test(name))
    throw new Error(`Refusing to create or drop the database "${name}": not a benchmark database.`);
  return name;
}

/** Drops and recreates a benchmark database (rostrum_bench unless named): an empty database, as on a new installation. */
export async function recreateBenchDatabase(adminUrl, name = BENCH_DATABASE) {
  const db = checkedName(name);
  await withAdmin(adminUrl, async (c) => {
    // WITH (FORCE) (PostgreSQL 13+) ends connections a killed server may have left behind.
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${db}`);
  });
}

export async function dropBenchDatabase(adminUrl, name = BENCH_DATABASE) {
  const db = checkedName(name);
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
}
