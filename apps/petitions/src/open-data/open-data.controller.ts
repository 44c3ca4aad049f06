import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { DATA_SOURCE, openDataStream, csvLine } from '@palabre/service-kit';
import { PUBLIC_STATES, summaryOf, type PetitionRow } from '../petitions/petition.view';
import { PetitionTypesRepository } from '../types/petition-types.repository';

const PAGE = 1_000;

export { csvField } from '@palabre/service-kit';

/**
 * Open data: public petitions' facts, counts, milestones and timeline, as
 * JSON and CSV. No personal data: no signer keys, no receipts, no author
 * account ids, no admin ids (the author's public name is public by design).
 */
@ApiTags('open data')
@Controller('open-data')
export class OpenDataController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly types: PetitionTypesRepository,
  ) {}

  /** Public petitions in pages, so a large organization streams rather than loads. */
  private async *petitions(organizationId: string): AsyncGenerator<PetitionRow[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: PetitionRow[] = await this.ds.query(
        `SELECT * FROM petitions.petitions
          WHERE organization_id = $1 AND state = ANY($2::text[]) AND id > $3 ORDER BY id LIMIT $4`,
        [organizationId, PUBLIC_STATES, after, PAGE],
      );
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  private async extras(organizationId: string, ids: string[]) {
    type Milestone = { petition_id: string; threshold: string; reached_at: Date };
    type Area = { petition_id: string; area: string; count: string };
    type Entry = {
      petition_id: string;
      kind: string;
      state: string | null;
      detail: object;
      at: Date;
    };
    const [milestones, areas, timeline]: [Milestone[], Area[], Entry[]] = await Promise.all([
      this.ds.query(
        `SELECT petition_id, threshold, reached_at FROM petitions.milestones_reached
          WHERE organization_id = $1 AND petition_id = ANY($2::uuid[])`,
        [organizationId, ids],
      ),
      this.ds.query(
        `SELECT petition_id, area, count FROM petitions.area_counts
          WHERE organization_id = $1 AND petition_id = ANY($2::uuid[]) AND count > 0 ORDER BY area`,
        [organizationId, ids],
      ),
      this.ds.query(
        `SELECT petition_id, kind, state, detail, at FROM petitions.timeline
          WHERE organization_id = $1 AND petition_id = ANY($2::uuid[]) ORDER BY id`,
        [organizationId, ids],
      ),
    ]);
    const group = <T extends { petition_id: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.petition_id, [...(m.get(r.petition_id) ?? []), r]);
      return m;
    };
    return { milestones: group(milestones), areas: group(areas), timeline: group(timeline) };
  }

  @Get('petitions.json')
  @ApiOperation({
    summary: 'Every public petition with counts, milestones, areas and timeline (JSON)',
  })
  async json(@CurrentIdentity() identity: InternalIdentity, @Res() reply: FastifyReply) {
    const org = identity.organizationId;
    const types = new Map((await this.types.list(org, false)).map((t) => [t.id, t]));
    const res = openDataStream(reply, 'application/json; charset=utf-8', 'petitions.json');
    res.write(
      `{"generatedAt":${JSON.stringify(new Date().toISOString())},"licence":"Licence Ouverte 2.0 / Etalab","petitions":[`,
    );
    let first = true;
    for await (const page of this.petitions(org)) {
      const x = await this.extras(
        org,
        page.map((p) => p.id),
      );
      for (const p of page) {
        const type = types.get(p.type_id) ?? { id: p.type_id, name: {} };
        const item = {
          ...summaryOf(p, type),
          body: p.body,
          closeReason: p.close_reason,
          answer:
            p.answer_text === null
              ? null
              : { text: p.answer_text, date: p.answer_date, url: p.answer_url },
          milestonesReached: (x.milestones.get(p.id) ?? []).map(
            (r: { threshold: string; reached_at: Date }) => ({
              threshold: Number(r.threshold),
              reachedAt: new Date(r.reached_at).toISOString(),
            }),
          ),
          areas: (x.areas.get(p.id) ?? []).map((r: { area: string; count: string }) => ({
            area: r.area,
            count: Number(r.count),
          })),
          timeline: (x.timeline.get(p.id) ?? []).map(
            (r: { kind: string; state: string | null; detail: object; at: Date }) => ({
              kind: r.kind,
              state: r.state,
              detail: r.detail,
              at: new Date(r.at).toISOString(),
            }),
          ),
        };
        res.write(`${first ? '' : ','}${JSON.stringify(item)}`);
        first = false;
      }
    }
    res.end(']}');
  }

  @Get('petitions.csv')
  @ApiOperation({ summary: 'Every public petition, one line each, with its counts (CSV, UTF-8)' })
  async csv(@CurrentIdentity() identity: InternalIdentity, @Res() reply: FastifyReply) {
    const org = identity.organizationId;
    const types = new Map((await this.types.list(org, false)).map((t) => [t.id, t]));
    const res = openDataStream(reply, 'text/csv; charset=utf-8', 'petitions.csv');
    res.write(
      '\ufeff' +
        csvLine([
          'id',
          'title',
          'state',
          'type',
          'author',
          'published_at',
          'closes_at',
          'closed_at',
          'answered_at',
          'signatures_online',
          'signatures_offline',
          'signatures_total',
          'answer_url',
        ]),
    );
    for await (const page of this.petitions(org)) {
      res.write(
        page
          .map((p) =>
            csvLine([
              p.id,
              p.title,
              p.state,
              // One column: the name in French, else in the language it was written in.
              pickText(types.get(p.type_id)?.name, 'fr').text,
              p.author_name,
              p.published_at && new Date(p.published_at).toISOString(),
              p.closes_at && new Date(p.closes_at).toISOString(),
              p.closed_at && new Date(p.closed_at).toISOString(),
              p.answered_at && new Date(p.answered_at).toISOString(),
              p.signature_count,
              p.offline_count,
              p.total_count,
              p.answer_url,
            ]),
          )
          .join(''),
      );
    }
    res.end();
  }

  @Get('timeline.csv')
  @ApiOperation({
    summary: 'Every state change, milestone and offline count of public petitions (CSV)',
  })
  async timeline(@CurrentIdentity() identity: InternalIdentity, @Res() reply: FastifyReply) {
    const org = identity.organizationId;
    const res = openDataStream(reply, 'text/csv; charset=utf-8', 'timeline.csv');
    res.write('\ufeff' + csvLine(['petition_id', 'at', 'kind', 'state', 'detail']));
    for await (const page of this.petitions(org)) {
      const x = await this.extras(
        org,
        page.map((p) => p.id),
      );
      for (const p of page)
        res.write(
          (x.timeline.get(p.id) ?? [])
            .map((r: { kind: string; state: string | null; detail: object; at: Date }) =>
              csvLine([
                p.id,
                new Date(r.at).toISOString(),
                r.kind,
                r.state,
                JSON.stringify(r.detail),
              ]),
            )
            .join(''),
        );
    }
    res.end();
  }
}
