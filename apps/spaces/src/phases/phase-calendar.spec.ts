import { dayIn, timingOn } from './phase-calendar';

describe('timingOn', () => {
  const vote = { starts_on: '2026-09-01', ends_on: '2026-10-15' };

  it('is current on both days of its dates and between, ended after, upcoming before', () => {
    expect(timingOn(vote, '2026-09-01')).toBe('current');
    expect(timingOn(vote, '2026-10-15')).toBe('current');
    expect(timingOn(vote, '2026-10-16')).toBe('ended');
    expect(timingOn(vote, '2026-08-31')).toBe('upcoming');
  });

  it('leaves a side without a date open', () => {
    expect(timingOn({ starts_on: null, ends_on: null }, '2030-01-01')).toBe('current');
    expect(timingOn({ starts_on: '2026-09-01', ends_on: null }, '2030-01-01')).toBe('current');
    expect(timingOn({ starts_on: null, ends_on: '2026-10-15' }, '2026-12-01')).toBe('ended');
  });
});

describe('dayIn', () => {
  it('is the day in the given time zone', () => {
    const late = new Date('2026-10-15T22:30:00Z');
    expect(dayIn('Europe/Paris', late)).toBe('2026-10-16');
    expect(dayIn('America/Cayenne', late)).toBe('2026-10-15');
  });
});
