// The iCalendar feed: escaping and folding (RFC 5545), the demo debate's events, and the routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db.js';
import { testApp } from '../../../../test/app.js';
import { fixedClock } from '../../../kernel/clock.js';
import type { OpenDatabase } from '../../../kernel/db/database.js';
import { demoDebate } from '../../../demo/debate-2021-05.js';
import { createDebate } from '../commands/create-debate.js';
import type { CalendarDebate } from '../db.js';
import { debatesCalendar, escapeText, foldLine, icsDateTime } from './calendar.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
/** RFC 5545 unfolding: a CRLF followed by one space or tab disappears. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b; c', 'a\\, b\\; c'],
    ['back\\slash', 'back\\\\slash'],
    ['line\nbreak', 'line\\nbreak'],
    ['crlf\r\nand cr\r', 'crlf\\nand cr\\n'],
    ['\\n is not a newline', '\\\\n is not a newline'],
    ['colon: and "quotes" stay', 'colon: and "quotes" stay'],
    ['tab\tstays, bell\u0007 goes', 'tab\tstays\\, bell goes'],
    ['عمليات الأمم المتحدة لحفظ السلام، تحسين السلامة', 'عمليات الأمم المتحدة لحفظ السلام، تحسين السلامة'],
    ['联合国维持和平行动：改善维和人员的安全，保障', '联合国维持和平行动：改善维和人员的安全，保障'],
    ['Chargé d’affaires a.i., 🇺🇳', 'Chargé d’affaires a.i.\\, 🇺🇳'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine', () => {
  const arabic = 'SUMMARY:' + 'عمليات الأمم المتحدة لحفظ السلام: تحسين سلامة وأمن حفظة السلام '.repeat(3);
  const chinese = 'SUMMARY:' + '联合国维持和平行动：改善维和人员的安全保障'.repeat(5);
  const long = `SUMMARY:Security Council open debate: ${'Maintenance of international peace and security, '.repeat(4)}`;
  const astral = 'X:' + '🕊️🇺🇳'.repeat(20);

  it.each([
    ['short', 'VERSION:2.0', ['VERSION:2.0']],
    ['exactly 75 octets', `X:${'a'.repeat(73)}`, [`X:${'a'.repeat(73)}`]],
    ['76 octets', `X:${'a'.repeat(74)}`, [`X:${'a'.repeat(73)}`, ' a']],
    ['a 2-octet character across the boundary', `X:${'a'.repeat(72)}é`, [`X:${'a'.repeat(72)}`, ' é']],
    ['a 3-octet character across the boundary', `X:${'a'.repeat(71)}中`, [`X:${'a'.repeat(71)}`, ' 中']],
    ['a 3-octet character that just fits', `X:${'a'.repeat(70)}中`, [`X:${'a'.repeat(70)}中`]],
  ])('%s', (_name, line, expected) => {
    expect(foldLine(line).split('\r\n')).toEqual(expected);
  });

  it.each([
    ['Arabic', arabic],
    ['Chinese', chinese],
    ['a long theme', long],
    ['astral characters (surrogate pairs)', astral],
  ])('%s: every line at most 75 octets, no character split, unfolding gives the line back', (_name, line) => {
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, l] of physical.entries()) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(' ')).toBe(true);
      // A split inside a character would leave a lone surrogate, or U+FFFD after a round trip through bytes.
      expect(l).toBe(Buffer.from(l, 'utf8').toString('utf8'));
      expect(l).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(unfold(folded)).toBe(line);
    // The fold is as late as it can be: each line but the last is full up to the next character.
    for (const [i, l] of physical.slice(0, -1).entries()) {
      const next = [...(physical[i + 1] ?? '').slice(1)][0] ?? '';
      expect(octets(l) + octets(next)).toBeGreaterThan(75);
    }
  });
});

describe('icsDateTime', () => {
  it.each([
    ['2021-05-24T14:00:00.000Z', '20210524T140000Z'],
    ['2021-05-25T03:59:59.999Z', '20210525T035959Z'],
    ['2021-01-01T00:00:00.000Z', '20210101T000000Z'],
  ])('%s -> %s', (iso, expected) => {
    expect(icsDateTime(new Date(iso))).toBe(expected);
  });
});

describe('debatesCalendar', () => {
  const debate: CalendarDebate = {
    id: '00000000-0000-4000-8000-000000000001',
    slug: 'sc-test',
    body: 'security_council',
    theme: 'Peace, security; and “the rest”\\ — 和平与安全 — السلام والأمن'.repeat(2),
    starts_at: new Date('2021-01-15T15:00:00Z'),
    time_zone: 'America/New_York',
    format: 'hybrid',
    chair_name: 'A. Chair',
    chair_function: 'Minister for Foreign Affairs',
    submission_deadline: new Date('2021-01-16T04:59:59.999Z'),
    grace_minutes: 15,
    updated_at: new Date('2021-01-02T03:04:05.678Z'),
  };

  it('escapes, folds and ends every line with CRLF; winter time in New York is UTC−5', () => {
    const ics = debatesCalendar([debate], { publicUrl: 'https://rostrum.example.org', name: 'Test, calendar' });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('X-WR-CALNAME:Test\\, calendar');
    expect(lines).toContain(`SUMMARY:Security Council open debate: ${escapeText(debate.theme)}`);
    expect(lines).toContain('DTSTART:20210115T150000Z');
    expect(lines).toContain('DTSTART:20210116T045959Z');
    expect(lines).toContain('DTSTAMP:20210102T030405Z');
    const description = lines.find((l) => l.startsWith('DESCRIPTION:Security Council open debate'));
    expect(description).toContain('\\nTime: Friday\\, 15 January 2021\\, 10 a.m. New York time (UTC−5)\\n');
    expect(description).toContain('\\nFormat: Hybrid (in person and by videoconference)\\n');
    expect(description).toContain('\\nChair: A. Chair\\, Minister for Foreign Affairs\\n');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:Written statements'))).toContain('A grace period of 15 minutes');
  });

  it('writes an empty calendar when there is no debate', () => {
    expect(debatesCalendar([], { publicUrl: 'https://x.example', name: 'Empty' })).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rostrum//Open ' +
        'debates//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Empty\r\nEND:VCALENDAR\r\n',
    );
  });
});

describe('the calendar routes', () => {
  let open: OpenDatabase;
  let app: Awaited<ReturnType<typeof testApp>>;
  let id: string;
  const clock = fixedClock('2021-05-20T12:00:00Z');
  const FEED = `/debates/${demoDebate.slug}.ics`;

  beforeAll(async () => {
    open = await testDatabase();
    await open.db.transaction().execute((trx) => createDebate(trx, clock, { id: null, label: 'test' }, demoDebate));
    id = (await open.db.selectFrom('meetings.debates').select('id').where('slug', '=', demoDebate.slug).executeTakeFirstOrThrow()).id;
    app = await testApp(open.db, clock, { PUBLIC_URL: 'https://rostrum.example.org/' });
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it.each(['/debates.ics', `/debates/${demoDebate.slug}.ics`])(
    '%s: the demo debate as two events, in UTC, with stable UIDs',
    async (url) => {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const body = res.body;
      // CRLF everywhere: no bare CR or LF, and the last line ends too.
      expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(body.endsWith('\r\n')).toBe(true);
      for (const line of body.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);

      const lines = unfold(body).split('\r\n');
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
      const url1 = `https://rostrum.example.org/debates/${demoDebate.slug}`;
      const meeting = lines.slice(lines.indexOf(`UID:${id}-meeting@rostrum`) - 1, lines.indexOf('END:VEVENT') + 1);
      expect(meeting).toEqual([
        'BEGIN:VEVENT',
        `UID:${id}-meeting@rostrum`,
        'DTSTAMP:20210520T120000Z',
        'LAST-MODIFIED:20210520T120000Z',
        'DTSTART:20210524T140000Z',
        'DURATION:PT3H',
        'SUMMARY:Security Council open debate: United Nations peacekeeping operations: improving safety and security of peacekeepers',
        `DESCRIPTION:Security Council open debate: United Nations peacekeeping operations: improving safety and security of ` +
          `peacekeepers\\nTime: Monday\\, 24 May 2021\\, 10 a.m. New York time (UTC−4)\\nFormat: Videoconference\\nChair: Zhang Jun\\, ` +
          `Permanent Representative of China to the United Nations\\n${url1}`,
        `URL:${url1}`,
        'STATUS:CONFIRMED',
        'TRANSP:OPAQUE',
        'END:VEVENT',
      ]);
      const start = lines.indexOf(`UID:${id}-deadline@rostrum`) - 1;
      const deadline = lines.slice(start, lines.indexOf('END:VEVENT', start) + 1);
      expect(deadline).toEqual([
        'BEGIN:VEVENT',
        `UID:${id}-deadline@rostrum`,
        'DTSTAMP:20210520T120000Z',
        'LAST-MODIFIED:20210520T120000Z',
        'DTSTART:20210525T035959Z',
        'DURATION:PT0S',
        'SUMMARY:Deadline for written statements: United Nations peacekeeping operations: improving safety and security of peacekeepers',
        `DESCRIPTION:Written statements for the Security Council open debate of Monday\\, 24 May 2021 are due by Monday\\, 24 May 2021\\, ` +
          `11.59 p.m. New York time (UTC−4).\\n${url1}`,
        `URL:${url1}#deadline`,
        'STATUS:CONFIRMED',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      ]);
      expect(lines.at(-2)).toBe('END:VCALENDAR');
    },
  );

  it('answers byte for byte the same feed at another time', async () => {
    const first = await app.inject('/debates.ics');
    clock.set('2021-06-30T00:00:00Z');
    const second = await app.inject('/debates.ics');
    clock.set('2021-05-20T12:00:00Z');
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
  });

  it('answers an unknown debate with 404', async () => {
    for (const url of ['/debates/no-such-debate.ics', '/debates/.ics']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('links to the feeds from the home page and the debate page', async () => {
    expect((await app.inject('/')).body).toContain(
      '<a href="/debates.ics" type="text/calendar">Subscribe in your calendar (iCalendar)</a>',
    );
    expect((await app.inject(`/debates/${demoDebate.slug}`)).body).toContain(
      `<a href="${FEED}" type="text/calendar">Add to your calendar</a>`,
    );
  });
});
