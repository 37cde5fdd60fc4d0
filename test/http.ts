// A small browser for HTTP tests through inject(): it keeps cookies between requests, remembers the CSRF token of
// the pages it loads and fills it in when it posts a form, and can sign in (second step included).
//
//   const browser = formSession(app);
//   const page = await browser.get('/sign-in');                        // cookies kept, the form's _csrf remembered
//   const res = await browser.post('/sign-in', { email, password });   // _csrf sent with the fields
//   expect(res.headers.location).toBe('/');
//   await browser.post('/sign-out', {}, { csrf: false });              // no token: the app answers 403
//
//   // An account signed in at stage 'active' (a role that requires two-step verification enrols on the way):
//   const { browser, account } = await signedInAs(app, db, clock, { role: 'focal_point', mission: 'BRA' });
//
// The CSRF token is tied to the secret in the rostrum_csrf cookie, not to one form: a token from any page of the
// same browser is good for every form. post() reuses the last one seen; when it has none yet, it loads the page it
// posts to, then /sign-in, then /sign-out, to find one.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse as Response } from 'fastify';
import type { Clock } from '../src/kernel/clock.js';
import type { Database } from '../src/kernel/db/database.js';
import type { Role } from '../src/modules/identity/index.js';
import { totpAt } from '../src/modules/identity/totp.js';
import { addAccount, type SignInAccount } from './accounts.js';

export type { Response };

export interface FormSession {
  /** Cookies held, by name (raw values, signed ones included). */
  readonly cookies: Map<string, string>;
  /** The CSRF token last seen on a page, if any. */
  readonly csrfToken: string | undefined;
  /** The TOTP secrets this browser enrolled while signing in, by e-mail address (lower case). */
  readonly totpSecrets: Map<string, string>;
  /** The network address the requests come from. */
  readonly remoteAddress: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /**
   * Posts a form (application/x-www-form-urlencoded). `csrf`: true (default) fills in the known token, fetching
   * one if need be; false sends none; a string sends that one.
   */
  post(
    path: string,
    fields?: Record<string, string>,
    options?: { csrf?: boolean | string; headers?: Record<string, string> },
  ): Promise<Response>;
  /**
   * Posts a form with files (multipart/form-data) as the pages do: the CSRF token in the form's address, where the
   * server checks it before reading the body. `csrf` as for post().
   */
  postMultipart(
    path: string,
    fields?: Record<string, string>,
    files?: Record<string, { name: string; bytes: Uint8Array }>,
    options?: { csrf?: boolean | string },
  ): Promise<Response>;
  /** Follows a redirect answer with a GET, as a browser does after a 303. */
  follow(res: Response): Promise<Response>;
  /**
   * Signs in with the form, then gives the second step when asked: enrols (reading the secret off the page and
   * keeping it in totpSecrets) or gives the current code of `totpSecret` (or of the secret this browser enrolled).
   * The clock must be the app's: codes are computed at its time. A code works once per 30-second step, so advance
   * a fixed clock by 30 s between two sign-ins of the same account. Returns the last answer.
   */
  signIn(email: string, password: string, options?: { clock?: Clock; totpSecret?: string; next?: string }): Promise<Response>;
}

/** The value of a form input by name, from a page (the first one), or undefined. */
export function inputValue(body: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(body)?.[0];
  const value = tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
  return value
    ?.replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Every field a form on the page would send, as a browser sends it: inputs with their values (checkboxes only when
 * checked, no files), text areas, and the selected option of each select. The CSRF token is left out.
 */
export function formFields(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of body.match(/<input\b[^>]*>/g) ?? []) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
    if (!name || name === '_csrf' || type === 'file' || type === 'submit') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag)) continue;
    out[name] = unescapeHtml(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const m of body.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) out[m[1]!] = unescapeHtml(m[2]!);
  for (const m of body.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    out[m[1]!] = unescapeHtml(selected);
  }
  return out;
}

