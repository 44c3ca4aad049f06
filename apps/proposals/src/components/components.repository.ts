import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';
import { settingsFrom, type ComponentSettings } from './component-type';

export interface Component {
  id: string;
  organizationId: string;
  spaceId: string;
  settings: ComponentSettings;
  activePhase: { id: string; title: Record<string, string> } | null;
  source: 'event' | 'authorize';
}

interface Row {
  component_id: string;
  organization_id: string;
  space_id: string;
  active_phase_id: string | null;
  settings: Record<string, unknown>;
  source: 'event' | 'authorize';
  phase_title: Record<string, string> | null;
}

/** The local copy of proposals components' settings, kept from spaces' events. */
@Injectable()
export class ComponentsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async find(
    organizationId: string,
    componentId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Component | null> {
    const [r]: Row[] = await m.query(
      `SELECT c.*, p.title AS phase_title FROM proposals.components c
         LEFT JOIN proposals.phases p ON p.organization_id = c.organization_id AND p.phase_id = c.active_phase_id
        WHERE c.organization_id = $1 AND c.component_id = $2`,
      [organizationId, componentId],
    );
    if (!r) return null;
    return {
      id: r.component_id,
      organizationId: r.organization_id,
      spaceId: r.space_id,
      settings: settingsFrom(r.settings ?? {}),
      activePhase: r.active_phase_id ? { id: r.active_phase_id, title: r.phase_title ?? {} } : null,
      source: r.source,
    };
  }

  /** The settings now in force, from spaces.component.settings-changed (latest wins). */
  async applySettings(
    m: EntityManager,
    c: {
      organizationId: string;
      componentId: string;
      spaceId: string;
      activePhaseId: string | null;
      settings: Record<string, unknown>;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO proposals.components (component_id, organization_id, space_id, active_phase_id, settings, source)
       VALUES ($1, $2, $3, $4, $5, 'event')
       ON CONFLICT (component_id) DO UPDATE SET space_id = EXCLUDED.space_id,
         active_phase_id = EXCLUDED.active_phase_id, settings = EXCLUDED.settings, source = 'event',
         updated_at = now()
       WHERE proposals.components.organization_id = EXCLUDED.organization_id`,
      [c.componentId, c.organizationId, c.spaceId, c.activePhaseId, JSON.stringify(c.settings)],
    );
  }

  /** A component spaces vouched for before any settings event reached us: type defaults until one does. */
  async learn(organizationId: string, componentId: string, spaceId: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO proposals.components (component_id, organization_id, space_id, source)
       VALUES ($1, $2, $3, 'authorize') ON CONFLICT (component_id) DO NOTHING`,
      [componentId, organizationId, spaceId],
    );
  }

  async phaseActivated(
    m: EntityManager,
    p: { organizationId: string; spaceId: string; phaseId: string; title: Record<string, string> },
  ): Promise<void> {
    await m.query(
      `INSERT INTO proposals.phases (phase_id, organization_id, space_id, title) VALUES ($1, $2, $3, $4)
       ON CONFLICT (phase_id) DO UPDATE SET title = EXCLUDED.title, activated_at = now()
       WHERE proposals.phases.organization_id = EXCLUDED.organization_id`,
      [p.phaseId, p.organizationId, p.spaceId, JSON.stringify(p.title)],
    );
  }
}
