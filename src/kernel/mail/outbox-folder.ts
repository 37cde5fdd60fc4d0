// The outbox as files: when no SMTP server is configured, each message the 'mail.send' job delivers to the outbox is
// also written to DATA_DIR/outbox/<id>.json. The embedded database can be opened by one process at a time, and the
// running server holds it; these files let `rostrum outbox` show the mail beside a running server without opening
// the database and without any new way in over the network (whoever may read the data folder, which holds the
// installation's secret key, may read its mail). The folder keeps the newest OUTBOX_FILES_KEPT messages.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailRow } from './mailer.js';

export const OUTBOX_FILES_KEPT = 500;

/** What a file holds: the message as stored, with its times as ISO 8601 text. */
interface OutboxFile {
  id: number;
  recipients: string[];
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: string;
  sent_at: string;
}

/** Writes the delivered message (readable by its owner only) and removes the one OUTBOX_FILES_KEPT older. */
export async function writeOutboxFile(folder: string, mail: MailRow, sentAt: Date): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const file: OutboxFile = {
    id: mail.id,
    recipients: mail.recipients,
    subject: mail.subject,
    text_body: mail.text_body,
    html_body: mail.html_body,
    created_at: mail.created_at.toISOString(),
    sent_at: sentAt.toISOString(),
  };
  // Written aside and renamed into place: a reader never sees half a message.
  const target = path.join(folder, `${mail.id}.json`);
  await writeFile(`${target}.tmp`, JSON.stringify(file), { mode: 0o600 });
  await rename(`${target}.tmp`, target);
  await rm(path.join(folder, `${mail.id - OUTBOX_FILES_KEPT}.json`), { force: true });
}

/** The newest `limit` messages in the folder, newest first, as rows; none when there is no folder yet. */
export async function readOutboxFolder(folder: string, options: { limit: number }): Promise<MailRow[]> {
  const names = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const ids = names
    .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => b - a)
    .slice(0, options.limit);
  const rows: MailRow[] = [];
  for (const id of ids) {
    // A file removed meanwhile (the oldest, as a new one arrives) is skipped.
    const text = await readFile(path.join(folder, `${id}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      const f = JSON.parse(text) as OutboxFile;
      rows.push({
        id: f.id,
        recipients: f.recipients,
        subject: f.subject,
        text_body: f.text_body,
        html_body: f.html_body,
        transport: 'outbox',
        message_id: null,
        created_at: new Date(f.created_at),
        sent_at: new Date(f.sent_at),
      });
    } catch {
      continue;
    }
  }
  return rows;
}
