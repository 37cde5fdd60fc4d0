// The HTTP application through inject(): pages, headers, the error boundary, and the policy guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { testDatabase } from '../test/db.js';
import { testApp } from '../test/app.js';
import { fixedClock } from './kernel/clock.js';
import type { OpenDatabase } from './kernel/db/database.js';
import { createDebate } from './modules/meetings/index.js';
import { demoDebate } from './demo/debate-2021-05.js';
import { policyCheck, policyGuard, UndeclaredPolicyError } from './web/policy-guard.js';

const system = { id: null, label: 'test' };
const DEBATE = `/debates/${demoDebate.slug}`;

describe('the web application', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  const clock = fixedClock('2021-05-20T12:00:00Z');

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, system, demoDebate));
    app = await testApp(open.db, clock);
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('serves the debate page with the facts and the deadline in New York time', async () => {
    const res = await app.inject(DEBATE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<h1>United Nations peacekeeping operations: improving safety and security of peacekeepers</h1>');
    expect(res.body).toContain('Monday, 24 May 2021, 10 a.m. New York time (UTC−4)');
    expect(res.body).toContain('Monday, 24 May 2021, 11.59 p.m. New York time (UTC−4)');
    expect(res.body).toContain('<time datetime="2021-05-24T14:00:00.000Z"');
    // Who may not submit comes from the membership data for that date, in running-text form.
    expect(res.body).toContain(
      'The members of the Council on that day: China, Estonia, France, India, Ireland, Kenya, Mexico, the Niger, Norway, the Russian ' +
        'Federation, Saint Vincent and the Grenadines, Tunisia, the United Kingdom of Great Britain and Northern Ireland, the United ' +
        'States of America and Viet Nam.',
    );
    // On 20 May the window is open: a countdown to the deadline instant is offered to the script.
    expect(res.body).toContain('Submissions are open.');
    expect(res.body).toContain('data-countdown="2021-05-25T03:59:59.999Z"');
  });

  it.each([
    ['2021-05-05T12:59:00Z', 'Submissions open on'],
    ['2021-05-25T03:59:59.999Z', 'Submissions are open.'],
    ['2021-05-25T04:00:00Z', 'Submissions are closed.'],
  ])('at %s the page says "%s"', async (at, text) => {
    clock.set(at);
    const res = await app.inject(DEBATE);
    expect(res.body).toContain(text);
    clock.set('2021-05-20T12:00:00Z');
  });

  it('states a grace period and counts down to its end, still open inside it', async () => {
    await open.db.updateTable('meetings.debates').set({ grace_minutes: 15 }).where('slug', '=', demoDebate.slug).execute();
    clock.set('2021-05-25T04:10:00Z');
    const res = await app.inject(DEBATE);
    expect(res.body).toContain('A grace period of 15 minutes applies to every delegation: submissions are accepted until');
    expect(res.body).toContain('Tuesday, 25 May 2021, 12.14 a.m. New York time (UTC−4)');
    expect(res.body).toContain('Submissions are open.');
    expect(res.body).toContain('data-countdown="2021-05-25T04:14:59.999Z"');
    await open.db.updateTable('meetings.debates').set({ grace_minutes: 0 }).where('slug', '=', demoDebate.slug).execute();
    clock.set('2021-05-20T12:00:00Z');
  });

  it('lists the debate on the home page as upcoming before the meeting and past after it', async () => {
    const before = await app.inject('/');
    expect(before.statusCode).toBe(200);
    const upcoming = before.body.slice(before.body.indexOf('id="upcoming"'), before.body.indexOf('id="past"'));
    expect(upcoming).toContain(`href="${DEBATE}"`);
    clock.set('2021-06-01T00:00:00Z');
    const after = await app.inject('/');
    expect(after.body.slice(after.body.indexOf('id="past"'))).toContain(`href="${DEBATE}"`);
    clock.set('2021-05-20T12:00:00Z');
  });

  it('sends a strict Content-Security-Policy and no inline script or style', async () => {
    const res = await app.inject('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+="/);
  });

  it('serves assets under content-hashed names, cacheable for a year', async () => {
    const page = await app.inject('/');
    const href = /href="(\/assets\/site\.[0-9a-f]{12}\.css)"/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const css = await app.inject(href!);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('immutable');
    expect((await app.inject('/assets/site.000000000000.css')).statusCode).toBe(404);
  });

  it('answers an unknown debate and an unknown page with a 404 page that says what to do', async () => {
    for (const url of ['/debates/no-such-debate', '/no/such/page']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('<a href="/">Go to the home page</a>');
    }
  });

  it('answers JSON clients with the catalogued code', async () => {
    const res = await app.inject({ url: '/debates/no-such-debate', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'debate.not_found', message: expect.stringContaining('no debate') } });
  });

  it('refuses an over-long address without reaching the database', async () => {
    const res = await app.inject(`/debates/${'a'.repeat(200)}`);
    expect(res.statusCode).toBe(414);
  });

  it('reports health', async () => {
    const res = await app.inject('/healthz');
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('the error boundary', () => {
  it('never shows internals: an unexpected error becomes the generic page', async () => {
    const open = await testDatabase();
    const app = await testApp(open.db, fixedClock('2021-05-20T12:00:00Z'));
    await open.close(); // every query now fails inside the driver
    const res = await app.inject('/');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Something went wrong on our side');
    expect(res.body).not.toMatch(/at .+\.(ts|js):\d+|Error:|stack/i);
    await app.close();
  });
});

describe('the policy guard', () => {
  it('refuses to start with a route that names no policy', async () => {
    const app = Fastify({ logger: false });
    await app.register(policyGuard);
    expect(() => app.get('/open', async () => 'x')).toThrow(UndeclaredPolicyError);
  });

  it('refuses a route that names an unknown policy', async () => {
    const app = Fastify({ logger: false });
    await app.register(policyGuard);
    expect(() => app.get('/x', { config: { policy: { name: 'nothing.defined', rule: () => true } } }, async () => 'x')).toThrow(
      /unknown policy nothing.defined/,
    );
  });

  it('checks a named policy before the handler runs', async () => {
    const { definePolicy } = await import('./kernel/authz.js');
    const name = definePolicy('test.staff_only', (actor) => actor.kind === 'account' && actor.role === 'secretariat');
    const app = Fastify({ logger: false });
    await app.register(policyGuard);
    let ran = false;
    app.get('/staff', { config: { policy: name } }, async () => {
      ran = true;
      return 'secret';
    });
    await app.register(policyCheck);
    const { registerErrorBoundary } = await import('./web/errors.js');
    registerErrorBoundary(app, { maxFileBytes: 1024, maxFormBytes: 1024 });
    const res = await app.inject({ url: '/staff', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(401);
    expect(ran).toBe(false);
    await app.close();
  });

  // Which actors each route lets through is checked, route by route, in test/authorization-matrix.test.ts.
});
