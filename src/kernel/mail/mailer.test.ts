import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { fixedClock } from '../clock.js';
import type { OpenDatabase } from '../db/database.js';
import { JobRunner, retryDelayMs, type JobLog } from '../jobs/index.js';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  listOutbox,
  mailSendJob,
  OUTBOX_FILES_KEPT,
  outboxTransport,
  queueMail,
  readOutboxFolder,
  smtpTransport,
  type MailRow,
  type MailTransport,
  type OutgoingMail,
} from './index.js';

const clock = fixedClock('2026-12-01T09:00:00.000Z');
const log: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const invitation: OutgoingMail = {
  to: ['focal.point@mission.example.org'],
  subject: 'Open debate on the protection of civilians: submissions are open',
  text: 'Statements may be submitted until 20 May.',
  html: '<p>Statements may be submitted until 20 May.</p>',
};

function recordingTransport(): MailTransport & { sent: MailRow[] } {
  const sent: MailRow[] = [];
  return {
    name: 'smtp',
    sent,
    async send(mail) {
      sent.push(mail);
      return { messageId: `<m${mail.id}@test>` };
    },
  };
}

describe('mail', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await testDatabase();
  });
  afterAll(async () => open?.close());
  beforeEach(async () => {
    await open.db.deleteFrom('kernel.jobs').execute();
    await open.db.deleteFrom('kernel.mail').execute();
    clock.set('2026-12-01T09:00:00.000Z');
  });

  const queue = (mail: OutgoingMail = invitation) => open.db.transaction().execute((trx) => queueMail(trx, clock, mail));
  const mailRow = (id: number) => open.db.selectFrom('kernel.mail').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobRow = (id: number) => open.db.selectFrom('kernel.jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('queues the message and its send job together, and drops both on rollback', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await queueMail(trx, clock, invitation);
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await open.db.selectFrom('kernel.mail').select('id').execute()).toHaveLength(0);
    expect(await open.db.selectFrom('kernel.jobs').select('id').execute()).toHaveLength(0);

    const { mailId, jobId } = await queue();
    expect(await jobRow(jobId)).toMatchObject({ kind: 'mail.send', payload: { mailId }, status: 'queued', max_attempts: 10 });
    expect(await mailRow(mailId)).toMatchObject({ recipients: invitation.to, subject: invitation.subject, sent_at: null, transport: null });
  });

  it('does not send before the transaction commits', async (ctx) => {
    // PGlite has one connection: a runner cannot even look while the transaction is open.
    if (open.engine === 'pglite') ctx.skip();
    const transport = recordingTransport();
    const runner = new JobRunner({ db: open.db, clock, jobs: [mailSendJob(transport)], log });
    await open.db.transaction().execute(async (trx) => {
      await queueMail(trx, clock, invitation);
      expect(await runner.runDue()).toBe(0);
    });
    expect(transport.sent).toHaveLength(0);
    expect(await runner.runDue()).toBe(1);
    expect(transport.sent).toHaveLength(1);
  });

  it('delivers to the outbox by default', async () => {
    const { mailId, jobId } = await queue();
    clock.advance(2000);
    const runner = new JobRunner({ db: open.db, clock, jobs: [mailSendJob(outboxTransport())], log });
    expect(await runner.runDue()).toBe(1);
    expect(await mailRow(mailId)).toMatchObject({ transport: 'outbox', sent_at: clock.now(), message_id: null });
    expect((await jobRow(jobId)).status).toBe('done');
  });

  it('hands the stored message to the transport once and records its Message-ID', async () => {
    const { mailId } = await queue();
    const transport = recordingTransport();
    const runner = new JobRunner({ db: open.db, clock, jobs: [mailSendJob(transport)], log });
    expect(await runner.runDue()).toBe(1);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({
      id: mailId,
      recipients: invitation.to,
      subject: invitation.subject,
      text_body: invitation.text,
      html_body: invitation.html,
    });
    expect(await mailRow(mailId)).toMatchObject({ transport: 'smtp', message_id: `<m${mailId}@test>`, sent_at: clock.now() });
  });

  it('keeps no working link in the stored copy once a message has left for the mail server; the outbox keeps its links', async () => {
    const token = 'Ab1_-'.repeat(8) + 'xyz';
    const link = `https://rostrum.example.org/invitations/${token}`;
    const withLink: OutgoingMail = {
      ...invitation,
      text: `Choose your password:\n${link}\n\nReceipt key 0123456789abcdef.`,
      html: `<p><a href="${link}">Choose your password</a></p>`,
    };
    const sent = await queue(withLink);
    const transport = recordingTransport();
    expect(await new JobRunner({ db: open.db, clock, jobs: [mailSendJob(transport)], log }).runDue()).toBe(1);
    expect(transport.sent[0]?.text_body).toContain(link);
    const stored = await mailRow(sent.mailId);
    expect(stored.text_body).toBe(
      'Choose your password:\nhttps://rostrum.example.org/invitations/[removed once sent]\n\nReceipt key 0123456789abcdef.',
    );
    expect(stored.html_body).not.toContain(token);
    const kept = await queue(withLink);
    expect(await new JobRunner({ db: open.db, clock, jobs: [mailSendJob(outboxTransport())], log }).runDue()).toBe(1);
    expect((await mailRow(kept.mailId)).text_body).toContain(link);
  });

  it('does not send again a message already marked sent (a retried or duplicated job)', async () => {
    const { mailId } = await queue();
    await open.db.updateTable('kernel.mail').set({ sent_at: clock.now(), transport: 'smtp' }).where('id', '=', mailId).execute();
    const transport = recordingTransport();
    const runner = new JobRunner({ db: open.db, clock, jobs: [mailSendJob(transport)], log });
    expect(await runner.runDue()).toBe(1);
    expect(transport.sent).toHaveLength(0);
  });

  it('retries when the transport fails, keeping every reason, and leaves the message unsent', async () => {
    let calls = 0;
    const failing: MailTransport = {
      name: 'smtp',
      async send() {
        calls++;
        throw new Error(`421 service not available (${calls})`);
      },
    };
    const { mailId, jobId } = await queue();
    const runner = new JobRunner({ db: open.db, clock, jobs: [mailSendJob(failing)], log });
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(await runner.runDue()).toBe(1);
      clock.advance(retryDelayMs(attempt));
    }
    expect(calls).toBe(10);
    const job = await jobRow(jobId);
    expect(job).toMatchObject({ status: 'failed', attempts: 10, last_error: '421 service not available (10)' });
    expect(job.errors).toHaveLength(10);
    expect(job.errors[0]?.message).toBe('421 service not available (1)');
    expect((await mailRow(mailId)).sent_at).toBeNull();
  });

  it('refuses a malformed message without storing anything', async () => {
    await expect(queue({ ...invitation, to: [] })).rejects.toMatchObject({ code: 'mail.invalid' });
    await expect(queue({ ...invitation, to: ['not an address'] })).rejects.toMatchObject({ code: 'mail.invalid' });
    await expect(queue({ ...invitation, subject: 'Hello\r\nBcc: everyone@example.org' })).rejects.toMatchObject({ code: 'mail.invalid' });
    expect(await open.db.selectFrom('kernel.mail').select('id').execute()).toHaveLength(0);
  });

  it('lists the outbox newest first', async () => {
    const first = await queue({ ...invitation, subject: 'First' });
    const second = await queue({ ...invitation, subject: 'Second' });
    await queue({ ...invitation, subject: 'Third' });
    const listed = await listOutbox(open.db, { limit: 2 });
    expect(listed.map((m) => m.subject)).toEqual(['Third', 'Second']);
    expect(listed[1]?.id).toBe(second.mailId);
    expect(first.mailId).toBeLessThan(second.mailId);
  });
});

