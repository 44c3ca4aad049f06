import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, openDataStream, csvLine } from '@palabre/service-kit';
import { ComponentAccess, CurrentCaller, type Caller } from '../components/component-access';
import { countsHidden } from '../components/component-type';
import type { Component } from '../components/component-access';
import { UuidParam } from '../params';
import { publicState, PROPOSAL_COLUMNS, type ProposalRow } from '../proposals/proposal.view';

const PAGE = 1_000;

export { csvField } from '@palabre/service-kit';
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A proposal with the meetings it was born in or linked to. */
type OpenDataProposal = ProposalRow & { meeting_ids: string[] };

interface CommentRow {
  id: string;
  proposal_id: string;
  parent_id: string | null;
  author_name: string;
  stance: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
}

/**
 * Open data of a proposals component: proposals with their counts and
 * answers, and comments, as JSON and CSV. Only what the public sees: never
 * hidden or deleted content, no account ids, no voters or reporters; author
 * names are the public display names. Support counts are left out while the
 * component hides them. A proposal names the meetings it was born in or
 * linked to by their ids (space-separated in CSV).
 */
@ApiTags('open data')
@Controller('components/:componentId/open-data')
export class OpenDataController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
  ) {}

  private async *proposals(c: Component): AsyncGenerator<OpenDataProposal[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: OpenDataProposal[] = await this.ds.query(
        `SELECT ${PROPOSAL_COLUMNS},
                (SELECT coalesce(array_agg(l.meeting_id::text ORDER BY l.meeting_id), '{}')
                   FROM proposals.meeting_links l
                  WHERE l.organization_id = p.organization_id AND l.proposal_id = p.id) AS meeting_ids
           FROM proposals.proposals p
          WHERE p.organization_id = $1 AND p.component_id = $2 AND p.hidden_at IS NULL AND p.id > $3
          ORDER BY p.id LIMIT $4`,
        [c.organizationId, c.id, after, PAGE],
      );
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  private async *comments(c: Component): AsyncGenerator<CommentRow[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: CommentRow[] = await this.ds.query(
        `SELECT m.id, m.proposal_id, m.parent_id, m.author_name, m.stance, m.body, m.created_at, m.edited_at
           FROM proposals.comments m
           JOIN proposals.proposals p ON p.organization_id = m.organization_id AND p.id = m.proposal_id
          WHERE m.organization_id = $1 AND m.component_id = $2 AND m.hidden_at IS NULL AND m.deleted_at IS NULL
            AND p.hidden_at IS NULL AND m.id > $3
          ORDER BY m.id LIMIT $4`,
        [c.organizationId, c.id, after, PAGE],
      );
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  private item(p: OpenDataProposal, hidden: boolean) {
    return {
      id: p.id,
      title: p.title,
      body: p.body,
      state: publicState(p),
      origin: p.origin,
      author: p.origin === 'participant' ? p.author_name : null,
      onBehalfOf: p.on_behalf_of,
      area: p.area,
      address: p.address,
      latitude: p.latitude,
      longitude: p.longitude,
      votes: hidden ? null : p.vote_count,
      comments: p.comment_count,
      answer: p.answered_at ? p.answer : null,
      answeredAt: iso(p.answered_at),
      costCents: p.answered_at && p.cost_cents !== null ? Number(p.cost_cents) : null,
      publishedAt: iso(p.published_at),
      withdrawnAt: iso(p.withdrawn_at),
      meetingIds: p.meeting_ids,
    };
  }

  @Get('proposals.json')
  @ApiOperation({ summary: 'Every listed proposal with its counts and answer (JSON)' })
  async proposalsJson(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.access.visible(caller, componentId);
    const hidden = countsHidden(c.settings);
    const res = openDataStream(reply, 'application/json; charset=utf-8', 'proposals.json');
    res.write(
      `{"generatedAt":${JSON.stringify(new Date().toISOString())},"licence":"Licence Ouverte 2.0 / Etalab","componentId":${JSON.stringify(c.id)},"proposals":[`,
    );
    let first = true;
    for await (const page of this.proposals(c))
      for (const p of page) {
        res.write(`${first ? '' : ','}${JSON.stringify(this.item(p, hidden))}`);
        first = false;
      }
    res.end(']}');
  }

  @Get('proposals.csv')
  @ApiOperation({ summary: 'Every listed proposal, one line each (CSV, UTF-8)' })
  async proposalsCsv(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.access.visible(caller, componentId);
    const hidden = countsHidden(c.settings);
    const res = openDataStream(reply, 'text/csv; charset=utf-8', 'proposals.csv');
    const columns = [
      'id',
      'title',
      'body',
      'state',
      'origin',
      'author',
      'on_behalf_of',
      'area',
      'address',
      'latitude',
      'longitude',
      'votes',
      'comments',
      'answer',
      'answered_at',
      'cost_cents',
      'published_at',
      'withdrawn_at',
      'meeting_ids',
    ];
    res.write('\ufeff' + csvLine(columns));
    for await (const page of this.proposals(c))
      res.write(
        page
          .map((p) => {
            const i = this.item(p, hidden);
            return csvLine([
              i.id,
              i.title,
              i.body,
              i.state,
              i.origin,
              i.author,
              i.onBehalfOf,
              i.area,
              i.address,
              i.latitude,
              i.longitude,
              i.votes,
              i.comments,
              i.answer,
              i.answeredAt,
              i.costCents,
              i.publishedAt,
              i.withdrawnAt,
              i.meetingIds.join(' '),
            ]);
          })
          .join(''),
      );
    res.end();
  }

  @Get('comments.json')
  @ApiOperation({ summary: 'Every visible comment of the component’s listed proposals (JSON)' })
  async commentsJson(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.access.visible(caller, componentId);
    const res = openDataStream(reply, 'application/json; charset=utf-8', 'comments.json');
    res.write(
      `{"generatedAt":${JSON.stringify(new Date().toISOString())},"licence":"Licence Ouverte 2.0 / Etalab","componentId":${JSON.stringify(c.id)},"comments":[`,
    );
    let first = true;
    for await (const page of this.comments(c))
      for (const m of page) {
        const item = {
          id: m.id,
          proposalId: m.proposal_id,
          parentId: m.parent_id,
          author: m.author_name,
          stance: m.stance,
          body: m.body,
          createdAt: iso(m.created_at),
          editedAt: iso(m.edited_at),
        };
        res.write(`${first ? '' : ','}${JSON.stringify(item)}`);
        first = false;
      }
    res.end(']}');
  }

  @Get('comments.csv')
  @ApiOperation({
    summary: 'Every visible comment of the component’s listed proposals (CSV, UTF-8)',
  })
  async commentsCsv(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.access.visible(caller, componentId);
    const res = openDataStream(reply, 'text/csv; charset=utf-8', 'comments.csv');
    res.write(
      '\ufeff' +
        csvLine([
          'id',
          'proposal_id',
          'parent_id',
          'author',
          'stance',
          'body',
          'created_at',
          'edited_at',
        ]),
    );
    for await (const page of this.comments(c))
      res.write(
        page
          .map((m) =>
            csvLine([
              m.id,
              m.proposal_id,
              m.parent_id,
              m.author_name,
              m.stance,
              m.body,
              iso(m.created_at),
              iso(m.edited_at),
            ]),
          )
          .join(''),
      );
    res.end();
  }
}
