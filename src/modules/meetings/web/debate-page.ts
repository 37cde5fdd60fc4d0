// The public page of one debate: what, when (in the duty station's time, with the reader's beside it), who
// chairs and briefs, the concept note, how and by when to take part, and whom to ask. A reader on a mission's staff
// also reads their own situation: whether their delegation may submit, until when (a late submission allowed by the
// Secretariat included), and where its statement stands.
import { formatDate, formatDateWithWeekday, formatMonth, formatTimeInZone, isoDateIn } from '../../../kernel/dates.js';
import type { Actor } from '../../../kernel/authz.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { page } from '../../../web/layout.js';
import { entityByCode, joinList, stateByIso3 } from '../../delegations/index.js';
import { councilMembersOn, covers, type CouncilData } from '../domain/council.js';
import type { DebateRecord } from '../db.js';
import { windowState } from '../domain/window.js';
import type { SubmissionDecision } from '../domain/submission-window.js';
import { bodyNames, formatNames, toLetter } from './labels.js';
import { toRoman, type RenditionRow } from '../../documents/index.js';
import { bareHeading } from '../domain/announcement-letter.js';
import { letterLinks } from './letter-page.js';
import { unconfirmedBriefers } from '../domain/briefers.js';

/** What the page shows of the announcement letter: its issued version's formats, and the desk for those who prepare. */
export interface LetterOnPage {
  symbol: string;
  renditions: RenditionRow[];
}

/** Where a delegation's written statement stands, as the statements module tells it. */
export interface OwnStatement {
  state: 'submitted' | 'withdrawn';
  /** When it was received, or withdrawn. */
  at: Date;
}

/** The situation of a reader on a mission's staff. */
export interface ViewerSituation {
  delegation: string;
  /** Among the delegations that may submit to this debate. */
  eligible: boolean;
  /** Whether the delegation may send (or replace) its statement now, by which rule, and until when. */
  decision: SubmissionDecision;
  statement: OwnStatement | undefined;
}

function when(at: Date, timeZone: string, id: string): SafeHtml {
  return html`<time datetime="${at.toISOString()}" data-local="${id}">${formatDateWithWeekday(at, timeZone)}, ${formatTimeInZone(
    at,
    timeZone,
  )}</time><span id="${id}" class="local-time"></span>`;
}

/** "China, Estonia, ... and Viet Nam", in running-text form, where the Council data covers the date. */
function councilMembers(council: CouncilData | undefined, isoDate: string): string | undefined {
  if (!council || !covers(council, isoDate)) return undefined;
  return joinList(councilMembersOn(council, isoDate).map((iso3) => stateByIso3(iso3)?.runningText ?? iso3));
}

function conceptNote(debate: DebateRecord): SafeHtml {
  let paragraph = 0;
  return html`${debate.concept_note.sections.map((section, s) => {
    const start = paragraph + 1;
    paragraph += section.paragraphs.length;
    return html`<section aria-labelledby="cn-${s}">
  <h3 id="cn-${s}">${toRoman(s + 1)}. ${bareHeading(section.heading)}</h3>
  ${
    section.paragraphs.length > 0
      ? html`<ol class="numbered" start="${start}">${section.paragraphs.map((p) => html`<li>${p}</li>`)}</ol>`
      : ''
  }
  ${
    section.questions.length > 0
      ? html`<ol class="questions">${section.questions.map(
          (q, i) => html`<li><span class="label" aria-hidden="true">(${toLetter(i)})</span><span>${q}</span></li>`,
        )}</ol>`
      : ''
  }
</section>`;
  })}`;
}

/** "Brazil", "the European Union": a delegation inside a sentence. */
function delegationName(code: string): string {
  return stateByIso3(code)?.runningText ?? entityByCode(code)?.runningText ?? code;
}

