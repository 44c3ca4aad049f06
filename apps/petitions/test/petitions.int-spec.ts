import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { MaintenanceService } from '../src/maintenance/maintenance.service';
import { petitionsService } from '../src/petitions.definition';

const TEXT =
  'Nous demandons que la commune installe des fontaines à eau potable dans chaque parc public avant l’été.';

describe.each(testDatabaseTargets())('petitions on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const org = randomUUID();
  const other = randomUUID();
  const adminId = randomUUID();
  const authorId = randomUUID();
  const admin: InternalIdentity = {
    organizationId: org,
    userId: adminId,
    displayName: 'Admin',
    grants: [{ role: 'org-admin' }],
  };
  const author: InternalIdentity = {
    organizationId: org,
    userId: authorId,
    displayName: 'Camille Martin',
    identified: true,
    grants: [],
  };
  const anonymous: InternalIdentity = { organizationId: org, grants: [] };
  const signer = (key = randomUUID()): InternalIdentity => ({
    organizationId: org,
    signerKey: key,
    grants: [],
  });
  const as = (identity: InternalIdentity) => booted.as(identity);
  const sql = <T = Record<string, unknown>>(q: string, p?: unknown[]) => booted.db.query<T>(q, p);

  const createType = async (overrides: Record<string, unknown> = {}) =>
    (
      await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({
          name: { fr: `Type ${randomUUID().slice(0, 8)}` },
          signatureDays: 30,
          signers: 'franceconnect',
          milestones: [
            { threshold: 3, label: { en: 'Examined' } },
            { threshold: 10, label: { en: 'Debated' } },
          ],
          ...overrides,
        })
        .expect(201)
    ).body as { id: string };

  /** A petition drafted, submitted and published through the API. */
  const publish = async (typeId: string, title = 'Des fontaines dans les parcs') => {
    const created = await request(server)
      .post('/')
      .set(...(await as(author)))
      .send({ typeId, title, body: TEXT })
      .expect(201);
    const id = created.body.id as string;
    await request(server)
      .post(`/${id}/submit`)
      .set(...(await as(author)))
      .expect(200);
    await request(server)
      .post(`/${id}/review`)
      .set(...(await as(admin)))
      .send({ decision: 'publish' })
      .expect(200);
    return id;
  };

  /** A published petition of a new type. */
  const published = async (typeOverrides: Record<string, unknown> = {}) =>
    publish((await createType(typeOverrides)).id);

  const counts = async (id: string) => {
    const [row] = await sql<{ signature_count: string; offline_count: string; n: string }>(
      `SELECT signature_count, offline_count,
              (SELECT count(*) FROM petitions.signatures WHERE petition_id = $1) AS n
         FROM petitions.petitions WHERE id = $1`,
      [id],
    );
    return {
      counter: Number(row.signature_count),
      offline: Number(row.offline_count),
      rows: Number(row.n),
    };
  };

  beforeAll(async () => {
    process.env.PETITIONS_RECOUNT_INTERVAL_MS = '0';
    process.env.PETITIONS_CLOSE_INTERVAL_MS = '0';
    booted = await bootService(petitionsService, { database: target.open });
    server = booted.service.app.getHttpServer();
  });
  afterAll(() => booted.close());

  describe('petition types', () => {
    it('lets an admin define a type and refuses incoherent ones with the field named', async () => {
      const t = await createType({ areaBreakdown: true, areaRule: { signatures: 5, areas: 2 } });
      const list = await request(server)
        .get('/types')
        .set(...(await as(anonymous)))
        .expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(t.id);

      const bad = await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({
          name: { fr: 'Bad' },
          signatureDays: 30,
          signers: 'franceconnect',
          milestones: [
            { threshold: 10, label: { fr: 'b' } },
            { threshold: 5, label: { fr: 'a' } },
          ],
        })
        .expect(400);
      expect(bad.body.detail).toContain('milestones');
      const noAreas = await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({
          name: { fr: 'Bad2' },
          signatureDays: 30,
          signers: 'franceconnect',
          areaRule: { signatures: 5, areas: 2 },
        })
        .expect(400);
      expect(noAreas.body.detail).toContain('areaRule');
      const invalid = await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({ name: '', signatureDays: 0, signers: 'everyone', extra: 1 })
        .expect(400);
      const fields = invalid.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'signatureDays', 'signers', 'extra']));
      // A text is one string per language: a plain string, another language or too long is refused.
      const shapes = await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({
          name: { fr: 'x'.repeat(121), de: 'Typ' },
          description: 'Six mois.',
          signatureDays: 30,
          signers: 'franceconnect',
          milestones: [{ threshold: 5, label: 'Examen' }],
        })
        .expect(400);
      expect(shapes.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['name.fr', 'name.de', 'description', 'milestones.0.label']),
      );
      // A name and each milestone label in one language at least (blank is not written).
      const empty = await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({
          name: { fr: '  ', en: '' },
          signatureDays: 30,
          signers: 'franceconnect',
          milestones: [
            { threshold: 5, label: { en: 'Examined' } },
            { threshold: 9, label: {} },
          ],
        })
        .expect(400);
      expect(empty.body.errors).toEqual([
        expect.objectContaining({ field: 'name', rule: 'isNotEmpty' }),
        expect.objectContaining({ field: 'milestones.1.label', rule: 'isNotEmpty' }),
      ]);
      await request(server)
        .post('/types')
        .set(...(await as(author)))
        .send({ name: { fr: 'Nope' }, signatureDays: 30, signers: 'franceconnect' })
        .expect(403);
      const [{ n }] = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM petitions.petition_types
          WHERE organization_id = $1
            AND (name->>'fr' IN ('Bad', 'Bad2', 'Nope') OR name = '{}'::jsonb OR name ? 'de')`,
        [org],
      );
      expect(Number(n)).toBe(0);
    });

    it('keeps a name, description and milestone labels per language, a name unique in each', async () => {
      const name = {
        fr: `Pétition ${randomUUID().slice(0, 8)}`,
        en: `Petition ${randomUUID().slice(0, 8)}`,
      };
      const created = await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send({
          name: { fr: ` ${name.fr} `, en: name.en },
          description: { fr: 'Trois mois.', en: '' },
          signatureDays: 90,
          signers: 'franceconnect',
          milestones: [{ threshold: 300, label: { fr: 'Examen', en: 'Examined' } }],
        })
        .expect(201);
      // Trimmed, and a language left empty is not kept.
      expect(created.body).toMatchObject({
        name,
        description: { fr: 'Trois mois.' },
        milestones: [{ threshold: 300, label: { fr: 'Examen', en: 'Examined' } }],
      });
      const listed = await request(server)
        .get('/types')
        .set(...(await as(anonymous)))
        .expect(200);
      expect(listed.body.items.find((x: { id: string }) => x.id === created.body.id)).toMatchObject(
        {
          name,
          description: { fr: 'Trois mois.' },
        },
      );
      // The same English name under another French one is a duplicate; in another organization it is not.
      const again = {
        name: { fr: `Autre ${randomUUID().slice(0, 8)}`, en: name.en },
        signatureDays: 30,
        signers: 'franceconnect',
      };
      const duplicate = await request(server)
        .post('/types')
        .set(...(await as(admin)))
        .send(again)
        .expect(409);
      expect(duplicate.body.code).toBe('DUPLICATE_TYPE');
      await request(server)
        .post('/types')
        .set(...(await as({ ...admin, organizationId: randomUUID() })))
        .send(again)
        .expect(201);
      // An edit may drop a language, not the last one.
      const edited = await request(server)
        .patch(`/types/${created.body.id}`)
        .set(...(await as(admin)))
        .send({ name: { en: name.en } })
        .expect(200);
      expect(edited.body.name).toEqual({ en: name.en });
      const emptied = await request(server)
        .patch(`/types/${created.body.id}`)
        .set(...(await as(admin)))
        .send({ name: { fr: '' } })
        .expect(400);
      expect(emptied.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    });
  });

  describe('lifecycle', () => {
    it('takes a petition from draft to published, with a public timeline and events', async () => {
      const type = await createType();
      await request(server)
        .post('/')
        .set(...(await as(anonymous)))
        .send({ typeId: type.id, title: 'Un titre assez long', body: TEXT })
        .expect(401);
      const unidentified = await request(server)
        .post('/')
        .set(...(await as({ ...author, identified: false })))
        .send({ typeId: type.id, title: 'Un titre assez long', body: TEXT })
        .expect(403);
      expect(unidentified.body.code).toBe('FRANCECONNECT_REQUIRED');
      const tooLong = await request(server)
        .post('/')
        .set(...(await as(author)))
        .send({ typeId: type.id, title: 'x'.repeat(201), body: TEXT })
        .expect(400);
      expect(tooLong.body.errors[0].field).toBe('title');

      const { body: created } = await request(server)
        .post('/')
        .set(...(await as(author)))
        .send({ typeId: type.id, title: 'Des bancs au square', body: TEXT })
        .expect(201);
      const id = created.id as string;
      // A draft is the author's and the admins' only.
      await request(server)
        .get(`/${id}`)
        .set(...(await as(anonymous)))
        .expect(404);
      const draft = await request(server)
        .get(`/${id}`)
        .set(...(await as(author)))
        .expect(200);
      expect(draft.headers['cache-control']).toBe('private, no-store');
      await request(server)
        .patch(`/${id}`)
        .set(...(await as({ ...author, userId: randomUUID() })))
        .send({ title: 'Autre titre assez long' })
        .expect(404);
      await request(server)
        .patch(`/${id}`)
        .set(...(await as(author)))
        .send({ title: 'Des bancs et de l’ombre au square' })
        .expect(200);
      await request(server)
        .post(`/${id}/review`)
        .set(...(await as(admin)))
        .send({ decision: 'publish' })
        .expect(409);
      await request(server)
        .post(`/${id}/submit`)
        .set(...(await as(author)))
        .expect(200);
      await request(server)
        .patch(`/${id}`)
        .set(...(await as(author)))
        .send({ title: 'Trop tard pour changer' })
        .expect(409);
      const queue = await request(server)
        .get('/?state=submitted')
        .set(...(await as(admin)))
        .expect(200);
      expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(id);
      await request(server)
        .get('/?state=submitted')
        .set(...(await as(anonymous)))
        .expect(400);
      await request(server)
        .post(`/${id}/review`)
        .set(...(await as(author)))
        .send({ decision: 'publish' })
        .expect(403);
      await request(server)
        .post(`/${id}/review`)
        .set(...(await as(admin)))
        .send({ decision: 'publish' })
        .expect(200);
      const pub = await request(server)
        .get(`/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(pub.body).toMatchObject({
        state: 'published',
        title: 'Des bancs et de l’ombre au square',
        author: { name: 'Camille Martin' },
        open: true,
        counts: { online: 0, offline: 0, total: 0 },
        milestones: [
          { threshold: 3, label: { en: 'Examined' }, progress: 0, reachedAt: null },
          { threshold: 10, label: { en: 'Debated' }, progress: 0, reachedAt: null },
        ],
      });
      expect(pub.body.secondsLeft).toBeGreaterThan(29 * 86_400);
      expect(pub.body.timeline.map((e: { state: string }) => e.state)).toEqual([
        'draft',
        'submitted',
        'published',
      ]);
      expect(JSON.stringify(pub.body)).not.toContain(authorId);
      expect(pub.headers['cache-control']).toContain('public');
      expect(pub.headers['cache-control']).toContain('stale-while-revalidate');
      await request(server)
        .get(`/${id}`)
        .set(...(await as(anonymous)))
        .set('If-None-Match', pub.headers.etag)
        .expect(304);

      const events = await sql<{ payload: { fromState: string; toState: string } }>(
        `SELECT payload FROM petitions.outbox WHERE topic = 'petitions.petition.state-changed.v1'
           AND payload->>'petitionId' = $1 ORDER BY id`,
        [id],
      );
      // The relay may already have shipped some; whatever is left is in order.
      for (const e of events) expect(['submitted', 'published']).toContain(e.payload.toState);

      // Closing early, then the institution's answer.
      await request(server)
        .post(`/${id}/close`)
        .set(...(await as(admin)))
        .send({ reason: 'Reprise par le conseil municipal' })
        .expect(200);
      await request(server)
        .post(`/${id}/answer`)
        .set(...(await as(admin)))
        .send({
          text: 'Le conseil a voté les bancs.',
          date: '2026-11-20',
          url: 'https://ville.example/cm',
        })
        .expect(200);
      const answered = await request(server)
        .get(`/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(answered.body).toMatchObject({
        state: 'answered',
        open: false,
        closeReason: 'Reprise par le conseil municipal',
        answer: {
          text: 'Le conseil a voté les bancs.',
          date: '2026-11-20',
          url: 'https://ville.example/cm',
        },
      });
      expect(answered.body.timeline.map((e: { state: string }) => e.state)).toEqual([
        'draft',
        'submitted',
        'published',
        'closed',
        'answered',
      ]);
      await request(server)
        .post(`/${id}/answer`)
        .set(...(await as(admin)))
        .send({ text: 'x', date: '20-11-2026' })
        .expect(400);
    });

    it('shows the author the reason of a rejection, and nobody else the petition', async () => {
      const type = await createType();
      const { body } = await request(server)
        .post('/')
        .set(...(await as(author)))
        .send({ typeId: type.id, title: 'Hors des compétences de la ville', body: TEXT })
        .expect(201);
      await request(server)
        .post(`/${body.id}/submit`)
        .set(...(await as(author)))
        .expect(200);
      await request(server)
        .post(`/${body.id}/review`)
        .set(...(await as(admin)))
        .send({ decision: 'reject' })
        .expect(400);
      await request(server)
        .post(`/${body.id}/review`)
        .set(...(await as(admin)))
        .send({
          decision: 'reject',
          reason: 'La commune n’est pas compétente en matière de fiscalité.',
        })
        .expect(200);
      const seen = await request(server)
        .get(`/${body.id}`)
        .set(...(await as(author)))
        .expect(200);
      expect(seen.body).toMatchObject({
        state: 'rejected',
        rejectionReason: 'La commune n’est pas compétente en matière de fiscalité.',
      });
      await request(server)
        .get(`/${body.id}`)
        .set(...(await as(anonymous)))
        .expect(404);
      const mine = await request(server)
        .get('/?author=me&state=rejected')
        .set(...(await as(author)))
        .expect(200);
      expect(mine.body.items.find((p: { id: string }) => p.id === body.id)).toMatchObject({
        rejectionReason: 'La commune n’est pas compétente en matière de fiscalité.',
      });
    });
  });

  describe('signing', () => {
    it('gives a receipt once, the same receipt after, and tells others what to do', async () => {
      const id = await published();
      const none = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(anonymous)))
        .send({})
        .expect(401);
      expect(none.body.code).toBe('SIGN_IN_TO_SIGN');
      expect(none.body.signIn).toContain('/auth/franceconnect/login?mode=signer');
      const local = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(author)))
        .send({})
        .expect(403);
      expect(local.body.code).toBe('FRANCECONNECT_REQUIRED');
      // A 16-year-old signed in with FranceConnect for a youth budget cannot sign a petition.
      const young = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as({ ...signer(), age: 16 })))
        .send({})
        .expect(403);
      expect(young.body.code).toBe('SIGNER_UNDER_18');

      const me = { ...signer(), age: 18 };
      const first = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(me)))
        .send({})
        .expect(201);
      expect(first.body.receipt).toMatch(/^[0-9a-f-]{36}$/);
      const again = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(me)))
        .send({})
        .expect(200);
      expect(again.body).toMatchObject({
        receipt: first.body.receipt,
        message: 'You have signed this petition',
      });
      const mine = await request(server)
        .get(`/${id}/signatures/mine`)
        .set(...(await as(me)))
        .expect(200);
      expect(mine.body.receipt).toBe(first.body.receipt);
      // The counts as they are now, the signer's signature included.
      expect(mine.body.counts).toEqual({ online: 1, offline: 0, total: 1 });
      const all = await request(server)
        .get('/signatures/mine')
        .set(...(await as(me)))
        .expect(200);
      expect(all.body.items).toEqual([
        expect.objectContaining({ petitionId: id, receipt: first.body.receipt }),
      ]);
      // Anyone holding the receipt may check it: the petition and the day, nothing of the signer.
      const checked = await request(server)
        .get(`/receipts/${first.body.receipt}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(checked.body).toEqual({
        receipt: first.body.receipt,
        petition: { id, title: expect.any(String), state: 'published' },
        signedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      const unknown = await request(server)
        .get(`/receipts/${randomUUID()}`)
        .set(...(await as(anonymous)))
        .expect(404);
      expect(unknown.body.code).toBe('RECEIPT_UNKNOWN');
      await request(server)
        .get('/receipts/not-a-receipt')
        .set(...(await as(anonymous)))
        .expect(400);
      // Another organization's visitor learns nothing of it.
      await request(server)
        .get(`/receipts/${first.body.receipt}`)
        .set(...(await as({ organizationId: other, grants: [] })))
        .expect(404);
      await request(server)
        .get(`/${id}/signatures/mine`)
        .set(...(await as(signer())))
        .expect(404);
      expect(await counts(id)).toEqual({ counter: 1, offline: 0, rows: 1 });
    });

    it('stores exactly one signature when one signer clicks many times at once', async () => {
      const id = await published();
      const me = signer();
      const header = await as(me);
      const answers = await Promise.all(
        Array.from({ length: 25 }, () =>
          request(server)
            .post(`/${id}/signatures`)
            .set(...header)
            .send({}),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(24);
      expect(new Set(answers.map((a) => a.body.receipt)).size).toBe(1);
      expect(await counts(id)).toEqual({ counter: 1, offline: 0, rows: 1 });
    });

    it('counts many signers on one petition exactly, and announces each milestone once', async () => {
      const id = await published();
      const answers = await Promise.all(
        Array.from({ length: 120 }, async () =>
          request(server)
            .post(`/${id}/signatures`)
            .set(...(await as(signer())))
            .send({}),
        ),
      );
      expect(answers.every((a) => a.status === 201)).toBe(true);
      expect(new Set(answers.map((a) => a.body.receipt)).size).toBe(120);
      expect(await counts(id)).toEqual({ counter: 120, offline: 0, rows: 120 });
      const reached = await sql<{ threshold: string }>(
        `SELECT threshold FROM petitions.milestones_reached WHERE petition_id = $1 ORDER BY threshold`,
        [id],
      );
      expect(reached.map((r) => Number(r.threshold))).toEqual([3, 10]);
      const timeline = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM petitions.timeline WHERE petition_id = $1 AND kind = 'milestone'`,
        [id],
      );
      expect(Number(timeline[0].n)).toBe(2);
      await new Promise((r) => setTimeout(r, 1_100));
      const detail = await request(server)
        .get(`/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(detail.body.counts.total).toBe(120);
      expect(detail.body.milestones.every((m: { reachedAt: string | null }) => m.reachedAt)).toBe(
        true,
      );
    });

    it('refuses signatures on closed, unpublished and unknown petitions with the reason', async () => {
      const id = await published();
      await request(server)
        .post(`/${id}/close`)
        .set(...(await as(admin)))
        .send({ reason: 'Fermée plus tôt' })
        .expect(200);
      const closed = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(signer())))
        .send({})
        .expect(409);
      expect(closed.body).toMatchObject({ code: 'PETITION_NOT_OPEN', state: 'closed' });
      await request(server)
        .post(`/${randomUUID()}/signatures`)
        .set(...(await as(signer())))
        .send({})
        .expect(404);
      await request(server)
        .post(`/not-a-uuid/signatures`)
        .set(...(await as(signer())))
        .send({})
        .expect(400);
      const type = await createType();
      const { body: draft } = await request(server)
        .post('/')
        .set(...(await as(author)))
        .send({ typeId: type.id, title: 'Encore un brouillon', body: TEXT })
        .expect(201);
      await request(server)
        .post(`/${draft.id}/signatures`)
        .set(...(await as(signer())))
        .send({})
        .expect(404);
      // A deadline passed since the gate was cached: the batch itself refuses.
      const late = await published();
      await sql(
        `UPDATE petitions.petitions SET closes_at = now() - interval '1 second' WHERE id = $1`,
        [late],
      );
      await new Promise((r) => setTimeout(r, 1_100));
      await request(server)
        .post(`/${late}/signatures`)
        .set(...(await as(signer())))
        .send({})
        .expect(409);
      expect(await counts(late)).toEqual({ counter: 0, offline: 0, rows: 0 });
      expect(
        await booted.service.app.get(MaintenanceService).closeExpired(),
      ).toBeGreaterThanOrEqual(1);
      const [row] = await sql<{ state: string }>(
        `SELECT state FROM petitions.petitions WHERE id = $1`,
        [late],
      );
      expect(row.state).toBe('closed');
    });

    it('answers 503 with Retry-After when the database refuses a batch, and stores nothing', async () => {
      const id = await published();
      await sql(`ALTER TABLE petitions.signatures RENAME TO signatures_away`);
      try {
        const r = await request(server)
          .post(`/${id}/signatures`)
          .set(...(await as(signer())))
          .send({})
          .expect(503);
        expect(r.headers['retry-after']).toBe('2');
        expect(r.body.code).toBe('OVERLOADED');
      } finally {
        await sql(`ALTER TABLE petitions.signatures_away RENAME TO signatures`);
      }
      expect(await counts(id)).toEqual({ counter: 0, offline: 0, rows: 0 });
    });

    it('counts self-declared areas where asked, and refuses an area where not', async () => {
      const plain = await published();
      const refused = await request(server)
        .post(`/${plain}/signatures`)
        .set(...(await as(signer())))
        .send({ area: '75' })
        .expect(400);
      expect(refused.body.code).toBe('AREA_NOT_ASKED');
      await request(server)
        .post(`/${plain}/signatures`)
        .set(...(await as(signer())))
        .send({ area: '<script>' })
        .expect(400);
      const id = await published({ areaBreakdown: true, areaRule: { signatures: 3, areas: 2 } });
      for (const area of ['75', '75', '2a'])
        await request(server)
          .post(`/${id}/signatures`)
          .set(...(await as(signer())))
          .send({ area })
          .expect(201);
      await new Promise((r) => setTimeout(r, 1_100));
      const d = await request(server)
        .get(`/${id}`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(d.body.areas).toEqual([
        { area: '75', count: 2 },
        { area: '2A', count: 1 },
      ]);
      expect(d.body.areaRule).toMatchObject({
        signatures: 3,
        areas: 2,
        areasWithSignatures: 2,
        met: true,
      });
    });

    it('lets a signer withdraw only where the type allows it', async () => {
      const fixed = await published();
      const me = signer();
      await request(server)
        .post(`/${fixed}/signatures`)
        .set(...(await as(me)))
        .send({})
        .expect(201);
      const no = await request(server)
        .delete(`/${fixed}/signatures/mine`)
        .set(...(await as(me)))
        .expect(409);
      expect(no.body.code).toBe('WITHDRAWAL_NOT_ALLOWED');

      const id = await published({ withdrawalAllowed: true, areaBreakdown: true });
      const signed = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(me)))
        .send({ area: '13' })
        .expect(201);
      await request(server)
        .delete(`/${id}/signatures/mine`)
        .set(...(await as(me)))
        .expect(204);
      // A withdrawn signature's receipt counts in nothing any more.
      await request(server)
        .get(`/receipts/${signed.body.receipt}`)
        .set(...(await as(anonymous)))
        .expect(404);
      await request(server)
        .delete(`/${id}/signatures/mine`)
        .set(...(await as(me)))
        .expect(404);
      expect(await counts(id)).toEqual({ counter: 0, offline: 0, rows: 0 });
      const [area] = await sql<{ count: string }>(
        `SELECT count FROM petitions.area_counts WHERE petition_id = $1 AND area = '13'`,
        [id],
      );
      expect(Number(area.count)).toBe(0);
      // Signing again after withdrawing is a new signature.
      await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(me)))
        .send({})
        .expect(201);
    });

    it('lets local accounts sign where the type allows them', async () => {
      const id = await published({ signers: 'franceconnect-or-account' });
      const resident: InternalIdentity = { organizationId: org, userId: randomUUID(), grants: [] };
      await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(resident)))
        .send({})
        .expect(201);
      await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(resident)))
        .send({})
        .expect(200);
      const [row] = await sql<{ method: string; signer_key: string }>(
        `SELECT method, signer_key FROM petitions.signatures WHERE petition_id = $1`,
        [id],
      );
      expect(row).toEqual({ method: 'account', signer_key: `account:${resident.userId}` });
    });
  });

  describe('counters', () => {
    it('adds audited offline counts, which count toward milestones', async () => {
      const id = await published();
      await request(server)
        .post(`/${id}/offline-counts`)
        .set(...(await as(author)))
        .send({ count: 5, source: 'Mairie' })
        .expect(403);
      await request(server)
        .post(`/${id}/offline-counts`)
        .set(...(await as(admin)))
        .send({ count: 0, source: 'Mairie' })
        .expect(400);
      await request(server)
        .post(`/${id}/offline-counts`)
        .set(...(await as(admin)))
        .send({ count: 4, source: 'Mairie du 5e', note: 'Registre papier' })
        .expect(201);
      await request(server)
        .post(`/${id}/offline-counts`)
        .set(...(await as(admin)))
        .send({ count: -5, source: 'Correction' })
        .expect(400);
      expect(await counts(id)).toEqual({ counter: 0, offline: 4, rows: 0 });
      const audit = await request(server)
        .get(`/${id}/offline-counts`)
        .set(...(await as(admin)))
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ count: 4, source: 'Mairie du 5e', recordedBy: adminId }),
      ]);
      const [m] = await sql<{ threshold: string }>(
        `SELECT threshold FROM petitions.milestones_reached WHERE petition_id = $1`,
        [id],
      );
      expect(Number(m.threshold)).toBe(3);
    });

    it('repairs a drifted counter from the signatures, one recount at a time', async () => {
      const id = await published({ areaBreakdown: true });
      for (let i = 0; i < 4; i++)
        await request(server)
          .post(`/${id}/signatures`)
          .set(...(await as(signer())))
          .send({ area: '45' })
          .expect(201);
      await sql(`UPDATE petitions.petitions SET signature_count = 999 WHERE id = $1`, [id]);
      await sql(`UPDATE petitions.area_counts SET count = 1 WHERE petition_id = $1`, [id]);
      const maintenance = booted.service.app.get(MaintenanceService);
      const [a, b] = await Promise.all([maintenance.recount(), maintenance.recount()]);
      expect([a.ran, b.ran].sort()).toEqual([false, true]);
      expect(a.repaired + b.repaired).toBeGreaterThanOrEqual(1);
      expect(await counts(id)).toEqual({ counter: 4, offline: 0, rows: 4 });
      const [area] = await sql<{ count: string }>(
        `SELECT count FROM petitions.area_counts WHERE petition_id = $1 AND area = '45'`,
        [id],
      );
      expect(Number(area.count)).toBe(4);
      const again = await maintenance.recount();
      expect(again).toMatchObject({ ran: true, repaired: 0 });
    });
  });

  describe('listing and open data', () => {
    it('sorts, filters and pages with a cursor', async () => {
      const type = await createType();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await publish(type.id, `Pétition numéro ${i} de la liste`);
        for (let s = 0; s < i; s++)
          await request(server)
            .post(`/${id}/signatures`)
            .set(...(await as(signer())))
            .send({})
            .expect(201);
        ids.push(id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(server)
          .get(`/?type=${type.id}&sort=most-signed&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(...(await as(anonymous)))
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((p: { id: string }) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      const newest = await request(server)
        .get(`/?type=${type.id}&sort=newest`)
        .set(...(await as(anonymous)))
        .expect(200);
      expect(newest.body.items[0].id).toBe(ids[4]);
      // First submitted first (a review queue), paged with its own cursor.
      const queue: string[] = [];
      cursor = null;
      do {
        const page: request.Response = await request(server)
          .get(`/?type=${type.id}&sort=oldest&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(...(await as(anonymous)))
          .expect(200);
        queue.push(...page.body.items.map((p: { id: string }) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(queue).toEqual(ids);
      const bad = await request(server)
        .get('/?cursor=garbage')
        .set(...(await as(anonymous)))
        .expect(400);
      expect(bad.body.code).toBe('BAD_CURSOR');
      await request(server)
        .get('/?sort=alphabetical')
        .set(...(await as(anonymous)))
        .expect(400);
      await request(server)
        .get('/?limit=1000')
        .set(...(await as(anonymous)))
        .expect(400);
    });

    it('publishes open data without personal data, as JSON and CSV', async () => {
      const id = await published();
      const me: InternalIdentity = {
        organizationId: org,
        signerKey: 'secret-signer-key',
        grants: [],
      };
      const { body: sig } = await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(me)))
        .send({})
        .expect(201);
      await request(server)
        .post(`/${id}/close`)
        .set(...(await as(admin)))
        .send({ reason: '=HYPERLINK("http://evil"), "quoted"' })
        .expect(200);
      const json = await request(server)
        .get('/open-data/petitions.json')
        .set(...(await as(anonymous)))
        .expect(200);
      const item = json.body.petitions.find((p: { id: string }) => p.id === id);
      expect(item).toMatchObject({ state: 'closed', counts: { online: 1, total: 1 } });
      expect(item.timeline.map((e: { state: string }) => e.state)).toContain('closed');
      const csv = await request(server)
        .get('/open-data/petitions.csv')
        .set(...(await as(anonymous)))
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.split('\r\n')[0]).toContain('signatures_total');
      const timeline = await request(server)
        .get('/open-data/timeline.csv')
        .set(...(await as(anonymous)))
        .expect(200);
      expect(timeline.text).toContain(`${id},`);
      expect(timeline.text).not.toContain(',=HYPERLINK');
      for (const body of [JSON.stringify(json.body), csv.text, timeline.text]) {
        expect(body).not.toContain('secret-signer-key');
        expect(body).not.toContain(sig.receipt);
        expect(body).not.toContain(authorId);
        expect(body).not.toContain(adminId);
      }
    });
  });

  describe('tenant isolation', () => {
    it('keeps another organization out of every petition route', async () => {
      const id = await published();
      const outsiderAdmin: InternalIdentity = {
        organizationId: other,
        userId: randomUUID(),
        grants: [{ role: 'org-admin' }],
      };
      const outsiderSigner: InternalIdentity = {
        organizationId: other,
        signerKey: 'k',
        grants: [],
      };
      const h = await as(outsiderAdmin);
      await request(server)
        .get(`/${id}`)
        .set(...h)
        .expect(404);
      await request(server)
        .post(`/${id}/review`)
        .set(...h)
        .send({ decision: 'publish' })
        .expect(404);
      await request(server)
        .post(`/${id}/close`)
        .set(...h)
        .send({ reason: 'not yours' })
        .expect(404);
      await request(server)
        .post(`/${id}/answer`)
        .set(...h)
        .send({ text: 'not yours', date: '2026-11-20' })
        .expect(404);
      await request(server)
        .post(`/${id}/offline-counts`)
        .set(...h)
        .send({ count: 1000, source: 'fake' })
        .expect(404);
      await request(server)
        .get(`/${id}/offline-counts`)
        .set(...h)
        .expect(404);
      await request(server)
        .post(`/${id}/signatures`)
        .set(...(await as(outsiderSigner)))
        .send({})
        .expect(404);
      const list = await request(server)
        .get('/')
        .set(...h)
        .expect(200);
      expect(list.body.items).toEqual([]);
      const types = await request(server)
        .get('/types?all=true')
        .set(...h)
        .expect(200);
      expect(types.body.items).toEqual([]);
      const open = await request(server)
        .get('/open-data/petitions.json')
        .set(...h)
        .expect(200);
      expect(open.body.petitions).toEqual([]);
      expect(await counts(id)).toEqual({ counter: 0, offline: 0, rows: 0 });
    });
  });
});
