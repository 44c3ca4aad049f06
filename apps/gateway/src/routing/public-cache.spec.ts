import { sharedMaxAge } from './public-cache';

describe('sharedMaxAge', () => {
  it('keeps only what is public, for s-maxage or max-age seconds', () => {
    expect(sharedMaxAge('public, max-age=1, stale-while-revalidate=30')).toBe(1);
    expect(sharedMaxAge('public, max-age=60, s-maxage=2')).toBe(2);
    expect(sharedMaxAge('private, no-store')).toBe(0);
    expect(sharedMaxAge('max-age=60')).toBe(0);
    expect(sharedMaxAge('public, no-store, max-age=5')).toBe(0);
    expect(sharedMaxAge('public')).toBe(0);
    expect(sharedMaxAge(undefined)).toBe(0);
    expect(sharedMaxAge('Public, Max-Age=3')).toBe(3);
  });
});
