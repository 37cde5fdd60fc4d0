// Who may submit to a debate beyond the default (the Secretariat adds or removes a delegation or entity), and late
// submissions (the Secretariat allows one delegation to submit late, or withdraws it). Each form goes back to the
// desk (303) with a notice; a refused one shows the desk again with the problem on its field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { formValues, type FieldErrors } from '../../../web/forms.js';
import { formAttempt, params, type SlugCodeParams, type SlugParams } from '../../../web/route-kit.js';
import { addEligibleEntity, removeEligibleEntity } from '../commands/eligible-entities.js';
import { grantLateSubmission, grantLateSubmissionInput } from '../commands/grant-late-submission.js';
import { revokeLateSubmission } from '../commands/revoke-late-submission.js';
import { DEBATE_GRANT_LATE, DEBATE_MANAGE_ELIGIBILITY } from '../policies.js';
import { back, deskModel } from './desk-model.js';
import { deskPage, type DeskModel } from './desk-page.js';

/** Refusals of a late grant shown on the form, on the field to correct. */
const LATE_REFUSALS = {
  'input.time_does_not_exist': 'until',
  'late_grant.until_not_after_deadline': 'until',
  'late_grant.until_passed': 'until',
  'late_grant.already_granted': 'delegation',
  'mission.not_found': 'delegation',
} as const;

export async function eligibilityRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock; publicUrl: string }): Promise<void> {
  /** The desk again, with a refused form's problems. */
  const rerender = async (request: FastifyRequest, reply: FastifyReply, extra: Partial<DeskModel>, status: number) =>
    reply.html(deskPage(await deskModel(deps.db, request, reply, extra)), status);

  // -- Who may submit ----------------------------------------------------------------------------------------------
  const eligibility = { policy: DEBATE_MANAGE_ELIGIBILITY, load: ['debate', 'council'] } as const;

  app.post<{ Params: SlugParams }>(
    '/debates/:slug/eligible',
    { config: eligibility, schema: { params: params.slug } },
    async (request, reply) => {
      const { debate } = request.loaded;
      const mission = formValues(request.body).mission ?? '';
      const added = await formAttempt(
        () =>
          request.command((trx, by) =>
            addEligibleEntity(trx, deps.clock, { id: by.actor.id, label: by.label }, { slug: debate.slug, mission }),
          ),
        { 'input.invalid': 'mission', 'mission.not_found': 'mission', 'entity.already_eligible': 'mission' },
        (err) => (err.code === 'input.invalid' ? 'Choose a delegation or entity from the list.' : err.message),
      );
      if (!added.ok) return rerender(request, reply, { entityErrors: added.errors }, added.status);
      return reply.redirect(back(debate.slug, 'entity_added', 'eligibility-heading'), 303);
    },
  );

  app.post<{ Params: SlugCodeParams }>(
    '/debates/:slug/eligible/:code/remove',
    { config: { policy: DEBATE_MANAGE_ELIGIBILITY, load: ['debate'] }, schema: { params: params.slugCode } },
    async (request, reply) => {
      const { debate } = request.loaded;
      await request.command((trx, by) =>
        removeEligibleEntity(trx, deps.clock, { id: by.actor.id, label: by.label }, { slug: debate.slug, mission: request.params.code }),
      );
      return reply.redirect(back(debate.slug, 'entity_removed', 'eligibility-heading'), 303);
    },
  );

  // -- Late submissions ----------------------------------------------------------------------------------------------
  app.post<{ Params: SlugParams }>(
    '/debates/:slug/late-grants',
    { config: { policy: DEBATE_GRANT_LATE, load: ['debate', 'council'] }, schema: { params: params.slug } },
    async (request, reply) => {
      const { debate } = request.loaded;
      const values = formValues(request.body);
      const raw = { debate: debate.slug, delegation: values.delegation ?? '', until: values.until ?? '', reason: values.reason ?? '' };
      const parsed = grantLateSubmissionInput.safeParse(raw);
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
        return rerender(request, reply, { late: { values, errors } }, 400);
      }
      const granted = await formAttempt(
        () => request.command((trx, by) => grantLateSubmission(trx, deps.clock, by, raw, { publicUrl: deps.publicUrl })),
        LATE_REFUSALS,
        (err) => (err.code === 'input.time_does_not_exist' ? (err.detail?.replace(/^until: /, '') ?? err.message) : err.message),
      );
      if (!granted.ok) return rerender(request, reply, { late: { values, errors: granted.errors } }, granted.status);
      return reply.redirect(back(debate.slug, 'late_granted', 'late-heading'), 303);
    },
  );

  app.post<{ Params: SlugCodeParams }>(
    '/debates/:slug/late-grants/:code/revoke',
    { config: { policy: DEBATE_GRANT_LATE, load: ['debate'] }, schema: { params: params.slugCode } },
    async (request, reply) => {
      const { debate } = request.loaded;
      await request.command((trx, by) =>
        revokeLateSubmission(trx, deps.clock, by, { debate: debate.slug, delegation: request.params.code }),
      );
      return reply.redirect(back(debate.slug, 'late_revoked', 'late-heading'), 303);
    },
  );
}
