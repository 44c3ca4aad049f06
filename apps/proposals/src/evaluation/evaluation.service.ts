import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  Topics,
  type ProposalAcceptedForBudgetJson,
  type ProposalAnsweredJson,
  type ProposalEvaluationStateView,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import { ComponentAccess, type Caller } from '../components/component-access';
import type { Component } from '../components/component-access';
import { authorOf, ProposalNotifications } from '../notifications/proposal-notifications';
import {
  invalid,
  isUniqueViolation,
  notFound,
  ProposalError,
  proposalException,
} from '../proposals.exception';
import { BUILT_IN_STATES } from '../proposals/proposal.view';
import { ProposalsRepository } from '../proposals/proposals.repository';
import { ProposalsService } from '../proposals/proposals.service';
import type { AnswerDto, CreateStateDto, SendToBudgetDto } from './evaluation.dto';

const BUILT_IN_LABELS: Record<string, { fr: string; en: string }> = {
  evaluating: { fr: 'En cours d’analyse', en: 'Evaluating' },
  accepted: { fr: 'Retenue', en: 'Accepted' },
  rejected: { fr: 'Non retenue', en: 'Rejected' },
};
const RESERVED = new Set<string>([...BUILT_IN_STATES, 'withdrawn', 'not_answered']);

/** Evaluation: states per component, evaluators assigned to proposals, answers, sending to a budget. */
@Injectable()
export class EvaluationService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
    private readonly proposals: ProposalsService,
    private readonly repo: ProposalsRepository,
    private readonly notifications: ProposalNotifications,
  ) {}

  async states(caller: Caller, componentId: string) {
    const c = await this.access.visible(caller, componentId);
    return { items: await this.statesOf(c) };
  }

  private async statesOf(c: Component): Promise<ProposalEvaluationStateView[]> {
    const rows: { key: string; label: Record<string, string> }[] = await this.ds.query(
      `SELECT key, label FROM proposals.evaluation_states WHERE organization_id = $1 AND component_id = $2
        ORDER BY position, created_at`,
      [c.organizationId, c.id],
    );
    return [
      ...BUILT_IN_STATES.map((key) => ({ key, label: BUILT_IN_LABELS[key], builtIn: true })),
      ...rows.map((r) => ({ key: r.key, label: r.label, builtIn: false })),
    ];
  }

  async addState(caller: Caller, componentId: string, dto: CreateStateDto) {
    const c = await this.access.visible(caller, componentId);
    this.access.requireAdmin(caller.identity, c);
    if (RESERVED.has(dto.key)) throw invalid('key', `"${dto.key}" is a built-in state`);
    if (!dto.label.fr && !dto.label.en)
      throw invalid('label', 'give the label in French (fr) or English (en)');
    try {
      await this.ds.query(
        `INSERT INTO proposals.evaluation_states (organization_id, component_id, key, label, position)
         VALUES ($1, $2, $3, $4, (SELECT count(*) FROM proposals.evaluation_states WHERE component_id = $2))`,
        [c.organizationId, c.id, dto.key, JSON.stringify(dto.label)],
      );
    } catch (e) {
      if (isUniqueViolation(e))
        throw proposalException(
          ProposalError.DuplicateState,
          `The state "${dto.key}" exists already`,
        );
      throw e;
    }
    return { items: await this.statesOf(c) };
  }

  async removeState(caller: Caller, componentId: string, key: string) {
    const c = await this.access.visible(caller, componentId);
    this.access.requireAdmin(caller.identity, c);
    const [used] = await this.ds.query(
      `SELECT 1 FROM proposals.proposals WHERE organization_id = $1 AND component_id = $2 AND state = $3 LIMIT 1`,
      [c.organizationId, c.id, key],
    );
    if (used)
      throw proposalException(
        ProposalError.WrongState,
        `Proposals are in the state "${key}"; answer them otherwise first`,
      );
    const rows = returnedRows(
      await this.ds.query(
        `DELETE FROM proposals.evaluation_states WHERE organization_id = $1 AND component_id = $2 AND key = $3 RETURNING key`,
        [c.organizationId, c.id, key],
      ),
    );
    if (rows.length === 0)
      throw proposalException(ProposalError.NotFound, `No state "${key}" in this component`);
  }

  async assign(caller: Caller, id: string, evaluatorId: string, assign: boolean) {
    const { c, p } = await this.proposals.visible(caller, id);
    this.access.requireAdmin(caller.identity, c);
    if (assign)
      await this.ds.query(
        `INSERT INTO proposals.evaluator_assignments (organization_id, proposal_id, evaluator_id, assigned_by)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [p.organization_id, p.id, evaluatorId, caller.identity.userId],
      );
    else
      await this.ds.query(
        `DELETE FROM proposals.evaluator_assignments WHERE organization_id = $1 AND proposal_id = $2 AND evaluator_id = $3`,
        [p.organization_id, p.id, evaluatorId],
      );
    return this.evaluators(caller, id);
  }

  async evaluators(caller: Caller, id: string) {
    const { c, p } = await this.proposals.visible(caller, id);
    if (!this.access.isAdmin(caller.identity, c) && !this.access.isEvaluator(caller.identity, c))
      throw proposalException(
        ProposalError.NotAllowed,
        'Only administrators and evaluators see this',
      );
    const rows: { evaluator_id: string; assigned_at: Date }[] = await this.ds.query(
      `SELECT evaluator_id, assigned_at FROM proposals.evaluator_assignments
        WHERE organization_id = $1 AND proposal_id = $2 ORDER BY assigned_at`,
      [p.organization_id, p.id],
    );
    return {
      items: rows.map((r) => ({
        userId: r.evaluator_id,
        assignedAt: new Date(r.assigned_at).toISOString(),
      })),
    };
  }

  /** Proposals assigned to the caller (an evaluator) in a component. */
  async mine(caller: Caller, componentId: string) {
    const c = await this.access.visible(caller, componentId);
    if (!caller.identity.userId || !this.access.isEvaluator(caller.identity, c))
      throw proposalException(ProposalError.NotAllowed, 'Only evaluators of this space see this');
    const rows = await this.ds.query(
      `SELECT p.id, p.title, p.state, p.answered_at FROM proposals.proposals p
         JOIN proposals.evaluator_assignments a ON a.organization_id = p.organization_id AND a.proposal_id = p.id
        WHERE p.organization_id = $1 AND p.component_id = $2 AND a.evaluator_id = $3
        ORDER BY a.assigned_at`,
      [c.organizationId, c.id, caller.identity.userId],
    );
    return { items: rows };
  }

  async answer(caller: Caller, id: string, dto: AnswerDto) {
    const { c } = await this.proposals.visible(caller, id);
    const { identity } = caller;
    let allowed = this.access.isAdmin(identity, c);
    if (!allowed && identity.userId && this.access.isEvaluator(identity, c)) {
      const [a] = await this.ds.query(
        `SELECT 1 FROM proposals.evaluator_assignments WHERE organization_id = $1 AND proposal_id = $2 AND evaluator_id = $3`,
        [identity.organizationId, id, identity.userId],
      );
      allowed = !!a;
    }
    if (!allowed)
      throw proposalException(
        ProposalError.NotAllowed,
        'Only administrators and the evaluators assigned to this proposal may answer it',
      );
    const states = (await this.statesOf(c)).map((s) => s.key);
    if (!states.includes(dto.state))
      throw invalid('state', `unknown state "${dto.state}"; use ${states.join(', ')}`);
    return this.ds.transaction(async (m) => {
      const p = await this.repo.find(identity.organizationId, id, m, true);
      if (!p) throw notFound();
      if (p.withdrawn_at)
        throw proposalException(
          ProposalError.WrongState,
          'A withdrawn proposal cannot be answered',
        );
      const row = await this.repo.update(m, p.organization_id, p.id, {
        state: dto.state,
        answer: dto.answer?.trim() || null,
        cost_cents: dto.costCents ?? p.cost_cents,
        answered_at: new Date(),
        answered_by: identity.userId ?? null,
      });
      const payload: ProposalAnsweredJson = {
        proposalId: row.id,
        organizationId: row.organization_id,
        spaceId: row.space_id,
        componentId: row.component_id,
        state: dto.state,
        answer: row.answer ?? '',
        costCents: row.cost_cents ?? '0',
        title: row.title,
        answeredAt: new Date(row.answered_at as Date).toISOString(),
      };
      await publish(m, 'proposals', {
        topic: Topics.ProposalsProposalAnsweredV1,
        key: row.id,
        tenantId: row.organization_id,
        schema: 'palabre.proposals.v1.ProposalAnswered',
        payload,
      });
      // The author hears of a new state, not of a reworded answer in the same one.
      if (p.state !== dto.state) {
        const evaluating = dto.state === 'evaluating';
        await this.notifications.tell(
          m,
          row,
          evaluating ? 'proposal.evaluating' : 'proposal.answered',
          {
            recipients: [authorOf(row)],
            actorId: identity.userId,
            dedupeKey: `proposal.${evaluating ? 'evaluating' : 'answered'}:${row.id}:${payload.answeredAt}`,
            ...(evaluating ? {} : { params: { state: dto.state } }),
          },
        );
      }
      return this.proposals.view(caller, c, row);
    });
  }

  async sendToBudget(caller: Caller, id: string, dto: SendToBudgetDto) {
    const { c } = await this.proposals.visible(caller, id);
    this.access.requireAdmin(caller.identity, c);
    return this.ds.transaction(async (m) => {
      const p = await this.repo.find(caller.identity.organizationId, id, m, true);
      if (!p) throw notFound();
      if (p.state !== 'accepted' || p.withdrawn_at || p.hidden_at)
        throw proposalException(
          ProposalError.WrongState,
          'Only an accepted proposal can be sent to a budget',
        );
      if (!p.cost_cents || Number(p.cost_cents) <= 0)
        throw proposalException(
          ProposalError.WrongState,
          'Give the proposal an estimated cost first (answer it with costCents)',
        );
      const row = await this.repo.update(m, p.organization_id, p.id, {
        sent_to_budget_at: new Date(),
        budget_component_id: dto.budgetComponentId ?? null,
      });
      const payload: ProposalAcceptedForBudgetJson = {
        proposalId: row.id,
        organizationId: row.organization_id,
        spaceId: row.space_id,
        componentId: row.component_id,
        budgetComponentId: dto.budgetComponentId ?? '',
        title: row.title,
        body: row.body,
        costCents: row.cost_cents as string,
        answer: row.answer ?? '',
        address: row.address ?? '',
        ...(row.latitude !== null
          ? { latitude: row.latitude, longitude: row.longitude as number }
          : {}),
        authorName: row.origin === 'participant' ? (row.author_name ?? '') : '',
        links: [
          { kind: 'proposal', id: row.id },
          { kind: 'space', id: row.space_id },
        ],
        sentAt: new Date(row.sent_to_budget_at as Date).toISOString(),
      };
      await publish(m, 'proposals', {
        topic: Topics.ProposalsProposalAcceptedForBudgetV1,
        key: row.id,
        tenantId: row.organization_id,
        schema: 'palabre.proposals.v1.ProposalAcceptedForBudget',
        payload,
      });
      return this.proposals.view(caller, c, row);
    });
  }
}
