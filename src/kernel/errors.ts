// The error catalogue. Code throws only AppError with a code from this list; one boundary (src/web/errors.ts
// for HTTP, src/cli/main.ts for commands) turns it into a page or a message. Anything else is a defect:
// it is logged and the user sees the generic `internal` message, never the internals.

export interface ErrorSpec {
  /** HTTP status when the error reaches the web boundary. */
  status: number;
  /** What the user is told: what happened and what to do. */
  message: string;
  /** Whether the error is a defect worth an operator's attention (logged at error level). */
  reportable: boolean;
}

export const errorCatalogue = {
  internal: {
    status: 500,
    message: 'Something went wrong on our side. Nothing you entered was lost; please try again in a minute. If it keeps happening, contact the help desk.',
    reportable: true,
  },
  'http.not_found': { status: 404, message: 'There is no page at this address. Check the link, or start from the list of debates.', reportable: false },
  'http.bad_request': { status: 400, message: 'The request could not be understood. Reload the page and try again.', reportable: false },
  'http.too_many_requests': { status: 429, message: 'Too many requests from your address. Wait a minute, then try again.', reportable: false },
  'http.payload_too_large': { status: 413, message: 'What you sent is larger than this form accepts.', reportable: false },
  'http.csrf': {
    status: 403,
    message: 'This form has expired or was not sent from Rostrum, so nothing was saved. Reload the page and submit it again.',
    reportable: false,
  },
  'auth.forbidden': { status: 403, message: 'You do not have access to this page. If you think you should, ask your mission’s access focal point.', reportable: false },
  'auth.unauthenticated': { status: 401, message: 'Please sign in to continue.', reportable: false },
  'config.invalid': { status: 500, message: 'The configuration is not valid.', reportable: false },
  'config.database_unreachable': {
    status: 503,
    message: 'The database cannot be reached. Check DATABASE_URL (host, port, database name, credentials) and that PostgreSQL is running, or unset DATABASE_URL to use the embedded database.',
    reportable: false,
  },
  'config.data_dir_unwritable': {
    status: 500,
    message: 'The data folder cannot be created or written to. Set DATA_DIR to a folder this user may write, or fix its permissions.',
    reportable: false,
  },
  'config.port_in_use': {
    status: 500,
    message: 'The port is already in use by another program. Stop that program or set PORT to a free port.',
    reportable: false,
  },
  'config.secret_key_damaged': {
    status: 500,
    message: 'The secret key file is damaged. Restore it from a backup, or set SECRET_KEY to the installation’s key.',
    reportable: false,
  },
  'config.data_dir_locked': {
    status: 500,
    message: 'Another Rostrum process is already using this data folder. Stop it first, or set DATA_DIR to another folder.',
    reportable: false,
  },
  'debate.not_found': { status: 404, message: 'There is no debate at this address. It may have been removed; see the list of debates.', reportable: false },
  'job.unknown_kind': { status: 500, message: 'A background task of an unknown kind was queued.', reportable: true },
  'blob.not_found': { status: 404, message: 'The file is not available.', reportable: false },
  'job.invalid_payload': { status: 500, message: 'A background task was queued with data it cannot use.', reportable: true },
  'audit.invalid_data': { status: 500, message: 'The change could not be recorded in the audit log, so it was not saved.', reportable: true },
  'mail.invalid': { status: 500, message: 'An e-mail could not be prepared, so the change was not saved.', reportable: true },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Context for operators and logs; never shown on a web page. */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, options: { detail?: string; cause?: unknown } = {}) {
    const spec: ErrorSpec = errorCatalogue[code];
    super(spec.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.detail = options.detail;
  }

  get spec(): ErrorSpec {
    return errorCatalogue[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
