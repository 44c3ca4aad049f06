import { IDENTITY_HEADER } from '@palabre/auth';
import type { AccountContactView } from '@palabre/contracts';
import { AccountContactsRefusedError, accountContacts } from './account-contacts';
import {
  ServiceUnreachableError,
  type InternalResponse,
  type InternalServices,
} from './internal-services';

type Call = (
  service: string,
  method: string,
  path: string,
  options: { headers: Record<string, string>; body: { userIds: string[] } },
) => Promise<InternalResponse>;

const identityAnswering = (answer: Call) => {
  const call = jest.fn(answer);
  return { call, internal: { call } as unknown as InternalServices };
};

const contactOf = (userId: string): AccountContactView => ({
  userId,
  email: `${userId}@example.org`,
  name: null,
  locale: 'fr',
});

const reply = (status: number, body: unknown): InternalResponse => ({ status, body, headers: {} });

describe('accountContacts', () => {
  it('asks nothing for nobody', async () => {
    const { call, internal } = identityAnswering(async () => reply(200, { contacts: [] }));
    expect(await accountContacts(internal, 'token', [])).toEqual([]);
    expect(call).not.toHaveBeenCalled();
  });

  it('asks identity once per 500 distinct ids, with the token, and gives the contacts in order', async () => {
    const { call, internal } = identityAnswering(async (_s, _m, _p, { body }) =>
      // Identity leaves out whom it cannot write to: here every third account.
      reply(200, { contacts: body.userIds.filter((_, i) => i % 3 !== 0).map(contactOf) }),
    );
    const ids = Array.from({ length: 1_200 }, (_, i) => `u${i}`);
    const contacts = await accountContacts(internal, 'the-token', [...ids, 'u1', 'u2']);
    expect(call.mock.calls.map(([s, m, p, o]) => [s, m, p, o.body.userIds.length])).toEqual([
      ['identity', 'POST', '/internal/accounts/contacts', 500],
      ['identity', 'POST', '/internal/accounts/contacts', 500],
      ['identity', 'POST', '/internal/accounts/contacts', 200],
    ]);
    expect(call.mock.calls.every(([, , , o]) => o.headers[IDENTITY_HEADER] === 'the-token')).toBe(
      true,
    );
    const batches = [ids.slice(0, 500), ids.slice(500, 1_000), ids.slice(1_000)];
    expect(contacts.map((c) => c.userId)).toEqual(
      batches.flatMap((b) => b.filter((_, i) => i % 3 !== 0)),
    );
  });

  it("says identity refused (the caller's bug) apart from identity not answering", async () => {
    for (const status of [400, 401, 403]) {
      const { internal } = identityAnswering(async () => reply(status, { message: 'no' }));
      await expect(accountContacts(internal, 't', ['u'])).rejects.toBeInstanceOf(
        AccountContactsRefusedError,
      );
    }
    for (const answer of [reply(503, {}), reply(404, {}), reply(200, { items: [] })]) {
      const { internal } = identityAnswering(async () => answer);
      await expect(accountContacts(internal, 't', ['u'])).rejects.toBeInstanceOf(
        ServiceUnreachableError,
      );
    }
    const { internal } = identityAnswering(async () => {
      throw new ServiceUnreachableError('identity', 'no address configured');
    });
    await expect(accountContacts(internal, 't', ['u'])).rejects.toThrow(/identity is unreachable/);
  });

  it('keeps only well-formed contacts', async () => {
    const { internal } = identityAnswering(async () =>
      reply(200, { contacts: [contactOf('a'), { userId: 'b', email: null }, null] }),
    );
    expect(await accountContacts(internal, 't', ['a', 'b'])).toEqual([contactOf('a')]);
  });
});
