// The baseline: a bare Fastify app, no plugins, no database, answering the same paths as Rostrum with the same
// bytes Rostrum answered (read once from the file named by BENCH_PAGES, a JSON object { path: html }).
// Whatever Rostrum's throughput falls short of this is the cost of Rostrum's own work: plugins, security
// headers, the database query and rendering the page.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import Fastify from 'fastify';

const pages = JSON.parse(readFileSync(process.env.BENCH_PAGES, 'utf8'));
const app = Fastify();
for (const [path, html] of Object.entries(pages)) {
  app.get(path, (_request, reply) => {
    reply.type('text/html; charset=utf-8').send(html);
  });
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });

// Stop on SIGTERM by exiting normally, so that exit handlers (bench/watchdog.mjs) run.
process.once('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
