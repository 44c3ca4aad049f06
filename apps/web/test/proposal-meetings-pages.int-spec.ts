/**
 * A proposal page names the meetings the proposal was born in or linked to,
 * each linking to the meeting's page, in French and in English. The real
 * platform runs on this file's own PostgreSQL database, so that the test can
 * write a meeting's closing into the meetings service's outbox as meetings
 * publishes it (the meetings pages and forms are not there yet): the event
 * travels through the bus to proposals, and the page shows it.
 */
import { randomUUID } from 'node:crypto';
import { Topics } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { Database, testDatabaseTargets } from '@palabre/persistence';
import { startPlatform, type RunningPlatform } from './platform';

const postgres = testDatabaseTargets().find((t) => t.name === 'PostgreSQL');
const BUDGET = `budget-participatif-${new Date().getFullYear()}`;

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** Visible text of a page's main content, tags dropped (inline ones without a space), spaces collapsed. */
const mainText = (markup: string) =>
  decode(
    (/<main[\s\S]*<\/main>/.exec(markup)?.[0] ?? markup)
      .replace(/<\/?(a|span)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();

(postgres ? describe : describe.skip)('the meetings of a proposal on its page', () => {
  let platform: RunningPlatform;
  let db: Database;
  let space: { id: string; components: { id: string; type: string }[] };
  let componentId: string;
  let proposals: { id: string }[] = [];

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${platform.url}${path}`, { headers: { 'cache-control': 'no-cache' } });
    return { status: r.status, body: (await r.json()) as T };
  };
  const page = async (path: string, lang: 'fr' | 'en') =>
    (
      await fetch(`${platform.url}${path}`, {
        headers: { 'accept-language': lang, 'cache-control': 'no-cache' },
      })
    ).text();

  beforeAll(async () => {
    const url = await postgres!.url!();
    platform = await startPlatform({ DATABASE_URL: url });
    db = await Database.open({ url });
    for (let i = 0; i < 100; i++) {
      const r = await get<typeof space>(`/api/spaces/${BUDGET}`);
      if (r.status === 200 && r.body.components.some((c) => c.type === 'proposals')) {
        space = r.body;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    componentId = space.components.find((c) => c.type === 'proposals')!.id;
    // The demo ideas are written when the component is first asked about.
    for (let i = 0; i < 100 && proposals.length < 2; i++) {
      const r = await get<{ items: { id: string }[] }>(
        `/api/proposals/components/${componentId}/proposals?sort=newest`,
      );
      proposals = r.status === 200 ? r.body.items : [];
      if (proposals.length < 2) await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await platform?.stop();
  });

  it('says “born in” or “linked to” the meeting, with its date, linking to its page', async () => {
    const [born, linked] = proposals;
    const meetingsComponent = randomUUID();
    const meeting = randomUUID();
    const organizationId = (
      await db.query<{ organization_id: string }>(
        `SELECT organization_id FROM proposals.proposals WHERE id = $1`,
        [born.id],
      )
    )[0].organization_id;
    // As meetings publishes it: through its outbox, in a transaction.
    const ds = db.dataSource({ schema: 'meetings' });
    await ds.initialize();
    try {
      await ds.transaction((m) =>
        publish(m, 'meetings', {
          topic: Topics.MeetingsMeetingClosedV1,
          key: meeting,
          tenantId: organizationId,
          payload: {
            meeting: {
              meetingId: meeting,
              organizationId,
              spaceId: space.id,
              componentId: meetingsComponent,
              title: { fr: 'Atelier mobilité', en: 'Mobility workshop' },
              type: 'in_person',
              startsAt: '2026-03-12T18:30:00+01:00',
              endsAt: '2026-03-12T20:30:00+01:00',
              timeZone: 'Europe/Paris',
            },
            attendeesCount: 24,
            contributionsCount: 2,
            proposals: [
              { proposalId: born.id, kind: 'born' },
              { proposalId: linked.id, kind: 'linked' },
            ],
            closedAt: '2026-03-12T21:00:00+01:00',
          },
        }),
      );
    } finally {
      await ds.destroy();
    }

    const href = `href="/spaces/${space.id}/meetings/${meetingsComponent}/${meeting}"`;
    const path = (id: string) => `/spaces/${BUDGET}/proposals/${componentId}/${id}`;
    let fr = '';
    for (let i = 0; i < 100 && !fr.includes(href); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      fr = await page(path(born.id), 'fr');
    }
    expect(fr).toContain(href);
    expect(mainText(fr)).toContain('Née lors de la réunion « Atelier mobilité » (12 mars 2026)');
    const en = await page(path(born.id), 'en');
    expect(en).toContain(href);
    expect(mainText(en)).toContain('Born in the meeting “Mobility workshop” (12 March 2026)');

    const linkedFr = await page(path(linked.id), 'fr');
    expect(linkedFr).toContain(href);
    expect(mainText(linkedFr)).toContain('Liée à la réunion « Atelier mobilité » (12 mars 2026)');
    const linkedEn = await page(path(linked.id), 'en');
    expect(mainText(linkedEn)).toContain(
      'Linked to the meeting “Mobility workshop” (12 March 2026)',
    );
    // The title is the meeting's page's link.
    expect(linkedEn).toMatch(new RegExp(`<a ${href}>Mobility workshop</a>`));
  });
});
