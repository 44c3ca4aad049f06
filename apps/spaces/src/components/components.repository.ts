import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import { PhaseCalendar, type PhaseTiming } from '../phases/phase-calendar';
import type { ComponentRow } from '../spaces/space.view';

export interface PermissionRule {
  /** "none": any signed-in participant; "franceconnect": identity proven by FranceConnect. */
  verification: 'none' | 'franceconnect';
  minimumAge: number | null;
  membersOnly: boolean;
}

export const ANYONE: PermissionRule = {
  verification: 'none',
  minimumAge: null,
  membersOnly: false,
};

/** Everything that decides what a component allows now, read in one query. */
export interface ComponentContext {
  component: ComponentRow;
  space: {
    id: string;
    state: 'draft' | 'published';
    private: boolean;
    transparent: boolean;
    kind: 'process' | 'assembly';
  };
  /** The active phase, and whether today is within its dates (only then is it in force). */
  phase: {
    id: string;
    title: Record<string, string>;
    position: number;
    startsOn: string | null;
    endsOn: string | null;
    timing: PhaseTiming;
  } | null;
  phaseValues: Record<string, unknown> | null;
  permissions: Record<string, PermissionRule>;
}

/** SQL for components, their per-phase settings and permissions; every query names its organization. */
@Injectable()
export class ComponentsRepository {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly calendar: PhaseCalendar,
  ) {}

  async find(
    organizationId: string,
    spaceId: string,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<ComponentRow | null> {
    const [row] = await m.query(
      `SELECT * FROM spaces.components WHERE organization_id = $1 AND space_id = $2 AND id = $3${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [organizationId, spaceId, id],
    );
    return row ?? null;
  }

  async insert(
    m: EntityManager,
    c: Pick<
      ComponentRow,
      'organization_id' | 'space_id' | 'type' | 'name' | 'settings' | 'default_phase_settings'
    > & { position: number | null },
  ): Promise<ComponentRow> {
    const [row] = await m.query(
      `INSERT INTO spaces.components (organization_id, space_id, type, name, position, settings, default_phase_settings)
       VALUES ($1, $2, $3, $4, coalesce($5::int,
         (SELECT coalesce(max(position) + 1, 0) FROM spaces.components WHERE organization_id = $1 AND space_id = $2)),
         $6, $7)
       RETURNING *`,
      [
        c.organization_id,
        c.space_id,
        c.type,
        JSON.stringify(c.name),
        c.position,
        JSON.stringify(c.settings),
        JSON.stringify(c.default_phase_settings),
      ],
    );
    return row;
  }

  async update(
    m: EntityManager,
    c: ComponentRow,
    fields: Partial<
      Pick<ComponentRow, 'name' | 'position' | 'settings' | 'default_phase_settings'>
    >,
  ): Promise<ComponentRow> {
    const [row] = returnedRows<ComponentRow>(
      await m.query(
        `UPDATE spaces.components SET name = $3, position = $4, settings = $5, default_phase_settings = $6,
           updated_at = now()
         WHERE organization_id = $1 AND id = $2 RETURNING *`,
        [
          c.organization_id,
          c.id,
          JSON.stringify(fields.name ?? c.name),
          fields.position ?? c.position,
          JSON.stringify(fields.settings ?? c.settings),
          JSON.stringify(fields.default_phase_settings ?? c.default_phase_settings),
        ],
      ),
    );
    return row;
  }

  async remove(m: EntityManager, organizationId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM spaces.components WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      id,
    ]);
  }

  async phaseValues(
    organizationId: string,
    componentId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Map<string, Record<string, unknown>>> {
    const rows: { phase_id: string; settings: Record<string, unknown> }[] = await m.query(
      `SELECT phase_id, settings FROM spaces.component_phase_settings
        WHERE organization_id = $1 AND component_id = $2`,
      [organizationId, componentId],
    );
    return new Map(rows.map((r) => [r.phase_id, r.settings]));
  }

  /** Values of one phase for every component of its space. */
  async valuesOfPhase(
    m: EntityManager,
    organizationId: string,
    phaseId: string,
  ): Promise<Map<string, Record<string, unknown>>> {
    const rows: { component_id: string; settings: Record<string, unknown> }[] = await m.query(
      `SELECT component_id, settings FROM spaces.component_phase_settings
        WHERE organization_id = $1 AND phase_id = $2`,
      [organizationId, phaseId],
    );
    return new Map(rows.map((r) => [r.component_id, r.settings]));
  }

  async setPhaseValues(
    m: EntityManager,
    organizationId: string,
    componentId: string,
    phaseId: string,
    settings: Record<string, unknown>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO spaces.component_phase_settings (organization_id, component_id, phase_id, settings)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (component_id, phase_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
      [organizationId, componentId, phaseId, JSON.stringify(settings)],
    );
  }

  async permissions(
    organizationId: string,
    componentId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Record<string, PermissionRule>> {
    const rows: {
      action: string;
      verification: PermissionRule['verification'];
      minimum_age: number | null;
      members_only: boolean;
    }[] = await m.query(
      `SELECT action, verification, minimum_age, members_only FROM spaces.component_permissions
        WHERE organization_id = $1 AND component_id = $2 ORDER BY action`,
      [organizationId, componentId],
    );
    return Object.fromEntries(
      rows.map((r) => [
        r.action,
        { verification: r.verification, minimumAge: r.minimum_age, membersOnly: r.members_only },
      ]),
    );
  }

  async setPermission(
    m: EntityManager,
    organizationId: string,
    componentId: string,
    action: string,
    rule: PermissionRule | null,
  ): Promise<void> {
    if (!rule) {
      await m.query(
        `DELETE FROM spaces.component_permissions WHERE organization_id = $1 AND component_id = $2 AND action = $3`,
        [organizationId, componentId, action],
      );
      return;
    }
    await m.query(
      `INSERT INTO spaces.component_permissions (organization_id, component_id, action, verification, minimum_age, members_only)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (component_id, action) DO UPDATE SET verification = EXCLUDED.verification,
         minimum_age = EXCLUDED.minimum_age, members_only = EXCLUDED.members_only, updated_at = now()`,
      [organizationId, componentId, action, rule.verification, rule.minimumAge, rule.membersOnly],
    );
  }

  /** The component, its space, the active phase and its values, and the permissions. */
  async context(
    organizationId: string,
    componentId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<ComponentContext | null> {
    const [row] = await m.query(
      `SELECT to_jsonb(c) AS component, s.state, s.private, s.transparent, s.kind,
              p.id AS phase_id, p.title AS phase_title, p.position AS phase_position,
              p.starts_on::text AS phase_starts_on, p.ends_on::text AS phase_ends_on,
              v.settings AS phase_values
         FROM spaces.components c
         JOIN spaces.spaces s ON s.organization_id = c.organization_id AND s.id = c.space_id
         LEFT JOIN spaces.phases p ON p.organization_id = c.organization_id AND p.space_id = c.space_id
              AND p.active AND s.kind = 'process'
         LEFT JOIN spaces.component_phase_settings v ON v.organization_id = c.organization_id
              AND v.component_id = c.id AND v.phase_id = p.id
        WHERE c.organization_id = $1 AND c.id = $2`,
      [organizationId, componentId],
    );
    if (!row) return null;
    return {
      component: row.component,
      space: {
        id: row.component.space_id,
        state: row.state,
        private: row.private,
        transparent: row.transparent,
        kind: row.kind,
      },
      phase: row.phase_id
        ? {
            id: row.phase_id,
            title: row.phase_title,
            position: row.phase_position,
            startsOn: row.phase_starts_on,
            endsOn: row.phase_ends_on,
            timing: this.calendar.timing({
              starts_on: row.phase_starts_on,
              ends_on: row.phase_ends_on,
            }),
          }
        : null,
      phaseValues: row.phase_values ?? null,
      permissions: await this.permissions(organizationId, componentId, m),
    };
  }
}
