import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { generateIdentityKeys, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { Topics, type NotificationJson } from '@palabre/contracts';
import { EventBus, PostgresTransport } from '@palabre/messaging';
import type { Database } from '@palabre/persistence';
import { createServiceApp, type ServiceApp } from '@palabre/service-kit';
import { loadServiceDefinition, testDatabaseTargets, testLogger, until } from '@palabre/testing';
import { meetingsService } from '../src/meetings.definition';
import { ReminderJob } from '../src/notifications/reminder.job';

const HOUR = 3600_000;
/** A notification as published (every field written). */
type Told = Required<NotificationJson>;
/** A wall-clock time in Europe/Paris `hours` from now, as a form gives it. */
const inParis = (hours: number) =>
  new Date(Date.now() + hours * HOUR)
    .toLocaleString('sv-SE', { timeZone: 'Europe/Paris' })
    .slice(0, 16)
    .replace(' ', 'T');

/**
 * What meetings tells its registrants with an account (ADR 0040), besides
 * its own mails: their seat, a change, a cancellation, and the reminder the
 * day before; never guests, never the organizer who made the change. Read
 * from what it published (its outbox, or the bus once relayed).
 */
describe.each(testDatabaseTargets())('notifications of meetings on $name', (target) => {
  let db: Database;
  let bus: EventBus;
  let spaces: ServiceApp;
  let meetings: ServiceApp;
  let loopback: Server;
  const keys = generateIdentityKeys();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SPACES_PHASE_INTERVAL_MS: '0',
    MEETINGS_EXPIRY_INTERVAL_MS: '0',
    MEETINGS_REMINDER_INTERVAL_MS: '0',
  };
  const org = randomUUID();
  const orgAdmin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    displayName: 'Mairie',
    grants: [{ role: 'org-admin' }],
  };
  const person = (name = 'Camille'): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    displayName: name,
    grants: [],
  });

  const call = (
    app: ServiceApp,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
  ) => {
    const r = request(app.app.getHttpServer())
      [method](path)
      .set(IDENTITY_HEADER, keys.issuer.issue(who, app.definition.name));
    return body === undefined ? r : r.send(body);
  };
  const api = (
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
  ) => call(meetings, method, path, who, body);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => db.query<T>(q, p);

  let place: { slug: string; spaceId: string; componentId: string };
  const meeting = async (body: object = {}) => {
    const r = await api('post', `/components/${place.componentId}/meetings`, orgAdmin, {
      title: { fr: 'Atelier vélo', en: 'Cycling workshop' },
      type: 'in_person',
      startsAt: inParis(48),
      endsAt: inParis(50),
      timeZone: 'Europe/Paris',
      address: '12 rue de la République, Lyon',
      registrationsEnabled: true,
      ...body,
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    expect((await api('post', `/meetings/${r.body.id}/publish`, orgAdmin)).status).toBe(200);
    return r.body.id as string;
  };
  const register = async (id: string, who: InternalIdentity) => {
    const r = await api('post', `/meetings/${id}/registrations`, who, {});
    expect(r.status).toBe(200);
    return r.body.registration as { id: string; status: string };
  };
  /** A guest the organizer registered (an address, no account): seated or waiting. */
  const invite = async (id: string) =>
    expect(
      (
        await api('post', `/meetings/${id}/invitations`, orgAdmin, {
          name: 'Dominique',
          email: `d-${randomUUID().slice(0, 8)}@example.org`,
        })
      ).status,
    ).toBe(200);

  /** The notifications published about a meeting, of one kind, in the order they were. */
  const told = async (meetingId: string, kind: string): Promise<Told[]> => {
    const rows = await sql<{ payload: { notification: Told } }>(
      // Relayed first (one partition per subject, in order), then those still in the outbox.
      `SELECT payload FROM (
         SELECT payload, 0 AS relayed, seq AS n FROM palabre_bus.events WHERE topic = $1
         UNION ALL SELECT payload, 1, id FROM meetings.outbox WHERE topic = $1) e
        WHERE payload -> 'notification' ->> 'subjectId' = $2
          AND payload -> 'notification' ->> 'kind' = $3 ORDER BY relayed, n`,
      [Topics.MeetingsNotificationRequestedV1, meetingId, kind],
    );
    return rows.map((r) => r.payload.notification);
  };
  const page = (id: string) => `/spaces/${place.slug}/meetings/${place.componentId}/${id}`;
  const sorted = (ids: (string | undefined)[]) => [...ids].sort();

  beforeAll(async () => {
    db = await target.open();
    for (const schema of ['spaces', 'meetings'])
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
      pollIntervalMs: 50,
    });
    const deps = { db, bus, logger: testLogger(), env, embedded: false };
    spaces = await createServiceApp(await loadServiceDefinition('spaces'), {
      ...deps,
      verifier: keys.verifierFor('spaces'),
    });
    loopback = createServer(spaces.handler);
    await new Promise<void>((r) => loopback.listen(0, '127.0.0.1', r));
    env.SERVICE_URL_SPACES = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}`;
    meetings = await createServiceApp(meetingsService, {
      ...deps,
      verifier: keys.verifierFor('meetings'),
    });
    const sp = (path: string, body?: object) => call(spaces, 'post', path, orgAdmin, body);
    await until('the meetings type in spaces', async () => {
      const r = await call(spaces, 'get', '/component-types', orgAdmin);
      return r.body.items?.find((t: { type: string }) => t.type === 'meetings');
    });
    const slug = `reunions-${randomUUID().slice(0, 6)}`;
    const s = await sp('/', {
      kind: 'assembly',
      slug,
      title: { fr: 'Assemblée de quartier', en: 'Neighbourhood assembly' },
    });
    expect(s.status).toBe(201);
    expect((await sp(`/${s.body.id}/publish`)).status).toBe(200);
    const c = await sp(`/${s.body.id}/components`, {
      type: 'meetings',
      name: { fr: 'Réunions', en: 'Meetings' },
    });
    expect(c.status).toBe(201);
    await until('the component and its space in meetings', async () => {
      const [r] = await sql(`SELECT 1 FROM meetings.components WHERE component_id = $1`, [
        c.body.id,
      ]);
      const [sr] = await sql(
        `SELECT 1 FROM meetings.spaces WHERE space_id = $1 AND state = 'published'`,
        [s.body.id],
      );
      return r && sr;
    });
    place = { slug, spaceId: s.body.id, componentId: c.body.id };
  }, 60_000);
  afterAll(async () => {
    loopback?.close();
    await meetings?.close();
    await spaces?.close();
    await bus?.stop();
    await db?.close();
  });

  it('tells an account of its seat, on registering and from the waiting list; never a guest', async () => {
    const id = await meeting({ capacity: 2 });
    const [ana, ben] = [person('Ana'), person('Ben')];
    const seat = await register(id, ana);
    await invite(id); // a guest seated: mailed by meetings, not notified
    const waiting = await register(id, ben);
    expect(waiting.status).toBe('waiting');
    expect(await told(id, 'registration.confirmed')).toHaveLength(1);
    // Ana cancels: Ben takes her seat.
    expect((await api('delete', `/meetings/${id}/registrations/mine`, ana)).status).toBe(204);

    const all = await told(id, 'registration.confirmed');
    expect(all.map((n) => [n.recipientIds, n.dedupeKey])).toEqual([
      [[ana.userId], `registration.confirmed:${seat.id}`],
      [[ben.userId], `registration.confirmed:${waiting.id}`],
    ]);
    expect(all[1]).toMatchObject({
      organizationId: org,
      spaceId: place.spaceId,
      spaceTitle: { fr: 'Assemblée de quartier', en: 'Neighbourhood assembly' },
      subjectId: id,
      title: { fr: 'Atelier vélo', en: 'Cycling workshop' },
      path: page(id),
    });
  });

  it('tells registrants with an account what changed and that it was called off, not the organizer', async () => {
    const id = await meeting({ capacity: 3 });
    const [ana, ben] = [person('Ana'), person('Ben')];
    await register(id, orgAdmin); // the organizer, registered to their own meeting
    await register(id, ana);
    await invite(id);
    expect((await register(id, ben)).status).toBe('waiting');

    const moved = await api('patch', `/meetings/${id}`, orgAdmin, {
      startsAt: inParis(72),
      endsAt: inParis(74),
      address: '3 place Sathonay, Lyon',
    });
    expect(moved.status).toBe(200);
    // Nothing registrants rely on: nothing to tell.
    const described = await api('patch', `/meetings/${id}`, orgAdmin, {
      description: { fr: 'Apportez votre vélo.' },
    });
    expect(described.status).toBe(200);
    const changed = await told(id, 'meeting.changed');
    expect(changed.map((n) => [sorted(n.recipientIds), n.params, n.dedupeKey, n.path])).toEqual([
      [
        sorted([ana.userId, ben.userId]),
        { changes: 'schedule,place' },
        `meeting.changed:${id}:${moved.body.version}`,
        page(id),
      ],
    ]);

    const cancelled = await api('post', `/meetings/${id}/cancel`, orgAdmin, {
      reason: { fr: 'Salle indisponible' },
    });
    expect(cancelled.status).toBe(200);
    expect(
      (await told(id, 'meeting.cancelled')).map((n) => [
        sorted(n.recipientIds),
        n.params,
        n.dedupeKey,
      ]),
    ).toEqual([
      [sorted([ana.userId, ben.userId]), { how: 'cancelled' }, `meeting.cancelled:${id}`],
    ]);

    // Withdrawn: told the same way, saying how.
    const other = await meeting();
    await register(other, ana);
    expect((await api('post', `/meetings/${other}/withdraw`, orgAdmin, {})).status).toBe(200);
    expect((await told(other, 'meeting.cancelled')).map((n) => [n.recipientIds, n.params])).toEqual(
      [[[ana.userId], { how: 'withdrawn' }]],
    );
  });

  it('reminds the seated registrants with an account once, the day before, whatever the replicas', async () => {
    const soon = await meeting({ capacity: 3, startsAt: inParis(12), endsAt: inParis(14) });
    const [ana, ben, chloe, dan] = [person('Ana'), person('Ben'), person('Chloé'), person('Dan')];
    for (const who of [ana, chloe, dan]) await register(soon, who);
    await invite(soon); // a guest, first on the waiting list
    expect((await register(soon, ben)).status).toBe('waiting');
    // Dan's seat goes to the guest; Ben still waits: neither is reminded, nor Dan.
    expect((await api('delete', `/meetings/${soon}/registrations/mine`, dan)).status).toBe(204);
    const later = await meeting({ startsAt: inParis(30), endsAt: inParis(31) });
    await register(later, ana);
    const calledOff = await meeting({ startsAt: inParis(10), endsAt: inParis(11) });
    await register(calledOff, ana);
    expect((await api('post', `/meetings/${calledOff}/cancel`, orgAdmin, {})).status).toBe(200);

    const job = meetings.app.get(ReminderJob);
    // Two replicas at once, then a later turn: one reminder.
    await Promise.all([job.runOnce(), job.runOnce()]);
    await job.runOnce();

    const [row] = await sql<{ starts_at: Date; reminded_at: Date | null }>(
      `SELECT starts_at, reminded_at FROM meetings.meetings WHERE id = $1`,
      [soon],
    );
    expect(row.reminded_at).not.toBeNull();
    const reminders = await told(soon, 'meeting.reminder');
    expect(reminders.map((n) => [sorted(n.recipientIds), n.dedupeKey, n.path])).toEqual([
      [
        sorted([ana.userId, chloe.userId]),
        `meeting.reminder:${soon}:${new Date(row.starts_at).toISOString()}`,
        page(soon),
      ],
    ]);
    expect(await told(later, 'meeting.reminder')).toEqual([]);
    expect(await told(calledOff, 'meeting.reminder')).toEqual([]);

    // Moved to another day: reminded again the day before the new start, under a new key.
    const moved = await api('patch', `/meetings/${soon}`, orgAdmin, {
      startsAt: inParis(60),
      endsAt: inParis(62),
    });
    expect(moved.status).toBe(200);
    await job.runOnce();
    expect(await told(soon, 'meeting.reminder')).toHaveLength(1);
    // Time passes: the new start comes within a day.
    await sql(
      `UPDATE meetings.meetings SET starts_at = starts_at - interval '47 hours',
         ends_at = ends_at - interval '47 hours' WHERE id = $1`,
      [soon],
    );
    await job.runOnce();
    const again = await told(soon, 'meeting.reminder');
    expect(again.map((n) => sorted(n.recipientIds))).toEqual([
      sorted([ana.userId, chloe.userId]),
      sorted([ana.userId, chloe.userId]),
    ]);
    expect(again[1].dedupeKey).not.toBe(again[0].dedupeKey);
  });

  it('reminds 10,001 registrants in two events of at most 10,000', async () => {
    const id = await meeting({ startsAt: inParis(6), endsAt: inParis(7) });
    const ids = (
      await sql<{ user_id: string }>(
        `INSERT INTO meetings.registrations (organization_id, meeting_id, person_key, user_id, status,
           confirmed_at)
         SELECT $1, $2, 'account:' || u, u, 'confirmed', now()
           FROM (SELECT gen_random_uuid() AS u FROM generate_series(1, 10001)) x
         RETURNING user_id`,
        [org, id],
      )
    ).map((r) => r.user_id);
    await meetings.app.get(ReminderJob).runOnce();
    const reminders = await told(id, 'meeting.reminder');
    expect(reminders.map((n) => [n.recipientIds.length, n.dedupeKey.split('#')[1]])).toEqual([
      [10_000, '0'],
      [1, '1'],
    ]);
    expect(sorted(reminders.flatMap((n) => n.recipientIds))).toEqual(sorted(ids));
  }, 60_000);
});
