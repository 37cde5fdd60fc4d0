// The e-mails the administration commands send: what happened, the link when there is one, how long it works,
// and whom to ask. Plain text; links are absolute (PUBLIC_URL + path) because they are read outside the site.
import type { Config } from '../../config.js';
import { formatDate, formatTimeInZone } from '../../kernel/dates.js';
import type { OutgoingMail } from '../../kernel/mail/index.js';
import type { Module, Role } from './tables.js';

export interface AdminMailSettings {
  /** Where users reach Rostrum, without a trailing slash. */
  publicUrl: string;
  invitationHours: number;
  resetLinkMinutes: number;
}

export function adminMailSettings(config: Config): AdminMailSettings {
  return { publicUrl: config.publicUrl, invitationHours: config.INVITATION_HOURS, resetLinkMinutes: config.RESET_LINK_MINUTES };
}

// Expiry times are stated in the duty station's time, as deadlines are.
const DUTY_STATION = 'America/New_York';

function when(at: Date): string {
  return `${formatDate(at, DUTY_STATION)}, ${formatTimeInZone(at, DUTY_STATION)}`;
}

const roleWords: Record<Role, string> = {
  delegate: 'a delegate',
  focal_point: 'an access focal point',
  helpdesk: 'a help desk officer',
  secretariat: 'a Secretariat officer',
};

export function invitationMail(m: {
  to: string;
  name: string;
  role: Role;
  missionName: string | null;
  invitedBy: string;
  url: string;
  expiresAt: Date;
  resent: boolean;
}): OutgoingMail {
  const as = m.missionName ? `${roleWords[m.role]} of the ${m.missionName}` : roleWords[m.role];
  return {
    to: [m.to],
    subject: m.resent ? 'Your new invitation to Rostrum' : 'Your invitation to Rostrum',
    text: [
      `Dear ${m.name},`,
      '',
      `${m.invitedBy} has ${m.resent ? 'sent you a new invitation to' : 'invited you to'} Rostrum, the platform for written statements in ` +
        `open debates, as ${as}.`,
      '',
      'To accept, open this link and choose your password:',
      m.url,
      '',
      `The link works once, until ${when(m.expiresAt)}.${m.resent ? ' Earlier invitation links no longer work.' : ''} If it has expired, ` +
        `ask ${m.invitedBy} for a new one.`,
      '',
      'If you did not expect this invitation, you can ignore this e-mail.',
    ].join('\n'),
  };
}

export function signInLinkMail(m: { to: string; name: string; url: string; expiresAt: Date }): OutgoingMail {
  return {
    to: [m.to],
    subject: 'Your sign-in link for Rostrum',
    text: [
      `Dear ${m.name},`,
      '',
      'The help desk has sent you this link so that you can choose a new password for Rostrum:',
      m.url,
      '',
      `The link works once, until ${when(m.expiresAt)}. Earlier links of this kind no longer work.`,
      '',
      'If you did not ask the help desk for it, do not use the link and tell the help desk.',
    ].join('\n'),
  };
}

const moduleMails: Record<Module, { subject: string; access: string }> = {
  statements: { subject: 'You can now submit statements in Rostrum', access: 'to submit written statements for your mission' },
  presidency: {
    subject: 'You can now act for the presidency in Rostrum',
    access:
      'to act for your mission while its State presides the Security Council: to prepare that month’s open debates and read every ' +
      'delegation’s statements before they are published',
  },
};

export function accessGrantedMail(m: {
  to: string;
  name: string;
  missionName: string;
  grantedBy: string;
  signInUrl: string;
  module: Module;
}): OutgoingMail {
  return {
    to: [m.to],
    subject: moduleMails[m.module].subject,
    text: [
      `Dear ${m.name},`,
      '',
      `${m.grantedBy}, access focal point of the ${m.missionName}, has given you access ${moduleMails[m.module].access} in Rostrum.`,
      '',
      `Sign in at ${m.signInUrl}`,
    ].join('\n'),
  };
}

/**
 * Tells the owner that their password changed (from the account page, or through a reset link), so a change they
 * did not make does not go unnoticed.
 */
export function passwordChangedMail(m: {
  to: string;
  name: string;
  how: 'changed' | 'reset';
  tokensRevoked: number;
  helpUrl: string;
}): OutgoingMail {
  return {
    to: [m.to],
    subject: 'Your Rostrum password was changed',
    text: [
      `Dear ${m.name},`,
      '',
      m.how === 'changed'
        ? 'The password of your Rostrum account was changed from your account page. Your other sessions have ended.'
        : 'The password of your Rostrum account was reset with a link sent to this address. Every session has ended.',
      ...(m.tokensRevoked > 0
        ? [
            `Your ${m.tokensRevoked === 1 ? 'access token was' : `${m.tokensRevoked} access tokens were`} revoked with the old password; ` +
              `programs that used ${m.tokensRevoked === 1 ? 'it' : 'them'} need a new one.`,
          ]
        : []),
      '',
      `If you did not do this, someone else may know your password: choose a new one at once at ${m.helpUrl}, and tell the help desk.`,
    ].join('\n'),
  };
}

/**
 * The help desk corrected a person's name or e-mail address. The old address is told where the account's mail now
 * goes, so a change the owner did not ask for does not go unnoticed; the new address is told it is now the account's.
 */
export function accountCorrectedMails(m: {
  name: string;
  oldEmail: string;
  newEmail: string;
  nameChanged: boolean;
  helpUrl: string;
}): OutgoingMail[] {
  const emailChanged = m.oldEmail !== m.newEmail;
  const what = emailChanged && m.nameChanged ? 'name and e-mail address' : emailChanged ? 'e-mail address' : 'name';
  const unexpected = `If you did not ask for this, contact the help desk at once (${m.helpUrl}).`;
  if (!emailChanged) {
    return [
      {
        to: [m.newEmail],
        subject: 'Your name in Rostrum was corrected',
        text: [
          `Dear ${m.name},`,
          '',
          `The help desk has corrected the name of your Rostrum account; it now reads “${m.name}”.`,
          '',
          unexpected,
        ].join('\n'),
      },
    ];
  }
  return [
    {
      to: [m.oldEmail],
      subject: 'The e-mail address of your Rostrum account was changed',
      text: [
        `Dear ${m.name},`,
        '',
        `The help desk has changed the ${what} of your Rostrum account. Its e-mail address is now ${m.newEmail}: sign in with that ` +
          `address, and Rostrum’s messages go there from now on. This address no longer receives them.`,
        '',
        unexpected,
      ].join('\n'),
    },
    {
      to: [m.newEmail],
      subject: 'This is now the e-mail address of your Rostrum account',
      text: [
        `Dear ${m.name},`,
        '',
        `The help desk has changed the ${what} of your Rostrum account: its e-mail address is now this one (it was ${m.oldEmail}). Sign ` +
          `in with this address from now on; your password and two-step verification are unchanged.`,
        '',
        unexpected,
      ].join('\n'),
    },
  ];
}

export function mfaResetMail(m: { to: string; name: string; signInUrl: string }): OutgoingMail {
  return {
    to: [m.to],
    subject: 'Your two-step verification for Rostrum was reset',
    text: [
      `Dear ${m.name},`,
      '',
      'The help desk has reset the two-step verification of your Rostrum account, and signed you out everywhere.',
      'The next time you sign in, you will be asked to set it up again with your authenticator app.',
      '',
      `Sign in at ${m.signInUrl}`,
      '',
      'If you did not ask for this, contact the help desk at once.',
    ].join('\n'),
  };
}
