import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { generateIdentityKeys, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { EventBus, PostgresTransport } from '@palabre/messaging';
import type { Database } from '@palabre/persistence';
import { createServiceApp, type ServiceApp } from '@palabre/service-kit';
import { loadServiceDefinition, testDatabaseTargets, testLogger, until } from '@palabre/testing';
import { meetingsService } from '../src/meetings.definition';
import { ExpiryJob } from '../src/registrations/expiry.job';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const HOUR = 3600_000;
/** A wall-clock time in Europe/Paris `hours` from now, as a form gives it. */
const inParis = (hours: number) =>
  new Date(Date.now() + hours * HOUR)
    .toLocaleString('sv-SE', { timeZone: 'Europe/Paris' })
    .slice(0, 16)
    .replace(' ', 'T');

describe.each(testDatabaseTargets())('meetings on $name', (target) => {
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
  };
  const org = randomUUID();
  const orgAdmin: InternalIdentity = {
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  };
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const person = (name = 'Camille'): InternalIdentity => ({
    organizationId: org,
    userId: randomUUID(),
    displayName: name,
    grants: [],
  });

  const call = (
    app: ServiceApp,
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
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
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
  ) => call(meetings, method, path, who, body);
  const sp = (
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    who: InternalIdentity,
    body?: object,
  ) => call(spaces, method, path, who, body);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => db.query<T>(q, p);
  type Shipped = { payload: Record<string, unknown> };
  /** The events of a topic that match, once the relay shipped as many as expected. */
  const shipped = async (topic: string, match: (e: Shipped) => boolean, count = 1) => {
    let found: Shipped[] = [];
    await until(
      `${count} ${topic}`,
      async () => {
        const all = await sql<Shipped>(
          `SELECT payload FROM palabre_bus.events WHERE topic = $1 ORDER BY partition, seq`,
          [topic],
        );
        found = all.filter(match);
        return found.length >= count;
      },
      5_000,
    ).catch(() => undefined);
    return found;
  };
  const about = (id: string) => (e: Shipped) =>
    (e.payload.meeting as { meetingId: string }).meetingId === id;

  let seq = 0;
  /** A published assembly with a meetings component, known to meetings. */
  const createComponent = async (area?: string) => {
    const s = await sp('post', '/', orgAdmin, {
      kind: 'assembly',
      slug: `meet-${++seq}-${randomUUID().slice(0, 6)}`,
      title: { fr: `Assemblée ${seq}`, en: `Assembly ${seq}` },
      ...(area ? { area: { fr: area, en: area } } : {}),
    });
    expect(s.status).toBe(201);
    expect((await sp('post', `/${s.body.id}/publish`, orgAdmin)).status).toBe(200);
    const c = await sp('post', `/${s.body.id}/components`, orgAdmin, {
      type: 'meetings',
      name: { fr: 'Réunions', en: 'Meetings' },
    });
    expect(c.status).toBe(201);
    await until('the component in meetings', async () => {
      const [r] = await sql(`SELECT 1 FROM meetings.components WHERE component_id = $1`, [
        c.body.id,
      ]);
      const [sr] = await sql(
        `SELECT 1 FROM meetings.spaces WHERE space_id = $1 AND state = 'published'`,
        [s.body.id],
      );
      return r && sr;
    });
    return { spaceId: s.body.id as string, componentId: c.body.id as string };
  };
  const meeting = async (componentId: string, body: object = {}, publish = true) => {
    const r = await api('post', `/components/${componentId}/meetings`, orgAdmin, {
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
    if (publish)
      expect((await api('post', `/meetings/${r.body.id}/publish`, orgAdmin)).status).toBe(200);
    return r.body.id as string;
  };
  const counts = async (meetingId: string) => {
    const [m] = await sql<{ seats_taken: number; waiting: number }>(
      `SELECT seats_taken, waiting FROM meetings.meetings WHERE id = $1`,
      [meetingId],
    );
    const rows = await sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM meetings.registrations WHERE meeting_id = $1 GROUP BY status`,
      [meetingId],
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    return { ...m, confirmed: by.confirmed ?? 0, waitingRows: by.waiting ?? 0 };
  };

  let main: { spaceId: string; componentId: string };

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
    await until('the meetings type in spaces', async () => {
      const r = await sp('get', '/component-types', orgAdmin);
      return r.body.items?.find((t: { type: string }) => t.type === 'meetings');
    });
    main = await createComponent('Croix-Rousse');
  }, 60_000);
  afterAll(async () => {
    loopback?.close();
    await meetings?.close();
    await spaces?.close();
    await bus?.stop();
    await db?.close();
  });

  it('declares the meetings type: its settings and the create and register actions', async () => {
    const t = (await sp('get', '/component-types', orgAdmin)).body.items.find(
      (x: { type: string }) => x.type === 'meetings',
    );
    expect(t.service).toBe('meetings');
    expect(t.actions.map((a: { name: string }) => a.name).sort()).toEqual(['create', 'register']);
  });

  it('refuses bad input naming the field, and knows no unknown meeting', async () => {
    const bad = (body: object) =>
      api('post', `/components/${main.componentId}/meetings`, orgAdmin, {
        title: { fr: 'Réunion' },
        type: 'hybrid',
        startsAt: inParis(10),
        endsAt: inParis(12),
        timeZone: 'Europe/Paris',
        address: 'Mairie',
        ...body,
      });
    const fields = async (body: object) => {
      const r = await bad(body);
      expect(r.status).toBe(400);
      return (r.body.errors as { field: string }[]).map((e) => e.field);
    };
    expect(await fields({ endsAt: inParis(9) })).toEqual(['endsAt']);
    expect(await fields({ onlineUrl: 'http://visio.example.org/x' })).toEqual(['onlineUrl']);
    expect(await fields({ timeZone: 'Mars/Olympus' })).toEqual(['timeZone']);
    expect(await fields({ address: '' })).toEqual(['address']);
    expect(await fields({ capacity: 10, reservedSeats: 11 })).toEqual(['reservedSeats']);
    expect(await fields({ startsAt: 'tomorrow' })).toEqual(['startsAt']);
    expect((await api('get', `/meetings/${randomUUID()}`, anonymous)).status).toBe(404);
    expect((await api('get', `/meetings/not-an-id`, anonymous)).status).toBe(404);
  });

  it('keeps times in their zone and shows drafts to organizers only', async () => {
    const id = await meeting(
      main.componentId,
      { startsAt: '2031-01-15T18:30', endsAt: '2031-01-15T20:30' },
      false,
    );
    expect((await api('get', `/meetings/${id}`, anonymous)).status).toBe(404);
    const m = (await api('get', `/meetings/${id}`, orgAdmin)).body;
    expect(m).toMatchObject({
      state: 'draft',
      startsAt: '2031-01-15T17:30:00.000Z',
      timeZone: 'Europe/Paris',
      mayOrganize: true,
    });
    expect((await api('post', `/meetings/${id}/publish`, orgAdmin)).status).toBe(200);
    const seen = (await api('get', `/meetings/${id}`, anonymous)).body;
    expect(seen).toMatchObject({
      state: 'published',
      mayOrganize: false,
      registrationRefusal: null,
    });
    const [published] = await shipped('meetings.meeting.published.v1', about(id));
    expect(published.payload.meeting).toMatchObject({ timeZone: 'Europe/Paris' });
  });

  it('gives one registration to one person, even on two clicks at once', async () => {
    const id = await meeting(main.componentId, { capacity: 10 });
    const who = person();
    const [a, b] = await Promise.all([
      api('post', `/meetings/${id}/registrations`, who, {}),
      api('post', `/meetings/${id}/registrations`, who, {}),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.registration.id).toBe(b.body.registration.id);
    expect(a.body.registration).toMatchObject({ status: 'confirmed' });
    expect(a.body.registration.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await counts(id)).toMatchObject({ seats_taken: 1, confirmed: 1 });
    const mine = (await api('get', `/meetings/${id}`, who)).body.myRegistration;
    expect(mine).toMatchObject({ status: 'confirmed', code: a.body.registration.code });
    const confirmed = await shipped(
      'meetings.registration.confirmed.v1',
      (e) => e.payload.registrationId === a.body.registration.id,
    );
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0].payload).toMatchObject({ userId: who.userId, fromWaitingList: false });
  });

  it('seats exactly the capacity among 200 at once, the rest waiting in arrival order; a cancellation promotes exactly one', async () => {
    const id = await meeting(main.componentId, { capacity: 55, reservedSeats: 5 });
    const people = Array.from({ length: 200 }, (_, i) => person(`P${i}`));
    const answers = await Promise.all(
      people.map((p) => api('post', `/meetings/${id}/registrations`, p, {})),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const statuses = answers.map((r) => r.body.registration.status as string);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'waiting')).toHaveLength(150);
    expect(await counts(id)).toEqual({
      seats_taken: 50,
      waiting: 150,
      confirmed: 50,
      waitingRows: 150,
    });
    // Waiting positions follow arrival, 1 to 150.
    const positions = answers
      .filter((r) => r.body.registration.status === 'waiting')
      .map((r) => r.body.registration.position as number)
      .sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const waitingOrder = await sql<{ user_id: string }>(
      `SELECT user_id FROM meetings.registrations WHERE meeting_id = $1 AND status = 'waiting' ORDER BY arrival`,
      [id],
    );
    const first = waitingOrder[0].user_id;
    const second = waitingOrder[1].user_id;
    // One seated person cancels twice at once: one seat freed, one person promoted (the
    // second click is answered as done, or finds nothing left to cancel).
    const seated = people[statuses.indexOf('confirmed')];
    const [c1, c2] = await Promise.all([
      api('delete', `/meetings/${id}/registrations/mine`, seated),
      api('delete', `/meetings/${id}/registrations/mine`, seated),
    ]);
    expect([c1.status, c2.status]).toContain(204);
    expect([204, 404]).toContain(c2.status);
    expect([204, 404]).toContain(c1.status);
    expect(await counts(id)).toEqual({
      seats_taken: 50,
      waiting: 149,
      confirmed: 50,
      waitingRows: 149,
    });
    const promoted = people.find((p) => p.userId === first) as InternalIdentity;
    expect((await api('get', `/meetings/${id}`, promoted)).body.myRegistration).toMatchObject({
      status: 'confirmed',
      position: null,
    });
    const next = people.find((p) => p.userId === second) as InternalIdentity;
    expect((await api('get', `/meetings/${id}`, next)).body.myRegistration).toMatchObject({
      status: 'waiting',
      position: 1,
    });
    const fromList = await shipped(
      'meetings.registration.confirmed.v1',
      (e) => e.payload.fromWaitingList === true && e.payload.userId === first,
    );
    expect(fromList).toHaveLength(1);
  });

  it('refuses capacity below the seats taken, and seats people waiting when seats are added', async () => {
    const id = await meeting(main.componentId, { capacity: 2 });
    const ps = [person(), person(), person()];
    for (const p of ps) await api('post', `/meetings/${id}/registrations`, p, {});
    const lower = await api('patch', `/meetings/${id}`, orgAdmin, { capacity: 1 });
    expect(lower.status).toBe(400);
    expect(lower.body.errors[0]).toMatchObject({ field: 'capacity' });
    const more = await api('patch', `/meetings/${id}`, orgAdmin, { capacity: 3 });
    expect(more.status).toBe(200);
    expect(more.body.seats).toMatchObject({ taken: 3, waiting: 0, left: 0 });
    const changed = await shipped('meetings.meeting.changed.v1', about(id));
    expect(changed.at(-1)?.payload.changed).toEqual(['registrations']);
  });

  it('refuses registering when closed, full without a waiting list, or started, saying why', async () => {
    const closed = await meeting(main.componentId, { registrationsEnabled: false });
    const full = await meeting(main.componentId, { capacity: 1, waitingListEnabled: false });
    await api('post', `/meetings/${full}/registrations`, person(), {});
    const started = await meeting(main.componentId, { startsAt: inParis(-1), endsAt: inParis(1) });
    const reason = async (id: string) => {
      const r = await api('post', `/meetings/${id}/registrations`, person(), {});
      expect(r.status).toBe(409);
      return r.body.reason;
    };
    expect(await reason(closed)).toBe('REGISTRATIONS_CLOSED');
    expect(await reason(full)).toBe('FULL');
    expect(await reason(started)).toBe('STARTED');
    const terms = await meeting(main.componentId, { registrationTerms: { fr: 'J’accepte.' } });
    const r = await api('post', `/meetings/${terms}/registrations`, person(), {});
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ field: 'acceptTerms' });
    expect(
      (await api('post', `/meetings/${terms}/registrations`, person(), { acceptTerms: true }))
        .status,
    ).toBe(200);
  });

  it('registers without an account: pending until the mailed link, no seat after expiry', async () => {
    const id = await meeting(main.componentId, { capacity: 1 });
    const guest = await api('post', `/meetings/${id}/registrations`, anonymous, {
      name: 'Dominique',
      email: 'Dominique@Example.org',
    });
    expect(guest.status).toBe(200);
    expect(guest.body).toMatchObject({
      confirmationMailSent: true,
      registration: { status: 'pending', code: null },
    });
    const missing = await api('post', `/meetings/${id}/registrations`, anonymous, { name: 'X' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    // The same address again: the same registration, and the same answer.
    const again = await api('post', `/meetings/${id}/registrations`, anonymous, {
      name: 'Dominique',
      email: 'dominique@example.org',
    });
    expect(again.body.registration.id).toBe(guest.body.registration.id);
    // The pending registration holds the only seat: the next person waits.
    const other = person();
    expect(
      (await api('post', `/meetings/${id}/registrations`, other, {})).body.registration.status,
    ).toBe('waiting');
    // Its hold runs out: the seat goes to the person waiting.
    await sql(
      `UPDATE meetings.registrations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [guest.body.registration.id],
    );
    await api('post', `/meetings/${id}/registrations`, person(), {});
    expect((await api('get', `/meetings/${id}`, other)).body.myRegistration.status).toBe(
      'confirmed',
    );
    const token = 'a'.repeat(43);
    await sql(`UPDATE meetings.registrations SET token_hash = $2 WHERE id = $1`, [
      guest.body.registration.id,
      sha256(token),
    ]);
    const late = await api('post', '/registrations/confirm', anonymous, { token });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('EXPIRED');
  });

  it('confirms a guest by the mailed link, gives the code, and cancels by the link', async () => {
    const id = await meeting(main.componentId, { capacity: 5 });
    const r = await api('post', `/meetings/${id}/registrations`, anonymous, {
      name: 'Alix',
      email: 'alix@example.org',
    });
    const token = 'b'.repeat(43);
    await sql(`UPDATE meetings.registrations SET token_hash = $2 WHERE id = $1`, [
      r.body.registration.id,
      sha256(token),
    ]);
    const before = (await api('get', `/registrations/by-token?token=${token}`, anonymous)).body;
    expect(before.registration).toMatchObject({ status: 'pending', code: null });
    const confirmed = await api('post', '/registrations/confirm', anonymous, { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.registration).toMatchObject({ status: 'confirmed' });
    expect(confirmed.body.registration.code).toMatch(/^[A-Z2-9]{8}$/);
    const events = await shipped(
      'meetings.registration.confirmed.v1',
      (e) => e.payload.registrationId === r.body.registration.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload.userId).toBe('');
    // Another organization's site does not know the link.
    const elsewhere = { organizationId: randomUUID(), grants: [] };
    expect((await api('get', `/registrations/by-token?token=${token}`, elsewhere)).status).toBe(
      404,
    );
    const cancelled = await api('post', '/registrations/cancel', anonymous, { token });
    expect(cancelled.body.ended).toBe('cancelled');
    expect(await counts(id)).toMatchObject({ seats_taken: 0, confirmed: 0 });
  });

  it('lets organizers list, export, check codes at the door and mark attendance', async () => {
    const id = await meeting(main.componentId, { capacity: 2 });
    const a = person('Ana');
    const seat = (await api('post', `/meetings/${id}/registrations`, a, {})).body.registration;
    await api('post', `/meetings/${id}/registrations`, anonymous, {
      name: 'Guest',
      email: 'guest@example.org',
    });
    expect((await api('get', `/meetings/${id}/registrations`, a)).status).toBe(403);
    const list = (await api('get', `/meetings/${id}/registrations`, orgAdmin)).body;
    expect(list.items.map((r: { status: string }) => r.status)).toEqual(['confirmed', 'pending']);
    expect(list.items[1]).toMatchObject({ email: 'guest@example.org', withAccount: false });
    const csv = await api('get', `/meetings/${id}/registrations.csv`, orgAdmin);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('guest@example.org');
    expect(csv.text).toContain(seat.code);
    const check = await api('post', `/meetings/${id}/registrations/check`, orgAdmin, {
      code: seat.code.toLowerCase(),
    });
    expect(check.body).toMatchObject({
      valid: true,
      alreadyAttended: false,
      registration: { name: 'Ana' },
    });
    const twice = await api('post', `/meetings/${id}/registrations/check`, orgAdmin, {
      code: seat.code,
    });
    expect(twice.body.alreadyAttended).toBe(true);
    expect(
      (await api('post', `/meetings/${id}/registrations/check`, orgAdmin, { code: 'ZZZZZZZZ' }))
        .body,
    ).toMatchObject({ valid: false });
    // The guest's address is not confirmed: the seat is held, but there is no code for the door yet.
    const [held] = await sql<{ code: string | null }>(
      `SELECT code FROM meetings.registrations WHERE meeting_id = $1 AND user_id IS NULL`,
      [id],
    );
    expect(held.code).toEqual(expect.any(String));
    expect(list.items[1].code).toBeNull();
    const early = await api('post', `/meetings/${id}/registrations/check`, orgAdmin, {
      code: held.code,
    });
    expect(early.body.valid).toBe(false);
    const off = await api('post', `/meetings/${id}/registrations/${seat.id}/attendance`, orgAdmin, {
      attended: false,
    });
    expect(off.body.attendedAt).toBeNull();
  });

  it('cancels a meeting: its registrations end, registrants are told by events', async () => {
    const id = await meeting(main.componentId, { capacity: 1 });
    const a = person();
    const b = person();
    await api('post', `/meetings/${id}/registrations`, a, {});
    await api('post', `/meetings/${id}/registrations`, b, {});
    const r = await api('post', `/meetings/${id}/cancel`, orgAdmin, {
      reason: { fr: 'Salle indisponible', en: 'Room unavailable' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'cancelled', cancelReason: { en: 'Room unavailable' } });
    expect(await counts(id)).toEqual({ seats_taken: 0, waiting: 0, confirmed: 0, waitingRows: 0 });
    const ended = await shipped('meetings.registration.cancelled.v1', about(id), 2);
    expect(ended.map((e) => e.payload.cause)).toEqual(['meeting', 'meeting']);
    const again = await api('post', `/meetings/${id}/registrations`, person(), {});
    expect(again.body.reason).toBe('CANCELLED');
    expect((await api('patch', `/meetings/${id}`, orgAdmin, { capacity: 5 })).status).toBe(409);
  });

  it('closes a meeting that took place with minutes and linked proposals', async () => {
    const id = await meeting(main.componentId, { startsAt: inParis(-3), endsAt: inParis(-1) });
    const future = await meeting(main.componentId);
    const minutes = {
      text: { fr: 'Trente personnes', en: 'Thirty people' },
      attendeesCount: 30,
      contributionsCount: 12,
      organizations: 'Vélo Lyon',
      videoUrl: 'https://media.example.org/v.mp4',
      proposals: [{ proposalId: randomUUID(), kind: 'born' }],
    };
    const early = await api('post', `/meetings/${future}/minutes`, orgAdmin, minutes);
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('NOT_STARTED');
    const bad = await api('post', `/meetings/${id}/minutes`, orgAdmin, {
      ...minutes,
      audioUrl: 'ftp://x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('audioUrl');
    const r = await api('post', `/meetings/${id}/minutes`, orgAdmin, minutes);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ closed: true, minutes: { attendeesCount: 30 } });
    const [closed] = await shipped('meetings.meeting.closed.v1', about(id));
    expect(closed.payload.proposals).toEqual(minutes.proposals);
    const past = (await api('get', `/components/${main.componentId}/meetings?when=past`, anonymous))
      .body.items;
    expect(past.find((m: { id: string }) => m.id === id)).toMatchObject({ closed: true });
  });

  it('shows the online link to registered people from the set time', async () => {
    const id = await meeting(main.componentId, {
      type: 'online',
      address: '',
      onlineUrl: 'https://visio.example.org/atelier',
      startsAt: inParis(0.25),
      endsAt: inParis(2),
      onlineShownMinutesBefore: 30,
    });
    const p = person();
    expect((await api('get', `/meetings/${id}`, p)).body.online).toMatchObject({ url: null });
    await api('post', `/meetings/${id}/registrations`, p, {});
    expect((await api('get', `/meetings/${id}`, p)).body.online.url).toBe(
      'https://visio.example.org/atelier',
    );
    expect((await api('get', `/meetings/${id}`, anonymous)).body.online.url).toBeNull();
  });

  it('lists the directory across public spaces with filters, feeds calendars, gives open data without registrants', async () => {
    const other = await createComponent('Part-Dieu');
    const here = await meeting(main.componentId, { title: { fr: 'Ici' } });
    const there = await meeting(other.componentId, {
      title: { fr: 'Là-bas' },
      type: 'hybrid',
      onlineUrl: 'https://v.example.org/a',
    });
    const ids = async (q: string) =>
      ((await api('get', `/directory?${q}`, anonymous)).body.items as { id: string }[]).map(
        (m) => m.id,
      );
    expect(await ids('limit=100')).toEqual(expect.arrayContaining([here, there]));
    const inArea = await ids('area=part-dieu&limit=100');
    expect(inArea).toContain(there);
    expect(inArea).not.toContain(here);
    expect(await ids(`spaceId=${main.spaceId}&type=hybrid&limit=100`)).not.toContain(there);
    const bad = await api('get', '/directory?when=soon&limit=1000', anonymous);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'limit',
      'when',
    ]);
    const paged = await api('get', '/directory?limit=1', anonymous);
    expect(paged.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api('get', `/directory?limit=1&cursor=${paged.body.nextCursor}`, anonymous);
    expect(page2.body.items[0].id).not.toBe(paged.body.items[0].id);

    const one = await api('get', `/meetings/${there}/calendar.ics?lang=en`, anonymous);
    expect(one.status).toBe(200);
    expect(one.headers['content-type']).toContain('text/calendar');
    expect(one.text).toContain('BEGIN:VCALENDAR');
    expect(one.text).toContain(`UID:${there}@`);
    expect(one.text).toContain('DTSTART;TZID=Europe/Paris:');
    for (const path of [
      `/components/${main.componentId}/calendar.ics`,
      `/spaces/${other.spaceId}/calendar.ics`,
      '/calendar.ics',
    ]) {
      const feed = await api('get', path, anonymous);
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('BEGIN:VEVENT');
    }
    const json = await api('get', '/open-data/meetings.json', anonymous);
    expect(json.status).toBe(200);
    expect(json.body.length).toBeGreaterThan(2);
    const csv = await api('get', '/open-data/meetings.csv', anonymous);
    expect(csv.text.split('\r\n')[0]).toContain('meeting_id');
    for (const text of [JSON.stringify(json.body), csv.text]) {
      expect(text).not.toContain('@example.org');
      expect(text).not.toMatch(/"code"/);
    }
  });

  it('gives an account its registrations, and forgets registrants without an account after the meeting', async () => {
    const id = await meeting(main.componentId, { capacity: 3 });
    const who = person('Sacha');
    await api('post', `/meetings/${id}/registrations`, who, {});
    const mine = await api('get', '/internal/meetings/personal-data', who);
    expect(mine.status).toBe(200);
    expect(mine.body.registrations).toEqual([
      expect.objectContaining({ meetingId: id, status: 'confirmed' }),
    ]);
    const guest = await api('post', `/meetings/${id}/registrations`, anonymous, {
      name: 'Lou',
      email: 'lou@example.org',
    });
    // The meeting ended long ago: the retention turn erases the guest's name and address.
    await sql(
      `UPDATE meetings.meetings SET starts_at = now() - interval '40 days', ends_at = now() - interval '40 days' + interval '2 hours' WHERE id = $1`,
      [id],
    );
    await meetings.app.get(ExpiryJob).runOnce();
    const [row] = await sql<{ name: string | null; email: string | null }>(
      `SELECT name, email FROM meetings.registrations WHERE id = $1`,
      [guest.body.registration.id],
    );
    expect(row).toEqual({ name: null, email: null });
  });
});
