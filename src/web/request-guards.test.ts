// What a request must show before Rostrum reads its body, tried over a real socket as an attacker or a slow
// connection would: an upload is refused on its headers alone (not signed in, no CSRF token in its address, a size
// over the limit, too many uploads at once from one account), a connection that trickles its headers is closed, and
// private answers are not for caches. Each refusal must arrive while the body has not been sent at all.
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { testApp } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { formSession, signedInAs, type FormSession } from '../../test/http.js';
import { demoDebate } from '../demo/debate-2021-05.js';
import { fixedClock } from '../kernel/clock.js';
import type { OpenDatabase } from '../kernel/db/database.js';
import { createDebate } from '../modules/meetings/index.js';
import { redactUrl } from './request-log.js';

const clock = fixedClock('2021-05-20T15:00:00Z');
const draft = `/debates/${demoDebate.slug}/statement/draft`;
const MB = 1024 * 1024;

interface RawAnswer {
  head: string;
  /** The socket, still open unless the server closed it. */
  socket: Socket;
}

/** Sends a request's headers (and no body) and reads the answer's head; the body declared is never sent. */
function headersOnly(port: number, lines: string[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0) resolve({ head: received.slice(0, end), socket });
    });
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe('refused before the body is read', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let port: number;
  let delegate: FormSession;

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock, { UPLOADS_PER_ACCOUNT: '2', HTTP_HEADERS_TIMEOUT_SECONDS: '1' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    delegate = (await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA', modules: ['statements'] })).browser;
    await delegate.get(`/debates/${demoDebate.slug}/statement`);
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  const cookies = (b: FormSession) => [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const upload = (o: { cookie?: string; csrf?: string; length: number }) =>
    headersOnly(port, [
      `POST ${draft}${o.csrf ? `?_csrf=${encodeURIComponent(o.csrf)}` : ''} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Content-Type: multipart/form-data; boundary=x',
      `Content-Length: ${o.length}`,
      ...(o.cookie ? [`Cookie: ${o.cookie}`] : []),
    ]);

  it('refuses an anonymous upload of 20 MB on its headers, and closes the connection', async () => {
    const answer = await upload({ length: 20 * MB });
    expect(answer.head).toMatch(/^HTTP\/1\.1 401 /);
    // A browser whose session ended meanwhile is sent to sign in, not told its form expired.
    const expired = await upload({ cookie: 'rostrum_csrf=whatever', length: 20 * MB });
    expect(expired.head).toMatch(/^HTTP\/1\.1 401 /);
    await closed(expired.socket);
    expect(answer.head.toLowerCase()).toContain('connection: close');
    await closed(answer.socket);
  });

  it('refuses a signed-in upload without its CSRF token in the address, before reading it', async () => {
    const answer = await upload({ cookie: cookies(delegate), length: MB });
    expect(answer.head).toMatch(/^HTTP\/1\.1 403 /);
    await closed(answer.socket);
  });

  it('refuses an upload declared larger than two files at the limit, saying the limit', async () => {
    const answer = await upload({ cookie: cookies(delegate), csrf: delegate.csrfToken!, length: 21 * MB });
    expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
    await closed(answer.socket);
    const page = await delegate.postMultipart(draft, {}, { statement: { name: 'big.docx', bytes: new Uint8Array(10 * MB + 1) } });
    // A file over the limit within the declared size is read, cut at the limit, and comes back to the form with its name.
    expect(page.statusCode).toBe(413);
    expect(page.body).toContain('The file “big.docx” is larger than 10 MB, the most this form accepts, so it was not uploaded.');
  });

  it('takes two uploads at once from one account, and refuses a third until one is done', async () => {
    const slow = [0, 1].map(() => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(
        `POST ${draft}?_csrf=${encodeURIComponent(delegate.csrfToken!)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; ` +
          `boundary=x\r\nContent-Length: ${MB}\r\nCookie: ${cookies(delegate)}\r\n\r\n--x`,
      );
      return socket;
    });
    // A small, whole upload: refused while the two are being received, answered on its merits otherwise.
    const small = () =>
      headersOnly(port, [
        `POST ${draft}?_csrf=${encodeURIComponent(delegate.csrfToken!)} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Content-Type: multipart/form-data; boundary=x',
        'Content-Length: 7',
        `Cookie: ${cookies(delegate)}`,
        '',
        '--x--',
      ]);
    // Wait until both are being received (the third is refused for them), not for a time.
    let third: RawAnswer;
    for (;;) {
      third = await small();
      third.socket.destroy();
      if (third.head.startsWith('HTTP/1.1 429')) break;
    }
    expect(third.head).toMatch(/^HTTP\/1\.1 429 /);
    for (const s of slow) s.destroy();
    await Promise.all(slow.map(closed));
    // Once they are gone, the account may upload again.
    let next: RawAnswer;
    do {
      next = await small();
      next.socket.destroy();
    } while (next.head.startsWith('HTTP/1.1 429'));
    expect(next.head).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('closes a connection whose headers trickle in slower than allowed', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.on('error', () => undefined);
    // Read what comes (the 408), so the server's closing is seen.
    socket.resume();
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // One more header line, never the blank line that ends them: the server gives up and closes.
    socket.write('X-Slow: 1\r\n');
    await closed(socket);
    expect(socket.destroyed).toBe(true);
  });

  it('marks private answers not to be stored, and leaves public ones alone', async () => {
    const page = await delegate.get(`/debates/${demoDebate.slug}/statement`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const visitor = await formSession(app).get(`/debates/${demoDebate.slug}`);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.headers['cache-control']).toBeUndefined();
  });

  it('sends a delegate to its landing page after signing in when the address to return to is not plain ASCII', async () => {
    const res = await delegate.get(`/sign-in?next=${encodeURIComponent('/débats')}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/my/statements');
  });
});

describe('the address a request is counted under', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock, { TRUST_PROXY: '192.0.2.1', RATE_LIMIT_PER_MINUTE: '10' });
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  const from = (remoteAddress: string, forwardedFor: string) =>
    app.inject({ url: '/', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });

  it('is the one the listed proxy says, and a stranger cannot choose it by sending X-Forwarded-For', async () => {
    // Through the proxy, ten visitors from ten addresses: each has its own allowance.
    for (let i = 0; i < 12; i++) expect((await from('192.0.2.1', `203.0.113.${i}`)).statusCode).toBe(200);
    // Directly, a script rotating the header is still one address.
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await from('198.51.100.9', `203.0.113.${100 + i}`)).statusCode);
    expect(answers.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
  });
});

describe('the visitors’ gate', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    app = await testApp(open.db, clock, { ANONYMOUS_CONCURRENCY: '1', ANONYMOUS_QUEUE: '0' });
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('answers a visitor 503 with Retry-After while visitors fill it, and goes on serving people signed in', async () => {
    const { browser: member } = await signedInAs(app, open.db, clock, { role: 'delegate', mission: 'BRA' });
    const visitor = formSession(app);
    const page = await visitor.get(`/debates/${demoDebate.slug}`);
    expect(page.statusCode).toBe(200);
    const stylesheet = /href="(\/assets\/site\.[^"]+\.css)"/.exec(page.body)?.[1];
    expect(stylesheet).toBeDefined();
    const held = await app.visitorGate.acquire();
    try {
      const refused = await visitor.get(`/debates/${demoDebate.slug}`);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body).toContain('Rostrum is very busy at this moment');
      expect((await member.get(`/debates/${demoDebate.slug}`)).statusCode).toBe(200);
      // Files from memory, the sign-in form and signing in do not wait there.
      expect((await visitor.get(stylesheet!)).statusCode).toBe(200);
      expect((await visitor.get('/sign-in')).statusCode).toBe(200);
      expect((await visitor.post('/sign-in', { email: 'nobody@example.org', password: 'not this' })).statusCode).toBe(400);
    } finally {
      held();
    }
    expect((await visitor.get(`/debates/${demoDebate.slug}`)).statusCode).toBe(200);
    expect(app.visitorGate.load).toEqual({ holders: 0, high: 0, low: 0 });
  });

  it('gets its place back from a visitor who left while waiting for it', async () => {
    // A gate with room for one visitor at a time and one waiting.
    const app = await testApp(open.db, clock, { ANONYMOUS_CONCURRENCY: '1', ANONYMOUS_QUEUE: '1' });
    onTestFinished(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const held = await app.visitorGate.acquire();
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(`GET /debates/${demoDebate.slug} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    while (app.visitorGate.load.low < 1) await new Promise((resolve) => setImmediate(resolve));
    socket.destroy();
    await closed(socket);
    // The visitor who left is out of the queue while the place is still held.
    while (app.visitorGate.load.low > 0) await new Promise((resolve) => setImmediate(resolve));
    expect(app.visitorGate.load).toEqual({ holders: 1, high: 0, low: 0 });
    held();
    expect(app.visitorGate.load).toEqual({ holders: 0, high: 0, low: 0 });
    expect((await formSession(app).get(`/debates/${demoDebate.slug}`)).statusCode).toBe(200);
  });
});

describe('the request log', () => {
  it.each([
    ['/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd', '/invitations/[hidden]'],
    ['/password/reset/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd?x=1', '/password/reset/[hidden]?x=1'],
    ['/debates/x/statement/draft?_csrf=secret.token', '/debates/x/statement/draft?_csrf=[hidden]'],
    ['/debates/x?tab=1&_csrf=abc&y=2', '/debates/x?tab=1&_csrf=[hidden]&y=2'],
    ['/debates/x', '/debates/x'],
  ])('writes %s as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