/** A sentence's first letter in capitals: "The Niger". */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function submission(debate: DebateRecord, now: Date, viewer: ViewerSituation | undefined): SafeHtml {
  const tz = debate.time_zone;
  const state = windowState(debate, now);
  // The window is closed to everyone else, but the Secretariat allowed this delegation to submit late.
  const late = viewer?.eligible && viewer.decision.allowed && viewer.decision.basis === 'late_grant' ? viewer.decision.until : undefined;
  const deadline = debate.submission_deadline;
  // The grace period is explicit: stated on the page, and the countdown runs to its end.
  const lastAccepted = new Date(deadline.getTime() + debate.grace_minutes * 60_000);
  const status = {
    not_yet_open: html`<p>Submissions open on ${when(debate.submissions_open_at, tz, 'opens-local')}.</p>`,
    open: html`<p>Submissions are open.</p><p class="countdown" data-countdown="${lastAccepted.toISOString()}" data-closed-text="The deadline has passed; submissions are closed." aria-live="polite"></p>`,
    closed: late
      ? html`<p><strong>The deadline has passed, but ${delegationName(viewer?.delegation ?? '')} may still submit:</strong> the Secretariat has allowed your delegation a late submission until ${when(late, tz, 'late-local')}.</p>`
      : html`<p><strong>Submissions are closed.</strong> The deadline has passed.</p>`,
  }[state];
  return html`<div class="deadline" id="deadline">
  <p><strong>Deadline:</strong> ${when(deadline, tz, 'deadline-local')}</p>
  ${
    debate.grace_minutes > 0
      ? html`<p>A grace period of ${debate.grace_minutes} minutes applies to every delegation: submissions are accepted until ${when(
          lastAccepted,
          tz,
          'grace-local',
        )}.</p>`
      : ''
  }
  ${status}
</div>`;
}

/** Where the reader's delegation stands, and the way to its statement page; the general sentence for anyone else. */
function yourStatement(debate: DebateRecord, viewer: ViewerSituation | undefined, canSubmit: boolean): SafeHtml {
  const link = html`<p><a class="button" href="/debates/${debate.slug}/statement">Your delegation’s written statement</a></p>`;
  const access = html`<p>To be given access to the submission module, delegates should contact their mission’s access focal point.</p>`;
  if (!viewer) return canSubmit ? link : access;
  const name = delegationName(viewer.delegation);
  if (!viewer.eligible) {
    return html`<p id="your-statement">${capitalised(name)} is not among the delegations that may submit a written statement to this debate: members of the ${bodyNames[debate.body]} on the day of the meeting take part in it directly.</p>`;
  }
  const tz = debate.time_zone;
  const { statement, decision } = viewer;
  const status =
    statement === undefined
      ? html`not submitted yet.`
      : statement.state === 'submitted'
        ? html`received on ${when(statement.at, tz, 'received-local')}.`
        : html`withdrawn on ${when(statement.at, tz, 'withdrawn-local')}.`;
  return html`<div id="your-statement">
  <p><strong>${capitalised(name)}’s written statement:</strong> ${status}</p>
  ${
    decision.allowed
      ? html`<p>Your delegation may ${statement?.state === 'submitted' ? 'replace it' : 'submit it'} until ${when(
          decision.until,
          tz,
          'yours-local',
        )}.</p>`
      : ''
  }
  ${canSubmit ? link : access}
</div>`;
}

