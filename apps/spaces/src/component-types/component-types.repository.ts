import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';
import type { ComponentTypeDef } from './component-type';

interface Row {
  organization_id: string | null;
  type: string;
  service: string;
  version: number;
  name: ComponentTypeDef['name'];
  global_settings: ComponentTypeDef['globalSettings'];
  phase_settings: ComponentTypeDef['phaseSettings'];
  actions: ComponentTypeDef['actions'];
}

const toDef = (r: Row): ComponentTypeDef => ({
  type: r.type,
  service: r.service,
  version: r.version,
  organizationId: r.organization_id,
  name: r.name,
  globalSettings: r.global_settings,
  phaseSettings: r.phase_settings,
  actions: r.actions,
});

/**
 * The registry of component types, as their services declared them. A type
 * registered for one organization shadows the platform-wide one of the same
 * name in that organization only.
 */
@Injectable()
export class ComponentTypesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** Stores a registration unless a newer version is already there; true when stored. */
  async upsert(m: EntityManager, def: ComponentTypeDef): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO spaces.component_types
         (organization_id, type, service, version, name, global_settings, phase_settings, actions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ((coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)), type)
       DO UPDATE SET service = EXCLUDED.service, version = EXCLUDED.version, name = EXCLUDED.name,
         global_settings = EXCLUDED.global_settings, phase_settings = EXCLUDED.phase_settings,
         actions = EXCLUDED.actions, registered_at = now()
       WHERE spaces.component_types.version <= EXCLUDED.version
       RETURNING id`,
      [
        def.organizationId,
        def.type,
        def.service,
        def.version,
        JSON.stringify(def.name),
        JSON.stringify(def.globalSettings),
        JSON.stringify(def.phaseSettings),
        JSON.stringify(def.actions),
      ],
    );
    return rows.length === 1;
  }

  async find(
    organizationId: string,
    type: string,
    m: EntityManager = this.ds.manager,
  ): Promise<ComponentTypeDef | null> {
    const [row] = await m.query(
      `SELECT * FROM spaces.component_types
        WHERE type = $2 AND (organization_id = $1 OR organization_id IS NULL)
        ORDER BY organization_id NULLS LAST LIMIT 1`,
      [organizationId, type],
    );
    return row ? toDef(row) : null;
  }

  async list(organizationId: string): Promise<ComponentTypeDef[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT DISTINCT ON (type) * FROM spaces.component_types
        WHERE organization_id = $1 OR organization_id IS NULL
        ORDER BY type, organization_id NULLS LAST`,
      [organizationId],
    );
    return rows.map(toDef);
  }
}
