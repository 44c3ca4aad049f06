import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, openDataStream, csvLine } from '@palabre/service-kit';
import { resultView, AccountabilityService } from '../accountability/accountability.service';
import { votesPublic, type BudgetRow } from '../budgets/budget.view';
import { ComponentAccess, CurrentCaller, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { projectView, ProjectsRepository, type ProjectRow } from '../projects/projects.repository';

export { csvField } from '@palabre/service-kit';

/**
 * Open data: budgets' projects with their votes (where votes are public),
 * and the implementation of funded projects with its progress, as JSON and
 * CSV. No voter appears anywhere: votes are counters, orders are not
 * exported, nor who entered paper ballots or updates.
 */
@ApiTags('open data')
@Controller('open-data')
export class OpenDataController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
    private readonly projects: ProjectsRepository,
    private readonly accountability: AccountabilityService,
  ) {}

  /** Components of the organization the caller may see. */
  private async components(caller: Caller): Promise<Component[]> {
    const rows: { component_id: string }[] = await this.ds.query(
      `SELECT component_id FROM budgeting.components WHERE organization_id = $1 ORDER BY component_id LIMIT 10000`,
      [caller.identity.organizationId],
    );
    const out: Component[] = [];
    for (const r of rows) {
      const c = await this.access.visible(caller, r.component_id).catch(() => null);
      if (c) out.push(c);
    }
    return out;
  }

  private async projectRows(caller: Caller) {
    const out: {
      c: Component;
      b: BudgetRow;
      p: ProjectRow;
      votes: { online: number } | null;
    }[] = [];
    for (const c of await this.components(caller)) {
      const budgets: BudgetRow[] = await this.ds.query(
        `SELECT * FROM budgeting.budgets WHERE organization_id = $1 AND component_id = $2 ORDER BY position, id`,
        [c.organizationId, c.id],
      );
      for (const b of budgets) {
        const show = votesPublic(c, b);
        const [rows, votes] = await Promise.all([
          this.projects.ofBudget(c.organizationId, b.id, ['published', 'withdrawn']),
          show ? this.projects.onlineVotes(c.organizationId, b.id) : null,
        ]);
        for (const p of rows)
          out.push({ c, b, p, votes: votes && { online: votes.get(p.id) ?? 0 } });
      }
    }
    return out;
  }

  @Get('projects.json')
  @ApiOperation({ summary: 'Every project of every budget, with votes where public (JSON)' })
  async projectsJson(@CurrentCaller() caller: Caller, @Res() reply: FastifyReply) {
    const rows = await this.projectRows(caller);
    const res = openDataStream(reply, 'application/json; charset=utf-8', 'projects.json');
    res.end(
      JSON.stringify({
        generatedAt: new Date().toISOString(),
        licence: 'Licence Ouverte 2.0 / Etalab',
        projects: rows.map(({ c, b, p, votes }) => ({
          ...projectView(p, votes),
          spaceId: c.spaceId,
          budget: {
            id: b.id,
            title: b.title,
            envelopeCents: Number(b.envelope_cents),
            area: b.area,
          },
        })),
      }),
    );
  }

  @Get('projects.csv')
  @ApiOperation({
    summary: 'Every project, one line each, with votes per project where public (CSV)',
  })
  async projectsCsv(@CurrentCaller() caller: Caller, @Res() reply: FastifyReply) {
    const rows = await this.projectRows(caller);
    const res = openDataStream(reply, 'text/csv; charset=utf-8', 'projects.csv');
    res.end(
      '\ufeff' +
        csvLine([
          'project_id',
          'space_id',
          'component_id',
          'budget_id',
          'budget',
          'envelope_cents',
          'title',
          'amount_cents',
          'area',
          'state',
          'latitude',
          'longitude',
          'votes_online',
          'votes_paper',
          'votes_total',
          'selected',
          'proposal_ids',
        ]) +
        rows
          .map(({ c, b, p, votes }) => {
            const v = projectView(p, votes).votes;
            return csvLine([
              p.id,
              c.spaceId,
              c.id,
              b.id,
              pickText(b.title, 'fr').text,
              b.envelope_cents,
              pickText(p.title, 'fr').text,
              p.amount_cents,
              p.area,
              p.state,
              p.latitude,
              p.longitude,
              v?.online,
              v?.paper,
              v?.total,
              p.selected,
              p.proposal_ids.join(' '),
            ]);
          })
          .join(''),
    );
  }

  private async results(caller: Caller) {
    const out = [];
    for (const c of await this.components(caller))
      for (const r of await this.accountability.ofComponent(c.organizationId, c.id))
        out.push({ c, r: resultView(r) });
    return out;
  }

  @Get('results.json')
  @ApiOperation({ summary: 'Funded projects being built: status, progress, links (JSON)' })
  async resultsJson(@CurrentCaller() caller: Caller, @Res() reply: FastifyReply) {
    const rows = await this.results(caller);
    const res = openDataStream(reply, 'application/json; charset=utf-8', 'results.json');
    res.end(
      JSON.stringify({
        generatedAt: new Date().toISOString(),
        licence: 'Licence Ouverte 2.0 / Etalab',
        results: rows.map(({ c, r }) => ({ ...r, spaceId: c.spaceId })),
      }),
    );
  }

  @Get('results.csv')
  @ApiOperation({ summary: 'Funded projects being built, one line each, with progress (CSV)' })
  async resultsCsv(@CurrentCaller() caller: Caller, @Res() reply: FastifyReply) {
    const rows = await this.results(caller);
    const res = openDataStream(reply, 'text/csv; charset=utf-8', 'results.csv');
    res.end(
      '\ufeff' +
        csvLine([
          'result_id',
          'project_id',
          'space_id',
          'budget_id',
          'budget',
          'title',
          'amount_cents',
          'status',
          'progress_percent',
          'last_update',
          'proposal_ids',
          'meeting_ids',
        ]) +
        rows
          .map(({ c, r }) =>
            csvLine([
              r.id,
              r.projectId,
              c.spaceId,
              r.budgetId,
              pickText(r.budgetTitle, 'fr').text,
              r.amountCents,
              pickText(r.title, 'fr').text,
              r.status,
              r.progress,
              r.lastUpdate,
              r.proposalIds.join(' '),
              r.meetingIds.join(' '),
            ]),
          )
          .join(''),
    );
  }
}
