// Preparing a debate: the form that creates and edits it, its desk (the letter, who may submit, late submissions),
// the concept note's import from Word, and the letter's files, public once issued. Thin handlers: parse, load,
// check the debate is the actor's to prepare, run one command in a transaction, redirect (303) with a notice; a
// refused form is shown again with its problems and what was typed.
//
// Route guards run before the debate is loaded; handlers that take a debate ask the same policy again with the
// State presiding on the debate's meeting day, from the Council data (a presidency prepares only the debates of its
// own month).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allows, PUBLIC, type AccountActor, type Acting } from '../../../kernel/authz.js';
import type { Clock } from '../../../kernel/clock.js';
import { isoDateIn } from '../../../kernel/dates.js';
import type { Database, Transaction } from '../../../kernel/db/database.js';
import { AppError, isAppError } from '../../../kernel/errors.js';
import { notice, noticeFor, type FieldErrors, formValues } from '../../../web/forms.js';
import { page } from '../../../web/layout.js';
import { html } from '../../../web/html.js';
import { allMissions, sortMissions } from '../../delegations/index.js';
import {
  documentModelSchema,
  findGeneration,
  findSymbol,
  generationsOf,
  lastNumber,
  latestGeneration,
  refreshWhilePending,
  sendRendition,
  type SymbolAssignment,
  downloadName,
  formatOfExtension,
  messageOf,
  requireConfirmation,
  statusOf,
  symbolChoiceOf,
  SYMBOL_FIELD_ERRORS,
  type SymbolPart,
} from '../../documents/index.js';
import { actingAs } from '../../identity/index.js';
import { addEligibleEntity, removeEligibleEntity } from '../commands/eligible-entities.js';
import { createDebate } from '../commands/create-debate.js';
import type { Scheduler } from '../commands/debate-scope.js';
import { importConceptNoteFile, readConceptNoteFile } from '../commands/import-concept-note.js';
import { generateAnnouncementLetter, letterInputOf, letterSymbolOf } from '../commands/generate-letter.js';
import { announcementLetter } from '../domain/announcement-letter.js';
import { letterIssuePage } from './letter-issue-page.js';
import { DEBATE_GRANT_LATE, grantLateSubmission, grantLateSubmissionInput } from '../commands/grant-late-submission.js';
import { revokeLateSubmission } from '../commands/revoke-late-submission.js';
import { updateDebate } from '../commands/update-debate.js';
import {
  addedDelegations,
  findDebateBySlug,
  lateGrantsOf,
  listUpcomingDebates,
  loadCouncil,
  type DebateRecord,
  type RecordedBriefings,
} from '../db.js';
import { presidingStates, type CouncilData } from '../domain/council.js';
import { presidencyOfDebate } from '../presidency.js';
import { createDebateInput, updateDebateInput } from '../domain/debate-input.js';
import { unconfirmedBriefers } from '../domain/briefers.js';
import { eligibleDelegations } from '../domain/eligibility.js';
import { DEBATE_CREATE, DEBATE_ISSUE_LETTER, DEBATE_MANAGE_ELIGIBILITY, DEBATE_PREPARE } from '../policies.js';
import { blankFormValues, debateForm, debateFormErrors, debateInputFromForm, formValuesOf, type FormValues } from './debate-form.js';
import { deskPage, type DeskModel } from './desk-page.js';
import { journalPage } from './journal-page.js';
import { letterPage } from './letter-page.js';
import { signedIn } from '../../../web/session.js';
import { sendHtml } from '../../../web/reply.js';

