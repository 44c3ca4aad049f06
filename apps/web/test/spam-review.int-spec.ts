/**
 * The anti-spam review end to end, against the real platform as `npm start`
 * runs it (embedded, demo data; ADR 0041): an account registered with a
 * spammer's profile and its link-spam proposal are scored from their events
 * and reported — the proposal in its component's moderation queue with its
 * score and reasons, both in the administrators' list; the administrators'
 * digest arrives in the mail catcher; a dismissed account is not flagged
 * again for the same signals while an identical one is; with automatic
 * blocking on, a new spammer is blocked (identity refuses its sign-in) and
 * its proposal hidden.
 */
import type { ProposalModerationItemView, SpamFlagListView } from '@palabre/contracts';
import { until } from '@palabre/testing';
import { callApi, sessionOf } from './page-kit';
import { startPlatform, type RunningPlatform } from './platform';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const PASSWORD = 'correct horse battery';
/** The demo's participatory budget of the year (its proposals component open to ideas). */
const BUDGET = `budget-participatif-${new Date().getFullYear()}`;
const SPAM_TEXT =
  'Gagnez de l’argent facilement avec notre casino en ligne : bonus de 500 € sans dépôt, jackpot garanti ! Inscrivez-vous sur https://meilleur-casino-bonus.xyz/promo?ref=parc et sur https://jackpot-gratuit.top';

let platform: RunningPlatform;
let admin: string;
let componentId: string;

const api = <T>(path: string, cookie?: string, write?: { method: string; body?: unknown }) =>
  callApi<T>(platform.url, path, cookie, write);

async function signIn(
  email: string,
  password: string,
): Promise<{ status: number; cookie: string }> {
  const r = await fetch(`${platform.url}/api/identity/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: platform.url },
    body: JSON.stringify({ email, password }),
  });
  return { status: r.status, cookie: r.status === 201 ? sessionOf(r.headers) : '' };
}

/** A local account registered through the API, confirmed by its mailed link, signed in. */
async function register(
  displayName: string,
  domain: string,
): Promise<{ email: string; cookie: string }> {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@${domain}`;
  const captcha = await api<{ id: string; question: { en: string } }>('/api/identity/captcha');
  const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.body.question.en) ?? [];
  const registered = await api('/api/identity/registrations', undefined, {
    method: 'POST',
    body: {
      email,
      password: PASSWORD,
      displayName,
      captchaId: captcha.body.id,
      captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
    },
  });
  expect(registered.status).toBe(202);
  const token = await until(`the confirmation mail to ${email}`, async () => {
    const box = await (await fetch(`${platform.url}/dev/mail`)).text();
    const mail = box
      .split('<article>')
      .find((x) => x.includes(email) && x.includes('/account/confirm?'));
    return mail ? (/\/account\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? '') : '';
  });
  expect(
    (
      await api('/api/identity/registrations/confirm', undefined, {
        method: 'POST',
        body: { token },
      })
    ).status,
  ).toBe(204);
  const { status, cookie } = await signIn(email, PASSWORD);
  expect(status).toBe(201);
  return { email, cookie };
}

const flags = async (status = 'open') =>
  (await api<SpamFlagListView>(`/api/antispam/flags?status=${status}`, admin)).body.items;

const propose = async (cookie: string, title: string, body: string) => {
  const r = await api<{ id: string }>(
    `/api/proposals/components/${componentId}/proposals`,
    cookie,
    {
      method: 'POST',
      body: { title, body },
    },
  );
  expect(r.status).toBe(201);
  return r.body.id;
};

beforeAll(async () => {
  platform = await startPlatform({ ANTISPAM_DIGEST_HOUR: '0' });
  const space = await until('the demo space and its proposals', async () => {
    const r = await api<{ id: string; components: { id: string; type: string }[] }>(
      `/api/spaces/${BUDGET}`,
    );
    return r.status === 200 && r.body.components.some((c) => c.type === 'proposals')
      ? r.body
      : null;
  });
  componentId = space.components.find((c) => c.type === 'proposals')!.id;
  const signedIn = await signIn('admin@demo.palabre.test', 'palabre-demo-admin');
  admin = signedIn.cookie;
}, 120_000);

afterAll(() => platform?.stop());

