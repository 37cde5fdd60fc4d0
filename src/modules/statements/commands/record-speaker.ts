// The speakers of a debate's meeting and their texts: the Secretariat records the briefers', the Council members'
// and the live speakers' texts, sets the speaking order and removes a speaker recorded by mistake; a Council member's
// own delegates (statements access, mission on the Council on the meeting day) record their delegation's statement.
// Each text goes through the same checks as a written statement, outside any transaction; only an accepted file is
// stored. A delegation speaks once: a new text for it replaces the previous one, which stays as received.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.js';
import { allows, type Acting } from '../../../kernel/authz.js';
import { putBlob } from '../../../kernel/blobs/index.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError } from '../../../kernel/errors.js';
import type { FieldErrors } from '../../../web/forms.js';
import { UUID } from '../../../kernel/validation.js';
import { findMission, stateByIso3 } from '../../delegations/index.js';
import { OFFICIAL_LANGUAGES } from '../../../kernel/i18n/languages.js';
import { findDebateBySlug, loadCouncil, lockDebate, type DebateRecord } from '../../meetings/index.js';
import { inspectInWorker } from '../../uploads/index.js';
import { councilOnDay, reorder } from '../domain/speaking-order.js';
import { STATEMENTS_REVIEW, STATEMENTS_SUBMIT } from '../policies.js';
import { findSpeaker, SPEAKER_KINDS, type SpeakerKind, type SpeakerRow } from '../speakers-db.js';
import { safeFileName } from './save-draft.js';
import { acceptedFile, type UploadedFile } from './upload-files.js';

/** Who records: the Secretariat (any speaker), or a Council member's delegate (its own delegation's statement). */
export interface SpeakerScope {
  debate: DebateRecord;
  /** The Council's members on the meeting day; null when the data does not cover it. */
  council: string[] | null;
  /** Set for a Council member's delegate: the only delegation it may record for. */
  ownDelegation: string | null;
}

async function debateOf(db: Database | Transaction, slug: string): Promise<DebateRecord> {
  const debate = await findDebateBySlug(db, slug);
  if (!debate) throw new AppError('debate.not_found', { detail: slug });
  return debate;
}

/**
 * The debate and what the actor may record there; refuses anyone else. With `lock`, inside a transaction, the debate's
 * row stays locked until it ends (meetings' `lockDebate`), as for every writer on one debate.
 */
export async function speakerScope(trx: Transaction, by: Acting, slug: string, options: { lock: true }): Promise<SpeakerScope>;
export async function speakerScope(db: Database | Transaction, by: Acting, slug: string): Promise<SpeakerScope>;
export async function speakerScope(
  db: Database | Transaction,
  by: Acting,
  slug: string,
  options: { lock?: boolean } = {},
): Promise<SpeakerScope> {
  const secretariat = allows(by.actor, STATEMENTS_REVIEW);
  if (!secretariat && !allows(by.actor, STATEMENTS_SUBMIT)) throw new AppError('auth.forbidden');
  // The overloads take `lock` only with a transaction.
  const debate = options.lock ? await lockDebate(db as Transaction, slug) : await debateOf(db, slug);
  const council = councilOnDay(await loadCouncil(db), isoDateIn(debate.starts_at, debate.time_zone));
  if (secretariat) return { debate, council, ownDelegation: null };
  const own = by.actor.organisation;
  if (own === null || council === null || !council.includes(own))
    throw new AppError('statement.not_eligible', { detail: `${own ?? 'no mission'} is not on the Council for ${slug}` });
  return { debate, council, ownDelegation: own };
}

function secretariatOnly(by: Acting): void {
  if (!allows(by.actor, STATEMENTS_REVIEW)) throw new AppError('auth.forbidden');
}

/** What a form or a program sends to record a text. */
export interface SpeakerUpload {
  kind?: string;
  delegation?: string;
  /** The announced briefer's position (meetings.briefers), as typed. */
  briefer?: string;
  name?: string;
  title?: string;
  language?: string;
  file?: UploadedFile;
}

const fieldsSchema = z.object({
  kind: z.enum(
    SPEAKER_KINDS as [SpeakerKind, ...SpeakerKind[]],
    'Choose who spoke: a briefer, a Council member or a non-member who spoke live.',
  ),
  delegation: z.string().trim().max(40).optional(),
  briefer: z.coerce.number().int().min(1).max(999).optional(),
  name: z.string().trim().max(200, 'Write the name in at most 200 characters.').optional(),
  title: z.string().trim().max(300, 'Write the title in at most 300 characters.').optional(),
  language: z.enum(OFFICIAL_LANGUAGES, 'Choose the language the text was written in.'),
});

export interface RecordOutcome {
  /** What is wrong or missing, by field (kind, delegation, briefer, name, title, language, file). */
  errors: FieldErrors;
  /** The code of the refused file's error, if the file was refused. */
  refusal?: string;
  speakerId?: string;
}

interface Checked {
  kind: SpeakerKind;
  delegation: string | null;
  briefer: number | null;
  name: string;
  title: string;
  language: (typeof OFFICIAL_LANGUAGES)[number];
}

