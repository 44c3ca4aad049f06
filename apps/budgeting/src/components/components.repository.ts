import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';
import { settingsFrom, type ComponentSettings } from './component-type';

/** Who may vote, as spaces' permission for `vote` says. */
export interface VotePermission {
  /** `franceconnect`: an identity proven by FranceConnect; `any`: any signed-in participant. */
  identity: 'franceconnect' | 'any';
  minimumAge: number | null;
  membersOnly: boolean;
}

export interface Component {
  id: string;
  organizationId: string;
  spaceId: string;
  activePhaseId: string | null;
  settings: ComponentSettings;
  /** Null until a settings event told it (e.g. a component learned through spaces' authorize API). */
  votePermission: VotePermission | null;
  source: 'event' | 'authorize';
}

/** The `vote` entry of ComponentSettingsChanged's permissions (none: any signed-in participant). */
export function votePermissionFrom(raw: unknown): VotePermission {
  const p = (raw ?? {}) as { verification?: unknown; minimumAge?: unknown; membersOnly?: unknown };
  const age = Number(p.minimumAge);
  return {
    identity: p.verification === 'franceconnect' ? 'franceconnect' : 'any',
    minimumAge: Number.isInteger(age) && age > 0 ? age : null,
    membersOnly: p.membersOnly === true,
  };
}

interface Row {
  component_id: string;
  organization_id: string;
  space_id: string;
  active_phase_id: string | null;
  settings: Record<string, unknown>;
  permissions: Record<string, unknown> | null;
  source: 'event' | 'authorize';
}

const toComponent = (r: Row): Component => ({
  id: r.component_id,
  organizationId: r.organization_id,
  spaceId: r.space_id,
  activePhaseId: r.active_phase_id,
  settings: settingsFrom(r.settings ?? {}),
  votePermission: r.permissions ? votePermissionFrom(r.permissions.vote) : null,
  source: r.source,
});

/** The local copy of `budgets` components and their settings in force, kept from spaces' events. */
@Injectable()
export class ComponentsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async find(
    organizationId: string,
    componentId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Component | null> {
    const [r]: Row[] = await m.query(
      `SELECT * FROM budgeting.components WHERE organization_id = $1 AND component_id = $2`,
      [organizationId, componentId],
    );
    return r ? toComponent(r) : null;
  }

  /** The first budgets component of a space (where proposals sends accepted ones without naming one). */
  async firstInSpace(
    m: EntityManager,
    organizationId: string,
    spaceId: string,
  ): Promise<Component | null> {
    const [r]: Row[] = await m.query(
      `SELECT * FROM budgeting.components WHERE organization_id = $1 AND space_id = $2
        ORDER BY updated_at LIMIT 1`,
      [organizationId, spaceId],
    );
    return r ? toComponent(r) : null;
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
      permissions: Record<string, unknown>;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO budgeting.components (component_id, organization_id, space_id, active_phase_id, settings,
         permissions, source)
       VALUES ($1, $2, $3, $4, $5, $6, 'event')
       ON CONFLICT (component_id) DO UPDATE SET space_id = EXCLUDED.space_id,
         active_phase_id = EXCLUDED.active_phase_id, settings = EXCLUDED.settings,
         permissions = EXCLUDED.permissions, source = 'event', updated_at = now()
       WHERE budgeting.components.organization_id = EXCLUDED.organization_id`,
      [
        c.componentId,
        c.organizationId,
        c.spaceId,
        c.activePhaseId,
        JSON.stringify(c.settings),
        JSON.stringify(c.permissions),
      ],
    );
  }

  /** A component spaces vouched for before any settings event reached us: type defaults until one does. */
  async learn(organizationId: string, componentId: string, spaceId: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO budgeting.components (component_id, organization_id, space_id, source)
       VALUES ($1, $2, $3, 'authorize') ON CONFLICT (component_id) DO NOTHING`,
      [componentId, organizationId, spaceId],
    );
  }
}