/** Where statements are submitted, as the letter names it. */
export const PLATFORM_NAME = 'the Rostrum platform';
/** A concept note in Word is a few pages: 10 MB leaves room for a logo and a table, and refuses anything else. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const notices = {
  created: 'The debate was created. Generate its announcement letter from this desk.',
  saved: 'The changes were saved.',
  draft: 'A draft letter is being generated in every format; the table below shows its progress.',
  issued: 'The letter is being generated under its symbol; the public page links to it once it is ready.',
  imported: 'The concept note was replaced by the sections of the Word document. Check them in the form.',
  entity_added: 'The delegation may now submit a statement to this debate.',
  entity_removed: 'The delegation was removed from those that may submit.',
  late_granted: 'The late submission was allowed.',
  late_revoked: 'The permission to submit late was withdrawn.',
} as const;
type Notice = keyof typeof notices;

const slugSchema = { type: 'string', maxLength: 120 } as const;
const slugParams = { type: 'object', properties: { slug: slugSchema }, required: ['slug'] } as const;
const codeParams = {
  type: 'object',
  properties: { slug: slugSchema, code: { type: 'string', maxLength: 40 } },
  required: ['slug', 'code'],
} as const;
const fileParams = {
  type: 'object',
  properties: { slug: slugSchema, generation: { type: 'string', format: 'uuid' }, file: { type: 'string', maxLength: 10 } },
  required: ['slug', 'generation', 'file'],
} as const;

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

function schedulerOf(actor: AccountActor): Scheduler {
  return actor.role === 'secretariat' ? { kind: 'secretariat' } : { kind: 'presidency', state: actor.organisation ?? '' };
}

function meetingDayOf(debate: Pick<DebateRecord, 'starts_at' | 'time_zone'>): string {
  return isoDateIn(debate.starts_at, debate.time_zone);
}

export async function debatePreparationRoutes(
  app: FastifyInstance,
  deps: { db: Database; clock: Clock; publicUrl: string; symbols: SymbolAssignment; recordedBriefings: RecordedBriefings },
): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 4096 },
  });

  async function run<T>(request: FastifyRequest, work: (trx: Transaction, by: Acting) => Promise<T>): Promise<T> {
    const actor = signedIn(request);
    return deps.db.transaction().execute(async (trx) => work(trx, await actingAs(trx, actor)));
  }

  /**
   * The debate in the address, if the actor may prepare it (another presidency's debate is refused), with the Council
   * data it was decided on.
   */
  async function preparable(request: SlugRequest): Promise<{ debate: DebateRecord; council: CouncilData }> {
    const debate = await findDebateBySlug(deps.db, request.params.slug);
    if (!debate) throw new AppError('debate.not_found');
    const council = await loadCouncil(deps.db);
    if (!allows(request.actor, DEBATE_PREPARE, { presidingState: presidencyOfDebate(council, debate) }))
      throw new AppError('auth.forbidden');
    return { debate, council };
  }

  /** The Council data, if the actor may schedule a debate: the Secretariat, or a presidency of some month in the data. */
  async function mayCreate(request: FastifyRequest): Promise<CouncilData> {
    const council = await loadCouncil(deps.db);
    if (!allows(request.actor, DEBATE_CREATE, { presidingStates: presidingStates(council) })) throw new AppError('auth.forbidden');
    return council;
  }

  /** Refusals of the debate commands shown on the form, on the field to correct. */
  const FORM_REFUSALS: Record<string, string> = {
    'debate.slug_taken': 'slug',
    'debate.outside_presidency': 'startsAt',
    'debate.no_council_data': 'startsAt',
    'debate.changed_meanwhile': '_form',
  };

  // -- Create ----------------------------------------------------------------------------------------------------
  function renderCreate(
    request: FastifyRequest,
    reply: FastifyReply,
    council: CouncilData,
    values: FormValues,
    errors: FieldErrors,
    status = 200,
  ) {
    const actor = signedIn(request);
    const body = html`<h1>New debate</h1>
<p>Everything the debate’s page and its announcement letter need. Times are typed as the clock in the debate’s time zone shows them.</p>
${debateForm({ mode: 'create', action: '/debates', csrf: reply.csrfToken(), values, errors, council })}`;
    return sendHtml(reply, page({ actor, title: 'New debate', body }), status);
  }

  app.get('/debates/new', { config: { policy: DEBATE_CREATE } }, async (request, reply) => {
    const council = await mayCreate(request);
    return renderCreate(request, reply, council, blankFormValues(), {});
  });

  app.post('/debates', { config: { policy: DEBATE_CREATE } }, async (request, reply) => {
    const actor = signedIn(request);
    const council = await mayCreate(request);
    const values = formValues(request.body);
    const { input, rows } = debateInputFromForm(values);
    const raw = { ...input, slug: values.slug?.trim() ?? '' };
    const parsed = createDebateInput.safeParse(raw);
    if (!parsed.success) return renderCreate(request, reply, council, values, debateFormErrors(parsed.error, rows, values), 400);
    try {
      const created = await run(request, (trx, by) =>
        createDebate(trx, deps.clock, { id: by.actor.id, label: by.label }, raw, schedulerOf(actor)),
      );
      return reply.redirect(`/debates/${created.slug}/desk?done=created`, 303);
    } catch (err) {
      const field = isAppError(err) ? FORM_REFUSALS[err.code] : undefined;
      if (isAppError(err) && field) return renderCreate(request, reply, council, values, { [field]: err.message }, err.status);
      throw err;
    }
  });

  // -- Edit ------------------------------------------------------------------------------------------------------
  function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    { debate, council }: { debate: DebateRecord; council: CouncilData },
    values: FormValues,
    errors: FieldErrors,
    status = 200,
  ) {
    const actor = signedIn(request);
    const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/desk">Debate desk</a></p>
<h1>Edit the debate</h1>
${notice(noticeFor((request.query as { done?: unknown }).done, notices))}
${debateForm({ mode: 'edit', action: `/debates/${debate.slug}/edit`, csrf: reply.csrfToken(), values, errors, council })}`;
    return sendHtml(reply, page({ actor, title: `Edit: ${debate.theme}`, body }), status);
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/edit',
    { config: { policy: DEBATE_PREPARE }, schema: { params: slugParams } },
    async (request, reply) => {
      const prepared = await preparable(request);
      return renderEdit(request, reply, prepared, formValuesOf(prepared.debate), {});
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/edit',
    { config: { policy: DEBATE_PREPARE }, schema: { params: slugParams } },
    async (request, reply) => {
      const actor = signedIn(request);
      const prepared = await preparable(request);
      const { debate } = prepared;
      const values = formValues(request.body);
      const { input, rows } = debateInputFromForm(values);
      const raw = { ...input, version: Number(values.version) };
      const parsed = updateDebateInput.safeParse(raw);
      if (!parsed.success) return renderEdit(request, reply, prepared, values, debateFormErrors(parsed.error, rows, values), 400);
      try {
        await run(request, (trx, by) =>
          updateDebate(trx, deps.clock, { id: by.actor.id, label: by.label }, debate.slug, raw, schedulerOf(actor)),
        );
      } catch (err) {
        const field = isAppError(err) && err.code !== 'debate.slug_taken' ? FORM_REFUSALS[err.code] : undefined;
        if (isAppError(err) && field) return renderEdit(request, reply, prepared, values, { [field]: err.message }, err.status);
        throw err;
      }
      return reply.redirect(`/debates/${debate.slug}/desk?done=saved`, 303);
    },
  );

  // -- Desk ------------------------------------------------------------------------------------------------------
  async function deskModel(
    request: FastifyRequest,
    reply: FastifyReply,
    { debate, council }: { debate: DebateRecord; council: CouncilData },
    extra: Partial<DeskModel> = {},
  ): Promise<DeskModel> {
    const actor = request.actor;
    const [generations, symbol, added, grants, missions] = [
      await generationsOf(deps.db, 'announcement_letter', debate.id),
      await letterSymbolOf(deps.db, debate.id),
      await addedDelegations(deps.db, debate.id),
      await lateGrantsOf(deps.db, debate.id),
      sortMissions(await allMissions(deps.db)),
    ];
    const eligibility = eligibleDelegations(council, meetingDayOf(debate), added);
    const eligible = new Set(eligibility.codes);
    const labelOf = new Map(missions.map((m) => [m.code, m.label]));
    return {
      actor,
      debate,
      csrf: reply.csrfToken(),
      notice: noticeFor((request.query as { done?: unknown }).done, notices),
      letterSymbol: symbol,
      generations,
      canIssue: allows(actor, DEBATE_ISSUE_LETTER),
      canManageEligibility: allows(actor, DEBATE_MANAGE_ELIGIBILITY),
      canGrantLate: allows(actor, DEBATE_GRANT_LATE),
      eligibility: {
        total: eligibility.codes.length,
        byDefault: eligibility.byDefault,
        membershipKnown: eligibility.membershipKnown,
        added: added.map((code) => ({ code, label: labelOf.get(code) ?? code })),
      },
      entityOptions: missions.filter((m) => !eligible.has(m.code)).map((m) => ({ value: m.code, label: m.label })),
      lateGrants: grants.map((g) => ({ ...g, label: labelOf.get(g.delegation) ?? g.delegation })),
      missionOptions: missions.filter((m) => eligible.has(m.code)).map((m) => ({ value: m.code, label: m.label })),
      ...extra,
    };
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/desk',
    { config: { policy: DEBATE_PREPARE }, schema: { params: slugParams } },
    async (request, reply) => {
      const model = await deskModel(request, reply, await preparable(request));
      refreshWhilePending(
        reply,
        model.generations.flatMap((g) => g.renditions),
      );
      return sendHtml(reply, deskPage(model));
    },
  );

  const back = (slug: string, done: Notice, anchor: string) => `/debates/${slug}/desk?done=${done}#${anchor}`;

  // -- The letter ------------------------------------------------------------------------------------------------
  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/letter',
    { config: { policy: DEBATE_PREPARE }, schema: { params: slugParams } },
    async (request, reply) => {
      const actor = signedIn(request);
      const { debate } = await preparable(request);
      // Issuing is a reviewed step of its own (the confirmation page below); this form only makes drafts.
      if (formValues(request.body).action === 'issue') return reply.redirect(`/debates/${debate.slug}/letter/issue`, 303);
      await run(request, (trx, by) =>
        generateAnnouncementLetter(trx, deps.clock, { id: by.actor.id, label: by.label }, debate.slug, {
          issue: false,
          platform: PLATFORM_NAME,
          scheduler: schedulerOf(actor),
        }),
      );
      return reply.redirect(back(debate.slug, 'draft', 'letter-heading'), 303);
    },
  );

  async function renderLetterIssue(
    request: SlugRequest,
    reply: FastifyReply,
    debate: DebateRecord,
    problem: { code?: string; symbol?: string } = {},
  ) {
    const today = isoDateIn(deps.clock.now(), 'America/New_York');
    const issuedAs = await letterSymbolOf(deps.db, debate.id);
    const input = letterInputOf(debate, null, { platform: PLATFORM_NAME, today });
    const model = announcementLetter(input);
    const drafts = await generationsOf(deps.db, 'announcement_letter', debate.id, 1);
    const fieldProblem = problem.code && SYMBOL_FIELD_ERRORS.has(problem.code) ? messageOf(problem.code) : undefined;
    const symbol: SymbolPart = issuedAs
      ? { kind: 'fixed', symbol: issuedAs, why: 'the letter was issued under it before, and keeps it.' }
      : deps.symbols === 'counter'
        ? {
            kind: 'counter',
            expected: `S/${model.date.slice(0, 4)}/${(await lastNumber(deps.db, 'S', Number(model.date.slice(0, 4)))) + 1}`,
          }
        : { kind: 'entered', value: problem.symbol ?? '', error: fieldProblem, year: model.date.slice(0, 4) };
    const other =
      problem.code && !SYMBOL_FIELD_ERRORS.has(problem.code) && problem.code !== 'document.not_confirmed'
        ? messageOf(problem.code)
        : undefined;
    const status = statusOf(problem.code);
    return sendHtml(
      reply,
      letterIssuePage({
        actor: signedIn(request),
        debate,
        csrf: reply.csrfToken(),
        model,
        signedBy: [
          input.signedBy,
          ...(input.signatureLines.length > 0
            ? input.signatureLines
            : [`${input.senderTitle} of ${input.presidingState.formalName} to the United Nations`]),
        ].join(', '),
        symbol,
        draftGeneration: drafts[0]?.id,
        error: other,
        confirmError: problem.code === 'document.not_confirmed' ? messageOf(problem.code) : undefined,
      }),
      status,
    );
  }

  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/letter/issue',
    { config: { policy: DEBATE_ISSUE_LETTER }, schema: { params: slugParams } },
    async (request, reply) => renderLetterIssue(request, reply, (await preparable(request)).debate),
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/letter/issue',
    { config: { policy: DEBATE_ISSUE_LETTER }, schema: { params: slugParams } },
    async (request, reply) => {
      const actor = signedIn(request);
      const { debate } = await preparable(request);
      const values = formValues(request.body);
      try {
        requireConfirmation(values);
        await run(request, (trx, by) =>
          generateAnnouncementLetter(trx, deps.clock, { id: by.actor.id, label: by.label }, debate.slug, {
            issue: true,
            platform: PLATFORM_NAME,
            scheduler: schedulerOf(actor),
            symbol: symbolChoiceOf(deps.symbols, values),
          }),
        );
      } catch (err) {
        if (isAppError(err) && (SYMBOL_FIELD_ERRORS.has(err.code) || err.code === 'document.not_confirmed'))
          return renderLetterIssue(request, reply, debate, { code: err.code, symbol: (values.symbol ?? '').slice(0, 60) });
        throw err;
      }
      return reply.redirect(back(debate.slug, 'issued', 'letter-heading'), 303);
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/concept-note',
    { config: { policy: DEBATE_PREPARE, upload: { files: 1, fileBytes: MAX_UPLOAD_BYTES } }, schema: { params: slugParams } },
    async (request, reply) => {
      const prepared = await preparable(request);
      const { debate } = prepared;
      const body = request.body as Record<string, unknown> | undefined;
      const file = body?.file;
      const bytes = file instanceof Uint8Array ? file : undefined;
      const rerender = async (message: string, status: number) =>
        sendHtml(reply, deskPage(await deskModel(request, reply, prepared, { importErrors: { file: message } })), status);
      if (!bytes || bytes.byteLength === 0) return rerender('Choose a Word document (.docx) to import.', 400);
      try {
        const read = await readConceptNoteFile(bytes);
        await run(request, (trx, by) =>
          importConceptNoteFile(
            trx,
            deps.clock,
            { id: by.actor.id, label: by.label },
            { slug: debate.slug, version: Number(body?.version), file: read },
          ),
        );
      } catch (err) {
        if (
          isAppError(err) &&
          (err.code.startsWith('upload.') ||
            err.code === 'concept_note.no_sections' ||
            err.code === 'debate.changed_meanwhile' ||
            err.code === 'input.invalid')
        ) {
          return rerender(err.message, err.status);
        }
        throw err;
      }
      return reply.redirect(`/debates/${debate.slug}/edit?done=imported`, 303);
    },
  );

  // Any generation's file, drafts included, for those who prepare the debate.
  app.get<{ Params: { slug: string; generation: string; file: string } }>(
    '/debates/:slug/documents/:generation/:file',
    { config: { policy: DEBATE_PREPARE }, schema: { params: fileParams } },
    async (request, reply) => {
      const { debate } = await preparable(request);
      const format = formatOfExtension(request.params.file);
      const generation = format ? await findGeneration(deps.db, request.params.generation) : undefined;
      if (!format || !generation || generation.subject_id !== debate.id) throw new AppError('document.not_generated');
      return sendRendition(reply, deps.db, generation.id, format, downloadName(generation.symbol, debate.slug, format));
    },
  );

  // -- Public: the issued letter -----------------------------------------------------------------------------------
  app.get<{ Params: { slug: string } }>(
    '/debates/:slug/letter',
    { config: { policy: PUBLIC }, schema: { params: slugParams } },
    async (request, reply) => {
      const debate = await findDebateBySlug(deps.db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      const generation = await latestGeneration(deps.db, 'announcement_letter', debate.id, { issued: true });
      if (!generation) throw new AppError('document.not_generated');
      const model = documentModelSchema.parse(generation.model);
      const numberedHere = model.symbol ? (await findSymbol(deps.db, model.symbol))?.numbered_by === 'installation' : false;
      refreshWhilePending(reply, generation.renditions);
      return sendHtml(reply, letterPage(request.actor, debate, model, generation.renditions, { numberedHere }));
    },
  );

  app.get<{ Params: { slug: string; ext: string } }>(
    '/debates/:slug/letter.:ext',
    {
      config: { policy: PUBLIC },
      schema: {
        params: { type: 'object', properties: { slug: slugSchema, ext: { type: 'string', maxLength: 10 } }, required: ['slug', 'ext'] },
      },
    },
    async (request, reply) => {
      const debate = await findDebateBySlug(deps.db, request.params.slug);
      if (!debate) throw new AppError('debate.not_found');
      const format = formatOfExtension(request.params.ext);
      if (!format) throw new AppError('http.not_found');
      const generation = await latestGeneration(deps.db, 'announcement_letter', debate.id, { issued: true });
      if (!generation) throw new AppError('document.not_generated');
      return sendRendition(reply, deps.db, generation.id, format, downloadName(generation.symbol, debate.slug, format));
    },
  );

  app.get('/journal', { config: { policy: PUBLIC } }, async (request, reply) => {
    const now = deps.clock.now();
    const debates = await listUpcomingDebates(deps.db, now);
    // What was recorded at the meeting matters only for debates with a briefer marked "to be confirmed".
    const marked = debates.filter((d) => unconfirmedBriefers(d, new Set(), now).length > 0).map((d) => d.id);
    return sendHtml(reply, journalPage(debates, now, await deps.recordedBriefings(deps.db, marked), request.actor));
  });

  // -- Who may submit ----------------------------------------------------------------------------------------------
  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/eligible',
    { config: { policy: DEBATE_MANAGE_ELIGIBILITY }, schema: { params: slugParams } },
    async (request, reply) => {
      const prepared = await preparable(request);
      const { debate } = prepared;
      const mission = formValues(request.body).mission ?? '';
      try {
        await run(request, (trx, by) =>
          addEligibleEntity(trx, deps.clock, { id: by.actor.id, label: by.label }, { slug: debate.slug, mission }),
        );
      } catch (err) {
        if (isAppError(err) && ['input.invalid', 'mission.not_found', 'entity.already_eligible'].includes(err.code)) {
          const message = err.code === 'input.invalid' ? 'Choose a delegation or entity from the list.' : err.message;
          return sendHtml(reply, deskPage(await deskModel(request, reply, prepared, { entityErrors: { mission: message } })), err.status);
        }
        throw err;
      }
      return reply.redirect(back(debate.slug, 'entity_added', 'eligibility-heading'), 303);
    },
  );

  app.post<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/eligible/:code/remove',
    { config: { policy: DEBATE_MANAGE_ELIGIBILITY }, schema: { params: codeParams } },
    async (request, reply) => {
      const { debate } = await preparable(request);
      await run(request, (trx, by) =>
        removeEligibleEntity(trx, deps.clock, { id: by.actor.id, label: by.label }, { slug: debate.slug, mission: request.params.code }),
      );
      return reply.redirect(back(debate.slug, 'entity_removed', 'eligibility-heading'), 303);
    },
  );

  // -- Late submissions ----------------------------------------------------------------------------------------------
  app.post<{ Params: { slug: string } }>(
    '/debates/:slug/late-grants',
    { config: { policy: DEBATE_GRANT_LATE }, schema: { params: slugParams } },
    async (request, reply) => {
      const prepared = await preparable(request);
      const { debate } = prepared;
      const values = formValues(request.body);
      const raw = { debate: debate.slug, delegation: values.delegation ?? '', until: values.until ?? '', reason: values.reason ?? '' };
      const rerender = async (errors: FieldErrors, status: number) =>
        sendHtml(reply, deskPage(await deskModel(request, reply, prepared, { late: { values, errors } })), status);
      const parsed = grantLateSubmissionInput.safeParse(raw);
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
        return rerender(errors, 400);
      }
      try {
        await run(request, (trx, by) => grantLateSubmission(trx, deps.clock, by, raw, { publicUrl: deps.publicUrl }));
      } catch (err) {
        const fields: Record<string, string> = {
          'input.time_does_not_exist': 'until',
          'late_grant.until_not_after_deadline': 'until',
          'late_grant.until_passed': 'until',
          'late_grant.already_granted': 'delegation',
          'mission.not_found': 'delegation',
        };
        if (isAppError(err) && fields[err.code])
          return rerender(
            {
              [fields[err.code]!]:
                err.code === 'input.time_does_not_exist' ? (err.detail?.replace(/^until: /, '') ?? err.message) : err.message,
            },
            err.status,
          );
        throw err;
      }
      return reply.redirect(back(debate.slug, 'late_granted', 'late-heading'), 303);
    },
  );

  app.post<{ Params: { slug: string; code: string } }>(
    '/debates/:slug/late-grants/:code/revoke',
    { config: { policy: DEBATE_GRANT_LATE }, schema: { params: codeParams } },
    async (request, reply) => {
      const { debate } = await preparable(request);
      await run(request, (trx, by) => revokeLateSubmission(trx, deps.clock, by, { debate: debate.slug, delegation: request.params.code }));
      return reply.redirect(back(debate.slug, 'late_revoked', 'late-heading'), 303);
    },
  );
}
