import ICAL from 'ical.js';
import {
  type CalendarFeed,
  type CalendarMeeting,
  calendarContentDisposition,
  calendarTimeZone,
  meetingsCalendar,
} from './ical';

const ID = '0b5d3c9e-6f7a-4d2b-9c1e-8a4f2e6d7b10';

function meeting(over: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: ID,
    title: 'Conseil de quartier',
    description: 'Ordre du jour : la place.',
    type: 'in_person',
    startsAt: new Date('2027-01-15T17:30:00Z'),
    endsAt: new Date('2027-01-15T19:30:00Z'),
    timeZone: 'Europe/Paris',
    address: '1 place de la Comédie, 69001 Lyon',
    latitude: 45.7676,
    longitude: 4.8357,
    onlineUrl: null,
    url: `https://lyon.palabre.fr/meetings/${ID}`,
    state: 'published',
    updatedAt: new Date('2027-01-02T09:15:00Z'),
    sequence: 2,
    ...over,
  };
}

function feed(meetings: CalendarMeeting[], over: Partial<CalendarFeed> = {}): CalendarFeed {
  return {
    name: 'Réunions — Ville de Lyon',
    timeZone: 'Europe/Paris',
    organizationHost: 'lyon.palabre.fr',
    meetings,
    lang: 'fr',
    ...over,
  };
}

/** Parsed as a calendar reads it: the feed's VTIMEZONEs are the only zone data. */
function parse(ics: string): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zone);
  }
  return calendar;
}

function events(ics: string): ICAL.Event[] {
  return parse(ics)
    .getAllSubcomponents('vevent')
    .map((event) => new ICAL.Event(event));
}

/** The unfolded content lines. */
function lines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

const tzids = (ics: string) => lines(ics).filter((line) => line.startsWith('TZID:'));

afterEach(() => ICAL.TimezoneService.reset());

