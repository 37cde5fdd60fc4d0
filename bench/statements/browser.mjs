// A virtual delegate: what a browser sends for a written statement, over real HTTP (Node's fetch), with its own cookie
// jar and no redirect followed on its own (each redirect is checked). The journey:
//   GET  /sign-in                          the CSRF cookie and the form's token
//   POST /sign-in                          e-mail and password (form) -> 303 to /, the session cookie
//   GET  /debates/<slug>/statement         the form: its CSRF token and the signatory's option
//   POST /debates/<slug>/statement/draft   multipart: the statement .docx, the cover letter PDF and the choices -> 303 preview
//   POST /debates/<slug>/statement/confirm -> 303 to /debates/<slug>/statement/receipts/R-XXXX-XXXX-XXXX?done=received
// With `retry`, a failed step is tried again as a person would: after a pause, signing in again when the session is
// gone, uploading again when the upload failed, confirming again when the confirmation failed; a confirmation that
// finds the draft already used (the first one was committed, its answer lost) reads the receipt off the statement page.
// fetch and FormData are Node's own (undici), global from Node 18 on and importable from no built-in module.
/* global fetch, FormData */
import { File } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { URLSearchParams } from 'node:url';

export const KINDS = ['GET /sign-in', 'POST /sign-in', 'GET statement page', 'POST draft (upload)', 'POST confirm'];
const RECEIPT = /\/statement\/receipts\/(R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\?done=received$/;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** How long a retrying delegate keeps trying before giving up (the benchmark then reports the journey as failed). */
const GIVE_UP_MS = 90_000;

/**
 * Latencies by request kind, and what went wrong: counted by kind and by cause (an HTTP status, or the network error:
 * ECONNREFUSED while nothing listens, a reset or "other side closed" for a request in flight when the server died),
 * and described in full for the first few.
 */
export class Recorder {
  constructor() {
    this.latencies = new Map(KINDS.map((k) => [k, []]));
    this.failures = new Map(KINDS.map((k) => [k, 0]));
    this.causes = new Map();
    this.problems = [];
  }

  done(kind, ms) {
    this.latencies.get(kind).push(ms);
  }

  failed(kind, cause, description) {
    this.failures.set(kind, this.failures.get(kind) + 1);
    const key = `${cause} (\`${kind}\`)`;
    this.causes.set(key, (this.causes.get(key) ?? 0) + 1);
    if (this.problems.length < 20) this.problems.push(`${kind}: ${description}`);
  }
}

/** A step's answer was not what a working server sends. `sessionLost` when the server wants a new sign-in. */
class StepError extends Error {
  constructor(message, { sessionLost = false } = {}) {
    super(message);
    this.sessionLost = sessionLost;
  }
}

function decodeHtml(value) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The hidden inputs of a page's form (the CSRF token, `next`), as the browser sends them back. */
function hiddenFields(html) {
  const out = {};
  for (const tag of html.match(/<input\b[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name && !(name in out)) out[name] = decodeHtml(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  return out;
}

const excerpt = (text) =>
  text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);

/**
 * One browser: a cookie jar, and requests that record their latency under a kind. `address`: the network address it
 * comes from, as the reverse proxy the benchmark stands for says it (X-Forwarded-For; the server trusts 127.0.0.1).
 */
export class VirtualBrowser {
  constructor(base, recorder, address) {
    this.base = base;
    this.recorder = recorder;
    this.address = address;
    this.cookies = new Map();
  }

  keepCookies(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || (/^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]) <= Date.now()),
      );
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request; resolves with status, location and body text. A network failure is recorded and thrown. */
  async send(kind, method, path, body) {
    const headers = { 'user-agent': 'rostrum-bench virtual delegate', ...(this.address ? { 'x-forwarded-for': this.address } : {}) };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const startedAt = performance.now();
    let status;
    let location;
    let text;
    try {
      const response = await fetch(`${this.base}${path}`, { method, headers, body, redirect: 'manual' });
      text = await response.text();
      status = response.status;
      location = response.headers.get('location');
      this.keepCookies(response);
    } catch (err) {
      const cause = err.cause?.code ?? err.cause?.message ?? err.message;
      this.recorder.failed(kind, cause, `no answer (${cause})`);
      throw new StepError(`${method} ${path}: no answer (${cause})`);
    }
    this.recorder.done(kind, performance.now() - startedAt);
    return { status, location, text };
  }

  /** Records an unexpected answer and throws it as a StepError. */
  unexpected(kind, method, path, answer) {
    const sessionLost = answer.status === 401 || (answer.status === 303 && (answer.location ?? '').startsWith('/sign-in'));
    const description = `${answer.status}${answer.location ? ` -> ${answer.location}` : ''}: ${excerpt(answer.text)}`;
    this.recorder.failed(kind, `HTTP ${answer.status}`, description);
    throw new StepError(`${method} ${path} answered ${description}`, { sessionLost });
  }

  async signIn(email, password) {
    const page = await this.send(KINDS[0], 'GET', '/sign-in');
    if (page.status !== 200) this.unexpected(KINDS[0], 'GET', '/sign-in', page);
    const form = new URLSearchParams({ ...hiddenFields(page.text), email, password });
    const answer = await this.send(KINDS[1], 'POST', '/sign-in', form);
    if (answer.status !== 303 || answer.location !== '/') this.unexpected(KINDS[1], 'POST', '/sign-in', answer);
  }

  /** The statement page: its form's hidden fields and the signatory's option, checked against the one expected. */
  async statementForm(slug, signatoryId) {
    const path = `/debates/${slug}/statement`;
    const page = await this.send(KINDS[2], 'GET', path);
    if (page.status !== 200) this.unexpected(KINDS[2], 'GET', path, page);
    const select = /<select\b[^>]*\bname="signatoryId"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)?.[1] ?? '';
    if (!select.includes(`value="${signatoryId}"`))
      this.unexpected(KINDS[2], 'GET', path, { ...page, text: `the signatory ${signatoryId} is not offered: ${page.text}` });
    return hiddenFields(page.text);
  }

  /**
   * The form as the browser posts it: to the form's address, which carries its CSRF token (checked before the files
   * are read), with the fields in the page's order and the files with their names and types.
   */
  async upload(slug, hidden, delegate, files) {
    const path = `/debates/${slug}/statement/draft?_csrf=${encodeURIComponent(hidden._csrf ?? '')}`;
    const form = new FormData();
    for (const [name, value] of Object.entries(hidden)) form.append(name, value);
    form.append('statement', new File([files.statement], files.statementName, { type: DOCX_TYPE }));
    form.append('cover', new File([files.cover], files.coverName, { type: 'application/pdf' }));
    form.append('signatoryId', delegate.signatory.id);
    form.append('originalLanguage', 'en');
    form.append('onBehalfOf', '');
    form.append('groupMembers', '');
    const answer = await this.send(KINDS[3], 'POST', path, form);
    if (answer.status !== 303 || answer.location !== `/debates/${slug}/statement/preview`) this.unexpected(KINDS[3], 'POST', path, answer);
  }

  /** The receipt's reference; or `{ draftUsed: true }` when the server says the draft is gone (already confirmed). */
  async confirm(slug, hidden) {
    const path = `/debates/${slug}/statement/confirm`;
    const answer = await this.send(KINDS[4], 'POST', path, new URLSearchParams({ _csrf: hidden._csrf ?? '' }));
    const reference = answer.status === 303 ? RECEIPT.exec(answer.location ?? '')?.[1] : undefined;
    if (reference) return { reference };
    if (answer.status === 400 && answer.text.includes('The submission is not complete')) return { draftUsed: true };
    return this.unexpected(KINDS[4], 'POST', path, answer);
  }

  /** The current receipt as the statement page shows it ("... was received on ...: Receipt R-..."), if any. */
  async currentReceipt(slug) {
    const path = `/debates/${slug}/statement`;
    const page = await this.send(KINDS[2], 'GET', path);
    if (page.status !== 200) this.unexpected(KINDS[2], 'GET', path, page);
    return /<strong>received<\/strong>[\s\S]*?Receipt <a href="[^"]*\/receipts\/(R-[0-9A-Z-]{14})">/.exec(page.text)?.[1];
  }
}

