import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { Topics, type ProposalDetailView } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { proposalsService } from '../src/proposals.definition';

const BODY =
  'Installer des fontaines à eau potable dans les parcs publics de la commune avant l’été prochain.';

/**
 * What proposals learns from meetings' events: the meetings a proposal was
 * born in or linked to, shown with it. The events are written here as the
 * meetings service publishes them; proposals decides without spaces (no
 * SERVICE_URL_SPACES), from the component settings it was sent.
 */
describe.each(testDatabaseTargets())('meetings of proposals on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const org = randomUUID();
  const otherOrg = randomUUID();
  const space = randomUUID();
  const meetingsComponent = randomUUID();
  const person = (organizationId = org): InternalIdentity => ({
    organizationId,
    userId: randomUUID(),
    displayName: 'Camille Martin',
    grants: [],
  });
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => booted.db.query<T>(q, p);

  const until = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  /** An event as another service publishes it, handled once proposals' consumer recorded it. */
  const deliver = async (topic: string, key: string, tenantId: string, payload: object) => {
    const id = await booted.service.runtime.dataSource.transaction((m) =>
      publish(m, 'proposals', { topic, key, tenantId, payload }),
    );
    await until(async () => {
      const rows = await sql(
        `SELECT 1 FROM proposals.inbox WHERE consumer = 'proposals.meeting-links' AND event_id = $1`,
        [id],
      );
      return rows.length === 1;
    }, `${topic} to be handled`);
  };

  /** Spaces announcing a space (proposals keeps a copy: which meetings' titles may show). */
  const announceSpace = async (spaceId: string, organizationId: string, isPrivate = false) => {
    await booted.service.runtime.dataSource.transaction((m) =>
      publish(m, 'proposals', {
        topic: Topics.SpacesSpaceChangedV1,
        key: spaceId,
        tenantId: organizationId,
        payload: {
          spaceId,
          organizationId,
          slug: `s-${spaceId.slice(0, 6)}`,
          title: { fr: 'Espace' },
          area: {},
          state: 'published',
          private: isPrivate,
          kind: 'process',
          changedAt: new Date().toISOString(),
        },
      }),
    );
    await until(
      async () =>
        (
          await sql(`SELECT 1 FROM proposals.spaces WHERE space_id = $1 AND private = $2`, [
            spaceId,
            isPrivate,
          ])
        ).length === 1,
      'the space copy',
    );
  };

  /** A proposals component of the organization, open for proposals. */
  const component = async (organizationId = org) => {
    const componentId = randomUUID();
    if (organizationId === org) await announceSpace(space, organizationId);
    await booted.service.runtime.dataSource.transaction((m) =>
      publish(m, 'proposals', {
        topic: Topics.SpacesComponentSettingsChangedV1,
        key: componentId,
        tenantId: organizationId,
        payload: {
          componentId,
          spaceId: space,
          organizationId,
          componentType: 'proposals',
          activePhaseId: '',
          cause: 'global',
          settings: { creation_enabled: true },
        },
      }),
    );
    await until(
      async () =>
        (await sql(`SELECT 1 FROM proposals.components WHERE component_id = $1`, [componentId]))
          .length === 1,
      'the component settings',
    );
    return componentId;
  };

  const propose = async (componentId: string, who = person()) => {
    const r = await request(server)
      .post(`/components/${componentId}/proposals`)
      .set(...(await booted.as(who)))
      .send({ title: 'Des fontaines dans les parcs', body: BODY });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  const read = async (id: string, who = anonymous) =>
    (
      await request(server)
        .get(`/proposals/${id}`)
        .set(...(await booted.as(who)))
        .expect(200)
    ).body as ProposalDetailView;

  const ref = (meetingId: string, title: Record<string, string>, organizationId = org) => ({
    meetingId,
    organizationId,
    spaceId: space,
    componentId: meetingsComponent,
    title,
    type: 'in_person',
    startsAt: '2026-03-12T18:30:00+01:00',
    endsAt: '2026-03-12T20:30:00+01:00',
    timeZone: 'Europe/Paris',
  });

  const closed = (
    meetingId: string,
    closedAt: string,
    proposals: { proposalId: string; kind: string }[],
    title: Record<string, string> = { fr: 'Atelier mobilité', en: 'Mobility workshop' },
    organizationId = org,
  ) =>
    deliver(Topics.MeetingsMeetingClosedV1, meetingId, organizationId, {
      meeting: ref(meetingId, title, organizationId),
      attendeesCount: 24,
      contributionsCount: 7,
      proposals,
      closedAt,
    });

  beforeAll(async () => {
    delete process.env.SERVICE_URL_SPACES;
    booted = await bootService(proposalsService, { database: target.open });
    server = booted.service.app.getHttpServer();
  });
  afterAll(async () => {
    await booted.close();
  });

  it('shows the meetings a proposal was born in or linked to, and follows the newest minutes', async () => {
    const c = await component();
    const [a, b, alone] = [await propose(c), await propose(c), await propose(c)];
    const elsewhere = await propose(await component(otherOrg), person(otherOrg));
    const meeting = randomUUID();

    await closed(meeting, '2026-03-12T21:00:00+01:00', [
      { proposalId: a, kind: 'born' },
      { proposalId: b, kind: 'linked' },
      // Another organization's proposal, an id that is no proposal, one that is no UUID.
      { proposalId: elsewhere, kind: 'linked' },
      { proposalId: randomUUID(), kind: 'linked' },
      { proposalId: 'not-a-uuid', kind: 'born' },
    ]);
    const shown = {
      meetingId: meeting,
      title: { fr: 'Atelier mobilité', en: 'Mobility workshop' },
      spaceId: space,
      componentId: meetingsComponent,
      startsAt: '2026-03-12T17:30:00.000Z',
    };
    expect((await read(a)).meetings).toEqual([{ ...shown, kind: 'born' }]);
    expect((await read(b)).meetings).toEqual([{ ...shown, kind: 'linked' }]);
    expect((await read(alone)).meetings).toEqual([]);
    expect((await read(elsewhere, person(otherOrg))).meetings).toEqual([]);
    expect(
      await sql(`SELECT 1 FROM proposals.meeting_links WHERE proposal_id = $1`, [elsewhere]),
    ).toHaveLength(0);

    // The minutes changed: the links are the new set, the title the new one.
    await closed(meeting, '2026-03-12T21:00:00+01:00', [{ proposalId: b, kind: 'born' }], {
      fr: 'Atelier mobilité douce',
    });
    expect((await read(a)).meetings).toEqual([]);
    expect((await read(b)).meetings).toEqual([
      { ...shown, kind: 'born', title: { fr: 'Atelier mobilité douce' } },
    ]);

    // A closing older than the one applied changes nothing.
    await closed(meeting, '2026-03-12T20:59:00+01:00', [{ proposalId: a, kind: 'linked' }]);
    expect((await read(a)).meetings).toEqual([]);
    expect((await read(b)).meetings).toEqual([
      { ...shown, kind: 'born', title: { fr: 'Atelier mobilité douce' } },
    ]);

    // A meeting of a private space: its title shows to the space's staff only.
    await announceSpace(space, org, true);
    expect((await read(b)).meetings).toEqual([]);
    const admin = { ...person(), grants: [{ role: 'org-admin' as const }] };
    expect((await read(b, admin)).meetings).toHaveLength(1);
    await announceSpace(space, org, false);

    // The open data names the meetings of each proposal.
    const json = await request(server)
      .get(`/components/${c}/open-data/proposals.json`)
      .set(...(await booted.as(anonymous)))
      .expect(200);
    const items = JSON.parse(json.text).proposals as { id: string; meetingIds: string[] }[];
    expect(items.find((i) => i.id === b)?.meetingIds).toEqual([meeting]);
    expect(items.find((i) => i.id === a)?.meetingIds).toEqual([]);
    const csv = await request(server)
      .get(`/components/${c}/open-data/proposals.csv`)
      .set(...(await booted.as(anonymous)))
      .expect(200);
    expect(csv.text.split('\r\n')[0]).toMatch(/,meeting_ids$/);
    expect(csv.text.split('\r\n').find((l) => l.startsWith(b))).toMatch(new RegExp(`,${meeting}$`));
  });

  it('keeps the title current from the meeting’s later events, and links when cancelled', async () => {
    const c = await component();
    const p = await propose(c);
    const meeting = randomUUID();
    await closed(meeting, '2026-03-12T21:00:00+01:00', [{ proposalId: p, kind: 'linked' }]);

    await deliver(Topics.MeetingsMeetingChangedV1, meeting, org, {
      meeting: ref(meeting, { fr: 'Atelier vélo', en: 'Cycling workshop' }),
      changed: ['title'],
      changedAt: '2026-03-13T09:00:00+01:00',
    });
    // An edit older than what is shown is not applied.
    await deliver(Topics.MeetingsMeetingChangedV1, meeting, org, {
      meeting: ref(meeting, { fr: 'Ancien titre' }),
      changed: ['title'],
      changedAt: '2026-03-10T09:00:00+01:00',
    });
    expect((await read(p)).meetings[0].title).toEqual({
      fr: 'Atelier vélo',
      en: 'Cycling workshop',
    });
    await deliver(Topics.MeetingsMeetingCancelledV1, meeting, org, {
      meeting: ref(meeting, { fr: 'Atelier vélo (annulé)', en: 'Cycling workshop (cancelled)' }),
      how: 'cancelled',
      reason: {},
      cancelledAt: '2026-03-14T09:00:00+01:00',
    });
    expect((await read(p)).meetings).toEqual([
      expect.objectContaining({
        meetingId: meeting,
        kind: 'linked',
        title: { fr: 'Atelier vélo (annulé)', en: 'Cycling workshop (cancelled)' },
      }),
    ]);
  });

  it('never lets another organization’s event touch this organization’s links', async () => {
    const c = await component();
    const p = await propose(c);
    const meeting = randomUUID();
    await closed(meeting, '2026-03-12T21:00:00+01:00', [{ proposalId: p, kind: 'born' }]);
    // The same meeting id, from another organization, naming this proposal and clearing links.
    await closed(
      meeting,
      '2026-03-13T21:00:00+01:00',
      [{ proposalId: p, kind: 'linked' }],
      { fr: 'Ailleurs' },
      otherOrg,
    );
    expect((await read(p)).meetings).toEqual([
      expect.objectContaining({ meetingId: meeting, kind: 'born', title: expect.any(Object) }),
    ]);
    expect((await read(p)).meetings[0].title).toEqual({
      fr: 'Atelier mobilité',
      en: 'Mobility workshop',
    });
  });
});
