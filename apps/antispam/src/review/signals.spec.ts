import { alreadyCleared, signalsOf, withAuthor, withRepetition } from './signals';

describe('antispam signals and stamps', () => {
  it('splits reasons into the signals a stamp compares', () => {
    expect(signalsOf(['links: a.com, b.com', 'disposable-email', 'spam-words: casino'])).toEqual([
      'disposable-email',
      'links:a.com',
      'links:b.com',
      'spam-words:casino',
    ]);
  });

  it('clears a flag made of stamped signals only, not one with a new signal', () => {
    const stamped = signalsOf(['links: a.com', 'spam-words: casino']);
    expect(alreadyCleared(['links: a.com', 'new-account'], stamped)).toBe(true);
    expect(alreadyCleared(['links: a.com, evil.example'], stamped)).toBe(false);
    expect(alreadyCleared(['disposable-email'], stamped)).toBe(false);
    expect(alreadyCleared(['links: a.com'], [])).toBe(false);
  });

  it('weighs a contribution with its author without making a clean text spam', () => {
    expect(withAuthor(0.05, 0.95)).toBeLessThan(0.55);
    expect(withAuthor(0.6, 0.95)).toBeGreaterThan(0.7);
    expect(withAuthor(0.6, null)).toBe(0.6);
    expect(withRepetition(0.5, 2)).toBe(0.5);
    expect(withRepetition(0.5, 3)).toBeCloseTo(0.85);
  });
});
