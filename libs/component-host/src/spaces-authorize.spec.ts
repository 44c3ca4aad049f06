import { IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import type { InternalResponse, InternalServices } from '@palabre/service-kit';
import { SpacesAuthorizer } from './spaces-authorize';

const org = 'org-1';
const component = 'c-1';

/** Spaces' authorize API answered by the test, question by question; the token says who asks. */
function fakeSpaces() {
  const asked: { who: string; answer: (r: InternalResponse) => void }[] = [];
  const internal = {
    call: (
      _service: string,
      _method: string,
      _path: string,
      o: { headers: Record<string, string> },
    ) =>
      new Promise<InternalResponse>((answer) =>
        asked.push({ who: o.headers[IDENTITY_HEADER], answer }),
      ),
  } as unknown as InternalServices;
  return { internal, asked };
}

/** Spaces' answer for `who`: allowed when a signer; with the policy for anyone when `forAnyone`. */
const answerFor = (who: string, forAnyone: boolean): InternalResponse => ({
  status: 200,
  headers: { 'cache-control': 'private, max-age=2' },
  body: {
    allowed: who.startsWith('signer'),
    reason: who.startsWith('signer') ? '' : 'NOT_VERIFIED',
    spaceId: 's-1',
    componentType: 'budgets',
    ...(forAnyone ? { policy: { open: true, verification: 'franceconnect' } } : {}),
  },
});

const person = (who: string): InternalIdentity => ({
  organizationId: org,
  grants: [],
  ...(who.startsWith('signer') ? { signerKey: who } : { userId: who }),
});

/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('SpacesAuthorizer', () => {
  const ask = (authorizer: SpacesAuthorizer, who: string) =>
    authorizer.authorize(person(who), who, component, 'vote');

  it('asks spaces once for a crowd while its policy holds, and answers each person as who they are', async () => {
    const { internal, asked } = fakeSpaces();
    const authorizer = new SpacesAuthorizer(internal);
    const crowd = ['signer-1', 'account-2', 'signer-3', 'account-4'];
    const answers = Promise.all(crowd.map((who) => ask(authorizer, who)));
    await settle();
    expect(asked.map((q) => q.who)).toEqual(['signer-1']);
    asked[0].answer(answerFor('signer-1', true));
    expect((await answers).map((r) => r.found && r.answer.allowed)).toEqual([
      true,
      false,
      true,
      false,
    ]);
    const later = await ask(authorizer, 'account-5');
    expect(later.found && later.answer.reason).toBe('NOT_VERIFIED');
    expect(later.found && later.maxAgeMs).toBeGreaterThan(0);
    expect(asked).toHaveLength(1);

    // Its settings changed: the next person asks spaces again.
    authorizer.invalidate(component);
    const afresh = ask(authorizer, 'signer-6');
    await settle();
    expect(asked).toHaveLength(2);
    asked[1].answer(answerFor('signer-6', true));
    await afresh;
  });

  it('never gives an answer about one person (no policy) to another: each waiting asks spaces', async () => {
    const { internal, asked } = fakeSpaces();
    const authorizer = new SpacesAuthorizer(internal);
    const first = ask(authorizer, 'signer-1');
    const second = ask(authorizer, 'account-2');
    await settle();
    asked[0].answer(answerFor('signer-1', false));
    expect((await first).found).toBe(true);
    await settle();
    expect(asked.map((q) => q.who)).toEqual(['signer-1', 'account-2']);
    asked[1].answer(answerFor('account-2', false));
    const r = await second;
    expect(r.found && r.answer.reason).toBe('NOT_VERIFIED');
  });

  it('lets the people waiting on a question that failed ask their own', async () => {
    const { internal, asked } = fakeSpaces();
    const authorizer = new SpacesAuthorizer(internal);
    const first = ask(authorizer, 'signer-1');
    const second = ask(authorizer, 'signer-2');
    await settle();
    asked[0].answer({ status: 503, headers: {}, body: null });
    await expect(first).rejects.toThrow(/spaces/);
    await settle();
    expect(asked).toHaveLength(2);
    asked[1].answer(answerFor('signer-2', true));
    expect((await second).found).toBe(true);
    // That answer holds a policy: kept for the next person.
    await ask(authorizer, 'signer-3');
    expect(asked).toHaveLength(2);
  });
});
