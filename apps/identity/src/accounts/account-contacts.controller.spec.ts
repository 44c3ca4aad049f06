import { TOKEN_RELAYS } from '@palabre/auth';
import { CONTACT_READERS } from './account-contacts.controller';

describe('account contact readers', () => {
  it('pass tokens on to identity, or identity would refuse their calls with 401', () => {
    for (const service of CONTACT_READERS) expect(TOKEN_RELAYS[service]).toContain('identity');
  });
});
