// The audit log's public face, like a certificate-transparency log's: the latest signed checkpoint, and for a sealed
// entry (by its hash, such as the one a receipt names) the entry hashes that lead from one signed head to the next
// through it. Anyone can check both with the public key alone; nothing about the entries' content is given out.
import type { FastifyInstance } from 'fastify';
import { GENESIS_HASH } from '../kernel/audit.js';
import { auditProof, CHECKPOINT_PREFIX, checkpointText, latestCheckpoint, type Checkpoint } from '../kernel/audit-seal.js';
import { PUBLIC } from '../kernel/authz.js';
import type { Database } from '../kernel/db/database.js';
import { AppError } from '../kernel/errors.js';
import type { SigningKey } from '../kernel/secrets.js';

export interface AuditRoutesDeps {
  db: Database;
  signing: SigningKey;
}

const SIGNED_TEXT = `"${CHECKPOINT_PREFIX}" LF size LF head LF sealedAt (ASCII, LF a line feed, no final line feed), signed with Ed25519; signature in base64url`;
const CHAIN =
  'head_0 is 64 zeros; head_n is the SHA-256 (lower-case hex) of the ASCII text head_(n-1) followed by the n-th sealed entry’s hash; a checkpoint signs head_size';

const proofQuery = {
  type: 'object',
  properties: { entry: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
  required: ['entry'],
  additionalProperties: false,
} as const;

function signed(c: Checkpoint) {
  return { ...c, signedText: checkpointText(c) };
}

export async function auditRoutes(app: FastifyInstance, deps: AuditRoutesDeps): Promise<void> {
  const key = { algorithm: 'Ed25519', keyId: deps.signing.keyId, publicKey: deps.signing.publicKey, encoding: 'base64url, raw 32 bytes' };

  app.get('/audit/checkpoint', { config: { policy: PUBLIC, json: true } }, async (_request, reply) => {
    const latest = await latestCheckpoint(deps.db);
    // Before the first seal the chain is empty: size 0, the genesis head, nothing signed yet.
    const checkpoint = latest
      ? signed(latest)
      : { size: 0, head: GENESIS_HASH, sealedAt: null, keyId: deps.signing.keyId, signature: null, signedText: null };
    return reply
      .header('cache-control', 'no-cache')
      .send({ ...checkpoint, key, howToCheck: { signedText: SIGNED_TEXT, chain: CHAIN, proofs: '/audit/proof?entry=<entry hash>' } });
  });

  app.get<{ Querystring: { entry: string } }>(
    '/audit/proof',
    { config: { policy: PUBLIC, json: true }, schema: { querystring: proofQuery } },
    async (request, reply) => {
      const proof = await auditProof(deps.db, request.query.entry);
      if (!proof) throw new AppError('audit.entry_not_sealed', { detail: request.query.entry });
      return reply.send({
        entry: proof.entry,
        position: proof.position,
        from:
          'signature' in proof.from
            ? signed(proof.from)
            : { ...proof.from, sealedAt: null, keyId: null, signature: null, signedText: null },
        to: signed(proof.to),
        entries: proof.entries,
        key,
        howToCheck:
          `Start from from.head; for each hash in entries, in order, the head becomes the SHA-256 (lower-case hex) of the ASCII text of the head followed by the hash. ` +
          `The last head is to.head, and entries[position - from.size - 1] is this entry. Each signature covers its signedText: ${SIGNED_TEXT}, under key.publicKey.`,
      });
    },
  );
}
