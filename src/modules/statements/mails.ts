// The e-mails of the review desk's decisions, in one place so they can be translated: a statement returned for
// correction (always sent) and a statement accepted (a notification people may turn off). Plain text built from the
// debate's and the revision's data; links are absolute (PUBLIC_URL + path) because they are read outside the site.
// The receipts are written beside their signing, in commands/submit-statement.ts.
import type { OutgoingMail } from '../../kernel/mail/index.js';

/** The debate as these mails name it: its theme, the meeting day as written, and its statement page. */
export interface StatementDebate {
  theme: string;
  /** "Monday, 24 May 2021" */
  meetingDay: string;
  /** `${publicUrl}/debates/${slug}/statement` */
  statementUrl: string;
}

/** To the person who submitted and the mission's focal points, with the Secretariat's reason. */
export function statementReturnedMail(m: {
  to: string[];
  missionName: string;
  reference: string;
  reason: string;
  debate: StatementDebate;
}): OutgoingMail {
  return {
    to: m.to,
    subject: `Statement returned for correction: ${m.debate.theme}`.slice(0, 300),
    text: [
      `The Secretariat has returned the written statement of the ${m.missionName} (receipt ${m.reference}) for correction:`,
      '',
      m.reason,
      '',
      `Send a corrected version before the deadline from the statement page: ${m.debate.statementUrl}`,
    ].join('\n'),
  };
}

/** To the person who submitted or a focal point of the mission. */
export function statementAcceptedMail(m: {
  to: string;
  name: string;
  missionName: string;
  reference: string;
  debate: StatementDebate;
}): OutgoingMail {
  return {
    to: [m.to],
    subject: `Statement accepted: ${m.debate.theme}`.slice(0, 300),
    text: [
      `Dear ${m.name},`,
      '',
      `The Secretariat has accepted the written statement of the ${m.missionName} (receipt ${m.reference}) for the Security Council open ` +
        `debate on the theme “${m.debate.theme}”, held on ${m.debate.meetingDay}.`,
      '',
      'Accepted statements are enclosed in the compilation of the debate, issued as a document of the Security Council after the ' +
        'meeting; the statement is published then. If the mission sends a new version before the deadline, the new version is reviewed ' +
        'in its turn.',
      '',
      'The statement page:',
      m.debate.statementUrl,
    ].join('\n'),
  };
}
