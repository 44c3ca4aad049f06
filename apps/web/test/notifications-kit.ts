/**
 * What the notification page tests share: a platform on its own PostgreSQL
 * database, a person registered and signed in through the API (their mail
 * read at /dev/mail), and notifications told to them as a service publishes
 * them (`notificationEvents`), written into the newsletter service's own
 * outbox: the site has no page yet that makes a service tell someone.
 */
import { randomUUID } from 'node:crypto';
import type { NotificationKind } from '@palabre/contracts';
import { publishMany } from '@palabre/messaging';
import { Database, testDatabaseTargets } from '@palabre/persistence';
import { notificationEvents } from '@palabre/service-kit';
import { until } from '@palabre/testing';
import { callApi, sessionOf } from './page-kit';
import { startPlatform, type RunningPlatform } from './platform';

export { until };

export const postgres = testDatabaseTargets().find((t) => t.name === 'PostgreSQL');

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const PASSWORD = 'correct horse battery';

export interface Person {
  id: string;
  email: string;
  password: string;
  cookie: string;
  organizationId: string;
}

export interface NotifyingPlatform {
  platform: RunningPlatform;
  db: Database;
  stop(): Promise<void>;
}

/** The real platform on this file's own PostgreSQL database, and a connection to that database. */
export async function startNotifyingPlatform(): Promise<NotifyingPlatform> {
  const url = await postgres!.url!();
  const platform = await startPlatform({ DATABASE_URL: url });
  const db = await Database.open({ url });
  return {
    platform,
    db,
    stop: async () => {
      await db.close();
      await platform.stop();
    },
  };
}

/** The token of the newest registration mail to `to`. */
async function registrationToken(base: string, to: string): Promise<string> {
  return until(`a registration mail to ${to}`, async () => {
    const box = await (await fetch(`${base}/dev/mail`)).text();
    const mail = box
      .split('<article>')
      .find((a) => a.includes(to) && /\/account\/confirm\?/.test(a));
    return mail ? (/\/account\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? '') : '';
  });
}

/** A person registered, confirmed and signed in, as the identity API has them. */
export async function registerPerson(
  { platform, db }: NotifyingPlatform,
  email: string,
  displayName: string,
): Promise<Person> {
  const base = platform.url;
  const captcha = await callApi<{ id: string; question: { en: string } }>(
    base,
    '/api/identity/captcha',
  );
  const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.body.question.en) ?? [];
  const registered = await callApi(base, '/api/identity/registrations', undefined, {
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
  const token = await registrationToken(base, email);
  const confirmed = await callApi(base, '/api/identity/registrations/confirm', undefined, {
    method: 'POST',
    body: { token },
  });
  expect(confirmed.status).toBe(204);
  const r = await fetch(`${base}/api/identity/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(r.status).toBe(201);
  const [row] = await db.query<{ id: string; organization_id: string }>(
    `SELECT id, organization_id FROM identity.users WHERE email = $1`,
    [email],
  );
  return {
    id: row.id,
    email,
    password: PASSWORD,
    cookie: sessionOf(r.headers),
    organizationId: row.organization_id,
  };
}

export interface Told {
  kind: NotificationKind;
  subjectId?: string;
  title?: { fr: string; en: string };
  space?: { id: string; title: { fr: string; en: string } };
  params?: Record<string, string>;
  occurredAt?: Date;
}

/**
 * Notifications told to `person` as the petitions service publishes them
 * (publishNotification), in one transaction of the newsletter's outbox.
 */
export async function tell(
  { db }: NotifyingPlatform,
  person: Person,
  notifications: Told[],
): Promise<string[]> {
  const subjects = notifications.map((n) => n.subjectId ?? randomUUID());
  const ds = db.dataSource({ schema: 'newsletter' });
  await ds.initialize();
  try {
    await ds.transaction((m) =>
      publishMany(
        m,
        'newsletter',
        notifications.flatMap((n, i) =>
          notificationEvents('petitions', {
            organizationId: person.organizationId,
            kind: n.kind,
            recipientIds: [person.id],
            subjectId: subjects[i],
            title: n.title ?? { fr: 'Des arbres rue Pasteur', en: 'Trees on rue Pasteur' },
            path: `/petitions/${subjects[i]}`,
            spaceId: n.space?.id,
            spaceTitle: n.space?.title,
            params: n.params,
            occurredAt: n.occurredAt,
            dedupeKey: `${n.kind}:${subjects[i]}`,
          }),
        ),
      ),
    );
  } finally {
    await ds.destroy();
  }
  return subjects;
}

/** The person's unread count, as the API says it. */
export async function unreadOf(base: string, person: Person): Promise<number> {
  const r = await callApi<{ unread: number }>(
    base,
    '/api/newsletter/me/notifications/count',
    person.cookie,
  );
  expect(r.status).toBe(200);
  return r.body.unread;
}
