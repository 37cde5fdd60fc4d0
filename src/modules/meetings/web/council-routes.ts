// The Secretariat's Council page (/council) and its one form (/council/years), which adds the next year in two steps:
// "propose" checks the five elected members and shows the twelve presidencies the rotation gives; "save" writes the
// year (one transaction, audited) and redirects; "change" goes back to the elected members. Nothing is written before
// "save"; a refused save shows the page again with what was typed and what is wrong.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { isAppError } from '../../../kernel/errors.js';
import { formValues, type FieldErrors } from '../../../web/forms.js';
import { noticeOf } from '../../../web/route-kit.js';
import { signedIn } from '../../../web/session.js';
import { actingAs } from '../../identity/index.js';
import { addCouncilYear } from '../commands/add-council-year.js';
import { councilYearRecords, loadCouncil } from '../db.js';
import { councilYearProblems, electedField, ELECTED_EACH_YEAR, presidencyField, proposedPresidencies } from '../domain/council-year.js';
import type { CouncilData } from '../domain/council.js';
import { COUNCIL_MANAGE } from '../policies.js';
import { councilPage, type AddYearForm } from './council-page.js';

const notices = { added: 'The year was added. Debates can now be scheduled in its months.' } as const;

/** The refusals of the command shown at the top of the page: the year is no longer the one to add. */
const YEAR_REFUSALS = ['council.year_exists', 'council.year_not_next', 'council.year_invalid'];

export async function councilRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): Promise<void> {
  async function show(request: FastifyRequest, reply: FastifyReply, council: CouncilData, add: AddYearForm, status = 200) {
    const markup = councilPage({
      actor: signedIn(request),
      council,
      records: await councilYearRecords(deps.db),
      csrf: reply.csrfToken(),
      notice: noticeOf(request, notices),
      add,
    });
    return reply.html(markup, status);
  }

  app.get('/council', { config: { policy: COUNCIL_MANAGE } }, async (request, reply) => {
    return show(request, reply, await loadCouncil(deps.db), { step: 'elected', values: {}, errors: {} });
  });

  app.post('/council/years', { config: { policy: COUNCIL_MANAGE } }, async (request, reply) => {
    const values = formValues(request.body);
    const council = await loadCouncil(deps.db);
    const year = Number(values.year);
    const elected = Array.from({ length: ELECTED_EACH_YEAR }, (_, i) => (values[electedField(i + 1)] ?? '').trim().toUpperCase());
    const back = (errors: FieldErrors, status: number) => show(request, reply, council, { step: 'elected', values, errors }, status);

    if (values.action === 'change') return back({}, 200);
    if (values.action !== 'save') {
      const problems = councilYearProblems(council, { year, elected, presidencies: [] });
      if (Object.keys(problems).length > 0) return back(problems, problems.year ? 409 : 400);
      const proposal = proposedPresidencies(council, year, elected);
      const proposed = Object.fromEntries(proposal.map((iso3, i) => [presidencyField(i + 1), iso3]));
      return show(request, reply, council, { step: 'presidencies', values: { ...values, ...proposed }, errors: {} });
    }

    const presidencies = Array.from({ length: 12 }, (_, i) => (values[presidencyField(i + 1)] ?? '').trim().toUpperCase());
    // A year that is no longer the one to add (another officer saved it meanwhile) is the command's to refuse, with the
    // catalogued message; the fields' problems are shown on the fields.
    const { year: yearProblem, ...problems } = councilYearProblems(council, { year, elected, presidencies });
    if (yearProblem === undefined && Object.keys(problems).length > 0) {
      const electedWrong = Object.keys(problems).some((f) => f.startsWith('elected_'));
      return show(request, reply, council, { step: electedWrong ? 'elected' : 'presidencies', values, errors: problems }, 400);
    }
    try {
      await deps.db
        .transaction()
        .execute(async (trx) => addCouncilYear(trx, deps.clock, await actingAs(trx, signedIn(request)), { year, elected, presidencies }));
    } catch (err) {
      // Another officer saved a year meanwhile: the page shows the data as it now is, and says why nothing was saved.
      if (isAppError(err) && YEAR_REFUSALS.includes(err.code))
        return show(request, reply, await loadCouncil(deps.db), { step: 'elected', values: {}, errors: { year: err.message } }, err.status);
      throw err;
    }
    return reply.redirect(`/council?done=added#year-${year}`, 303);
  });
}
