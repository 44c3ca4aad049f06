import { accountFeatures } from './account-features';
import { textFeatures } from './text-features';

describe('textFeatures', () => {
  it('finds links, their registrable domains, top-level domains and the words in their names', () => {
    const f = textFeatures(
      'Voir https://www.lyon.fr/deliberation.pdf et surtout https://meilleur-casino-bonus.xyz/promo?ref=42, ou encore www.lyon.fr/plan',
    );
    expect(f.links).toBe(3);
    expect(f.domains).toEqual(['lyon.fr', 'meilleur-casino-bonus.xyz']);
    expect(f.tokens).toEqual(
      expect.arrayContaining([
        '_link',
        '_tld:xyz',
        '_tld:fr',
        '_d:casino',
        '_d:bonus',
        '_tracking',
      ]),
    );
  });

  it('sees links written around filters', () => {
    for (const text of [
      'Rendez-vous sur cheap-pills [dot] com pour vos commandes',
      'promo sur casino-bonus . xyz aujourd’hui',
      'hxxps://payday-loans.top/apply',
      'www . best-movers . online',
    ])
      expect([text, textFeatures(text).obfuscatedLinks > 0]).toEqual([text, true]);
    expect(textFeatures('Fin de la phrase. Une autre phrase.').obfuscatedLinks).toBe(0);
  });

  it('measures keyword stuffing on words of four letters or more, and shouting', () => {
    const stuffed = textFeatures(
      'casino casino bonus casino jackpot casino gratuit casino en ligne casino meilleur casino de france casino',
    );
    expect(stuffed.repetition).toBeGreaterThan(0.4);
    const normal = textFeatures(
      'Je propose de planter des arbres dans la rue de la République pour avoir de l’ombre en été et de la fraîcheur.',
    );
    expect(normal.repetition).toBeLessThan(0.15);
    expect(
      textFeatures('NOUS EN AVONS ASSEZ DES TRAVAUX QUI NE FINISSENT JAMAIS !!!').capitals,
    ).toBe(1);
  });

  it('folds accents and case, and marks money, phones and messaging apps', () => {
    const f = textFeatures('Écrivez-nous sur WhatsApp au +33 6 12 34 56 78 : 500 € par jour !');
    expect(f.tokens).toEqual(
      expect.arrayContaining(['ecrivez', 'nous', 'whatsapp', '_money', '_phone', '_messaging']),
    );
  });
});

describe('accountFeatures', () => {
  it('reads throw-away mail domains from the maintained list, not free mail', () => {
    const base = { nickname: 'marie_l', emailDomain: '', contributions: 3, accountAgeDays: 40 };
    expect(accountFeatures({ ...base, emailDomain: 'yopmail.com' }).disposableEmail).toBe(true);
    expect(accountFeatures({ ...base, emailDomain: '@Mailinator.com' }).disposableEmail).toBe(true);
    const gmail = accountFeatures({ ...base, emailDomain: 'gmail.com' });
    expect([gmail.disposableEmail, gmail.freeMail]).toEqual([false, true]);
  });

  it('reads the nickname as words and the personal URL as signals', () => {
    const f = accountFeatures({
      nickname: 'BestSeoServices_2024',
      about: '',
      personalUrl: 'https://cheap-backlinks.xyz',
      emailDomain: 'gmail.com',
      contributions: 0,
      accountAgeDays: 0,
    });
    expect(f.tokens).toEqual(
      expect.arrayContaining(['n:best', 'n:seo', 'n:services', 'n:2024', 'u_link', 'u_tld:xyz']),
    );
    expect(f.domains).toEqual(['cheap-backlinks.xyz']);
    expect(f.hasUrl).toBe(true);
    expect(f.nicknameDigits).toBeCloseTo(4 / 20);
  });
});
