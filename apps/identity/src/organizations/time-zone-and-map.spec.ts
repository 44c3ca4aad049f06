import { canonicalTimeZone, isTimeZone, tileTemplateProblem } from './time-zone-and-map';

describe('time zone and map rules', () => {
  it('knows IANA zones, not offsets or made-up names', () => {
    for (const zone of ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'UTC', 'europe/paris'])
      expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['', '+01:00', 'UTC+1', 'Europe/Lutece', 'Paris', '../etc/passwd'])
      expect(isTimeZone(zone)).toBe(false);
  });

  it('stores a zone with the case of its name', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Pacific/Noumea')).toBe('Pacific/Noumea');
  });

  it('accepts an https tile template with {z}, {x} and {y}, and says what is wrong otherwise', () => {
    expect(tileTemplateProblem('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBeNull();
    expect(tileTemplateProblem('https://tiles.ville.example/{z}/{x}/{y}@2x.png?key=a1')).toBeNull();
    expect(tileTemplateProblem('https://tile.openstreetmap.org/{z}/{x}.png')).toMatch(/\{y\}/);
    expect(tileTemplateProblem('https://t.example/{z}/{x}/{y}/{y}.png')).toMatch(/repeated/);
    expect(tileTemplateProblem('https://{s}.tile.example/{z}/{x}/{y}.png')).toMatch(/placeholder/);
    expect(tileTemplateProblem('http://tile.example/{z}/{x}/{y}.png')).toMatch(/https/);
    expect(tileTemplateProblem('https://u:p@tile.example/{z}/{x}/{y}.png')).toMatch(/https/);
    expect(tileTemplateProblem('https://tile.example/{z}/{x}/{y}.png" onload="x')).toMatch(
      /quotes/,
    );
    expect(tileTemplateProblem(`https://tile.example/${'a'.repeat(2000)}/{z}/{x}/{y}`)).toMatch(
      /2000/,
    );
  });
});
