import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { UUID } from '@palabre/component-host';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { seedDemoBudgets } from '../maintenance/demo-content';
import { ProjectsRepository } from '../projects/projects.repository';
import { PublicReads } from '../public-reads';
import { ComponentAccess } from './component-access';
import { localized } from '../texts';

/**
 * What budgeting does with components beyond hosting them (ComponentAccess):
 * a settings change drops the public reads of the component, and proposals
 * accepted for a budget become projects to review
 * (proposals.proposal.accepted-for-budget).
 * In embedded mode, the demo organization's budgets component gets demo
 * budgets and projects the first time budgeting hears of it.
 */
@Injectable()
export class ComponentEvents implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly projects: ProjectsRepository,
    private readonly access: ComponentAccess,
    private readonly reads: PublicReads,
  ) {
    // In the constructor: listening before the host's consumer starts (its onModuleInit).
    this.access.onSettingsChanged(async (m, c) => {
      if (this.runtime.embedded) {
        const [demo] = await m.query(
          `UPDATE budgeting.demo_organizations SET seeded_component_id = $2
            WHERE organization_id = $1 AND seeded_component_id IS NULL RETURNING organization_id`,
          [c.organizationId, c.id],
        );
        if (demo && (await seedDemoBudgets(m, c.organizationId, c.id)))
          this.runtime.logger.emit('info', 'Seeded demo budgets', {
            organizationId: c.organizationId,
          });
      }
      this.reads.invalidate(c.id);
    });
  }

  async onModuleInit(): Promise<void> {
    const { bus, dataSource: ds, logger } = this.runtime;
    if (this.runtime.embedded)
      await bus.consume({
        ds,
        schema: 'budgeting',
        group: 'budgeting.demo-organizations',
        topics: [Topics.IdentityOrganizationCreatedV1],
        decode: (_topic, payload) => decodeEvent(Topics.IdentityOrganizationCreatedV1, payload),
        handle: async (event, m) => {
          const org = event.payload;
          if (!org.organizationId || !org.hosts?.includes('localhost')) return;
          await m.query(
            `INSERT INTO budgeting.demo_organizations (organization_id) VALUES ($1) ON CONFLICT DO NOTHING`,
            [org.organizationId],
          );
        },
      });
    await bus.consume({
      ds,
      schema: 'budgeting',
      group: 'budgeting.accepted-proposals',
      topics: [Topics.ProposalsProposalAcceptedForBudgetV1],
      decode: (_topic, payload) =>
        decodeEvent(Topics.ProposalsProposalAcceptedForBudgetV1, payload),
      handle: async (event, m) => {
        const e = event.payload;
        if (!UUID.test(e.proposalId) || !UUID.test(e.organizationId)) return;
        const c =
          (UUID.test(e.budgetComponentId)
            ? await this.access.store.find(e.organizationId, e.budgetComponentId, m)
            : null) ??
          (UUID.test(e.spaceId)
            ? ((await this.access.store.inSpace(e.organizationId, e.spaceId, m))[0] ?? null)
            : null);
        if (!c) {
          logger.emit('warn', 'Accepted proposal for a budget with no budgets component known', {
            organizationId: e.organizationId,
            proposalId: e.proposalId,
          });
          return;
        }
        const linked = e.links
          .filter((l) => l.kind === 'proposal' && UUID.test(l.id))
          .map((l) => l.id);
        const cents = Number(e.costCents);
        await this.projects.upsertFromProposal(m, {
          organizationId: e.organizationId,
          componentId: c.id,
          proposalId: e.proposalId,
          // The event's texts carry no language: taken as French, the language
          // every organization offers today (as text written before ADR 0033);
          // the administrator adds English in review.
          title: { fr: e.title.trim().slice(0, 200) || 'Proposition' },
          description: localized({ fr: e.body.slice(0, 20_000) }),
          amountCents: Number.isSafeInteger(cents) && cents > 0 ? cents : 1,
          area: null,
          imageUrls: [],
          address: e.address || null,
          latitude: e.latitude ?? null,
          longitude: e.longitude ?? null,
          proposalIds: [...new Set([e.proposalId, ...linked])],
        });
      },
    });
  }
}
