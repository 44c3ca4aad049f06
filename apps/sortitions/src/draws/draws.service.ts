import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type {
  DrawCandidatesView,
  DrawListView,
  DrawSummaryView,
  DrawView,
  LocalizedText,
} from '@palabre/contracts';
import { IDENTITY_HEADER } from '@palabre/auth';
import { returnedRows } from '@palabre/persistence';
import {
  csvLine,
  DATA_SOURCE,
  SERVICE_RUNTIME,
  localized,
  requiredText,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { ComponentAccess, UUID, type Caller, type Component } from '../components/component-access';
import { boundsFromShare, type QuotaBound } from '../panels/quotas';
import {
  drawNotFound,
  invalidField,
  SortitionError,
  sortitionException,
} from '../sortitions.exception';
import {
  ALGORITHM,
  ALGORITHM_VERSION,
  commitment,
  drawPanel,
  drawProposals,
  type DrawInputs,
  type PanelDrawInputs,
  type PanelDrawResult,
  type ProposalsDrawInputs,
  type ProposalsDrawResult,
  type PublishedDraw,
  type Volunteer,
} from './draw-core';
import type {
  CancelDrawDto,
  DrawNowDto,
  PrepareProposalsDrawDto,
  PreparePanelDrawDto,
} from './draw.dto';
import { panelInputs, type PanelDetails } from './panel-inputs';
import { parsePool } from './pool-csv';

interface DrawRow {
  id: string;
  organization_id: string;
  component_id: string;
  space_id: string;
  kind: 'proposals' | 'panel';
  title: LocalizedText;
  description: LocalizedText;
  state: 'prepared' | 'drawn' | 'cancelled';
  inputs: Record<string, unknown>;
  commitment: string;
  details: Record<string, unknown>;
  reveal_at: Date | null;
  public_numbers: string | null;
  witnesses: string | null;
  result: Record<string, unknown> | null;
  cancel_reason: string | null;
  prepared_at: Date;
  drawn_at: Date | null;
  cancelled_at: Date | null;
  pool_deleted_at: Date | null;
  delete_after: Date | null;
}

interface ProposalsDetails {
  componentId: string;
  area: string | null;
  titles: Record<string, string>;
}
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Draws by lot anyone can verify (ADR 0042): prepared (the inputs fixed and
 * their commitment published, the time the public numbers will be revealed
 * announced), then drawn once from those numbers, or cancelled with a reason;
 * never drawn again.
 */
@Injectable()
export class DrawsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    readonly access: ComponentAccess,
  ) {}

  private async row(organizationId: string, id: string): Promise<DrawRow | null> {
    if (!UUID.test(id)) return null;
    const [row]: DrawRow[] = await this.ds.query(
      `SELECT d.*, p.delete_after FROM sortitions.draws d
         LEFT JOIN sortitions.pools p ON p.draw_id = d.id AND p.organization_id = d.organization_id
        WHERE d.organization_id = $1 AND d.id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async visible(caller: Caller, id: string): Promise<{ d: DrawRow; c: Component }> {
    const d = await this.row(caller.identity.organizationId, id);
    if (!d) throw drawNotFound();
    const c = await this.access.visible(caller, d.component_id);
    return { d, c };
  }

  private async administered(caller: Caller, id: string): Promise<DrawRow> {
    const { d, c } = await this.visible(caller, id);
    this.access.requireAdmin(caller.identity, c);
    return d;
  }

  private summary(d: DrawRow): DrawSummaryView {
    const inputs = d.inputs as { count?: number; size?: number; candidates?: string[] };
    const among =
      d.kind === 'proposals'
        ? (inputs.candidates?.length ?? 0)
        : (d.details as unknown as PanelDetails).among;
    return {
      id: d.id,
      componentId: d.component_id,
      spaceId: d.space_id,
      kind: d.kind,
      title: d.title,
      state: d.state,
      count: d.kind === 'proposals' ? (inputs.count ?? 0) : (inputs.size ?? 0),
      among,
      commitment: d.commitment,
      preparedAt: new Date(d.prepared_at).toISOString(),
      revealAt: iso(d.reveal_at),
      drawnAt: iso(d.drawn_at),
    };
  }

  view(d: DrawRow, c: Component, caller: Caller): DrawView {
    const base = {
      ...this.summary(d),
      description: d.description,
      algorithm: ALGORITHM,
      version: ALGORITHM_VERSION,
      publicNumbers: d.public_numbers,
      witnesses: d.witnesses,
      cancelReason: d.cancel_reason,
      cancelledAt: iso(d.cancelled_at),
      isAdmin: this.access.isAdmin(caller.identity, c),
    };
    if (d.kind === 'proposals') {
      const details = d.details as unknown as ProposalsDetails;
      const selected = (d.result as ProposalsDrawResult | null)?.selected ?? null;
      return {
        ...base,
        source: { componentId: details.componentId, area: details.area },
        selectedProposals: selected
          ? selected.map((id) => ({ id, title: details.titles[id] ?? '' }))
          : null,
        panel: null,
      };
    }
    const details = d.details as unknown as PanelDetails;
    const result = d.result as PanelDrawResult | null;
    return {
      ...base,
      source: null,
      selectedProposals: null,
      panel: {
        selected: result?.selected ?? [],
        replacements: result?.replacements ?? {},
        categories: (d.inputs as { categories: string[] }).categories,
        groups: details.groups,
        minProbability: details.minProbability,
        uniform: details.uniform,
        poolDeletedAt: iso(d.pool_deleted_at),
        poolDeletesAt: iso(d.delete_after),
      },
    };
  }

  async list(caller: Caller, componentId: string): Promise<DrawListView> {
    const c = await this.access.visible(caller, componentId);
    const rows: DrawRow[] = await this.ds.query(
      `SELECT d.*, NULL AS delete_after FROM sortitions.draws d
        WHERE d.organization_id = $1 AND d.component_id = $2 ORDER BY d.prepared_at DESC, d.id LIMIT 200`,
      [caller.identity.organizationId, c.id],
    );
    return { items: rows.map((r) => this.summary(r)) };
  }

  private async insert(
    c: Component,
    kind: 'proposals' | 'panel',
    body: { title: LocalizedText; description?: LocalizedText; revealAt?: string },
    inputs: DrawInputs,
    details: object,
    pool?: { volunteers: Volunteer[]; deleteAfter: Date },
  ): Promise<string> {
    const committed = commitment(inputs);
    const stored = kind === 'panel' ? { ...inputs, pool: undefined } : inputs;
    return this.ds.transaction(async (m) => {
      const [row] = returnedRows<{ id: string }>(
        await m.query(
          `INSERT INTO sortitions.draws (organization_id, component_id, space_id, kind, title, description,
             inputs, commitment, details, reveal_at, prepared_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            c.organizationId,
            c.id,
            c.spaceId,
            kind,
            JSON.stringify(requiredText('title', body.title)),
            JSON.stringify(localized(body.description)),
            JSON.stringify(stored),
            committed,
            JSON.stringify(details),
            body.revealAt ? new Date(body.revealAt) : null,
            new Date(inputs.drawAt),
          ],
        ),
      );
      if (pool)
        await m.query(
          `INSERT INTO sortitions.pools (draw_id, organization_id, volunteers, delete_after)
           VALUES ($1, $2, $3, $4)`,
          [row.id, c.organizationId, JSON.stringify(pool.volunteers), pool.deleteAfter],
        );
      return row.id;
    });
  }

  /**
   * Fixes the proposals a draw is among — those of a proposals component of
   * the same space published by now, neither withdrawn, hidden nor rejected,
   * optionally of one area, as proposals answers the administrator — and
   * publishes their commitment.
   */
  async prepareProposals(caller: Caller, componentId: string, body: PrepareProposalsDrawDto) {
    const c = await this.access.administered(caller, componentId);
    const drawAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const params = new URLSearchParams({ at: drawAt });
    if (body.area) params.set('area', body.area);
    const r = await this.runtime.internal.call<DrawCandidatesView & { code?: string }>(
      'proposals',
      'GET',
      `/components/${body.proposalsComponentId}/draw-candidates?${params}`,
      { headers: { [IDENTITY_HEADER]: caller.token } },
    );
    if (r.status === 404 || r.status === 403)
      throw invalidField(
        'proposalsComponentId',
        'is not a proposals component you administer',
        'isProposalsComponent',
      );
    if (r.status !== 200) throw new Error(`Proposals answered ${r.status}`);
    if (r.body.spaceId !== c.spaceId)
      throw invalidField('proposalsComponentId', 'must be in the same space', 'sameSpace');
    const candidates = r.body.candidates;
    if (!candidates.length)
      throw invalidField('proposalsComponentId', 'has no proposal to draw among', 'isNotEmpty');
    const inputs: ProposalsDrawInputs = {
      kind: 'proposals',
      organization: c.organizationId,
      component: body.proposalsComponentId,
      drawAt,
      candidates: candidates.map((x) => x.id),
      count: body.count,
    };
    const details: ProposalsDetails = {
      componentId: body.proposalsComponentId,
      area: body.area ?? null,
      titles: Object.fromEntries(candidates.map((x) => [x.id, x.title])),
    };
    return this.insert(c, 'proposals', body, inputs, details);
  }

  /**
   * A citizens' panel's draw prepared: the pool read (400 with the line),
   * the quotas checked (422 naming the category no panel can satisfy), the
   * fairest distribution over panels computed (LEXIMIN), its commitment
   * published with each group's selection probability.
   */
  async preparePanel(caller: Caller, componentId: string, body: PreparePanelDrawDto) {
    const c = await this.access.administered(caller, componentId);
    const bounds = new Map<string, Map<string, QuotaBound>>();
    body.quotas.forEach((q, i) => {
      const b: QuotaBound =
        q.share !== undefined
          ? boundsFromShare(q.share, body.size)
          : { min: q.min ?? 0, max: q.max ?? body.size };
      if (q.share !== undefined && (q.min !== undefined || q.max !== undefined))
        throw invalidField(`quotas.${i}`, 'give a share or bounds, not both');
      if (b.min > b.max) throw invalidField(`quotas.${i}.min`, 'must not exceed max');
      const values = bounds.get(q.category) ?? new Map<string, QuotaBound>();
      if (values.has(q.value))
        throw invalidField(`quotas.${i}`, `"${q.category}" = "${q.value}" is given twice`);
      values.set(q.value, b);
      bounds.set(q.category, values);
    });
    const known = new Map([...bounds].map(([k, v]) => [k, new Set(v.keys())]));
    const pool = parsePool(body.pool, known);
    const prepared = await panelInputs({
      organization: c.organizationId,
      drawAt: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
      categories: pool.categories,
      volunteers: pool.volunteers,
      bounds,
      size: body.size,
    });
    if ('infeasible' in prepared) {
      const problem = prepared.infeasible;
      throw sortitionException(
        SortitionError.QuotasInfeasible,
        problem.category
          ? `No panel of ${body.size} meets the quotas of "${problem.category}"${problem.value ? ` ("${problem.value}")` : ''}: ${problem.reason}`
          : `No panel of ${body.size} meets the quotas together: ${problem.reason}`,
        { category: problem.category, value: problem.value ?? null, reason: problem.reason },
      );
    }
    const { inputs, details } = prepared;
    const deleteAfter = new Date(Date.now() + c.settings.poolRetentionDays * 86_400_000);
    return this.insert(c, 'panel', body, inputs, details, {
      volunteers: pool.volunteers,
      deleteAfter,
    });
  }

  /** The inputs as committed, the pool put back while it is kept (null once deleted). */
  private async inputsOf(d: DrawRow): Promise<DrawInputs | null> {
    if (d.kind === 'proposals') return d.inputs as unknown as ProposalsDrawInputs;
    const [p]: { volunteers: Volunteer[] }[] = await this.ds.query(
      `SELECT volunteers FROM sortitions.pools WHERE organization_id = $1 AND draw_id = $2`,
      [d.organization_id, d.id],
    );
    return p ? ({ ...d.inputs, pool: p.volunteers } as unknown as PanelDrawInputs) : null;
  }

  /** Draws once, from the public numbers revealed: 409 when drawn or cancelled already. */
  async draw(caller: Caller, id: string, body: DrawNowDto): Promise<void> {
    const d = await this.administered(caller, id);
    if (d.state !== 'prepared')
      throw sortitionException(
        SortitionError.WrongState,
        d.state === 'drawn' ? 'This draw was made already' : 'This draw was cancelled',
        { state: d.state },
      );
    const inputs = await this.inputsOf(d);
    if (!inputs)
      throw sortitionException(SortitionError.WrongState, 'The pool of this draw was deleted');
    const numbers = body.publicNumbers.trim();
    const result =
      inputs.kind === 'proposals' ? drawProposals(inputs, numbers) : drawPanel(inputs, numbers);
    const [done] = returnedRows(
      await this.ds.query(
        `UPDATE sortitions.draws SET state = 'drawn', public_numbers = $3, witnesses = $4, result = $5, drawn_at = now()
          WHERE organization_id = $1 AND id = $2 AND state = 'prepared' RETURNING id`,
        [d.organization_id, d.id, numbers, body.witnesses?.trim() || null, JSON.stringify(result)],
      ),
    );
    // Two administrators at once: the first draw stands.
    if (!done) throw sortitionException(SortitionError.WrongState, 'This draw was made already');
  }

  async cancel(caller: Caller, id: string, body: CancelDrawDto): Promise<void> {
    const d = await this.administered(caller, id);
    const [done] = returnedRows(
      await this.ds.query(
        `UPDATE sortitions.draws SET state = 'cancelled', cancel_reason = $3, cancelled_at = now()
          WHERE organization_id = $1 AND id = $2 AND state <> 'cancelled' RETURNING id`,
        [d.organization_id, d.id, body.reason.trim()],
      ),
    );
    if (!done)
      throw sortitionException(SortitionError.WrongState, 'This draw is cancelled already');
  }

  /** A panel's pool as the CSV it was read from (its administrators, while it is kept). */
  async poolCsv(caller: Caller, id: string): Promise<string> {
    const d = await this.administered(caller, id);
    const inputs = d.kind === 'panel' ? await this.inputsOf(d) : null;
    if (!inputs || inputs.kind !== 'panel')
      throw sortitionException(
        SortitionError.WrongState,
        d.kind === 'panel'
          ? 'The pool of this draw was deleted'
          : 'A draw among proposals has no pool',
      );
    return [
      csvLine(['id', ...inputs.categories]),
      ...inputs.pool.map((v) => csvLine([v.id, ...v.values])),
    ].join('');
  }

  /**
   * What anyone re-runs the draw from (tools/sortition/redraw.mjs): the inputs
   * and commitment, and once drawn the public numbers and the result. A
   * panel's pool is part of it while it is kept.
   */
  async published(
    caller: Caller,
    id: string,
  ): Promise<Partial<PublishedDraw> & { poolDeleted: boolean }> {
    const { d } = await this.visible(caller, id);
    const inputs = await this.inputsOf(d);
    return {
      algorithm: ALGORITHM,
      version: ALGORITHM_VERSION,
      inputs: inputs ?? (d.inputs as unknown as DrawInputs),
      commitment: d.commitment,
      ...(d.result
        ? {
            publicNumbers: d.public_numbers ?? '',
            result: d.result as unknown as PublishedDraw['result'],
          }
        : {}),
      poolDeleted: !inputs,
    };
  }
}
