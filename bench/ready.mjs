// From the click to every format ready: how long an officer waits between asking for a document and being able to
// download it in all four formats (HTML, DOCX, PDF, Akoma Ntoso XML), over HTTP against `rostrum serve`, as in a
// browser. Two documents: the draft announcement letter (the desk's "Generate a draft letter") and a compilation of
// 20 written statements of about 500 words (the compilation page's "Build the compilation"). The time runs from
// sending the POST to the first answer of the page in which the new generation has every format made; the page is
// asked for every 100 ms (so the figures are +0 to 100 ms).
//
// Each engine (the embedded PGlite, then PostgreSQL) is measured in two modes on the same data, one server each:
// - baseline: JOBS_WAKE=false and SOFFICE_WARM=false, the job runner polling every JOBS_POLL_MS and LibreOffice
//   started afresh for each PDF, as Rostrum worked before the runner was woken by LISTEN/NOTIFY and LibreOffice kept
//   running;
// - now: the defaults.
// Each server signs in once, makes one draft letter unrecorded (the render worker, the converter), then alternates
// letter and compilation `--runs` times. Reported: the median and range, and now ÷ baseline.
// Run alone with `node bench/ready.mjs`, or through bench/run.mjs (`npm run bench -- --only ready`).
/* global fetch */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URLSearchParams } from 'node:url';
import pg from 'pg';
import { compilationStatementDocx } from './compilation-files.mjs';
import { makeTempDir, removeTempDir, rostrumEnv, spawnRostrum } from './lib/children.mjs';
import { freePort, waitForOk } from './lib/http.mjs';
import { build, readOptions } from './lib/options.mjs';
import { benchDatabaseUrl, dropBenchDatabase, recreateBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { formatOneDecimal, formatSummary, markdownTable, summarize } from './lib/stats.mjs';

const dist = (file) => new URL(`../dist/src/${file}`, import.meta.url).href;
const DATABASE = 'rostrum_bench_ready';
const SLUG = 'bench-ready';
const STATEMENTS = 20;
const PASSWORD = 'bench-ready-password-1';
const OFFICER = 'officer@bench.example.org';
const POLL_MS = 100;
const GIVE_UP_MS = 180_000;
const TARGET_SECONDS = 5;
const FORMATS = ['html', 'docx', 'pdf', 'xml'];
const NEW_YORK = 'America/New_York';

/** The two modes, each a server of its own: the settings that differ. */
export const MODES = {
  baseline: { label: 'Baseline (polling, LibreOffice started for each PDF)', env: { JOBS_WAKE: 'false', SOFFICE_WARM: 'false' } },
  now: { label: 'Now (woken by NOTIFY, LibreOffice kept running)', env: {} },
};

const log = (line) => console.error(line);

/** A debate that starts tomorrow at 10:00 in New York, with submissions open since an hour ago. */
function debateInput({ localDateTimeIn }) {
  const now = Date.now();
  const tomorrow = localDateTimeIn(new Date(now + 24 * 3600_000), NEW_YORK).slice(0, 10);
  return {
    slug: SLUG,
    body: 'security_council',
    agendaItem: 'Maintenance of international peace and security',
    theme: 'Safety and security of peacekeepers',
    startsAt: `${tomorrow}T10:00`,
    timeZone: NEW_YORK,
    format: 'in_person',
    presidingState: 'CHN',
    chairName: 'A. Chair',
    chairFunction: 'Permanent Representative of China to the United Nations',
    submissionsOpenAt: localDateTimeIn(new Date(now - 3600_000), NEW_YORK).slice(0, 16),
    wordGuidance: 500,
    briefers: [{ name: null, function: 'Under-Secretary-General for Peace Operations' }],
    conceptNote: {
      sections: [
        {
          heading: 'I. Background',
          paragraphs: [
            'Peacekeepers serve in ever more dangerous places.',
            'The Council has asked for better training, equipment and medical care.',
          ],
          questions: [],
        },
        {
          heading: 'II. Questions',
          paragraphs: ['Member States are invited to address the following questions.'],
          questions: ['How can training reflect the threats faced?', 'How can medical evacuation be made faster?'],
        },
      ],
    },
    guidanceNote: { paragraphs: ['Delegations may submit a written statement of about 500 words.'], steps: [] },
    contacts: [{ purpose: 'technical', unit: 'Help desk', email: 'help@example.org' }],
  };
}

/**
 * Fills an empty database with what the measurement needs, with the compiled modules, as the product writes it: the
 * schema and reference missions, the officer's account, the debate, and 20 delegations' statements, submitted and
 * accepted on the review desk.
 */
async function prepareData(target, secretKey) {
  const { openDatabase } = await import(dist('kernel/db/database.js'));
  const { migrateToLatest } = await import(dist('kernel/db/migrate.js'));
  const { systemClock: clock } = await import(dist('kernel/clock.js'));
  const { localDateTimeIn, formatDate } = await import(dist('kernel/dates.js'));
  const { loadSecrets } = await import(dist('kernel/secrets.js'));
  const { syncReferenceMissions } = await import(dist('modules/delegations/index.js'));
  const { createDebate, eligibleDelegations, findDebateBySlug } = await import(dist('modules/meetings/index.js'));
  const { createAccount } = await import(dist('modules/identity/index.js'));
  const { saveDraft, confirmSubmission } = await import(dist('modules/statements/index.js'));
  const { reviewStatement } = await import(dist('modules/statements/commands/review-statement.js'));
  const { readDocxContent, withoutImageBytes } = await import(dist('kernel/ooxml/content.js'));

  const open = await openDatabase(target);
  const { db } = open;
  try {
    await migrateToLatest(db);
    await syncReferenceMissions(db, clock);
    const setup = { id: null, label: 'benchmark set-up' };
    const officer = await db.transaction().execute((trx) =>
      createAccount(trx, clock, setup, {
        email: OFFICER,
        displayName: 'Benchmark Officer',
        role: 'secretariat',
        organisation: null,
        password: PASSWORD,
      }),
    );
    const officerActing = {
      actor: {
        kind: 'account',
        id: officer.id,
        role: 'secretariat',
        organisation: null,
        modules: [],
        via: { kind: 'session', sessionId: 'bench-set-up' },
      },
      label: 'Benchmark Officer',
    };
    await db
      .transaction()
      .execute((trx) => createDebate(trx, clock, { id: officer.id, label: 'Benchmark Officer' }, debateInput({ localDateTimeIn })));
    const debate = await findDebateBySlug(db, SLUG);
    const day = localDateTimeIn(debate.starts_at, debate.time_zone).slice(0, 10);
    const codes = eligibleDelegations(day, []).codes.slice(0, STATEMENTS);
    const missions = new Map(
      (await db.selectFrom('delegations.missions').select(['code', 'mission_name']).where('code', 'in', codes).execute()).map((m) => [
        m.code,
        m.mission_name,
      ]),
    );
    const { signing } = await loadSecrets(secretKey, '.');
    const settings = { signing, publicUrl: 'http://localhost' };
    for (const [index, code] of codes.entries()) {
      const now = clock.now();
      const delegateId = randomUUID();
      await db
        .insertInto('identity.accounts')
        .values({
          id: delegateId,
          email: `delegate-${code.toLowerCase()}@bench.example.org`,
          display_name: `Delegate of ${code}`,
          role: 'delegate',
          organisation: code,
          password_hash: null,
          password_changed_at: null,
          created_at: now,
          created_by: null,
          disabled_at: null,
        })
        .execute();
      const signatory = randomUUID();
      await db
        .insertInto('delegations.signatories')
        .values({
          id: signatory,
          mission: code,
          name: `Ambassador of ${code}`,
          title: 'Permanent Representative',
          from_date: '2020-01-01',
          to_date: null,
          created_at: now,
          created_by: null,
          removed_at: null,
        })
        .execute();
      const { bytes, words } = await compilationStatementDocx({
        index,
        missionName: missions.get(code) ?? code,
        theme: debate.theme,
        date: formatDate(debate.starts_at, debate.time_zone),
      });
      const content = withoutImageBytes(readDocxContent(bytes));
      const file = (name) => ({
        name,
        bytes,
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        check: { outcome: 'accept', size: bytes.length, words, kind: 'docx', warnings: [], content },
      });
      const by = {
        actor: {
          kind: 'account',
          id: delegateId,
          role: 'delegate',
          organisation: code,
          modules: ['statements'],
          via: { kind: 'session', sessionId: 'bench-set-up' },
        },
        label: `Delegate of ${code}`,
      };
      await db.transaction().execute((trx) =>
        saveDraft(trx, clock, by, {
          slug: SLUG,
          statement: file('statement.docx'),
          cover: file('cover-letter.docx'),
          choices: { signatoryId: signatory, originalLanguage: 'en' },
        }),
      );
      await db.transaction().execute((trx) => confirmSubmission(trx, clock, by, SLUG, settings));
      const { current_revision: revisionId } = await db
        .selectFrom('statements.submissions')
        .select('current_revision')
        .where('delegation', '=', code)
        .where('debate_id', '=', debate.id)
        .executeTakeFirstOrThrow();
      await db
        .transaction()
        .execute((trx) =>
          reviewStatement(
            trx,
            clock,
            officerActing,
            { slug: SLUG, delegation: code, revisionId, decision: 'accepted', reason: '' },
            { publicUrl: 'http://localhost' },
          ),
        );
    }
  } finally {
    await open.close();
  }
}

/** A browser: a cookie jar, no redirect followed on its own. */
class Browser {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
  }

  async send(method, urlPath, body) {
    const headers = { 'user-agent': 'rostrum-bench officer', accept: 'text/html' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.base}${urlPath}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return { status: response.status, location: response.headers.get('location'), text };
  }

  async page(urlPath) {
    const answer = await this.send('GET', urlPath);
    if (answer.status !== 200) throw new Error(`GET ${urlPath} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer.text;
  }

  async post(urlPath, fields, csrfFrom) {
    const csrf = /name="_csrf" value="([^"]*)"/.exec(csrfFrom)?.[1];
    if (!csrf) throw new Error(`no CSRF token on the page before POST ${urlPath}`);
    const answer = await this.send('POST', urlPath, new URLSearchParams({ _csrf: csrf.replace(/&amp;/g, '&'), ...fields }));
    if (answer.status !== 303)
      throw new Error(
        `POST ${urlPath} answered ${answer.status}: ${answer.text
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 400)}`,
      );
    return answer;
  }
}

/** Generation ids on a page with the extensions of the formats made (their download links). */
function madeFormats(html) {
  const made = new Map();
  for (const [, id, ext] of html.matchAll(/\/documents\/([0-9a-f-]{36})\/(html|docx|pdf|xml)\b/g)) {
    if (!made.has(id)) made.set(id, new Set());
    made.get(id).add(ext);
  }
  return made;
}

/**
 * Clicks (POSTs the form of `pagePath`), then reads the page every POLL_MS until a generation not complete before has
 * every format made. Resolves with the seconds from the click, and the generation's id.
 */
async function clickToReady(browser, pagePath, action, fields) {
  const before = await browser.page(pagePath);
  const complete = new Set([...madeFormats(before)].filter(([, made]) => made.size === FORMATS.length).map(([id]) => id));
  const start = performance.now();
  await browser.post(action, fields, before);
  const answered = (performance.now() - start) / 1000;
  for (;;) {
    const html = await browser.page(pagePath);
    const fresh = [...madeFormats(html)].find(([id, made]) => !complete.has(id) && made.size === FORMATS.length);
    if (fresh) return { seconds: (performance.now() - start) / 1000, answered, generationId: fresh[0] };
    if (/<strong class="error-text">failed<\/strong>/.test(html))
      throw new Error(
        `a format failed on ${pagePath}: ${html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 1500)}`,
      );
    if (performance.now() - start > GIVE_UP_MS)
      throw new Error(`not every format was ready ${GIVE_UP_MS / 1000} s after the click on ${pagePath}`);
    await sleep(POLL_MS);
  }
}

const DOCUMENTS = {
  letter: {
    label: 'Draft announcement letter',
    page: `/debates/${SLUG}/desk`,
    action: `/debates/${SLUG}/letter`,
    fields: { action: 'draft' },
  },
  compilation: {
    label: `Compilation of ${STATEMENTS} statements`,
    page: `/debates/${SLUG}/compilation/runs`,
    action: `/debates/${SLUG}/compilation/runs`,
    fields: { order: 'briefers, council, live, written' },
  },
};

/** Where the time went, from the database (PostgreSQL only: PGlite belongs to the server while it runs). */
async function breakdown(databaseUrl, generationId) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select g.requested_at, r.format, r.started_at, r.finished_at, r.duration_ms
         from documents.generations g join documents.renditions r on r.generation_id = g.id where g.id = $1`,
      [generationId],
    );
    const at = (format, column) => rows.find((r) => r.format === format)?.[column]?.getTime();
    const requested = rows[0]?.requested_at.getTime();
    const firstStart = Math.min(...['html', 'docx', 'akn'].map((f) => at(f, 'started_at')));
    return {
      waitRender: (firstStart - requested) / 1000,
      render: (Math.max(...['html', 'docx', 'akn'].map((f) => at(f, 'finished_at'))) - firstStart) / 1000,
      waitPdf: (at('pdf', 'started_at') - at('docx', 'finished_at')) / 1000,
      pdf: (at('pdf', 'finished_at') - at('pdf', 'started_at')) / 1000,
    };
  } finally {
    await client.end();
  }
}

