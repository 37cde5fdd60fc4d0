import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { createDebateInput, debateInstants, localTimeProblem, type CreateDebateInput } from './debate-input.js';

const NY = 'America/New_York';

/** Each field's problems, as a form would show them beside the field. */
function problems(over: Partial<CreateDebateInput>): Record<string, string[]> {
  const parsed = createDebateInput.safeParse({ ...demoDebate, ...over });
  if (parsed.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (out[String(issue.path[0] ?? '_form')] ??= []).push(issue.message);
  return out;
}

describe('the window fields of a new debate', () => {
  it('defaults to no modification deadline and no grace', () => {
    const input = createDebateInput.parse(demoDebate);
    expect(input.graceMinutes).toBe(0);
    expect(input.modificationDeadline).toBeUndefined();
    const t = debateInstants(input);
    expect(t.startsAt.toISOString()).toBe('2021-05-24T14:00:00.000Z');
    expect(t.submissionsOpenAt.toISOString()).toBe('2021-05-05T13:00:00.000Z');
    expect(t.submissionDeadline.toISOString()).toBe('2021-05-25T03:59:59.999Z');
    expect(t.modificationDeadline).toBeNull();
  });

  it.each([
    // [meeting, default deadline: the end of the meeting day in New York]
    ['2021-03-14T10:00', '2021-03-15T03:59:59.999Z'],
    ['2021-11-07T10:00', '2021-11-08T04:59:59.999Z'],
  ])('a meeting at %s closes submissions at %s by default', (startsAt, deadline) => {
    const input = createDebateInput.parse({ ...demoDebate, startsAt, submissionsOpenAt: '2021-03-01T09:00' });
    expect(debateInstants(input).submissionDeadline.toISOString()).toBe(deadline);
  });

  it('accepts a deadline at a time shown twice, as the first of the two', () => {
    const input = createDebateInput.parse({
      ...demoDebate,
      startsAt: '2021-11-08T10:00',
      submissionsOpenAt: '2021-11-01T09:00',
      submissionDeadline: '2021-11-07T01:30',
    });
    expect(debateInstants(input).submissionDeadline.toISOString()).toBe('2021-11-07T05:30:00.000Z');
  });

  it('accepts a modification deadline at or after the deadline, and grace from 0 to 1440 minutes', () => {
    expect(problems({ submissionDeadline: '2021-05-24T18:00', modificationDeadline: '2021-05-24T18:00' })).toEqual({});
    expect(problems({ modificationDeadline: '2021-05-26T18:00', graceMinutes: 1440 })).toEqual({});
    const t = debateInstants(createDebateInput.parse({ ...demoDebate, modificationDeadline: '2021-05-26T18:00' }));
    expect(t.modificationDeadline?.toISOString()).toBe('2021-05-26T22:00:00.000Z');
  });

  it('refuses a time skipped when the clocks go forward, saying which field and what to type', () => {
    expect(
      problems({ startsAt: '2021-03-15T10:00', submissionsOpenAt: '2021-03-01T09:00', submissionDeadline: '2021-03-14T02:30' }),
    ).toEqual({
      submissionDeadline: [
        'The submission deadline, 2.30 a.m. on Sunday, 14 March 2021, does not exist in New York time: that night the clocks go ' +
          'forward from 2 a.m. to 3 a.m. Choose a time before 2 a.m. or from 3 a.m.',
      ],
    });
    expect(problems({ startsAt: '2021-03-15T10:00', submissionsOpenAt: '2021-03-14T02:00' })).toEqual({
      submissionsOpenAt: [
        'The opening of submissions, 2 a.m. on Sunday, 14 March 2021, does not exist in New York time: that night the clocks go ' +
          'forward from 2 a.m. to 3 a.m. Choose a time before 2 a.m. or from 3 a.m.',
      ],
    });
    expect(Object.keys(problems({ startsAt: '2021-03-14T02:15', submissionsOpenAt: '2021-03-01T09:00' }))).toEqual(['startsAt']);
    expect(Object.keys(problems({ modificationDeadline: '2022-03-13T02:45' }))).toEqual(['modificationDeadline']);
  });

  it('refuses a date that does not exist', () => {
    expect(problems({ submissionDeadline: '2021-02-30T10:00' })).toEqual({
      submissionDeadline: [
        'The submission deadline, 2021-02-30T10:00, is not a real date and time. Type it as year-month-day and 24-hour time, such as ' +
          '2021-05-24T10:00.',
      ],
    });
    expect(Object.keys(problems({ startsAt: '2021-05-24T24:00' }))).toEqual(['startsAt']);
  });

  it('refuses a deadline at or before the opening', () => {
    expect(problems({ submissionDeadline: '2021-05-05T08:00' })).toEqual({
      submissionDeadline: [
        'The submission deadline (Wednesday, 5 May 2021, 8 a.m. New York time (UTC−4)) must be after the opening of submissions ' +
          '(Wednesday, 5 May 2021, 9 a.m. New York time (UTC−4)). Set a later deadline or an earlier opening.',
      ],
    });
    expect(Object.keys(problems({ submissionDeadline: '2021-05-05T09:00' }))).toEqual(['submissionDeadline']);
    expect(problems({ submissionsOpenAt: '2021-05-25T09:00' })).toEqual({
      submissionDeadline: [
        'The submission deadline, by default the end of the meeting day (Monday, 24 May 2021, 11.59 p.m. New York time (UTC−4)), ' +
          'must be after the opening of submissions (Tuesday, 25 May 2021, 9 a.m. New York time (UTC−4)). Open submissions earlier, or ' +
          'set a deadline.',
      ],
    });
  });

  it('refuses a modification deadline before the deadline', () => {
    expect(problems({ modificationDeadline: '2021-05-24T18:00' })).toEqual({
      modificationDeadline: [
        'The modification deadline (Monday, 24 May 2021, 6 p.m. New York time (UTC−4)) is before the submission deadline (Monday, 24 ' +
          'May 2021, 11.59 p.m. New York time (UTC−4)): delegations must be able to replace or withdraw a statement for as long as ' +
          'they may send one. Set it at or after the submission deadline, or leave it empty to use the deadline.',
      ],
    });
  });

  it.each([-1, 1441, 2.5])('refuses %s minutes of grace', (graceMinutes) => {
    expect(Object.keys(problems({ graceMinutes }))).toEqual(['graceMinutes']);
  });

  it('reports a malformed time or zone on its field only, without comparing what cannot be compared', () => {
    expect(Object.keys(problems({ submissionDeadline: '24 May 2021' }))).toEqual(['submissionDeadline']);
    expect(Object.keys(problems({ timeZone: 'Mars/Olympus_Mons' }))).toEqual(['timeZone']);
    const missing: Record<string, unknown> = { ...demoDebate };
    delete missing.startsAt;
    const parsed = createDebateInput.safeParse(missing);
    expect(parsed.success).toBe(false);
    expect(parsed.error && z.prettifyError(parsed.error)).toContain('startsAt');
  });
});

describe('localTimeProblem', () => {
  it('is silent for a time that exists, in any zone', () => {
    expect(localTimeProblem('The time', '2021-11-07T01:30', NY)).toBeUndefined();
    expect(localTimeProblem('The time', '2021-03-28T02:30', NY)).toBeUndefined();
  });

  it('names the zone’s own change', () => {
    expect(localTimeProblem('The time', '2021-03-28T02:30', 'Europe/Zurich')).toBe(
      'The time, 2.30 a.m. on Sunday, 28 March 2021, does not exist in Geneva time: that night the clocks go forward from 2 a.m. to ' +
        '3 a.m. Choose a time before 2 a.m. or from 3 a.m.',
    );
    // Santiago moves its clocks at midnight: the sentence still ends once
    expect(localTimeProblem('The time', '2021-09-05T00:30', 'America/Santiago')).toBe(
      'The time, 12.30 a.m. on Sunday, 5 September 2021, does not exist in America/Santiago: that night the clocks go forward from ' +
        '12 midnight to 1 a.m. Choose a time before 12 midnight or from 1 a.m.',
    );
  });
});
