// Scheduling a debate and editing it: the form, its refusals shown on the field to correct, and on success the
// debate's desk (303) with a notice. The create routes read the Council data before their guard (a presidency
// schedules only in a month it presides); the edit routes load the debate and decide DEBATE_PREPARE on it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { ErrorCode } from '../../../kernel/errors.js';
import { formValues, notice, type FieldErrors } from '../../../web/forms.js';
import { html } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { guardedBy } from '../../../web/policy-guard.js';
import { formAttempt, noticeOf, params, type SlugParams } from '../../../web/route-kit.js';
import { signedIn } from '../../../web/session.js';
import { createDebate } from '../commands/create-debate.js';
import { updateDebate } from '../commands/update-debate.js';
import { presidingStates } from '../domain/council.js';
import { createDebateInput, updateDebateInput } from '../domain/debate-input.js';
import { DEBATE_CREATE } from '../policies.js';
import { blankFormValues, debateForm, debateFormErrors, debateInputFromForm, formValuesOf, type FormValues } from './debate-form.js';
import { notices, schedulerOf } from './desk-model.js';
import { preparing } from './loaders.js';

/** Refusals of the debate commands shown on the form, on the field to correct. */
const FORM_REFUSALS: Partial<Record<ErrorCode, string>> = {
  'debate.slug_taken': 'slug',
  'debate.outside_presidency': 'startsAt',
  'debate.no_council_data': 'startsAt',
  'debate.changed_meanwhile': '_form',
};
/** An edit keeps its address: a taken address cannot come back from it. */
const { 'debate.slug_taken': _taken, ...EDIT_REFUSALS } = FORM_REFUSALS;

/** Scheduling: the Council data first, then DEBATE_CREATE with the States presiding in the months it covers. */
const scheduling = {
  load: ['council'],
  ...guardedBy(DEBATE_CREATE, (request) => ({ presidingStates: presidingStates(request.loaded.council) })),
} as const;

export async function debateFormRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): Promise<void> {
  // -- Create ----------------------------------------------------------------------------------------------------
  function renderCreate(request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors, status = 200) {
    const actor = signedIn(request);
    const { council } = request.loaded;
    const body = html`<h1>New debate</h1>
<p>Everything the debate’s page and its announcement letter need. Times are typed as the clock in the debate’s time zone shows them.</p>
${debateForm({ mode: 'create', action: '/debates', csrf: reply.csrfToken(), values, errors, council })}`;
    return reply.html(page({ actor, title: 'New debate', body }), status);
  }

  app.get('/debates/new', { config: scheduling }, async (request, reply) => renderCreate(request, reply, blankFormValues(), {}));

  app.post('/debates', { config: scheduling }, async (request, reply) => {
    const actor = signedIn(request);
    const values = formValues(request.body);
    const { input, rows } = debateInputFromForm(values);
    const raw = { ...input, slug: values.slug?.trim() ?? '' };
    const parsed = createDebateInput.safeParse(raw);
    if (!parsed.success) return renderCreate(request, reply, values, debateFormErrors(parsed.error, rows, values), 400);
    const created = await formAttempt(
      () => request.command((trx, by) => createDebate(trx, deps.clock, { id: by.actor.id, label: by.label }, raw, schedulerOf(actor))),
      FORM_REFUSALS,
    );
    if (!created.ok) return renderCreate(request, reply, values, created.errors, created.status);
    return reply.redirect(`/debates/${created.value.slug}/desk?done=created`, 303);
  });

  // -- Edit ------------------------------------------------------------------------------------------------------
  function renderEdit(request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors, status = 200) {
    const actor = signedIn(request);
    const { debate, council } = request.loaded;
    const body = html`<p class="eyebrow"><a href="/debates/${debate.slug}/desk">Debate desk</a></p>
<h1>Edit the debate</h1>
${notice(noticeOf(request, notices))}
${debateForm({ mode: 'edit', action: `/debates/${debate.slug}/edit`, csrf: reply.csrfToken(), values, errors, council })}`;
    return reply.html(page({ actor, title: `Edit: ${debate.theme}`, body }), status);
  }

  app.get<{ Params: SlugParams }>('/debates/:slug/edit', { config: preparing, schema: { params: params.slug } }, async (request, reply) =>
    renderEdit(request, reply, formValuesOf(request.loaded.debate), {}),
  );

  app.post<{ Params: SlugParams }>(
    '/debates/:slug/edit',
    { config: preparing, schema: { params: params.slug } },
    async (request, reply) => {
      const actor = signedIn(request);
      const { debate } = request.loaded;
      const values = formValues(request.body);
      const { input, rows } = debateInputFromForm(values);
      const raw = { ...input, version: Number(values.version) };
      const parsed = updateDebateInput.safeParse(raw);
      if (!parsed.success) return renderEdit(request, reply, values, debateFormErrors(parsed.error, rows, values), 400);
      const saved = await formAttempt(
        () =>
          request.command((trx, by) =>
            updateDebate(trx, deps.clock, { id: by.actor.id, label: by.label }, debate.slug, raw, schedulerOf(actor)),
          ),
        EDIT_REFUSALS,
      );
      if (!saved.ok) return renderEdit(request, reply, values, saved.errors, saved.status);
      return reply.redirect(`/debates/${debate.slug}/desk?done=saved`, 303);
    },
  );
}
