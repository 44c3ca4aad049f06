import { changesOf } from './meeting-fields';
import type { MeetingRow } from './meeting.view';

describe('changesOf', () => {
  // What PostgreSQL gives back: jsonb keeps its keys in its own order ("en" before "fr").
  const row = {
    title: { en: 'North district cycling workshop', fr: 'Atelier vélo du quartier Nord' },
    agenda: [{ title: { en: 'Welcome', fr: 'Accueil' }, description: {}, durationMinutes: 15 }],
    starts_at: new Date('2027-01-15T17:30:00Z'),
    capacity: 20,
  } as unknown as MeetingRow;

  it('sees no change in texts written again in another key order', () => {
    const same = changesOf(row, {
      title: { fr: 'Atelier vélo du quartier Nord', en: 'North district cycling workshop' },
      agenda: [{ title: { fr: 'Accueil', en: 'Welcome' }, description: {}, durationMinutes: 15 }],
      starts_at: new Date('2027-01-15T17:30:00Z'),
      capacity: 20,
    });
    expect(same).toEqual({ changed: {}, relied: [] });
  });

  it('names what registrants rely on when it changed', () => {
    const moved = changesOf(row, {
      title: { fr: 'Atelier vélo du quartier Nord', en: 'North district cycling workshop' },
      starts_at: new Date('2027-01-15T18:00:00Z'),
      capacity: null,
    });
    expect(Object.keys(moved.changed)).toEqual(['starts_at', 'capacity']);
    expect(moved.relied).toEqual(['schedule', 'registrations']);
  });
});
