// What the review desk's pages share: the debate in the address, the desk's rows (every delegation that may submit,
// with its statement's state), the delegation named in the address, the notices the desk's redirects ask for, and the
// files of a revision, as the desk and a delegation's history hand them out.
import type { FastifyReply } from 'fastify';
import { getBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import type { SigningKey } from '../../../kernel/secrets.js';
import { params } from '../../../web/route-kit.js';
import { allMissions, findMission, missionLabel, sortMissions } from '../../delegations/index.js';
import {
  addedDelegations,
  eligibleDelegations,
  findDebateBySlug,
  loadCouncil,
  loadSubmissionWindow,
  submissionDeadlines,
  submissionDecision,
  type DebateRecord,
} from '../../meetings/index.js';
import { servedCopy } from '../../uploads/index.js';
import { safeFileName } from '../commands/save-draft.js';
import { deskEntries, type RevisionRow } from '../db.js';
import { deskState } from '../domain/desk-state.js';
import type { DeskRow } from './review-desk.js';

export interface ReviewRoutesDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
  signing: SigningKey;
  /** The largest statement or cover letter accepted (UPLOAD_MAX_MB). */
  maxUploadBytes: number;
}

export const notices = {
  accepted_all: 'Every statement waiting was accepted.',
  none_waiting: 'No statement was waiting for a decision, so nothing was accepted.',
  entered: 'The statement was recorded on the delegation’s behalf; the receipt was e-mailed to the mission’s access focal points.',
} as const;

const which = { type: 'string', enum: ['statement', 'cover'] } as const;

/** `/debates/:slug/statements/:code/files/:which` */
export const fileParams = {
  type: 'object',
  properties: { ...params.slugCode.properties, which },
  required: ['slug', 'code', 'which'],
} as const;

/** `/debates/:slug/statements/:code/revisions/:seq/:which…` */
export const revisionFileParams = {
  type: 'object',
  properties: { ...params.slugCode.properties, seq: { type: 'integer', minimum: 1, maximum: 100000 }, which },
  required: ['slug', 'code', 'seq', 'which'],
} as const;

export async function debateOf(db: Database, slug: string): Promise<DebateRecord> {
  const debate = await findDebateBySlug(db, slug);
  if (!debate) throw new AppError('debate.not_found');
  return debate;
}

/** The delegation in the address, with the label and name its pages show. */
export async function missionOf(db: Database, code: string): Promise<{ code: string; label: string; missionName: string }> {
  const mission = await findMission(db, code);
  if (!mission) throw new AppError('http.not_found');
  return { code, label: missionLabel(mission).label, missionName: mission.mission_name };
}

/** The desk's rows: every delegation that may submit to the debate or has a statement, with where its statement stands. */
export async function deskRows(db: Database, clock: Clock, debate: DebateRecord): Promise<DeskRow[]> {
  const [added, desk, missionRows, loaded, council] = await Promise.all([
    addedDelegations(db, debate.id),
    deskEntries(db, debate.id),
    allMissions(db),
    loadSubmissionWindow(db, debate.slug),
    loadCouncil(db),
  ]);
  const eligible = eligibleDelegations(council, isoDateIn(debate.starts_at, debate.time_zone), added).codes;
  const entries = new Map(desk.map((e) => [e.submission.delegation, e]));
  const missions = sortMissions(missionRows.filter((m) => eligible.includes(m.code) || entries.has(m.code)));
  const now = clock.now();
  return missions.map((m) => {
    const entry = entries.get(m.code);
    const rev = entry?.revision.action === 'submit' ? entry.revision : undefined;
    const action = entry?.submission.state === 'submitted' ? 'modify' : 'submit';
    return {
      code: m.code,
      label: m.label,
      state: deskState(entry),
      entry,
      words: rev?.words ?? null,
      late: rev?.late ?? false,
      receivedAt: rev ? (rev.received_before_deadline_at ?? rev.created_at) : null,
      lateUntil: loaded ? submissionDeadlines(loaded.window, m.code, now, action).lateGrant : null,
      mayStillSubmit: loaded ? submissionDecision(loaded.window, m.code, now, { action }).allowed : false,
    };
  });
}

/**
 * A file of one revision, named by the delegation (and the version, for an earlier one): its clean copy, which is what
 * Rostrum hands out, or with `asReceived` the exact bytes received (the Secretariat's record, from the history page).
 */
export async function sendRevisionFile(
  db: Database,
  reply: FastifyReply,
  code: string,
  rev: RevisionRow | undefined,
  which: 'statement' | 'cover',
  version?: number,
  asReceived = false,
) {
  const sha = which === 'statement' ? rev?.statement_sha256 : rev?.cover_sha256;
  if (!rev || !sha) throw new AppError('statement.not_found');
  const cleanSha = which === 'statement' ? rev.statement_clean_sha256 : rev.cover_clean_sha256;
  const blob = asReceived ? await getBlob(db, sha) : await servedCopy(db, { sha256: sha, cleanSha256: cleanSha });
  if (!blob) throw new AppError('blob.not_found');
  const name = safeFileName((which === 'statement' ? rev.statement_name : rev.cover_name) ?? which).replace(/["\\]/g, '_');
  const prefix = [code, ...(version === undefined ? [] : [`v${version}`]), ...(asReceived ? ['as-received'] : [])].join('-');
  return reply
    .header('content-type', blob.mediaType)
    .header('content-disposition', `attachment; filename="${prefix}-${name.replace(/[^\x20-\x7e]/g, '_')}"`)
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength));
}
