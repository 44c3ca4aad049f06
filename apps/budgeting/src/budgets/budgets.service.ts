import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BoundedCache } from '@palabre/cache';
import type { BudgetListView } from '@palabre/contracts';
import { BudgetingError, budgetingException, UUID } from '../budgeting.exception';
import { ComponentAccess, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { PublicReads } from '../public-reads';
import { localized, requiredText } from '../texts';
import type { CreateBudgetDto, UpdateBudgetDto } from './budget.dto';
import { budgetView, componentView, type BudgetRow } from './budget.view';
import { BudgetsRepository, type BudgetFields } from './budgets.repository';

const notFound = () => budgetingException(BudgetingError.BudgetNotFound, 'No such budget');

/** Budgets of a component: who may see and change them, and the rule's coherence. */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly budgets: BudgetsRepository,
    private readonly access: ComponentAccess,
    private readonly reads: PublicReads,
  ) {}

  /**
   * Budget rows, reused for a second: reads and votes need no database
   * connection for them (under load they would queue behind checkouts for one).
   * Writes in this process drop them; checkouts re-check what matters in SQL.
   */
  private readonly rows = new BoundedCache<BudgetRow | null>({ max: 10_000, ttlMs: 1_000 });

  private cachedRow(organizationId: string, id: string): Promise<BudgetRow | null> {
    return this.rows.fetch(`${organizationId}|${id}`, () => this.budgets.find(organizationId, id));
  }

  forget(id: string): void {
    this.rows.deleteWhere((k) => k.endsWith(id));
  }

  /** A budget and its component, if the caller may see them; 404 otherwise. */
  async visible(caller: Caller, id: string): Promise<{ b: BudgetRow; c: Component }> {
    if (!UUID.test(id)) throw notFound();
    const b = await this.cachedRow(caller.identity.organizationId, id);
    if (!b) throw notFound();
    // A component the caller may not see hides its budgets (404); spaces being
    // unreachable stays a 503.
    const c = await this.access.visible(caller, b.component_id).catch((e: unknown) => {
      throw e instanceof NotFoundException ? notFound() : e;
    });
    return { b, c };
  }

  /** A budget whose space the caller administers (403 for others who can see it). */
  async administered(caller: Caller, id: string): Promise<{ b: BudgetRow; c: Component }> {
    if (!UUID.test(id)) throw notFound();
    const b = await this.budgets.find(caller.identity.organizationId, id);
    if (!b) throw notFound();
    const c = await this.access.find(caller.identity.organizationId, b.component_id);
    if (!c) throw notFound();
    this.access.requireAdmin(caller.identity, c);
    return { b, c };
  }

  component(caller: Caller, componentId: string): Promise<Component> {
    return this.access.visible(caller, componentId);
  }

  async list(c: Component): Promise<BudgetListView> {
    const rows = await this.budgets.list(c.organizationId, c.id);
    const voted = await this.budgets.withVotes(
      c.organizationId,
      rows.map((b) => b.id),
    );
    return {
      component: componentView(c),
      items: rows.map((b) => budgetView(b, c, voted.has(b.id))),
    };
  }

  /** One budget as GET /budgets/:id shows it: with whether votes were cast. */
  async view(b: BudgetRow, c: Component) {
    const voted = await this.budgets.withVotes(b.organization_id, [b.id]);
    return budgetView(b, c, voted.has(b.id));
  }

  async create(caller: Caller, componentId: string, body: CreateBudgetDto) {
    const c = await this.access.administered(caller, componentId);
    const fields = coherent({
      title: requiredText('title', body.title),
      description: localized(body.description),
      envelopeCents: body.envelopeCents,
      area: body.area?.trim() ?? null,
      rule: body.rule,
      minimumPercent: body.minimumPercent ?? null,
      minimumProjects: body.minimumProjects ?? null,
      maximumProjects: body.maximumProjects ?? null,
      position: body.position ?? 0,
    });
    const b = await this.budgets.transaction((m) =>
      this.budgets.insert(m, caller.identity.organizationId, c.id, fields),
    );
    this.reads.invalidate(c.id);
    return budgetView(b, c, false);
  }

  async update(caller: Caller, id: string, body: UpdateBudgetDto) {
    const { c } = await this.administered(caller, id);
    const b = await this.budgets.transaction(async (m: EntityManager) => {
      const cur = await this.budgets.find(caller.identity.organizationId, id, m, true);
      if (!cur) throw notFound();
      const changesRule =
        (body.envelopeCents !== undefined && body.envelopeCents !== Number(cur.envelope_cents)) ||
        (body.rule !== undefined && body.rule !== cur.rule) ||
        (body.minimumPercent !== undefined && body.minimumPercent !== cur.minimum_percent) ||
        (body.minimumProjects !== undefined && body.minimumProjects !== cur.minimum_projects) ||
        (body.maximumProjects !== undefined && body.maximumProjects !== cur.maximum_projects);
      if (changesRule && (await this.budgets.hasVotes(m, cur.organization_id, cur.id)))
        throw budgetingException(
          BudgetingError.WrongState,
          'Votes were cast in this budget: its envelope and vote rule can no longer change',
        );
      const rule = body.rule ?? cur.rule;
      const keep = <T>(v: T | undefined, old: T | null, applies: boolean) =>
        applies ? (v ?? old) : null;
      const fields = coherent({
        title: requiredText('title', body.title ?? cur.title),
        description: localized(body.description ?? cur.description),
        envelopeCents: body.envelopeCents ?? Number(cur.envelope_cents),
        area: body.area === undefined ? cur.area : (body.area?.trim() ?? null),
        rule,
        minimumPercent: keep(body.minimumPercent, cur.minimum_percent, rule === 'minimum'),
        minimumProjects: keep(body.minimumProjects, cur.minimum_projects, rule !== 'minimum'),
        maximumProjects: keep(
          body.maximumProjects,
          cur.maximum_projects,
          rule === 'projects_range',
        ),
        position: body.position ?? cur.position,
      });
      return this.budgets.update(m, cur, fields);
    });
    this.forget(id);
    this.reads.invalidate(c.id, id);
    return this.view(b, c);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const { c } = await this.administered(caller, id);
    await this.budgets.transaction(async (m) => {
      const cur = await this.budgets.find(caller.identity.organizationId, id, m, true);
      if (!cur) throw notFound();
      if (await this.budgets.hasVotes(m, cur.organization_id, cur.id))
        throw budgetingException(
          BudgetingError.WrongState,
          'Votes were cast in this budget: it can no longer be deleted',
        );
      await this.budgets.remove(m, cur.organization_id, cur.id);
    });
    this.forget(id);
    this.reads.invalidate(c.id, id);
  }
}

/** The rule's numbers as the rule needs them; a 400 naming the field otherwise. */
function coherent(f: BudgetFields): BudgetFields {
  const bad = (field: string, message: string) =>
    budgetingException(BudgetingError.Invalid, `${field}: ${message}`, {
      errors: [{ field, message }],
    });
  if (f.rule === 'minimum' && f.minimumPercent === null)
    throw bad('minimumPercent', 'required by the rule "minimum"');
  if (f.rule !== 'minimum' && f.minimumProjects === null)
    throw bad('minimumProjects', `required by the rule "${f.rule}"`);
  if (f.rule === 'projects_range') {
    if (f.maximumProjects === null)
      throw bad('maximumProjects', 'required by the rule "projects_range"');
    if (f.maximumProjects < (f.minimumProjects ?? 0))
      throw bad('maximumProjects', 'must be at least minimumProjects');
  }
  return {
    ...f,
    minimumPercent: f.rule === 'minimum' ? f.minimumPercent : null,
    minimumProjects: f.rule === 'minimum' ? null : f.minimumProjects,
    maximumProjects: f.rule === 'projects_range' ? f.maximumProjects : null,
  };
}
