import { organizationSignerKey } from './signer-key';

describe('organizationSignerKey', () => {
  const person = 'f'.repeat(64);
  const cityA = '11111111-1111-4111-8111-111111111111';
  const cityB = '22222222-2222-4222-8222-222222222222';

  it('is stable for one person in one organization (one person, one signature)', () => {
    expect(organizationSignerKey(person, cityA)).toBe(organizationSignerKey(person, cityA));
    expect(organizationSignerKey(person, cityA)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same person different pseudonyms in two organizations, and neither is the person key', () => {
    const a = organizationSignerKey(person, cityA);
    const b = organizationSignerKey(person, cityB);
    expect(a).not.toBe(b);
    expect([a, b]).not.toContain(person);
    expect(organizationSignerKey('e'.repeat(64), cityA)).not.toBe(a);
  });
});