/** The fields read and checked against the debate; membership refusals are thrown, missing fields returned. */
async function checkFields(db: Database, scope: SpeakerScope, upload: SpeakerUpload, errors: FieldErrors): Promise<Checked | undefined> {
  const raw = {
    kind: scope.ownDelegation ? 'council' : upload.kind || undefined,
    delegation: (scope.ownDelegation ?? upload.delegation) || undefined,
    briefer: upload.briefer?.trim() || undefined,
    name: upload.name?.trim() || undefined,
    title: upload.title?.trim() || undefined,
    language: upload.language || undefined,
  };
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0])] ??= String(issue.path[0]) === 'briefer' ? 'Choose a briefer from the list, or none.' : issue.message;
    return undefined;
  }
  const f = parsed.data;
  let name = f.name;
  let title = f.title;
  let delegation: string | null = null;
  let briefer: number | null = null;
  if (f.kind === 'briefer') {
    if (f.briefer !== undefined) {
      const announced = scope.debate.briefers.find((b) => b.position === f.briefer);
      if (!announced) {
        errors.briefer = 'Choose a briefer from the list, or none.';
        return undefined;
      }
      briefer = announced.position;
      name ??= announced.name ?? undefined;
      title ??= announced.function;
    }
  } else {
    if (!f.delegation) {
      errors.delegation = f.kind === 'council' ? 'Choose the Council member.' : 'Choose the delegation that spoke.';
      return undefined;
    }
    const mission = await findMission(db, f.delegation);
    if (!mission) {
      errors.delegation = 'Choose the delegation from the list.';
      return undefined;
    }
    const member = scope.council ? scope.council.includes(mission.code) : stateByIso3(mission.code) !== undefined;
    if (f.kind === 'council' && !member)
      throw new AppError('speaker.not_council_member', { detail: `${mission.code} for ${scope.debate.slug}` });
    if (f.kind === 'live' && scope.council?.includes(mission.code))
      throw new AppError('speaker.council_member_live', { detail: `${mission.code} for ${scope.debate.slug}` });
    delegation = mission.code;
  }
  if (!name || name.length < 2) errors.name = 'Write the speaker’s name as it was given at the meeting.';
  if (!title || title.length < 2)
    errors.title =
      f.kind === 'briefer'
        ? 'Write the briefer’s full title, such as “Under-Secretary-General for Peace Operations”.'
        : 'Write the speaker’s title, such as “Permanent Representative”.';
  if (errors.name || errors.title) return undefined;
  return { kind: f.kind, delegation, briefer, name: name!, title: title!, language: f.language };
}

/**
 * Records a speaker's text: the fields are checked, then the file (in the worker pool, before any transaction), then
 * the text is stored in one transaction with its audit entry. Field problems come back by field; a refusal about the
 * actor or the delegation's membership is thrown and changes nothing.
 */
