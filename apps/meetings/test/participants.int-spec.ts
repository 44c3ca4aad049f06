/**
 * POST /internal/participants (ADR 0038): the newsletter service, calling as
 * itself, learns which accounts registered for the meetings of spaces. Never
 * a guest: a registration without an account gave its address for that
 * meeting only.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { meetingsService } from '../src/meetings.definition';

describe.each(testDatabaseTargets())(
  'meeting participants for the newsletter service on $name',
  (target) => {
    let booted: BootedService;
    let server: Parameters<typeof request>[0];
    const org = randomUUID();
    const otherOrg = randomUUID();

    beforeAll(async () => {
      booted = await bootService(meetingsService, { database: target.open });
      server = booted.service.app.getHttpServer();
    });
    afterAll(() => booted.close());

    /** A published meeting of `spaceId`, as the meetings API stores it. */
    const meeting = async (organizationId: string, spaceId: string) => {
      const [m] = await booted.db.query<{ id: string }>(
        `INSERT INTO meetings.meetings (organization_id, component_id, space_id, organizer_kind, title,
                                      type, starts_at, ends_at, time_zone, state, registrations_enabled,
                                      published_at)
       VALUES ($1, $2, $3, 'official', '{"fr":"Atelier vélo"}', 'in_person', now() + interval '2 days',
               now() + interval '2 days 2 hours', 'Europe/Paris', 'published', true, now())
       RETURNING id`,
        [organizationId, randomUUID(), spaceId],
      );
      return m.id;
    };

    type Status = 'confirmed' | 'waiting' | 'cancelled' | 'expired';
    /** A registration with an account, as the registration writer leaves it. */
    const registered = async (meetingId: string, organizationId: string, status: Status) => {
      const userId = randomUUID();
      await booted.db.query(
        `INSERT INTO meetings.registrations (organization_id, meeting_id, person_key, user_id, status,
                                           cancelled_at, ended_by)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'cancelled' THEN now() END,
               CASE WHEN $5 = 'cancelled' THEN 'registrant' END)`,
        [organizationId, meetingId, `account:${userId}`, userId, status],
      );
      return userId;
    };
    /** A guest's registration: a name and an address, no account. */
    const guest = (meetingId: string, organizationId: string) =>
      booted.db.query(
        `INSERT INTO meetings.registrations (organization_id, meeting_id, person_key, name, email,
                                           status, mail_confirmed_at)
       VALUES ($1, $2, $3, 'Invitée', 'invitee@example.org', 'confirmed', now())`,
        [organizationId, meetingId, `email:${randomUUID().replace(/-/g, '')}`],
      );

    const ask = (header: [string, string], body: unknown) =>
      request(server)
        .post('/internal/participants')
        .set(...header)
        .send(body as object);

    it('gives the accounts with a live registration in the asked spaces, once each, sorted', async () => {
      const [spaceA, spaceB, notAsked, otherSpace] = [
        randomUUID(),
        randomUUID(),
        randomUUID(),
        randomUUID(),
      ];
      const a1 = await meeting(org, spaceA);
      const a2 = await meeting(org, spaceA);
      const b1 = await meeting(org, spaceB);
      const confirmed = await registered(a1, org, 'confirmed');
      const waiting = await registered(a1, org, 'waiting');
      await registered(a1, org, 'cancelled');
      await registered(a1, org, 'expired');
      await guest(a1, org);
      // The same account in a second meeting, and in the other space.
      await booted.db.query(
        `INSERT INTO meetings.registrations (organization_id, meeting_id, person_key, user_id, status)
       VALUES ($1, $2, $3, $4, 'confirmed'), ($1, $5, $3, $4, 'confirmed')`,
        [org, a2, `account:${confirmed}`, confirmed, b1],
      );
      const inB = await registered(b1, org, 'confirmed');
      await registered(await meeting(org, notAsked), org, 'confirmed');
      const elsewhere = await registered(
        await meeting(otherOrg, otherSpace),
        otherOrg,
        'confirmed',
      );

      const r = await ask(booted.asService('newsletter', org), {
        spaceIds: [spaceA, spaceB.toUpperCase(), otherSpace, randomUUID()],
      });
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toEqual({ userIds: [confirmed, waiting, inB].sort() });

      // The other organization's token gets its own registrants only.
      const other = await ask(booted.asService('newsletter', otherOrg), {
        spaceIds: [spaceA, spaceB, otherSpace],
      });
      expect(other.body).toEqual({ userIds: [elsewhere] });
    });

    it("refuses a person's identity token, none, and a service token meant for another service (401)", async () => {
      const spaceIds = [randomUUID()];
      const person: InternalIdentity = { organizationId: org, userId: randomUUID(), grants: [] };
      expect((await ask(await booted.as(person), { spaceIds })).status).toBe(401);
      expect((await request(server).post('/internal/participants').send({ spaceIds })).status).toBe(
        401,
      );
      expect((await ask(booted.asService('newsletter', org, 'spaces'), { spaceIds })).status).toBe(
        401,
      );
    });

    it.each([
      ['no list', {}],
      ['an empty list', { spaceIds: [] }],
      ['an id that is not a UUID', { spaceIds: [randomUUID(), 'nope'] }],
      ['more than 100 spaces', { spaceIds: Array.from({ length: 101 }, () => randomUUID()) }],
      ['a field it does not know', { spaceIds: [randomUUID()], organizationId: randomUUID() }],
    ])('refuses %s with a 400', async (_, body) => {
      const r = await ask(booted.asService('newsletter', org), body);
      expect(r.status).toBe(400);
      expect(r.body.errors.length).toBeGreaterThan(0);
    });
  },
);