describe('meetingsCalendar', () => {
  it("writes a meeting in its organizer's zone, with that zone's VTIMEZONE", () => {
    const ics = meetingsCalendar(feed([meeting()]));
    const all = lines(ics);

    expect(all).toContain(`UID:${ID}@lyon.palabre.fr`);
    expect(all).toContain('DTSTART;TZID=Europe/Paris:20270115T183000');
    expect(all).toContain('DTEND;TZID=Europe/Paris:20270115T203000');
    expect(all).toContain('SEQUENCE:2');
    expect(all).toContain('DTSTAMP:20270102T091500Z');
    expect(all).toContain('LAST-MODIFIED:20270102T091500Z');
    expect(all).toContain('STATUS:CONFIRMED');
    expect(all).toContain('X-WR-TIMEZONE:Europe/Paris');
    expect(tzids(ics)).toEqual(['TZID:Europe/Paris']);

    const [event] = events(ics);
    expect(event.startDate.toJSDate()).toEqual(new Date('2027-01-15T17:30:00Z'));
    expect(event.endDate.toJSDate()).toEqual(new Date('2027-01-15T19:30:00Z'));
    expect(event.summary).toBe('Conseil de quartier');
    expect(event.location).toBe('1 place de la Comédie, 69001 Lyon');
    expect(event.component.getFirstPropertyValue('geo')).toEqual([45.7676, 4.8357]);
    expect(event.component.getFirstPropertyValue('url')).toBe(meeting().url);
    expect(event.description).toBe(`Ordre du jour : la place.\n\n${meeting().url}`);
  });

  it("follows the zone's daylight-saving time, whatever the server's zone", () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const summer = meeting({
        startsAt: new Date('2027-07-01T16:30:00Z'),
        endsAt: new Date('2027-07-01T18:00:00Z'),
      });
      const ics = meetingsCalendar(feed([summer]));
      expect(lines(ics)).toContain('DTSTART;TZID=Europe/Paris:20270701T183000');
      expect(lines(ics)).toContain('DTSTAMP:20270102T091500Z');
      expect(events(ics)[0].startDate.toJSDate()).toEqual(summer.startsAt);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("gives a meeting in another zone than the organization's its own TZID and VTIMEZONE", () => {
    const cayenne = meeting({
      id: '7d0c2a9b-1e3f-4a5b-8c6d-9e0f1a2b3c4d',
      timeZone: 'America/Cayenne',
      startsAt: new Date('2027-01-15T21:00:00Z'),
      endsAt: new Date('2027-01-15T23:00:00Z'),
    });
    const ics = meetingsCalendar(feed([meeting(), cayenne, meeting({ id: 'c3', sequence: 0 })]));

    expect(lines(ics)).toContain('DTSTART;TZID=America/Cayenne:20270115T180000');
    expect(tzids(ics).sort()).toEqual(['TZID:America/Cayenne', 'TZID:Europe/Paris']);
    expect(lines(ics)).toContain('X-WR-TIMEZONE:Europe/Paris');
    expect(events(ics).map((event) => event.startDate.toJSDate())).toEqual([
      new Date('2027-01-15T17:30:00Z'),
      cayenne.startsAt,
      new Date('2027-01-15T17:30:00Z'),
    ]);
  });

  it("carries the organization's zone even when no meeting is in it", () => {
    const ics = meetingsCalendar(feed([meeting({ timeZone: 'America/Cayenne' })]));
    expect(tzids(ics).sort()).toEqual(['TZID:America/Cayenne', 'TZID:Europe/Paris']);
  });

  it('names the VTIMEZONE of a zone that links to another (Réunion) after the zone itself', () => {
    const reunion = meeting({ timeZone: 'Indian/Reunion' });
    const ics = meetingsCalendar(feed([reunion], { timeZone: 'Indian/Reunion' }));

    expect(tzids(ics)).toEqual(['TZID:Indian/Reunion']);
    expect(lines(ics)).toContain('DTSTART;TZID=Indian/Reunion:20270115T213000');
    expect(events(ics)[0].startDate.toJSDate()).toEqual(reunion.startsAt);
  });

  it('keeps cancelled and withdrawn meetings, marked so, in the language of the feed', () => {
    const cancelled = meeting({ state: 'cancelled', sequence: 3 });
    const withdrawn = meeting({ id: 'w1', state: 'withdrawn' });

    const fr = meetingsCalendar(feed([cancelled, withdrawn]));
    expect(lines(fr).filter((line) => line === 'STATUS:CANCELLED')).toHaveLength(2);
    expect(events(fr).map((event) => event.summary)).toEqual([
      'Annulée : Conseil de quartier',
      'Annulée : Conseil de quartier',
    ]);
    expect(lines(fr)).toContain('SEQUENCE:3');

    const en = meetingsCalendar(feed([cancelled], { lang: 'en' }));
    expect(events(en)[0].summary).toBe('Cancelled: Conseil de quartier');
    expect(lines(en)).toContain('PRODID:-//Palabre//Meetings//EN');
  });

  it('puts an online meeting at its link, a hybrid one at its address with the link in the description, GEO where there is a place', () => {
    const link = 'https://visio.example.org/j/123?pwd=a;b,c';
    const [online, hidden, hybrid, pinned, nowhere] = events(
      meetingsCalendar(
        feed([
          meeting({ type: 'online', address: null, onlineUrl: link }),
          meeting({ type: 'online', address: null, onlineUrl: null }),
          meeting({ type: 'hybrid', onlineUrl: link }),
          meeting({ address: null }),
          meeting({ address: null, latitude: null, longitude: null }),
        ]),
      ),
    );

    expect(online.location).toBe(link);
    expect(online.component.getFirstPropertyValue('geo')).toBeNull();
    expect(hidden.location).toBeNull();
    expect(hidden.description).not.toContain('visio');
    expect(hybrid.location).toBe('1 place de la Comédie, 69001 Lyon');
    expect(hybrid.description).toBe(
      `Ordre du jour : la place.\n\nParticiper en ligne : ${link}\n\n${meeting().url}`,
    );
    expect(pinned.location).toBeNull();
    expect(pinned.component.getFirstPropertyValue('geo')).toEqual([45.7676, 4.8357]);
    expect(nowhere.location).toBeNull();
    expect(nowhere.component.getFirstPropertyValue('geo')).toBeNull();
  });

  it('escapes and folds long text so that it reads back exactly', () => {
    const description =
      'Première partie, deux points ; puis la suite.\nLigne 2 : « citation », 🎉 et \\ antislash.\r\n\n' +
      'Un long paragraphe, avec des virgules, des points-virgules ; et encore ; '.repeat(12);
    const title = 'Budget 2027 : quartiers, places ; rues';
    const ics = meetingsCalendar(
      feed([meeting({ title, description })], { name: 'Réunions, débats ; Lyon' }),
    );

    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(lines(ics)).toContain('SUMMARY:Budget 2027 : quartiers\\, places \\; rues');

    // TEXT, as RFC 5545 has X- properties by default (ical.js leaves them raw).
    expect(lines(ics)).toContain('NAME:Réunions\\, débats \\; Lyon');
    expect(lines(ics)).toContain('X-WR-CALNAME:Réunions\\, débats \\; Lyon');
    const [event] = events(ics);
    expect(event.summary).toBe(title);
    expect(event.description).toBe(
      `${description.trim().replace(/\r\n/g, '\n')}\n\n${meeting().url}`,
    );
  });

  it('is a valid calendar with no meeting', () => {
    const ics = meetingsCalendar(feed([]));

    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(lines(ics)).toContain('PRODID:-//Palabre//Meetings//FR');
    expect(lines(ics)).toContain('X-WR-TIMEZONE:Europe/Paris');
    expect(tzids(ics)).toEqual(['TZID:Europe/Paris']);
    const calendar = parse(ics);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Réunions — Ville de Lyon');
  });

  it("names the feed's zone before the first component", () => {
    const all = lines(meetingsCalendar(feed([meeting()])));
    const firstComponent = all.findIndex((line, i) => i > 0 && line.startsWith('BEGIN:'));
    expect(all.indexOf('X-WR-TIMEZONE:Europe/Paris')).toBeLessThan(firstComponent);
  });

  it('spells a zone given in another case as the time zone database does', () => {
    const ics = meetingsCalendar(
      feed([meeting({ timeZone: 'europe/paris' })], { timeZone: 'EUROPE/PARIS' }),
    );
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Paris:20270115T183000');
    expect(lines(ics)).toContain('X-WR-TIMEZONE:Europe/Paris');
    expect(tzids(ics)).toEqual(['TZID:Europe/Paris']);
  });

  it('writes a meeting whose zone it does not know at the right instant, in UTC', () => {
    const ics = meetingsCalendar(feed([meeting({ timeZone: 'Mars/Olympus_Mons' })]));
    expect(lines(ics)).toContain('DTSTART:20270115T173000Z');
    expect(ics).not.toContain('Mars');
  });

  it("refuses an organization's zone it does not know", () => {
    expect(() => meetingsCalendar(feed([], { timeZone: 'Europe/Pariss' }))).toThrow(
      /"Europe\/Pariss" is not a time zone/,
    );
  });
});

describe('calendarTimeZone', () => {
  it('knows IANA zones, links included, in any case, and nothing else', () => {
    expect(calendarTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(calendarTimeZone('america/guadeloupe')).toBe('America/Guadeloupe');
    expect(calendarTimeZone('Europe/Pariss')).toBeNull();
    expect(calendarTimeZone('')).toBeNull();
  });
});

describe('calendarContentDisposition', () => {
  it('names an ASCII .ics file, saved or shown', () => {
    expect(calendarContentDisposition('Réunions — Ville de Lyon')).toBe(
      'attachment; filename="Reunions-Ville-de-Lyon.ics"',
    );
    expect(calendarContentDisposition('calendar.ics', 'inline')).toBe(
      'inline; filename="calendar.ics"',
    );
    expect(calendarContentDisposition('"../x"')).toBe('attachment; filename="x.ics"');
    expect(calendarContentDisposition('—')).toBe('attachment; filename="calendar.ics"');
  });
});
