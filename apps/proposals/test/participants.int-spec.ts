/**
 * POST /internal/participants (ADR 0038): the newsletter service, calling as
 * itself, learns which accounts wrote proposals or comments in spaces.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { proposalsService } from '../src/proposals.definition';

describe.each(testDatabaseTargets())(
  'proposal authors for the newsletter service on $name',
  (target) => {
    let booted: BootedService;
    let server: Parameters<typeof request>[0];
    const org = randomUUID();
    const otherOrg = randomUUID();

    beforeAll(async () => {
      booted = await bootService(proposalsService, { database: target.open });
      server = booted.service.app.getHttpServer();
    });
    afterAll(() => booted.close());

    type ProposalState = 'published' | 'withdrawn' | 'hidden' | 'official';
    /** A proposal as the proposals API stores it (an official one has no author account). */
    const proposal = async (
      organizationId: string,
      spaceId: string,
      state: ProposalState = 'published',
      authorId: string = randomUUID(),
    ) => {
      const official = state === 'official';
      const [p] = await booted.db.query<{ id: string }>(
        `INSERT INTO proposals.proposals (organization_id, space_id, component_id, author_id, created_by,
                                        author_name, origin, title, body, withdrawn_at, hidden_at,
                                        hidden_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'Des fontaines dans les parcs',
               'Installer des fontaines à eau potable dans les parcs.',
               CASE WHEN $8 = 'withdrawn' THEN now() END, CASE WHEN $8 = 'hidden' THEN now() END,
               CASE WHEN $8 = 'hidden' THEN 'spam' END)
       RETURNING id`,
        [
          organizationId,
          spaceId,
          randomUUID(),
          official ? null : authorId,
          authorId,
          official ? '' : 'Camille',
          official ? 'official' : 'participant',
          state,
        ],
      );
      return { id: p.id, authorId };
    };

    type CommentState = 'there' | 'deleted' | 'hidden';
    /** A comment on a proposal, as the comments API leaves it. */
    const comment = async (
      organizationId: string,
      proposalId: string,
      state: CommentState = 'there',
      authorId: string = randomUUID(),
    ) => {
      await booted.db.query(
        `INSERT INTO proposals.comments (organization_id, component_id, proposal_id, author_id,
                                       author_name, stance, body, deleted_at, hidden_at)
       SELECT organization_id, component_id, id, $3, 'Dominique', 'for', 'Bonne idée',
              CASE WHEN $4 = 'deleted' THEN now() END, CASE WHEN $4 = 'hidden' THEN now() END
         FROM proposals.proposals WHERE organization_id = $1 AND id = $2`,
        [organizationId, proposalId, authorId, state],
      );
      return authorId;
    };

    const ask = (header: [string, string], body: unknown) =>
      request(server)
        .post('/internal/participants')
        .set(...header)
        .send(body as object);

    it('gives the authors of the proposals and comments still shown in the asked spaces, once each, sorted', async () => {
      const [spaceA, spaceB, notAsked, otherSpace] = [
        randomUUID(),
        randomUUID(),
        randomUUID(),
        randomUUID(),
      ];
      const published = await proposal(org, spaceA);
      const withdrawn = await proposal(org, spaceA, 'withdrawn');
      await proposal(org, spaceA, 'hidden');
      await proposal(org, spaceA, 'official');
      const commenter = await comment(org, published.id);
      // The author comments too, and a comment on a withdrawn proposal stays a contribution.
      await comment(org, published.id, 'there', published.authorId);
      const onWithdrawn = await comment(org, withdrawn.id);
      await comment(org, published.id, 'deleted');
      await comment(org, published.id, 'hidden');
      // A supporter wrote nothing.
      await booted.db.query(
        `INSERT INTO proposals.votes (proposal_id, voter_id, organization_id, component_id)
       SELECT id, $2, organization_id, component_id FROM proposals.proposals WHERE id = $1`,
        [published.id, randomUUID()],
      );
      const inB = await proposal(org, spaceB);
      await proposal(org, notAsked);
      const elsewhere = await proposal(otherOrg, otherSpace);

      const r = await ask(booted.asService('newsletter', org), {
        spaceIds: [spaceA, spaceB.toUpperCase(), otherSpace, randomUUID()],
      });
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toEqual({
        userIds: [published.authorId, commenter, onWithdrawn, inB.authorId].sort(),
      });

      // The other organization's token gets its own authors only.
      const other = await ask(booted.asService('newsletter', otherOrg), {
        spaceIds: [spaceA, spaceB, otherSpace],
      });
      expect(other.body).toEqual({ userIds: [elsewhere.authorId] });
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