describe('spam review', () => {
  let spammer: { email: string; cookie: string };
  let proposalId: string;

  it('reports a spammer’s account and its link spam, with scores and reasons, once', async () => {
    spammer = await register('casino-bonus-2024', 'mailinator.com');
    // Scored from its registration: flagged before it contributes anything.
    await until('the account flagged', async () =>
      (await flags()).some((f) => f.subjectType === 'account') ? true : null,
    );
    proposalId = await propose(spammer.cookie, 'Améliorer le parc du quartier', SPAM_TEXT);

    // The proposal is in its component's moderation queue, reported by the platform.
    const queued = await until('the spam proposal in the moderation queue', async () => {
      const q = await api<{ items: ProposalModerationItemView[] }>(
        `/api/proposals/components/${componentId}/moderation`,
        admin,
      );
      return q.body.items.find((i) => i.id === proposalId) ?? null;
    });
    expect(queued.hidden).toBe(false);
    expect(queued.reports).toEqual([
      {
        reason: 'spam',
        details: expect.stringMatching(
          /^Spam score 1\.00 \(model .+\): .*links: meilleur-casino-bonus\.xyz/,
        ),
      },
    ]);

    // Both are in the administrators' list, with their score and reasons.
    const open = await until('both flags', async () => {
      const items = await flags();
      return items.some((f) => f.subjectType === 'account') &&
        items.some((f) => f.subjectId === proposalId)
        ? items
        : null;
    });
    const account = open.find((f) => f.subjectType === 'account')!;
    expect(account.title).toBe('casino-bonus-2024');
    expect(account.text).toBe('@mailinator.com');
    expect(account.score).toBeGreaterThan(0.7);
    expect(account.reasons).toContain('disposable-email');
    const proposal = open.find((f) => f.subjectId === proposalId)!;
    expect(proposal.status).toBe('open');
    expect(proposal.score).toBeGreaterThan(0.99);
    expect(proposal.path).toBe(
      `/admin/spaces/${proposal.path.split('/')[3]}/proposals/${componentId}/moderation`,
    );
    // Automatic blocking is off by default: the spammer can still sign in.
    expect((await signIn(spammer.email, PASSWORD)).status).toBe(201);
  });

  it('sends the administrators their digest', async () => {
    const digest = await until('the anti-spam digest in the mail catcher', async () => {
      const box = await (await fetch(`${platform.url}/dev/mail`)).text();
      return (
        box
          .split('<article>')
          .find((a) => a.includes('admin@demo.palabre.test') && /Anti-spam/.test(a)) ?? null
      );
    });
    // Sent with the day's first report (the digest hour is past): later ones wait for tomorrow's.
    expect(digest).toMatch(/Anti-spam : \d+ signalement\(s\) et 0 compte\(s\) bloqué\(s\)/);
    expect(digest).toContain('/admin/spam');
  });

  it('does not flag a dismissed account again for the same signals; an identical one is', async () => {
    // A lower report threshold, so that the accounts' scores after contributing still count.
    const put = await api('/api/antispam/settings', admin, {
      method: 'PUT',
      body: { flagThreshold: 0.5, blockThreshold: 0.99, autoBlock: false },
    });
    expect(put.status).toBe(200);
    const account = (await flags()).find((f) => f.subjectType === 'account')!;
    const dismissed = await api(`/api/antispam/flags/${account.id}/dismiss`, admin, {
      method: 'POST',
    });
    expect(dismissed.status).toBe(200);
    expect(
      (await api(`/api/antispam/flags/${account.id}/dismiss`, admin, { method: 'POST' })).status,
    ).toBe(404);

    // An identical, undismissed account is flagged at its registration…
    const twin = await register('casino-bonus-2024', 'mailinator.com');
    await until('the twin flagged', async () =>
      (await flags()).some((f) => f.subjectType === 'account') ? true : null,
    );
    // …the dismissed one, scored again as it contributes (above the new threshold, same
    // signals), is not, while its new link spam is reported.
    const again = await propose(
      spammer.cookie,
      'Un jardin partagé',
      SPAM_TEXT.replace('meilleur-casino-bonus.xyz', 'casino-royal-bonus.xyz'),
    );
    await until('the new proposal flagged', async () =>
      (await flags()).some((f) => f.subjectId === again) ? true : null,
    );
    const open = await flags();
    const accounts = open.filter((f) => f.subjectType === 'account');
    expect(accounts).toHaveLength(1);
    expect(accounts[0].userId).not.toBe(account.userId);
    expect(open.find((f) => f.subjectId === again)!.reasons).toContain('suspect-author');
    const { body } = await api<SpamFlagListView>('/api/antispam/flags?status=decided', admin);
    expect(body.items.map((f) => f.id)).toContain(account.id);
    expect(twin.email).not.toBe(spammer.email);
  });

  it('blocks a new spammer where automatic blocking is on, and hides its proposal', async () => {
    const put = await api('/api/antispam/settings', admin, {
      method: 'PUT',
      body: { flagThreshold: 0.7, blockThreshold: 0.99, autoBlock: true },
    });
    expect(put.status).toBe(200);
    const other = await register('jackpot-gratuit-2024', 'yopmail.com');
    const id = await propose(
      other.cookie,
      'Un parc plus vert',
      SPAM_TEXT.replace('parc', 'jardin'),
    );
    await until('the spammer blocked', async () =>
      (await signIn(other.email, PASSWORD)).status === 403 ? true : null,
    );
    const blocked = await until(
      'the blocked flag',
      async () => (await flags('blocked')).find((f) => f.subjectId === id) ?? null,
    );
    expect(blocked.automatic).toBe(true);
    const hidden = await until('the proposal hidden', async () => {
      const q = await api<{ items: ProposalModerationItemView[] }>(
        `/api/proposals/components/${componentId}/moderation`,
        admin,
      );
      const item = q.body.items.find((i) => i.id === id);
      return item?.hidden ? item : null;
    });
    expect(hidden.hiddenReason).toBe('author-blocked');
  });
});