/** Resident memory (VmRSS, MiB) of the LibreOffice (soffice.bin) kept running by the server `serverPid`, from /proc. */
function keptOfficeRssMiB(serverPid) {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      procs.set(Number(entry), {
        ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8'),
      });
    } catch {
      // gone between the listing and the read
    }
  }
  const fromServer = (pid) => {
    for (let p = procs.get(pid)?.ppid; p !== undefined && p > 1; p = procs.get(p)?.ppid) if (p === serverPid) return true;
    return false;
  };
  let kib = 0;
  for (const [pid, { cmdline }] of procs) {
    if (!cmdline.includes('soffice.bin') || !cmdline.includes('rostrum-office-') || !fromServer(pid)) continue;
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) kib += Number(match[1]);
  }
  return kib > 0 ? kib / 1024 : undefined;
}

/** One server in one mode: sign in, one unrecorded letter, then `runs` letters and compilations in turn. */
async function measureMode(engine, mode, env, options) {
  const port = await freePort();
  const server = spawnRostrum(
    await rostrumEnv({ ...env, ...MODES[mode].env, DEMO: 'false', MFA_REQUIRED_ROLES: 'helpdesk', PORT: String(port) }),
    20 * 60_000,
  );
  const results = { letter: [], compilation: [], answered: { letter: [], compilation: [] }, breakdown: { letter: [], compilation: [] } };
  try {
    await waitForOk(server, port, '/sign-in');
    const browser = new Browser(`http://127.0.0.1:${port}`);
    const signIn = await browser.page('/sign-in');
    const signedIn = await browser.post('/sign-in', { email: OFFICER, password: PASSWORD }, signIn);
    if (signedIn.location !== '/') throw new Error(`signing in led to ${signedIn.location}`);
    const warm = await clickToReady(browser, DOCUMENTS.letter.page, DOCUMENTS.letter.action, DOCUMENTS.letter.fields);
    log(`Ready: ${engine}, ${mode}: warm-up letter ${warm.seconds.toFixed(2)} s`);
    for (let run = 1; run <= options.runs; run++) {
      for (const name of ['letter', 'compilation']) {
        const d = DOCUMENTS[name];
        const { seconds, answered, generationId } = await clickToReady(browser, d.page, d.action, d.fields);
        results[name].push(seconds);
        results.answered[name].push(answered);
        if (env.DATABASE_URL) results.breakdown[name].push(await breakdown(env.DATABASE_URL, generationId));
        log(`Ready: ${engine}, ${mode}, run ${run}: ${name} ${seconds.toFixed(2)} s`);
      }
    }
    results.officeRssMiB = existsSync('/proc') ? keptOfficeRssMiB(server.pid) : undefined;
    return results;
  } catch (err) {
    throw new Error(`${engine}, ${mode}: ${err.message}\n${server.output()}`);
  } finally {
    await server.stop();
  }
}

