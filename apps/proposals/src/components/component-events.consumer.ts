import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  decodeEvent,
  Topics,
  type ComponentSettingsChanged,
  type PhaseActivated,
} from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ComponentAccess } from './component-access';
import {
  COMPONENT_TYPE,
  countingMinimum,
  registration,
  settingsFrom,
  VERSION,
} from './component-type';
import { ComponentsRepository } from './components.repository';

type ComponentEvent =
  { kind: 'settings'; event: ComponentSettingsChanged } | { kind: 'phase'; event: PhaseActivated };

/**
 * The service's side of the component-type registry: it declares the
 * `proposals` type at every start (spaces keeps the newest version), and
 * keeps a copy of each proposals component's settings in force and of phase
 * titles, so that no request needs to ask spaces for settings.
 */
@Injectable()
export class ComponentEventsConsumer implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly components: ComponentsRepository,
    private readonly access: ComponentAccess,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.bus.consume<ComponentEvent>({
      ds: this.runtime.dataSource,
      schema: 'proposals',
      group: 'proposals.component-settings',
      topics: [Topics.SpacesComponentSettingsChangedV1, Topics.SpacesPhaseActivatedV1],
      decode: (topic, payload) =>
        topic === Topics.SpacesPhaseActivatedV1
          ? { kind: 'phase', event: decodeEvent(Topics.SpacesPhaseActivatedV1, payload) }
          : {
              kind: 'settings',
              event: decodeEvent(Topics.SpacesComponentSettingsChangedV1, payload),
            },
      handle: async (e, m) => {
        const p = e.payload;
        if (p.kind === 'phase') {
          if (!p.event.organizationId || !p.event.phaseId) return;
          await this.components.phaseActivated(m, {
            organizationId: p.event.organizationId,
            spaceId: p.event.spaceId,
            phaseId: p.event.phaseId,
            title: p.event.title,
          });
          this.access.invalidate();
          return;
        }
        const s = p.event;
        if (s.componentType !== COMPONENT_TYPE || !s.organizationId || !s.componentId) return;
        const previous = await this.components.find(s.organizationId, s.componentId, m);
        const settings = (s.settings ?? {}) as Record<string, unknown>;
        await this.components.applySettings(m, {
          organizationId: s.organizationId,
          componentId: s.componentId,
          spaceId: s.spaceId,
          activePhaseId: s.activePhaseId || null,
          settings,
        });
        const min = countingMinimum(settingsFrom(settings));
        if (previous && countingMinimum(previous.settings) !== min)
          await this.recount(m, s.organizationId, s.componentId, min);
        this.access.invalidate(s.componentId);
      },
    });
  }

  /** The per-person minimum changed: which supports count changes with it. */
  private async recount(
    m: EntityManager,
    organizationId: string,
    componentId: string,
    min: number,
  ) {
    await m.query(
      `WITH counted AS (
         SELECT v.proposal_id, count(*)::int AS n FROM proposals.votes v
           JOIN proposals.voter_tallies t ON t.component_id = v.component_id AND t.voter_id = v.voter_id
          WHERE v.organization_id = $1 AND v.component_id = $2 AND t.votes >= $3
          GROUP BY v.proposal_id)
       UPDATE proposals.proposals p SET vote_count = coalesce(c.n, 0)
         FROM proposals.proposals q LEFT JOIN counted c ON c.proposal_id = q.id
        WHERE p.id = q.id AND q.organization_id = $1 AND q.component_id = $2
          AND p.vote_count <> coalesce(c.n, 0)`,
      [organizationId, componentId, min],
    );
  }

  /** Declares the component type (spaces.component-type.registered.v1), through the outbox. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ds.transaction((m) =>
      publish(m, 'proposals', {
        topic: Topics.SpacesComponentTypeRegisteredV1,
        key: COMPONENT_TYPE,
        schema: 'palabre.spaces.v1.ComponentTypeRegistered',
        payload: registration(),
      }),
    );
    this.runtime.logger.emit('info', 'Registered the proposals component type', {
      version: VERSION,
    });
  }
}
