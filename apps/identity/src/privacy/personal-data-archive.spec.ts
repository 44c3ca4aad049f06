import { TOKEN_RELAYS } from '@palabre/auth';
import { PERSONAL_DATA_SERVICES } from './personal-data-archive';

describe('personal data archive', () => {
  it("asks only services that accept the person's token passed on by identity (ADR 0030)", () => {
    // Identity gathers each part with the person's own token: the gateway MACs tokens meant
    // for identity for these services too, or they would answer 401 and the export fail.
    expect(TOKEN_RELAYS.identity).toEqual(expect.arrayContaining([...PERSONAL_DATA_SERVICES]));
  });
});