async function measureEngine(engine, options) {
  const secretKey = randomBytes(32).toString('hex');
  const dataDir = await makeTempDir('rostrum-bench-ready-');
  let databaseUrl;
  try {
    log(`Ready: ${engine}: preparing the debate and ${STATEMENTS} accepted statements...`);
    if (engine === 'postgres') {
      await recreateBenchDatabase(options.postgresUrl, DATABASE);
      databaseUrl = benchDatabaseUrl(options.postgresUrl, DATABASE);
      await prepareData({ kind: 'postgres', url: databaseUrl, poolSize: 2 }, secretKey);
    } else {
      await prepareData({ kind: 'pglite', dataDir: path.join(dataDir, 'db') }, secretKey);
    }
    const env = { DATA_DIR: dataDir, SECRET_KEY: secretKey, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const modes = {};
    for (const mode of Object.keys(MODES)) modes[mode] = await measureMode(engine, mode, env, options);
    return modes;
  } finally {
    if (databaseUrl) await dropBenchDatabase(options.postgresUrl, DATABASE);
    await removeTempDir(dataDir);
  }
}

export async function measureReady(options) {
  const engines = { pglite: await measureEngine('pglite', options) };
  if (options.postgresUrl && (await serverVersion(options.postgresUrl))) engines.postgres = await measureEngine('postgres', options);
  else log('Ready: PostgreSQL not reachable; its rows are skipped.');
  return { runs: options.runs, engines };
}

const ENGINE_LABELS = { pglite: 'PGlite', postgres: 'PostgreSQL' };
const seconds = (n) => (n === undefined ? 'n/a' : n < 10 ? n.toFixed(2) : formatOneDecimal(n));

export function readySection(results) {
  const rows = [];
  for (const [engine, modes] of Object.entries(results.engines)) {
    for (const name of ['letter', 'compilation']) {
      const base = summarize(modes.baseline[name])?.median;
      const now = summarize(modes.now[name])?.median;
      rows.push([
        ENGINE_LABELS[engine],
        DOCUMENTS[name].label,
        formatSummary(modes.baseline[name], seconds),
        formatSummary(modes.now[name], seconds),
        base && now ? `${(now / base).toFixed(2)}×` : 'n/a',
        now === undefined ? 'n/a' : now < TARGET_SECONDS ? 'met' : 'not met',
      ]);
    }
  }
  const parts = [];
  for (const [engine, modes] of Object.entries(results.engines)) {
    for (const mode of Object.keys(MODES)) {
      for (const name of ['letter', 'compilation']) {
        const answered = seconds(summarize(modes[mode].answered[name])?.median);
        const b = modes[mode].breakdown[name];
        const median = (key) => seconds(summarize(b.map((x) => x[key]))?.median);
        const where =
          b.length === 0
            ? ''
            : `; then rendering began ${median('waitRender')} after the request was stored, HTML, DOCX and XML took ${median('render')}, ` +
              `the PDF began ${median('waitPdf')} after the DOCX was stored and took ${median('pdf')}`;
        parts.push(
          `- ${ENGINE_LABELS[engine]}, ${mode}, ${DOCUMENTS[name].label.toLowerCase()} (medians, s): the POST was answered in ` +
            `${answered}${where}.`,
        );
      }
    }
    const rss = modes.now.officeRssMiB;
    if (rss !== undefined)
      parts.push(
        `- ${ENGINE_LABELS[engine]}, now: the LibreOffice kept running held ${formatOneDecimal(rss)} MiB resident after the last ` +
          `conversion.`,
      );
  }
  return (
    `### From the click to every format ready

Seconds from the POST of the form (the desk's "Generate a draft letter"; the compilation page's "Build the compilation" with ` +
    `${STATEMENTS} accepted statements of about 500 words, one in ten in Arabic and one in ten in Chinese) to the first answer of the ` +
    `page, read every ${POLL_MS} ms, in which the new generation has all four formats made. Median of ${results.runs} runs, range in ` +
    `brackets; each server made one letter unrecorded first. Baseline: \`JOBS_WAKE=false SOFFICE_WARM=false\` (the runner polls every ` +
    `\`JOBS_POLL_MS\`, 500 ms, and LibreOffice starts for each PDF), measured in the same run on the same data.

${markdownTable(['Engine', 'Document', 'Baseline, s', 'Now, s', 'Now ÷ baseline', `Under ${TARGET_SECONDS} s`], rows)}

Where the time went: how long the POST took to answer (the request stored, and for the compilation the build's own work: freezing the ` +
    `inputs, composing the letter, the originals ZIP), and on PostgreSQL, from the rows' times, when rendering began, how long HTML, DOCX ` +
    `and XML took, and the PDF.

${parts.join('\n')}`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = readOptions();
  build();
  console.log(readySection(await measureReady(options)));
}
