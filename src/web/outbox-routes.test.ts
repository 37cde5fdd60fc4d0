// The outbox page against a real database: who may read it, what it lists, and a message's text with its links as
// links and any markup as text. With SMTP configured it lists nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { formSession, signedInAs } from '../../test/http.js';
import { fixedClock } from '../kernel/clock.js';
import type { OpenDatabase } from '../kernel/db/database.js';
import { JobRunner } from '../kernel/jobs/index.js';
import { mailSendJob, OUTBOX_PAGE_SIZE, outboxTransport, queueMail, type OutgoingMail } from '../kernel/mail/index.js';

const clock = fixedClock('2026-12-06T15:00:00.000Z');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const LINK = `https://rostrum.example.org/invitations/${'Ab1_-'.repeat(8)}xyz`;
const invitation: OutgoingMail = {
  to: ['new.delegate@mission.example.org'],
  subject: 'Your invitation to Rostrum <b>now</b>',
  text: `Dear <script>alert(1)</script> colleague,\n\nChoose your password at ${LINK}.\nThe link works for 7 days.\n\nRostrum`,
};

describe('the outbox page', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let mailId = 0;

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock);
    for (let i = 1; i <= OUTBOX_PAGE_SIZE + 2; i++) {
      await open.db
        .transaction()
        .execute((trx) => queueMail(trx, clock, { to: ['someone@example.org'], subject: `Older message ${i}`, text: `Message ${i}.` }));
    }
    ({ mailId } = await open.db.transaction().execute((trx) => queueMail(trx, clock, invitation)));
    // Delivered to the outbox like on a server without SMTP, except the newest, still waiting.
    await new JobRunner({ db: open.db, clock, jobs: [mailSendJob(outboxTransport({ clock }))], log: silent }).runDue();
    await open.db
      .transaction()
      .execute((trx) => queueMail(trx, clock, { to: ['late@example.org'], subject: 'Still waiting', text: 'Queued.' }));
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it.each([
    ['anonymous (sent to sign in)', undefined, 303],
    ['a delegate', 'delegate', 403],
    ['a focal point', 'focal_point', 403],
    ['the help desk', 'helpdesk', 200],
    ['the Secretariat', 'secretariat', 200],
  ] as const)('%s: %s', async (_who, role, status) => {
    const browser =
      role === undefined
        ? formSession(app)
        : (await signedInAs(app, open.db, clock, { role, ...(role === 'delegate' || role === 'focal_point' ? { mission: 'BRA' } : {}) }))
            .browser;
    const list = await browser.get('/outbox');
    const message = await browser.get(`/outbox/${mailId}`);
    expect([list.statusCode, message.statusCode]).toEqual([status, status]);
    if (status === 303) expect(String(list.headers.location)).toMatch(/^\/sign-in/);
    if (status !== 200) {
      expect(list.body).not.toContain('Older message');
      expect(message.body).not.toContain(LINK);
    }
  });

  it('lists the newest first, a page at a time, and marks the page as the installation’s outbox', async () => {
    const { browser } = await signedInAs(app, open.db, clock, { role: 'helpdesk' });
    const first = await browser.get('/outbox');
    expect(first.body).toContain('the installation’s outbox');
    expect(first.body).toContain('<caption>Messages, newest first</caption>');
    const subjects = [...first.body.matchAll(/<a href="\/outbox\/(\d+)">([^<]*)</g)].map((m) => m[2]);
    expect(subjects.slice(0, 3)).toEqual([
      'Still waiting',
      'Your invitation to Rostrum &lt;b&gt;now&lt;/b&gt;',
      `Older message ${OUTBOX_PAGE_SIZE + 2}`,
    ]);
    expect(subjects).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(first.body).toContain('(waiting)');
    const older = /<a href="(\/outbox\?before=\d+)">Older messages<\/a>/.exec(first.body)?.[1];
    expect(older).toBeDefined();
    // Signing in queues mail of its own; the second page holds what the first could not, down to the oldest.
    const total = (await open.db.selectFrom('kernel.mail').select('id').execute()).length;
    const second = await browser.get(older ?? '');
    const rest = [...second.body.matchAll(/<a href="\/outbox\/\d+">([^<]*)</g)].map((m) => m[1]);
    expect(rest).toHaveLength(total - OUTBOX_PAGE_SIZE);
    expect(rest.slice(-2)).toEqual(['Older message 2', 'Older message 1']);
    expect(second.body).not.toContain('Older messages</a>');
    expect(second.body).toContain('<a href="/outbox">Newest messages</a>');
  });

  it('shows a message’s text with its links as links, and any markup in it as text', async () => {
    const { browser } = await signedInAs(app, open.db, clock, { role: 'secretariat' });
    const res = await browser.get(`/outbox/${mailId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<a href="${LINK}">${LINK}</a>.`);
    expect(res.body).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt; colleague,');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('<h1>Your invitation to Rostrum &lt;b&gt;now&lt;/b&gt;</h1>');
    expect(res.body).toContain('new.delegate@mission.example.org');
    expect(res.body).toContain('<br>The link works for 7 days.');
    expect((await browser.get('/outbox/999999')).statusCode).toBe(404);
  });

  it('says mail goes out over SMTP, and lists nothing, when a mail server is configured', async () => {
    const smtpApp = await testApp(open.db, clock, { SMTP_URL: 'smtp://127.0.0.1:2525' });
    try {
      const { browser } = await signedInAs(smtpApp, open.db, clock, { role: 'helpdesk' });
      const res = await browser.get('/outbox');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('sends its e-mails through its mail server (SMTP)');
      expect(res.body).not.toContain('Older message');
      expect((await browser.get(`/outbox/${mailId}`)).statusCode).toBe(404);
    } finally {
      await smtpApp.close();
    }
  });
});
