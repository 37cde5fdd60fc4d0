// The outbox's pages: the list of messages (newest first) and one message, its text shown as written with each web
// address made a link. Everything a message holds is escaped: a name or subject with markup in it stays text, and
// only http(s) addresses become links.
import type { Actor } from '../kernel/authz.js';
import { formatDate, formatTimeInZone } from '../kernel/dates.js';
import type { MailRow } from '../kernel/mail/index.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { dataTable } from './tables.js';

// Times as at the duty station, like every date Rostrum states.
const ZONE = 'America/New_York';

function at(when: Date): SafeHtml {
  return html`<time datetime="${when.toISOString()}">${formatDate(when, ZONE)}, ${formatTimeInZone(when, ZONE)}</time>`;
}

const INTRO = html`<p>This installation has no mail server (<code>SMTP_URL</code> is not set), so the e-mails Rostrum sends are kept here, in the installation’s outbox, instead of being delivered. Pass each one on to the person it is addressed to: its links (an invitation, a sign-in or password link) work for whoever opens them.</p>`;

export function outboxListPage(actor: Actor, o: { smtp: boolean; mails: readonly MailRow[]; more: boolean; older: boolean }): SafeHtml {
  const title = 'Outbox';
  if (o.smtp) {
    return page({
      actor,
      title,
      body: html`<h1>${title}</h1><p>This installation sends its e-mails through its mail server (SMTP): each message goes to the people it is addressed to, and none is kept here to read.</p>`,
    });
  }
  const last = o.mails.at(-1);
  const body = html`<h1>${title}</h1>
${INTRO}
${
  o.mails.length === 0
    ? html`<p>${o.older ? 'There are no older messages.' : 'No e-mail has been sent yet.'}</p>`
    : dataTable({
        caption: o.older ? 'Older messages, newest first' : 'Messages, newest first',
        columns: ['Subject', 'To', 'Time'],
        rows: o.mails.map((m) => [
          html`<a href="/outbox/${m.id}">${m.subject}</a>`,
          m.recipients.join(', '),
          m.sent_at ? at(m.sent_at) : html`${at(m.created_at)} (waiting)`,
        ]),
        rowHeader: true,
      })
}
<p>${o.more && last ? html`<a href="/outbox?before=${last.id}">Older messages</a>` : ''}${
    o.older ? html`${o.more ? ' · ' : ''}<a href="/outbox">Newest messages</a>` : ''
  }</p>`;
  return page({ actor, title, body });
}

const WEB_ADDRESS = /https?:\/\/[^\s<>"']+/g;

/** One line of a message, each web address a link (without the full stop or bracket that may end a sentence). */
function withLinks(line: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let from = 0;
  for (const match of line.matchAll(WEB_ADDRESS)) {
    const address = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index;
    parts.push(html`${line.slice(from, start)}<a href="${address}">${address}</a>`);
    from = start + address.length;
  }
  parts.push(html`${line.slice(from)}`);
  return html`${parts}`;
}

/** The text as written: paragraphs at blank lines, line breaks kept inside them. */
function messageText(text: string): SafeHtml {
  const paragraphs = text.split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== '');
  return html`${paragraphs.map(
    (p) => html`<p>${p.split(/\r?\n/).map((line, i) => html`${i > 0 ? html`<br>` : ''}${withLinks(line)}`)}</p>`,
  )}`;
}

export function outboxMessagePage(actor: Actor, mail: MailRow): SafeHtml {
  const body = html`<p class="eyebrow"><a href="/outbox">Outbox</a> · message ${mail.id}</p>
<h1>${mail.subject}</h1>
<dl class="facts">
  <dt>To</dt><dd>${mail.recipients.join(', ')}</dd>
  <dt>Written</dt><dd>${at(mail.created_at)}</dd>
  <dt>In the outbox</dt><dd>${mail.sent_at ? at(mail.sent_at) : 'Not yet: waiting for its turn to be delivered.'}</dd>
</dl>
<div class="mail-text">${messageText(mail.text_body)}</div>
<p><a href="/outbox">Back to the outbox</a></p>`;
  return page({ actor, title: `${mail.subject} · Outbox`, body });
}
