import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  Topics,
  type BudgetProgressView,
  type BudgetResultDetailView,
  type BudgetResultStatus,
  type BudgetResultSummaryView,
  type ResultProgressUpdatedJson,
  type LocalizedText,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import { BudgetingError, budgetingException, UUID } from '../budgeting.exception';
import { ComponentAccess, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { PublicReads } from '../public-reads';
import type { ResultStatus, ResultUpdateDto, UpdateResultDto } from './accountability.dto';

interface ResultRow {
  id: string;
  organization_id: string;
  component_id: string;
  budget_id: string;
  project_id: string;
  status: ResultStatus;
  progress: number;
  proposal_ids: string[];
  meeting_ids: string[];
  created_at: Date;
  updated_at: Date;
  title: LocalizedText;
  description: LocalizedText;
  amount_cents: string;
  area: string | null;
  image_urls: string[];
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  budget_title: LocalizedText;
  last_update: string | null;
}

const SELECT = `SELECT r.*, p.title, p.description, p.amount_cents, p.area, p.image_urls, p.address,
    p.latitude, p.longitude, b.title AS budget_title,
    (SELECT max(u.date)::text FROM budgeting.result_updates u WHERE u.result_id = r.id) AS last_update
  FROM budgeting.results r
  JOIN budgeting.projects p ON p.id = r.project_id
  JOIN budgeting.budgets b ON b.id = r.budget_id`;

const notFound = () => budgetingException(BudgetingError.ResultNotFound, 'No such result');

export function resultView(r: ResultRow): BudgetResultSummaryView {
  return {
    id: r.id,
    projectId: r.project_id,
    budgetId: r.budget_id,
    budgetTitle: r.budget_title,
    componentId: r.component_id,
    title: r.title,
    amountCents: Number(r.amount_cents),
    area: r.area,
    status: r.status,
    progress: r.progress,
    lastUpdate: r.last_update,
    proposalIds: r.proposal_ids,
    meetingIds: r.meeting_ids,
  };
}

/**
 * Implementation tracking ("accountability"): each project an admin
 * confirmed becomes a result with a status, a progress percentage and a
 * public timeline of dated updates with photos.
 */
@Injectable()
export class AccountabilityService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
    private readonly reads: PublicReads,
  ) {}

  ofComponent(organizationId: string, componentId: string): Promise<ResultRow[]> {
    return this.ds.query(
      `${SELECT} WHERE r.organization_id = $1 AND r.component_id = $2 ORDER BY b.position, b.title->>'fr', b.title->>'en', p.title->>'fr', p.title->>'en', r.id`,
      [organizationId, componentId],
    );
  }

  /** The public progress summary of a component's funded projects. */
  async progress(caller: Caller, componentId: string) {
    const c = await this.access.visible(caller, componentId);
    return this.reads.render(
      c.organizationId,
      `progress ${c.id}`,
      async (): Promise<BudgetProgressView> => {
        const rows = await this.ofComponent(c.organizationId, c.id);
        const total = rows.reduce((a, r) => a + Number(r.amount_cents), 0);
        const live = rows.filter((r) => r.status !== 'cancelled');
        const liveCents = live.reduce((a, r) => a + Number(r.amount_cents), 0);
        const weighted = live.reduce((a, r) => a + Number(r.amount_cents) * r.progress, 0);
        const byStatus = Object.fromEntries(
          ['planned', 'in_progress', 'completed', 'cancelled'].map((s) => [
            s,
            rows.filter((r) => r.status === s).length,
          ]),
        ) as Record<BudgetResultStatus, number>;
        return {
          componentId: c.id,
          spaceId: c.spaceId,
          summary: {
            results: rows.length,
            byStatus,
            totalCents: total,
            completedCents: rows
              .filter((r) => r.status === 'completed')
              .reduce((a, r) => a + Number(r.amount_cents), 0),
            // Progress of the whole programme, each project weighted by its cost.
            progress: liveCents ? Math.round(weighted / liveCents) : 0,
          },
          items: rows.map(resultView),
        };
      },
    );
  }

  private async row(organizationId: string, id: string, m: EntityManager = this.ds.manager) {
    if (!UUID.test(id)) throw notFound();
    const [r]: ResultRow[] = await m.query(`${SELECT} WHERE r.organization_id = $1 AND r.id = $2`, [
      organizationId,
      id,
    ]);
    if (!r) throw notFound();
    return r;
  }

  async get(caller: Caller, id: string) {
    const r = await this.row(caller.identity.organizationId, id);
    const c = await this.access.visible(caller, r.component_id).catch(() => {
      throw notFound();
    });
    return this.reads.render(
      c.organizationId,
      `result ${c.id} ${r.id}`,
      async (): Promise<BudgetResultDetailView> => {
        const updates: {
          id: string;
          date: string;
          text: string;
          status: BudgetResultStatus | null;
          progress: number | null;
          photo_urls: string[];
        }[] = await this.ds.query(
          `SELECT id, date::text AS date, text, status, progress, photo_urls FROM budgeting.result_updates
          WHERE organization_id = $1 AND result_id = $2 ORDER BY date, recorded_at, id`,
          [c.organizationId, r.id],
        );
        return {
          ...resultView(r),
          description: r.description,
          imageUrls: r.image_urls,
          address: r.address,
          location:
            r.latitude !== null && r.longitude !== null
              ? { latitude: r.latitude, longitude: r.longitude }
              : null,
          timeline: updates.map((u) => ({
            id: u.id,
            date: u.date,
            text: u.text,
            status: u.status,
            progress: u.progress,
            photoUrls: u.photo_urls,
          })),
        };
      },
    );
  }

  private async administered(caller: Caller, id: string): Promise<{ r: ResultRow; c: Component }> {
    const r = await this.row(caller.identity.organizationId, id);
    const c = await this.access.find(r.organization_id, r.component_id);
    if (!c) throw notFound();
    this.access.requireAdmin(caller.identity, c);
    return { r, c };
  }

  private async changed(
    m: EntityManager,
    c: Component,
    r: { id: string; project_id: string; budget_id: string; status: string; progress: number },
    text: string,
    date: string,
  ) {
    const payload: ResultProgressUpdatedJson = {
      resultId: r.id,
      projectId: r.project_id,
      organizationId: c.organizationId,
      spaceId: c.spaceId,
      componentId: c.id,
      budgetId: r.budget_id,
      status: r.status,
      progressPercent: r.progress,
      text,
      date,
    };
    await publish(m, 'budgeting', {
      topic: Topics.BudgetingResultProgressUpdatedV1,
      key: r.id,
      tenantId: c.organizationId,
      schema: 'palabre.budgeting.v1.ResultProgressUpdated',
      payload,
    });
  }

  async update(caller: Caller, id: string, body: UpdateResultDto) {
    const { c } = await this.administered(caller, id);
    await this.ds.transaction(async (m) => {
      const [r] = returnedRows<ResultRow>(
        await m.query(
          `UPDATE budgeting.results SET status = coalesce($3, status), progress = coalesce($4, progress),
             proposal_ids = coalesce($5::uuid[], proposal_ids), meeting_ids = coalesce($6::uuid[], meeting_ids),
             updated_at = now()
           WHERE organization_id = $1 AND id = $2 RETURNING *`,
          [
            c.organizationId,
            id,
            body.status ?? null,
            body.progress ?? null,
            body.proposalIds ?? null,
            body.meetingIds ?? null,
          ],
        ),
      );
      if (body.status !== undefined || body.progress !== undefined)
        await this.changed(m, c, r, '', new Date().toISOString().slice(0, 10));
    });
    this.reads.invalidate(c.id);
    return resultView(await this.row(c.organizationId, id));
  }

  async addUpdate(caller: Caller, id: string, body: ResultUpdateDto) {
    const { c } = await this.administered(caller, id);
    const entry = await this.ds.transaction(async (m) => {
      const [u] = await m.query(
        `INSERT INTO budgeting.result_updates (organization_id, result_id, date, text, status, progress, photo_urls, recorded_by)
         VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8) RETURNING id`,
        [
          c.organizationId,
          id,
          body.date,
          body.text.trim(),
          body.status ?? null,
          body.progress ?? null,
          JSON.stringify(body.photoUrls ?? []),
          caller.identity.userId ?? null,
        ],
      );
      const [r] = returnedRows<ResultRow>(
        await m.query(
          `UPDATE budgeting.results SET status = coalesce($3, status), progress = coalesce($4, progress),
             updated_at = now() WHERE organization_id = $1 AND id = $2 RETURNING *`,
          [c.organizationId, id, body.status ?? null, body.progress ?? null],
        ),
      );
      await this.changed(m, c, r, body.text.trim(), body.date);
      return u as { id: string };
    });
    this.reads.invalidate(c.id);
    return { id: entry.id, result: resultView(await this.row(c.organizationId, id)) };
  }
}
