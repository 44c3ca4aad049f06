import { Injectable } from '@nestjs/common';
import type { BudgetProjectListView, ProjectWithdrawnJson } from '@palabre/contracts';
import { Topics } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { BudgetingError, budgetingException, UUID } from '../budgeting.exception';
import { budgetView, votesPublic } from '../budgets/budget.view';
import { BudgetsRepository } from '../budgets/budgets.repository';
import { BudgetsService } from '../budgets/budgets.service';
import { ComponentAccess, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { PublicReads } from '../public-reads';
import { localized, requiredText } from '../texts';
import type { CreateProjectDto, UpdateProjectDto } from './project.dto';
import {
  projectView,
  ProjectsRepository,
  type ProjectFields,
  type ProjectRow,
} from './projects.repository';

const notFound = () => budgetingException(BudgetingError.ProjectNotFound, 'No such project');

/** Projects: created by admins or arriving from accepted proposals, reviewed, published, withdrawn. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly budgets: BudgetsRepository,
    private readonly budgetsService: BudgetsService,
    private readonly access: ComponentAccess,
    private readonly reads: PublicReads,
  ) {}

  /** The public list of a budget: published and withdrawn projects, with votes when they are public. */
  async list(caller: Caller, budgetId: string) {
    const { b, c } = await this.budgetsService.visible(caller, budgetId);
    return this.reads.render(
      c.organizationId,
      `projects ${c.id} ${b.id}`,
      async (): Promise<BudgetProjectListView> => {
        const showVotes = votesPublic(c, b);
        const [rows, votes] = await Promise.all([
          this.projects.ofBudget(c.organizationId, b.id, ['published', 'withdrawn']),
          showVotes ? this.projects.onlineVotes(c.organizationId, b.id) : null,
        ]);
        return {
          budget: budgetView(b, c),
          votesShown: showVotes,
          items: rows.map((p) => projectView(p, votes && { online: votes.get(p.id) ?? 0 })),
        };
      },
    );
  }

  private async project(caller: Caller, id: string): Promise<{ p: ProjectRow; c: Component }> {
    if (!UUID.test(id)) throw notFound();
    const p = await this.projects.find(caller.identity.organizationId, id);
    if (!p) throw notFound();
    const c = await this.access.visible(caller, p.component_id).catch(() => {
      throw notFound();
    });
    return { p, c };
  }

  async get(caller: Caller, id: string) {
    const { p, c } = await this.project(caller, id);
    const admin = this.access.isAdmin(caller.identity, c);
    if (p.state === 'to_review' && !admin) throw notFound();
    const b = p.budget_id ? await this.budgets.find(c.organizationId, p.budget_id) : null;
    const show = admin || (b !== null && votesPublic(c, b));
    const votes =
      show && b ? ((await this.projects.onlineVotes(c.organizationId, b.id)).get(p.id) ?? 0) : null;
    return {
      view: projectView(p, votes === null ? null : { online: votes }),
      public: p.state !== 'to_review',
    };
  }

  async administered(caller: Caller, id: string): Promise<{ p: ProjectRow; c: Component }> {
    if (!UUID.test(id)) throw notFound();
    const p = await this.projects.find(caller.identity.organizationId, id);
    if (!p) throw notFound();
    const c = await this.access.find(caller.identity.organizationId, p.component_id);
    if (!c) throw notFound();
    this.access.requireAdmin(caller.identity, c);
    return { p, c };
  }

  async toReview(caller: Caller, componentId: string) {
    const c = await this.access.administered(caller, componentId);
    return {
      items: (await this.projects.toReview(c.organizationId, c.id)).map((p) => projectView(p)),
    };
  }

  async create(caller: Caller, budgetId: string, body: CreateProjectDto) {
    const { b, c } = await this.budgetsService.administered(caller, budgetId);
    const p = await this.projects.transaction((m) =>
      this.projects.insert(m, {
        organizationId: c.organizationId,
        componentId: c.id,
        budgetId: b.id,
        state: 'published',
        ...fieldsOf(body),
      }),
    );
    this.reads.invalidate(b.id);
    return projectView(p);
  }

  async update(caller: Caller, id: string, body: UpdateProjectDto) {
    const { c } = await this.administered(caller, id);
    const p = await this.projects.transaction(async (m) => {
      const cur = await this.projects.find(c.organizationId, id, m, true);
      if (!cur) throw notFound();
      if (cur.state === 'withdrawn')
        throw budgetingException(BudgetingError.WrongState, 'This project was withdrawn', {
          state: cur.state,
        });
      if (
        body.amountCents !== undefined &&
        body.amountCents !== Number(cur.amount_cents) &&
        cur.budget_id &&
        (await this.budgets.hasVotes(m, c.organizationId, cur.budget_id))
      )
        throw budgetingException(
          BudgetingError.WrongState,
          'Votes were cast in this budget: the amount of its projects can no longer change',
        );
      const f = fieldsOf({
        title: body.title ?? cur.title,
        description: body.description ?? cur.description,
        amountCents: body.amountCents ?? Number(cur.amount_cents),
        area: body.area === undefined ? (cur.area ?? undefined) : (body.area ?? undefined),
        imageUrls: body.imageUrls ?? cur.image_urls,
        address: body.address ?? cur.address ?? undefined,
        latitude: body.latitude ?? cur.latitude ?? undefined,
        longitude: body.longitude ?? cur.longitude ?? undefined,
        proposalIds: body.proposalIds ?? cur.proposal_ids,
      });
      return this.projects.update(m, cur, f);
    });
    this.reads.invalidate(p.budget_id ?? c.id);
    return projectView(p);
  }

  /** A project to review (from an accepted proposal) goes into one of the component's budgets. */
  async publishInto(caller: Caller, id: string, budgetId: string) {
    const { c } = await this.administered(caller, id);
    const p = await this.projects.transaction(async (m) => {
      const cur = await this.projects.find(c.organizationId, id, m, true);
      if (!cur) throw notFound();
      if (cur.state !== 'to_review')
        throw budgetingException(
          BudgetingError.WrongState,
          `This project is ${cur.state}; only a project to review can be published`,
          { state: cur.state },
        );
      const b = await this.budgets.find(c.organizationId, budgetId, m);
      if (!b || b.component_id !== cur.component_id)
        throw budgetingException(
          BudgetingError.Invalid,
          'budgetId: no such budget in this component',
          {
            errors: [{ field: 'budgetId', message: 'no such budget in this component' }],
          },
        );
      return this.projects.publish(m, cur, b.id);
    });
    this.reads.invalidate(budgetId);
    return projectView(p);
  }

  async withdraw(caller: Caller, id: string, reason: string) {
    const { c } = await this.administered(caller, id);
    const out = await this.projects.transaction(async (m) => {
      const cur = await this.projects.find(c.organizationId, id, m, true);
      if (!cur) throw notFound();
      if (cur.state === 'withdrawn')
        throw budgetingException(BudgetingError.WrongState, 'This project is already withdrawn', {
          state: cur.state,
        });
      if (cur.budget_id) {
        const b = await this.budgets.find(c.organizationId, cur.budget_id, m);
        if (b?.results_confirmed_at)
          throw budgetingException(
            BudgetingError.WrongState,
            'The results of this budget are confirmed: follow the project in its implementation instead',
          );
      }
      const carts = await this.projects.withdraw(m, cur, reason);
      const payload: ProjectWithdrawnJson = {
        projectId: cur.id,
        organizationId: c.organizationId,
        spaceId: c.spaceId,
        componentId: c.id,
        budgetId: cur.budget_id ?? '',
        reason,
        cartsAffected: String(carts),
        withdrawnAt: new Date().toISOString(),
      };
      await publish(m, 'budgeting', {
        topic: Topics.BudgetingProjectWithdrawnV1,
        key: cur.id,
        tenantId: c.organizationId,
        schema: 'palabre.budgeting.v1.ProjectWithdrawn',
        payload,
      });
      return { budgetId: cur.budget_id, carts };
    });
    this.reads.invalidate(out.budgetId ?? c.id);
    const p = await this.projects.find(c.organizationId, id);
    return { ...projectView(p as ProjectRow), cartsAffected: out.carts };
  }
}

function fieldsOf(b: CreateProjectDto): ProjectFields {
  return {
    title: requiredText('title', b.title),
    description: localized(b.description),
    amountCents: b.amountCents,
    area: b.area?.trim() || null,
    imageUrls: b.imageUrls ?? [],
    address: b.address?.trim() || null,
    latitude: b.latitude ?? null,
    longitude: b.longitude ?? null,
    proposalIds: [...new Set(b.proposalIds ?? [])],
  };
}