/**
 * One delegate's journey. Resolves with { reference, ms, retried, failedSteps, recovered, uploads, sessionsLost } or,
 * when it cannot finish (without `retry`, at the first failure), { error }.
 */
export async function journey({ base, slug, password, recorder, retry }, delegate, files) {
  // Every mission from a network of its own, as on deadline day.
  const browser = new VirtualBrowser(base, recorder, delegate.address);
  const startedAt = performance.now();
  let step = 'sign-in';
  let hidden;
  let failedSteps = 0;
  let recovered = false;
  let uploads = 0;
  let sessionsLost = 0;
  const outcome = (reference) => ({
    reference,
    ms: performance.now() - startedAt,
    retried: failedSteps > 0 || recovered,
    failedSteps,
    recovered,
    uploads,
    sessionsLost,
  });
  for (;;) {
    try {
      if (step === 'sign-in') {
        await browser.signIn(delegate.email, password);
        step = 'page';
      }
      if (step === 'page') {
        hidden = await browser.statementForm(slug, delegate.signatory.id);
        step = 'upload';
      }
      if (step === 'upload') {
        uploads++;
        await browser.upload(slug, hidden, delegate, files);
        step = 'confirm';
      }
      if (step === 'confirm') {
        const result = await browser.confirm(slug, hidden);
        if (result.reference) return outcome(result.reference);
        // The draft was used by an earlier confirmation whose answer was lost: its receipt is on the statement page.
        if (!retry) throw new StepError('POST confirm: the draft was already used');
        step = 'read receipt';
      }
      if (step === 'read receipt') {
        const reference = await browser.currentReceipt(slug);
        if (reference) {
          recovered = true;
          return outcome(reference);
        }
        step = 'page'; // nothing was received after all: upload again
      }
    } catch (err) {
      if (!(err instanceof StepError)) throw err;
      if (!retry || performance.now() - startedAt > GIVE_UP_MS)
        return { error: err.message, ms: performance.now() - startedAt, failedSteps };
      failedSteps++;
      if (err.sessionLost) {
        sessionsLost++;
        step = 'sign-in';
      } else if (step === 'upload') step = 'page'; // reload the page, choose the files again
      // A person takes a moment before trying again; the jitter keeps 50 of them from all retrying in step.
      await sleep(250 + Math.random() * 500);
    }
  }
}