/** A multipart/form-data body as a browser sends it: text fields, then files by field name. */
export function multipartBody(
  fields: Record<string, string>,
  files: Record<string, { name: string; bytes: Uint8Array }> = {},
): { payload: Buffer; contentType: string } {
  const boundary = '----rostrum-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, f] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

let addresses = 0;

/**
 * A new browser. Each comes from its own network address (198.51.100.x, a documentation range) unless
 * `remoteAddress` is given, so failed sign-ins of one test do not count against another's address.
 */
export function formSession(app: FastifyInstance, options: { remoteAddress?: string } = {}): FormSession {
  addresses++;
  const remoteAddress = options.remoteAddress ?? `198.51.100.${addresses % 250}`;
  const cookies = new Map<string, string>();
  const totpSecrets = new Map<string, string>();
  let csrfToken: string | undefined;

  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  function keep(res: Response): Response {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const cleared =
        c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now() && c.maxAge === undefined);
      if (cleared) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    const token = typeof res.body === 'string' ? inputValue(res.body, '_csrf') : undefined;
    if (token) csrfToken = token;
    return res;
  }

  async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return keep(await app.inject({ method: 'GET', url: path, remoteAddress, headers: { cookie: cookieHeader(), ...headers } }));
  }

  async function ensureToken(path: string): Promise<string | undefined> {
    if (csrfToken) return csrfToken;
    for (const page of [path, '/sign-in', '/sign-out']) {
      await get(page);
      if (csrfToken) return csrfToken;
    }
    return undefined;
  }

  async function post(
    path: string,
    fields: Record<string, string> = {},
    options: { csrf?: boolean | string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const csrf = options.csrf ?? true;
    const token = typeof csrf === 'string' ? csrf : csrf ? await ensureToken(path) : undefined;
    const payload = new URLSearchParams({ ...fields, ...(token !== undefined ? { _csrf: token } : {}) }).toString();
    return keep(
      await app.inject({
        method: 'POST',
        url: path,
        remoteAddress,
        payload,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(), ...options.headers },
      }),
    );
  }

  async function postMultipart(
    path: string,
    fields: Record<string, string> = {},
    files: Record<string, { name: string; bytes: Uint8Array }> = {},
    options: { csrf?: boolean | string } = {},
  ): Promise<Response> {
    const csrf = options.csrf ?? true;
    const token = typeof csrf === 'string' ? csrf : csrf ? await ensureToken(path) : undefined;
    const url = token === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(token)}`;
    const { payload, contentType } = multipartBody(fields, files);
    return keep(
      await app.inject({ method: 'POST', url, remoteAddress, payload, headers: { 'content-type': contentType, cookie: cookieHeader() } }),
    );
  }

  async function follow(res: Response): Promise<Response> {
    const location = res.headers.location;
    if (typeof location !== 'string') throw new Error(`Not a redirect: ${res.statusCode}`);
    return get(location);
  }

  async function signIn(
    email: string,
    password: string,
    options: { clock?: Clock; totpSecret?: string; next?: string } = {},
  ): Promise<Response> {
    await get('/sign-in');
    let res = await post('/sign-in', { email, password, ...(options.next ? { next: options.next } : {}) });
    const location = String(res.headers.location ?? '');
    const now = () => (options.clock ?? { now: () => new Date() }).now();
    if (location.startsWith('/sign-in/enrol-mfa')) {
      const page = await get(location);
      const secret = /<p class="secret" id="secret">([A-Z2-7 ]+)<\/p>/.exec(page.body)?.[1]?.replace(/ /g, '');
      if (!secret) throw new Error('signIn: no secret on the enrolment page');
      totpSecrets.set(email.toLowerCase(), secret);
      res = await post('/sign-in/enrol-mfa', { code: totpAt(secret, now()), ...(options.next ? { next: options.next } : {}) });
    } else if (location.startsWith('/sign-in/mfa')) {
      const secret = options.totpSecret ?? totpSecrets.get(email.toLowerCase());
      if (!secret) throw new Error('signIn: the account asks for a code, and no TOTP secret is known for it');
      res = await post('/sign-in/mfa', { code: totpAt(secret, now()), ...(options.next ? { next: options.next } : {}) });
    }
    return res;
  }

  return {
    cookies,
    totpSecrets,
    remoteAddress,
    get csrfToken() {
      return csrfToken;
    },
    get,
    post,
    postMultipart,
    follow,
    signIn,
  };
}

/** A new account of that role, signed in to the end (enrolled in two-step verification when the role requires it). */
export async function signedInAs(
  app: FastifyInstance,
  db: Database,
  clock: Clock,
  o: { role: Role; mission?: string | null; email?: string; password?: string; modules?: Array<'statements' | 'presidency'> },
): Promise<{ browser: FormSession; account: SignInAccount }> {
  const { modules = [], ...spec } = o;
  const account = await addAccount(db, clock, spec);
  // Modules as the mission's focal point would have given them (sessions read grants at every request).
  for (const module of modules) {
    await db
      .insertInto('identity.module_grants')
      .values({
        id: randomUUID(),
        account_id: account.id,
        module,
        granted_at: clock.now(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
  }
  const browser = formSession(app);
  const res = await browser.signIn(account.email, account.password, { clock });
  if (res.statusCode !== 303 && res.statusCode !== 200) throw new Error(`signedInAs: signing in answered ${res.statusCode}`);
  return { browser, account };
}
