// The audit log's public checkpoint and proofs, checked as an outsider would: with the public key and SHA-256 alone.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testSecrets } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { recordAudit } from '../kernel/audit.js';
import { sealAuditLog } from '../kernel/audit-seal.js';
import { fixedClock } from '../kernel/clock.js';
import type { OpenDatabase } from '../kernel/db/database.js';
import { verifySignature } from '../kernel/secrets.js';

const clock = fixedClock('2026-12-05T10:00:00.000Z');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface SignedCheckpoint {
  size: number;
  head: string;
  sealedAt: string | null;
  keyId: string | null;
  signature: string | null;
  signedText: string | null;
}

/** What a checker does with a checkpoint: rebuild the signed text from its parts and check the signature. */
function checks(c: SignedCheckpoint, publicKey: string): boolean {
  const text = `rostrum audit checkpoint v1\n${c.size}\n${c.head}\n${c.sealedAt}`;
  return c.signedText === text && verifySignature(publicKey, new TextEncoder().encode(text), c.signature ?? '');
}

describe('GET /audit/checkpoint and /audit/proof', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  const entries: string[] = [];

  async function write(n: number) {
    for (let i = 0; i < n; i++) {
      const id = entries.length + 1;
      const { entryHash } = await open.db.transaction().execute((trx) =>
        recordAudit(trx, clock, {
          action: 'job.failed',
          actor: { id: null, label: 'system' },
          subject: { type: 'job', id: String(id) },
          data: { jobId: id, kind: 'mail.send', attempts: 5, error: 'refused' },
        }),
      );
      entries.push(entryHash);
    }
  }

  beforeAll(async () => {
    open = await testDatabase();
    app = await testApp(open.db, clock);
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('answers the empty chain before the first seal, with the key to check what comes', async () => {
    const res = await app.inject('/audit/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({
      size: 0,
      head: '0'.repeat(64),
      sealedAt: null,
      signature: null,
      key: { algorithm: 'Ed25519', keyId: testSecrets.signing.keyId, publicKey: testSecrets.signing.publicKey },
    });
  });

  it('publishes the latest checkpoint, signed by the installation’s key', async () => {
    await write(2);
    await sealAuditLog(open.db, clock, testSecrets.signing);
    clock.advance(1000);
    await write(3);
    await sealAuditLog(open.db, clock, testSecrets.signing);
    const body = (await app.inject('/audit/checkpoint')).json() as SignedCheckpoint & {
      key: { publicKey: string };
      howToCheck: Record<string, string>;
    };
    expect(body).toMatchObject({ size: 5, sealedAt: '2026-12-05T10:00:01.000Z', keyId: testSecrets.signing.keyId });
    expect(body.head).toBe(entries.reduce((head, entry) => sha256(head + entry), '0'.repeat(64)));
    expect(checks(body, body.key.publicKey)).toBe(true);
    expect(body.howToCheck.signedText).toMatch(/^"rostrum audit checkpoint v1" LF size LF head LF sealedAt/);
  });

  it('proves a sealed entry: the entry hashes from the signed head before it to the first signed head after it', async () => {
    const res = await app.inject(`/audit/proof?entry=${entries[3]}`);
    expect(res.statusCode).toBe(200);
    const proof = res.json() as {
      entry: string;
      position: number;
      from: SignedCheckpoint;
      to: SignedCheckpoint;
      entries: string[];
      key: { publicKey: string };
    };
    expect(proof).toMatchObject({ entry: entries[3], position: 4, from: { size: 2 }, to: { size: 5 } });
    expect(proof.entries).toEqual(entries.slice(2, 5));
    expect(proof.entries[proof.position - proof.from.size - 1]).toBe(entries[3]);
    expect(proof.entries.reduce((head, entry) => sha256(head + entry), proof.from.head)).toBe(proof.to.head);
    expect(checks(proof.from, proof.key.publicKey)).toBe(true);
    expect(checks(proof.to, proof.key.publicKey)).toBe(true);

    // An entry of the first checkpoint starts from the empty chain, which nobody signs.
    const first = (await app.inject(`/audit/proof?entry=${entries[0]}`)).json() as {
      position: number;
      from: SignedCheckpoint;
      to: SignedCheckpoint;
      entries: string[];
    };
    expect(first).toMatchObject({ position: 1, from: { size: 0, head: '0'.repeat(64), signature: null }, to: { size: 2 } });
    expect(first.entries.reduce((head, entry) => sha256(head + entry), first.from.head)).toBe(first.to.head);
  });

  it('answers 404 in JSON for an entry it does not have or has not sealed yet, and 400 for what is not a hash', async () => {
    const unknown = await app.inject(`/audit/proof?entry=${'a'.repeat(64)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      error: { code: 'audit.entry_not_sealed', message: expect.stringMatching(/^The audit log has no sealed entry with this hash\./) },
    });
    await write(1);
    const waiting = await app.inject(`/audit/proof?entry=${entries.at(-1)}`);
    expect(waiting.statusCode).toBe(404);
    expect(waiting.json()).toMatchObject({ error: { code: 'audit.entry_not_sealed' } });
    await sealAuditLog(open.db, clock, testSecrets.signing);
    expect((await app.inject(`/audit/proof?entry=${entries.at(-1)}`)).json()).toMatchObject({
      position: 6,
      from: { size: 5 },
      to: { size: 6 },
      entries: [entries.at(-1)],
    });
    for (const bad of ['/audit/proof', '/audit/proof?entry=XYZ', `/audit/proof?entry=${'A'.repeat(64)}`]) {
      const res = await app.inject(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'http.bad_request' } });
    }
  });
});
