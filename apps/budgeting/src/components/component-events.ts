import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { seedDemoBudgets } from '../maintenance/demo-content';
import { ProjectsRepository } from '../projects/projects.repository';
import { PublicReads } from '../public-reads';
import { ComponentAccess } from './component-access';
import { COMPONENT_TYPE, registration } from './component-type';
import { ComponentsRepository } from './components.repository';
import { localized } from '../texts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What budgeting learns from and tells the rest of the platform about
 * components: it registers the `budgets` type with spaces at every start,
 * keeps a copy of each budgets component's settings in force
 * (spaces.component.settings-changed), and turns proposals accepted for a
 * budget into projects to review (proposals.proposal.accepted-for-budget).
 * In embedded mode, the demo organization's budgets component gets demo
 * budgets and projects the first time budgeting hears of it.
 */
@Injectable()
export class ComponentEvents implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly components: ComponentsRepository,
    private readonly projects: ProjectsRepository,
    private readonly access: ComponentAccess,
    private readonly reads: PublicReads,
  ) {}

  async onModuleInit(): Promise<void> {
    const { bus, dataSource: ds, logger } = this.runtime;
    await ds.transaction((m) =>
      publish(m, 'budgeting', {
        topic: Topics.SpacesComponentTypeRegisteredV1,
        key: COMPONENT_TYPE,
        schema: 'palabre.spaces.v1.ComponentTypeRegistered',
        payload: registration(),
      }),
    );
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
      group: 'budgeting.component-settings',
      topics: [Topics.SpacesComponentSettingsChangedV1],
      decode: (_topic, payload) => decodeEvent(Topics.SpacesComponentSettingsChangedV1, payload),
      handle: async (event, m) => {
        const e = event.payload;
        if (e.componentType !== COMPONENT_TYPE) return;
        if (!UUID.test(e.componentId) || !UUID.test(e.organizationId) || !UUID.test(e.spaceId))
          return;
        await this.components.applySettings(m, {
          organizationId: e.organizationId,
          componentId: e.componentId,
          spaceId: e.spaceId,
          activePhaseId: UUID.test(e.activePhaseId) ? e.activePhaseId : null,
          settings: (e.settings ?? {}) as Record<string, unknown>,
          permissions: (e.permissions ?? {}) as Record<string, unknown>,
        });
        if (this.runtime.embedded) {
          const [demo] = await m.query(
            `UPDATE budgeting.demo_organizations SET seeded_component_id = $2
              WHERE organization_id = $1 AND seeded_component_id IS NULL RETURNING organization_id`,
            [e.organizationId, e.componentId],
          );
          if (demo && (await seedDemoBudgets(m, e.organizationId, e.componentId)))
            logger.emit('info', 'Seeded demo budgets', { organizationId: e.organizationId });
        }
        this.access.invalidate(e.componentId);
        this.reads.invalidate(e.componentId);
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
            ? await this.components.find(e.organizationId, e.budgetComponentId, m)
            : null) ??
          (UUID.test(e.spaceId)
            ? await this.components.firstInSpace(m, e.organizationId, e.spaceId)
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