export async function recordSpeaker(
  db: Database,
  clock: Clock,
  by: Acting,
  slug: string,
  upload: SpeakerUpload,
  options: { maxBytes: number },
): Promise<RecordOutcome> {
  const scope = await speakerScope(db, by, slug);
  const errors: FieldErrors = {};
  const checked = await checkFields(db, scope, upload, errors);
  let refusal: string | undefined;
  let file: ReturnType<typeof acceptedFile> | undefined;
  if (!upload.file || upload.file.bytes.byteLength === 0) {
    errors.file = 'Choose the text (Word, .docx).';
  } else {
    file = acceptedFile(
      upload.file.name,
      upload.file.bytes,
      await inspectInWorker('statement', upload.file.bytes, { maxBytes: options.maxBytes }),
    );
    if ('refused' in file) {
      errors.file = file.refused.message;
      refusal = file.refused.code;
    }
  }
  if (!checked || !file || 'refused' in file || Object.keys(errors).length > 0) return { errors, ...(refusal ? { refusal } : {}) };
  const accepted = file;
  const speakerId = await db.transaction().execute(async (trx) => {
    // Again under the debate's lock: the order and "one speaker per delegation" are decided here.
    const locked = await speakerScope(trx, by, slug, { lock: true });
    const now = clock.now();
    for (const image of accepted.images ?? []) await putBlob(trx, clock, image.bytes, image.mediaType);
    const blob = await putBlob(trx, clock, accepted.bytes, accepted.mediaType);
    const clean = accepted.clean ? await putBlob(trx, clock, accepted.clean.bytes, accepted.mediaType) : undefined;
    let existing: SpeakerRow | undefined;
    if (checked.delegation) {
      existing = await trx
        .selectFrom('statements.speakers')
        .selectAll()
        .where('debate_id', '=', locked.debate.id)
        .where('delegation', '=', checked.delegation)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
    } else if (checked.briefer !== null) {
      existing = await trx
        .selectFrom('statements.speakers')
        .selectAll()
        .where('debate_id', '=', locked.debate.id)
        .where('kind', '=', 'briefer')
        .where('briefer_position', '=', checked.briefer)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
    }
    const textId = randomUUID();
    let id: string;
    let position: number;
    if (existing) {
      id = existing.id;
      position = existing.position;
      await trx
        .updateTable('statements.speakers')
        .set({ kind: checked.kind, current_text: textId, updated_at: now })
        .where('id', '=', id)
        .execute();
    } else {
      id = randomUUID();
      const last = await trx
        .selectFrom('statements.speakers')
        .select('position')
        .where('debate_id', '=', locked.debate.id)
        .where('removed_at', 'is', null)
        .orderBy('position', 'desc')
        .limit(1)
        .executeTakeFirst();
      position = (last?.position ?? 0) + 1;
      await trx
        .insertInto('statements.speakers')
        .values({
          id,
          debate_id: locked.debate.id,
          kind: checked.kind,
          position,
          briefer_position: checked.briefer,
          delegation: checked.delegation,
          current_text: textId,
          created_at: now,
          created_by: by.actor.id,
          updated_at: now,
          removed_at: null,
          removed_by: null,
        })
        .execute();
    }
    const previous = await trx
      .selectFrom('statements.speaker_texts')
      .select('seq')
      .where('speaker_id', '=', id)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const seq = (previous?.seq ?? 0) + 1;
    await trx
      .insertInto('statements.speaker_texts')
      .values({
        id: textId,
        speaker_id: id,
        seq,
        speaker_name: checked.name,
        speaker_title: checked.title,
        original_language: checked.language,
        file_sha256: blob.sha256,
        file_name: safeFileName(accepted.name),
        file_clean_sha256: clean?.sha256 ?? null,
        file_cleaned: clean ? JSON.stringify(accepted.check.cleaned ?? null) : null,
        words: accepted.check.words ?? 0,
        warnings: JSON.stringify(accepted.check.warnings),
        content: (accepted.check.content === undefined ? null : JSON.stringify(accepted.check.content)) as never,
        via: locked.ownDelegation ? 'delegation' : 'secretariat',
        created_at: now,
        created_by: by.actor.id,
      })
      .execute();
    await recordAudit(trx, clock, {
      action: 'speaker.recorded',
      actor: { id: by.actor.id, label: by.label },
      subject: { type: 'debate', id: locked.debate.id },
      data: {
        debate: locked.debate.slug,
        kind: checked.kind,
        ...(checked.delegation ? { mission: checked.delegation } : {}),
        position,
        text: seq,
        sha256: blob.sha256,
      },
    });
    return id;
  });
  return { errors: {}, speakerId };
}

async function renumber(trx: Transaction, ids: readonly string[], now: Date): Promise<void> {
  for (const [i, id] of ids.entries())
    await trx
      .updateTable('statements.speakers')
      .set({ position: i + 1, updated_at: now })
      .where('id', '=', id)
      .where('position', '!=', i + 1)
      .execute();
}

/** Sets the speaking order from typed positions (by speaker id); speakers not named keep their place. */
export async function setSpeakingOrder(
  trx: Transaction,
  clock: Clock,
  by: Acting,
  slug: string,
  wanted: ReadonlyMap<string, number>,
): Promise<void> {
  secretariatOnly(by);
  const { debate } = await speakerScope(trx, by, slug, { lock: true });
  const current = await trx
    .selectFrom('statements.speakers')
    .select(['id', 'position'])
    .where('debate_id', '=', debate.id)
    .where('removed_at', 'is', null)
    .execute();
  const unknown = [...wanted.keys()].find((id) => !UUID.test(id) || !current.some((c) => c.id === id));
  if (unknown) throw new AppError('speaker.not_found', { detail: `${unknown} in ${slug}` });
  await renumber(trx, reorder(current, wanted), clock.now());
  await recordAudit(trx, clock, {
    action: 'speaker.order_set',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'debate', id: debate.id },
    data: { debate: slug, speakers: current.length },
  });
}

/** Removes a speaker recorded by mistake: it leaves the order (the others close up); its texts stay as received. */
export async function removeSpeaker(trx: Transaction, clock: Clock, by: Acting, slug: string, speakerId: string): Promise<void> {
  secretariatOnly(by);
  const { debate } = await speakerScope(trx, by, slug, { lock: true });
  const speaker = UUID.test(speakerId) ? await findSpeaker(trx, debate.id, speakerId) : undefined;
  if (!speaker) throw new AppError('speaker.not_found', { detail: `${speakerId} in ${slug}` });
  const now = clock.now();
  await trx
    .updateTable('statements.speakers')
    .set({ removed_at: now, removed_by: by.actor.id, updated_at: now })
    .where('id', '=', speaker.id)
    .execute();
  const rest = await trx
    .selectFrom('statements.speakers')
    .select(['id', 'position'])
    .where('debate_id', '=', debate.id)
    .where('removed_at', 'is', null)
    .execute();
  await renumber(trx, reorder(rest, new Map()), now);
  await recordAudit(trx, clock, {
    action: 'speaker.removed',
    actor: { id: by.actor.id, label: by.label },
    subject: { type: 'debate', id: debate.id },
    data: { debate: slug, kind: speaker.kind, ...(speaker.delegation ? { mission: speaker.delegation } : {}) },
  });
}
