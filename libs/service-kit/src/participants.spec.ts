import { randomUUID } from 'node:crypto';
import { generateIdentityKeys, SERVICE_HEADER } from '@palabre/auth';
import {
  ServiceUnreachableError,
  type InternalResponse,
  type InternalServices,
} from './internal-services';
import { participantsOf } from './participants';

type Call = (
  service: string,
  method: string,
  path: string,
  options: { headers: Record<string, string>; body: { spaceIds: string[] } },
) => Promise<InternalResponse>;

const ORG = '6f1c2a9e-3b7d-4e8a-9c0f-1a2b3c4d5e6f';
const reply = (status: number, body: unknown): InternalResponse => ({ status, body, headers: {} });

describe('participantsOf', () => {
  const keys = generateIdentityKeys();
  const tokens = keys.serviceTokensFor('newsletter');
  const answering = (answer: Call) => {
    const call = jest.fn(answer);
    return { call, internal: { call } as unknown as InternalServices };
  };

  it('asks nothing for no space', async () => {
    const { call, internal } = answering(async () => reply(200, { userIds: [] }));
    expect(await participantsOf(internal, tokens, ORG, 'proposals', [])).toEqual([]);
    expect(call).not.toHaveBeenCalled();
  });

  it.each([
    ['proposals', '/internal/participants'],
    ['budgeting', '/internal/participants'],
    ['meetings', '/internal/participants'],
    ['spaces', '/internal/space-members'],
  ] as const)(
    'asks %s at %s as the calling service, for the organization',
    async (service, path) => {
      const space = randomUUID();
      const { call, internal } = answering(async () => reply(200, { userIds: ['b', 'a'] }));
      expect(await participantsOf(internal, tokens, ORG, service, [space, space])).toEqual([
        'a',
        'b',
      ]);
      expect(call).toHaveBeenCalledTimes(1);
      const [to, method, asked, { headers, body }] = call.mock.calls[0];
      expect([to, method, asked, body]).toEqual([service, 'POST', path, { spaceIds: [space] }]);
      // The callee's own check accepts the token: the caller, for this organization.
      expect(keys.verifierFor(service).services.verify(headers[SERVICE_HEADER])).toEqual({
        service: 'newsletter',
        organizationId: ORG,
      });
    },
  );

  it('asks per 100 distinct spaces and merges the answers, once each, sorted', async () => {
    const spaces: string[] = Array.from({ length: 250 }, () => randomUUID());
    const { call, internal } = answering(async (_s, _m, _p, { body }) =>
      // Someone took part in the first space of each batch, and everyone asked about spaces.
      reply(200, { userIds: ['everyone', `first-${spaces.indexOf(body.spaceIds[0])}`] }),
    );
    expect(await participantsOf(internal, tokens, ORG, 'meetings', [...spaces, spaces[3]])).toEqual(
      ['everyone', 'first-0', 'first-100', 'first-200'],
    );
    expect(call.mock.calls.map(([, , , { body }]) => body.spaceIds.length)).toEqual([100, 100, 50]);
  });

  it.each([
    ['a refusal', reply(401, { message: 'Invalid or expired service token' })],
    ['a 5xx', reply(503, null)],
    ['no list', reply(200, {})],
    ['a list of something else', reply(200, { userIds: [1] })],
  ])('fails as unreachable on %s, for an audience is whole or not built', async (_, answer) => {
    const { internal } = answering(async () => answer);
    await expect(
      participantsOf(internal, tokens, ORG, 'budgeting', [randomUUID()]),
    ).rejects.toBeInstanceOf(ServiceUnreachableError);
  });
});