describe('the outbox folder', () => {
  const mail = (id: number): MailRow => ({
    id,
    recipients: ['a@example.org'],
    subject: `Message ${id}`,
    text_body: `Text ${id}`,
    html_body: null,
    transport: null,
    message_id: null,
    created_at: new Date('2026-12-01T09:00:00Z'),
    sent_at: null,
  });

  it('holds each delivered message as a file of its owner only, the newest first when read, the oldest removed past the limit', async () => {
    const folder = path.join(await mkdtemp(path.join(os.tmpdir(), 'rostrum-outbox-')), 'outbox');
    try {
      const transport = outboxTransport({ folder, clock });
      expect(await readOutboxFolder(folder, { limit: 5 })).toEqual([]);
      for (const id of [1, 2, 3]) await transport.send(mail(id));
      const read = await readOutboxFolder(folder, { limit: 2 });
      expect(read.map((m) => [m.id, m.subject, m.transport, m.sent_at?.toISOString()])).toEqual([
        [3, 'Message 3', 'outbox', '2026-12-01T09:00:00.000Z'],
        [2, 'Message 2', 'outbox', '2026-12-01T09:00:00.000Z'],
      ]);
      expect((await stat(path.join(folder, '3.json'))).mode & 0o777).toBe(0o600);
      await transport.send(mail(1 + OUTBOX_FILES_KEPT));
      expect((await readdir(folder)).sort()).toEqual(['2.json', '3.json', `${1 + OUTBOX_FILES_KEPT}.json`].sort());
    } finally {
      await rm(path.dirname(folder), { recursive: true, force: true });
    }
  });
});

describe('smtpTransport', () => {
  it('reports a server that cannot be reached as a failed send', async () => {
    const transport = smtpTransport('smtp://127.0.0.1:1', 'Rostrum <no-reply@rostrum.example.org>');
    const mail: MailRow = {
      id: 1,
      recipients: ['a@example.org'],
      subject: 's',
      text_body: 't',
      html_body: null,
      transport: null,
      message_id: null,
      created_at: new Date(),
      sent_at: null,
    };
    await expect(transport.send(mail)).rejects.toThrow();
    transport.close?.();
  });
});
