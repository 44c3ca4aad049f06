import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import type { DrawCandidatesView } from '@palabre/contracts';
import { DATA_SOURCE } from '@palabre/service-kit';
import { ComponentAccess, CurrentCaller, type Caller } from '../components/component-access';
import { UuidParam } from '../params';
import { invalid } from '../proposals.exception';

/** At most this many candidates: a draw among more is not one a page can publish. */
const MAX = 100_000;

/**
 * The proposals a sortition draws among (Decidim's sortitions, ADR 0042):
 * published at or before the draw's time, neither withdrawn, hidden nor
 * rejected, optionally of one area, ordered by id. For the space's
 * administrators, who prepare the draw (the sortitions service asks with
 * their token).
 */
@ApiTags('proposals')
@Controller()
export class DrawCandidatesController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
  ) {}

  @Get('components/:componentId/draw-candidates')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary:
      'The proposals a draw by lot would choose among at a time: published by then, not withdrawn, hidden or rejected (space administrators)',
  })
  @ApiQuery({ name: 'at', required: true, description: 'ISO time of the draw (not in the future)' })
  @ApiQuery({ name: 'area', required: false })
  async candidates(
    @CurrentCaller() caller: Caller,
    @UuidParam('componentId') componentId: string,
    @Query('at') at?: string,
    @Query('area') area?: string,
  ): Promise<DrawCandidatesView> {
    const when = typeof at === 'string' ? new Date(at) : new Date(NaN);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(String(at)) || Number.isNaN(when.getTime()))
      throw invalid('at', 'must be an ISO date and time');
    if (when.getTime() > Date.now() + 60_000) throw invalid('at', 'must not be in the future');
    if (area !== undefined && (typeof area !== 'string' || area.length > 200))
      throw invalid('area', 'must be a text of at most 200 characters');
    const c = await this.access.administered(caller, componentId);
    const params: unknown[] = [caller.identity.organizationId, c.id, when, MAX + 1];
    const rows: { id: string; title: string }[] = await this.ds.query(
      `SELECT id, title FROM proposals.proposals
        WHERE organization_id = $1 AND component_id = $2 AND published_at <= $3
          AND withdrawn_at IS NULL AND hidden_at IS NULL AND state IS DISTINCT FROM 'rejected'
          ${area ? `AND area = $${params.push(area)}` : ''}
        ORDER BY id LIMIT $4`,
      params,
    );
    if (rows.length > MAX) throw invalid('componentId', `has more than ${MAX} candidates`);
    return {
      componentId: c.id,
      spaceId: c.spaceId,
      at: when.toISOString(),
      area: area ?? null,
      candidates: rows.map((r) => ({ id: r.id, title: r.title })),
    };
  }
}
