// The job that tells the missions a compilation was issued (see ./notifications.ts for whom, and why a job): it reads
// the issued run, numbers its written statements' annexes as the issued letter does, finds the recipients and queues
// their mails in batches, each person once per issued run.
import { formatDateWithWeekday } from '../../kernel/dates.js';
import { defineJob, type JobDefinition } from '../../kernel/jobs/registry.js';
import { queueNotificationsInBatches } from '../../kernel/mail/index.js';
import { allMissions } from '../delegations/index.js';
import { formatSymbol, parentOf, parseSymbol, type RenditionFormat, FILE_EXTENSIONS, FORMAT_LABELS } from '../documents/index.js';
import { notificationRecipients } from '../identity/index.js';
import { findDebateById } from '../meetings/index.js';
import { revisionAuthors } from '../statements/index.js';
import { namesOf } from './commands/compile.js';
import { findRunById, type RunRow } from './db.js';
import { writtenAnnexNumbers } from './domain/compilation-letter.js';
import { compilationIssuedMail, type IssuedCompilation } from './mails.js';
import { NOTIFY_COMPILATION_ISSUED, notifyIssuedPayload, type NotifyIssuedPayload } from './notifications.js';

/** The annex number of each written statement the run encloses, by mission code, as the issued letter numbers them. */
export async function annexNumbersOf(db: Parameters<typeof namesOf>[0], run: Pick<RunRow, 'inputs'>): Promise<Map<string, number>> {
  const inputs = run.inputs;
  const named = async (code: string) => ({ code, sortKey: (await namesOf(db, code)).names.sortKey });
  const council = [];
  for (const s of inputs.council ?? []) council.push(await named(s.delegation ?? ''));
  const written = [];
  for (const w of inputs.written) written.push(await named(w.delegation));
  return writtenAnnexNumbers({
    order: inputs.order,
    briefers: (inputs.briefers ?? []).length,
    council,
    live: (inputs.live ?? []).length,
    written,
  });
}

/** The formats a mail links to, in the order readers most often want them. */
const MAILED_FORMATS: readonly RenditionFormat[] = ['pdf', 'docx', 'html', 'akn'];

/** The public addresses of an issued run's files: the original's, or a corrigendum's by its number. */
function filesOf(base: string, symbol: string, corrigendum: boolean): IssuedCompilation['files'] {
  const parsed = parseSymbol(symbol);
  const number = parsed.ok ? (parsed.value.suffixes.at(-1)?.number ?? 0) : 0;
  const path = corrigendum ? `${base}/corrigenda/${number}` : base;
  return MAILED_FORMATS.map((format) => ({ label: FORMAT_LABELS[format], url: `${path}.${FILE_EXTENSIONS[format]}` }));
}

export function notifyCompilationIssuedJob(settings: { publicUrl: string }): JobDefinition<NotifyIssuedPayload> {
  return defineJob({
    kind: NOTIFY_COMPILATION_ISSUED,
    payload: notifyIssuedPayload,
    maxAttempts: 5,
    async handler({ debateId, runId, symbol }, ctx) {
      const run = await findRunById(ctx.db, runId);
      const debate = await findDebateById(ctx.db, debateId);
      // Issued runs never change: a run without this symbol was not issued by the transaction that queued the job.
      if (!run || !debate || run.symbol !== symbol || run.inputs.written.length === 0) return;
      const missions = run.inputs.written.map((w) => w.delegation);
      const numbers = await annexNumbersOf(ctx.db, run);
      const authors = await revisionAuthors(
        ctx.db,
        run.inputs.written.map((w) => w.revisionId),
      );
      // An account belongs to one mission, so the authors of every statement can be asked for at once: each is found
      // under their own mission only (and an officer who entered a statement on a mission's behalf under none).
      const recipients = await notificationRecipients(ctx.db, 'compilation_issued', missions, {
        focalPoints: true,
        accounts: [...authors.values()],
      });
      if (recipients.length === 0) return;
      const corrigendum = run.corrects !== null;
      const parsed = parseSymbol(symbol);
      const parent = parsed.ok ? parentOf(parsed.value) : null;
      const pageUrl = `${settings.publicUrl}/debates/${debate.slug}/compilation`;
      const compilation: IssuedCompilation = {
        symbol,
        corrects: corrigendum && parent ? formatSymbol(parent) : null,
        debate: { theme: debate.theme, meetingDay: formatDateWithWeekday(debate.starts_at, debate.time_zone) },
        pageUrl,
        files: filesOf(pageUrl, symbol, corrigendum),
      };
      const names = new Map((await allMissions(ctx.db)).map((m) => [m.code, m.mission_name]));
      const queued = await queueNotificationsInBatches(
        ctx.db,
        ctx.clock,
        recipients.flatMap((r) => {
          const annex = numbers.get(r.mission);
          if (annex === undefined) return [];
          const mail = compilationIssuedMail({
            to: r.email,
            name: r.name,
            missionName: names.get(r.mission) ?? r.mission,
            annex,
            statementUrl: `${settings.publicUrl}/debates/${debate.slug}/statements/${r.mission}`,
            compilation,
          });
          return [{ event: `compilation.issued:${run.id}`, accountId: r.accountId, mail }];
        }),
      );
      ctx.log.info({ debateId, runId, symbol, recipients: recipients.length, queued }, 'compilation: the issue was notified');
    },
  });
}
