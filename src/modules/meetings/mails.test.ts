// The meetings module's mails as tables: the deadline stated in the debate's zone with its offset (summer and winter
// in New York), the opening told only while it is to come, the debate's facts and links from its data.
import { describe, expect, it } from 'vitest';
import { lateSubmissionAllowedMail, letterIssuedMail, type DebateFacts } from './mails.js';

const debate = (startsAt: string, timeZone = 'America/New_York'): DebateFacts => ({
  theme: 'Protection of civilians in armed conflict',
  startsAt: new Date(startsAt),
  timeZone,
  url: 'https://rostrum.example/debates/poc',
});

describe('a late submission allowed', () => {
  it.each([
    [
      'in New York summer time',
      debate('2021-05-24T14:00:00Z'),
      '2021-05-25T14:00:00Z',
      'until Tuesday, 25 May 2021, 10 a.m. New York time (UTC−4).',
    ],
    [
      'in New York winter time',
      debate('2021-12-06T15:00:00Z'),
      '2021-12-07T17:30:00Z',
      'until Tuesday, 7 December 2021, 12.30 p.m. New York time (UTC−5).',
    ],
    [
      'in the debate’s own zone',
      debate('2021-05-24T08:00:00Z', 'Europe/Zurich'),
      '2021-05-25T08:00:00Z',
      'until Tuesday, 25 May 2021, 10 a.m. Geneva time (UTC+2).',
    ],
  ])('states the new deadline %s', (_case, d, until, sentence) => {
    const mail = lateSubmissionAllowedMail({
      to: 'fp@example.org',
      name: 'Ana Lima',
      missionName: 'Permanent Mission of Brazil to the United Nations',
      debate: d,
      until: new Date(until),
    });
    expect(mail.to).toEqual(['fp@example.org']);
    expect(mail.text).toContain(sentence);
    expect(mail.text).toContain('“Protection of civilians in armed conflict”');
    expect(mail.text.split('\n').at(-1)).toBe('https://rostrum.example/debates/poc/statement');
  });
});

describe('the announcement letter issued', () => {
  const letter = (now: string) =>
    letterIssuedMail({
      to: 'fp@example.org',
      name: 'Ana Lima',
      missionName: 'Permanent Mission of Brazil to the United Nations',
      debate: debate('2021-12-06T15:00:00Z'),
      symbol: 'S/2021/1001',
      opensAt: new Date('2021-11-22T14:00:00Z'),
      deadline: new Date('2021-12-07T04:59:59.999Z'),
      now: new Date(now),
    });

  it.each([
    ['before submissions open, says when they open', '2021-11-20T12:00:00Z', true],
    ['once they are open, does not', '2021-11-23T12:00:00Z', false],
  ])('%s', (_case, now, told) => {
    expect(letter(now).text.includes('Submissions open on Monday, 22 November 2021, 9 a.m. New York time (UTC−5).')).toBe(told);
  });

  it('names the symbol, the meeting day and the deadline in New York time', () => {
    const mail = letter('2021-11-23T12:00:00Z');
    expect(mail.subject).toBe(
      'Open debate of Monday, 6 December 2021 announced (S/2021/1001): written statements due by Monday, 6 December 2021',
    );
    expect(mail.text).toContain('has been issued as document S/2021/1001:\nhttps://rostrum.example/debates/poc/letter');
    expect(mail.text).toContain('Statements are due by Monday, 6 December 2021, 11.59 p.m. New York time (UTC−5).');
  });
});
