// The e-mails the meetings module sends, in one place so they can be translated: the deadline reminder, a late
// submission allowed, the announcement letter issued. Plain text built from the debate's data; times are stated as the
// debate's pages state them, in its zone ("11.59 p.m. New York time (UTC−4)"); links are absolute (PUBLIC_URL + path)
// because they are read outside the site.
import { formatDateWithWeekday, formatTimeInZone } from '../../kernel/dates.js';
import type { OutgoingMail } from '../../kernel/mail/index.js';

/** "Monday, 24 May 2021, 11.59 p.m. New York time (UTC−4)" */
export function stateInstant(at: Date, timeZone: string): string {
  return `${formatDateWithWeekday(at, timeZone)}, ${formatTimeInZone(at, timeZone)}`;
}

/** The debate as a mail names it, and where its pages are. */
export interface DebateFacts {
  theme: string;
  startsAt: Date;
  timeZone: string;
  /** The debate's public page: `${publicUrl}/debates/${slug}`. */
  url: string;
}

const meetingDay = (d: DebateFacts) => formatDateWithWeekday(d.startsAt, d.timeZone);

export function reminderMail(m: {
  to: string[];
  missionName: string;
  theme: string;
  meetingDay: string;
  deadline: string;
  url: string;
}): OutgoingMail {
  return {
    to: m.to,
    subject: `Reminder: written statements for the open debate of ${m.meetingDay} are due by ${m.deadline}`,
    text: [
      'Dear access focal point,',
      '',
      `The ${m.missionName} has not yet submitted a written statement for the Security Council open debate on the theme “${m.theme}”, ` +
        `held on ${m.meetingDay}.`,
      '',
      `Statements are due by ${m.deadline}. The debate's page states the rules and the deadline:`,
      m.url,
      '',
      'If your mission does not intend to submit a statement, no action is needed. Delegates who should submit need access to ' +
        'statements, which you give from your mission page in Rostrum.',
    ].join('\n'),
  };
}

/** To a focal point or a delegate of the mission the Secretariat allowed to submit late. */
export function lateSubmissionAllowedMail(m: {
  to: string;
  name: string;
  missionName: string;
  debate: DebateFacts;
  until: Date;
}): OutgoingMail {
  const until = stateInstant(m.until, m.debate.timeZone);
  return {
    to: [m.to],
    subject: `Late submission allowed for the open debate of ${meetingDay(m.debate)}`,
    text: [
      `Dear ${m.name},`,
      '',
      `The Secretariat has allowed the ${m.missionName} to submit its written statement after the deadline for the Security Council open ` +
        `debate on the theme “${m.debate.theme}”, held on ${meetingDay(m.debate)}.`,
      '',
      `The mission may submit, replace or withdraw its statement until ${until}.`,
      '',
      'Delegates with access to statements do so from the statement page:',
      `${m.debate.url}/statement`,
    ].join('\n'),
  };
}

/** To a focal point of a mission that may submit a written statement to the debate the letter announces. */
export function letterIssuedMail(m: {
  to: string;
  name: string;
  missionName: string;
  debate: DebateFacts;
  symbol: string;
  opensAt: Date;
  deadline: Date;
  now: Date;
}): OutgoingMail {
  const deadline = stateInstant(m.deadline, m.debate.timeZone);
  const opens = m.opensAt.getTime() > m.now.getTime() ? ` Submissions open on ${stateInstant(m.opensAt, m.debate.timeZone)}.` : '';
  return {
    to: [m.to],
    subject:
      `Open debate of ${meetingDay(m.debate)} announced (${m.symbol}): written statements due by ` +
      `${formatDateWithWeekday(m.deadline, m.debate.timeZone)}`,
    text: [
      `Dear ${m.name},`,
      '',
      `The letter announcing the Security Council open debate on the theme “${m.debate.theme}”, to be held on ${meetingDay(m.debate)}, ` +
        `has been issued as document ${m.symbol}:`,
      `${m.debate.url}/letter`,
      '',
      `The ${m.missionName} may submit a written statement.${opens} Statements are due by ${deadline}. The debate’s page states the rules:`,
      m.debate.url,
      '',
      'Delegates with access to statements submit from the statement page:',
      `${m.debate.url}/statement`,
      '',
      'If your mission does not intend to submit a statement, no action is needed. Delegates who should submit need access to ' +
        'statements, which you give from your mission page in Rostrum.',
    ].join('\n'),
  };
}