export function debatePage(
  debate: DebateRecord,
  now: Date,
  actor?: Actor,
  extra: {
    letter?: LetterOnPage;
    canPrepare?: boolean;
    canSubmit?: boolean;
    compilation?: { symbol: string };
    briefed?: ReadonlySet<number>;
    council?: CouncilData;
    viewer?: ViewerSituation;
  } = {},
): SafeHtml {
  const tz = debate.time_zone;
  const unconfirmed = new Set(unconfirmedBriefers(debate, extra.briefed ?? new Set(), now).map((b) => b.position));
  const state = stateByIso3(debate.presiding_state);
  const presiding = state?.runningText ?? debate.presiding_state;
  const month = formatMonth(debate.starts_at, tz);
  const meetingDay = isoDateIn(debate.starts_at, tz);
  const members = debate.body === 'security_council' ? councilMembers(extra.council, meetingDay) : undefined;
  const technical = debate.contacts.filter((c) => c.purpose === 'technical');
  const substantive = debate.contacts.filter((c) => c.purpose === 'substantive');

  const body = html`
<p class="eyebrow">${bodyNames[debate.body]} · Open debate · ${debate.agenda_item}</p>
<h1>${debate.theme}</h1>
<dl class="facts">
  <dt>Date and time</dt><dd>${when(debate.starts_at, tz, 'starts-local')}</dd>
  <dt>Format</dt><dd>${formatNames[debate.format]}</dd>
  <dt>Chair</dt><dd>${debate.chair_name}, ${debate.chair_function}; ${presiding} holds the presidency of the ${bodyNames[debate.body]} for ${month}</dd>
  ${
    debate.letter_date
      ? html`<dt>Announced</dt><dd>By letter dated ${formatDate(new Date(`${debate.letter_date}T12:00:00Z`), 'UTC')} to the Secretary-General</dd>`
      : ''
  }
</dl>
<p><a href="/debates/${debate.slug}.ics" type="text/calendar">Add to your calendar</a>: the meeting and the deadline for written statements (iCalendar).</p>
${extra.canPrepare ? html`<p><a class="button secondary" href="/debates/${debate.slug}/desk">Open the debate desk</a></p>` : ''}

<h2 id="letter">Announcement letter</h2>
${
  extra.letter
    ? html`<p><a href="/debates/${debate.slug}/letter">Letter ${extra.letter.symbol}</a>, with the concept note and the guidance note, in every format:</p>${letterLinks(debate.slug, extra.letter.renditions)}`
    : html`<p>The announcement letter has not been issued yet.</p>`
}
${
  extra.compilation
    ? html`<h2 id="compilation">Compilation</h2>
<p><a href="/debates/${debate.slug}/compilation">Compilation ${extra.compilation.symbol}</a>, the President’s letter with the statements as annexes, and <a href="/debates/${debate.slug}/compilation/statements">the written statements</a> one by one.</p>`
    : ''
}

<h2 id="briefers">Briefers</h2>
${
  debate.briefers.length === 0
    ? html`<p>No briefers have been announced.</p>`
    : html`<ul>${debate.briefers.map(
        (b) =>
          html`<li>${b.function}${b.name ? html`, ${b.name}` : ''}${
            unconfirmed.has(b.position) ? html` <span class="tbc">(to be confirmed)</span>` : ''
          }</li>`,
      )}</ul>`
}

<h2 id="take-part">How to take part</h2>
<p>Member States and observers that are not members of the ${bodyNames[debate.body]} on ${formatDate(debate.starts_at, tz)} may submit a written statement of about ${debate.word_guidance} words. It will be included in the official compilation of the debate.</p>
${members ? html`<p>The members of the Council on that day: ${members}.</p>` : ''}
<ul>
  <li>The statement, in Microsoft Word format (.docx).</li>
  <li>A cover letter addressed to the President of the ${bodyNames[debate.body]}, signed by the Permanent Representative or the Chargé d’affaires a.i.</li>
  <li>Both no later than the end of the meeting day${
    meetingDay === isoDateIn(debate.submission_deadline, tz) ? '' : html` (${formatDate(debate.submission_deadline, tz)})`
  }, New York time.</li>
</ul>
${submission(debate, now, extra.viewer)}
${yourStatement(debate, extra.viewer, extra.canSubmit === true)}

<h2 id="concept-note">Concept note</h2>
${conceptNote(debate)}

<h2 id="guidance-note">Guidance on written statements</h2>
${debate.guidance_note.paragraphs.map((p) => html`<p>${p}</p>`)}
${debate.guidance_note.steps.length > 0 ? html`<ul>${debate.guidance_note.steps.map((s) => html`<li>${s}</li>`)}</ul>` : ''}

<h2 id="contacts">Contacts</h2>
<ul class="contacts">
${[...technical, ...substantive].map(
  (c) =>
    html`<li><strong>${c.purpose === 'technical' ? 'Logins and passwords' : 'Questions about the debate'}:</strong> ${c.unit}${
      c.phone ? html`, telephone <a href="tel:${c.phone.replace(/[^+\d]/g, '')}">${c.phone}</a>` : ''
    }${c.email ? html`, e-mail <a href="mailto:${c.email}">${c.email}</a>` : ''}</li>`,
)}
</ul>`;

  return page({
    actor,
    title: debate.theme,
    description: `${bodyNames[debate.body]} open debate, ${formatDate(debate.starts_at, tz)}: ${debate.theme}`,
    body,
  });
}
