import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';
import type { GrantableRole } from './dtos/grant-role.dto';

export interface GrantRow {
  id: string;
  organization_id: string;
  user_id: string;
  email: string | null;
  display_name: string | null;
  role: GrantableRole;
  space_id: string | null;
  created_at: Date;
}

const SELECT_GRANT = `SELECT g.id, g.organization_id, g.user_id, u.email, u.display_name, g.role, g.space_id, g.created_at
  FROM identity.grants g JOIN identity.users u ON u.id = g.user_id`;

/** SQL for grants. Every query names the organization the grant lives in. */
@Injectable()
export class GrantsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async list(organizationId: string, roles?: readonly GrantableRole[]): Promise<GrantRow[]> {
    return this.ds.query(
      `${SELECT_GRANT} WHERE g.organization_id = $1 AND ($2::text[] IS NULL OR g.role = ANY($2::text[]))
       ORDER BY g.created_at, g.id`,
      [organizationId, roles ?? null],
    );
  }

  async find(m: EntityManager, organizationId: string, id: string): Promise<GrantRow | null> {
    const [row] = await m.query(`${SELECT_GRANT} WHERE g.organization_id = $1 AND g.id = $2`, [
      organizationId,
      id,
    ]);
    return row ?? null;
  }

  /** Null when the account already holds this exact grant. */
  async insert(
    m: EntityManager,
    g: { organizationId: string; userId: string; role: GrantableRole; spaceId?: string },
  ): Promise<string | null> {
    const [row] = await m.query(
      `INSERT INTO identity.grants (organization_id, user_id, role, space_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [g.organizationId, g.userId, g.role, g.spaceId ?? null],
    );
    return row?.id ?? null;
  }

  async delete(m: EntityManager, organizationId: string, id: string): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `DELETE FROM identity.grants WHERE organization_id = $1 AND id = $2 RETURNING id`,
        [organizationId, id],
      ),
    );
    return rows.length === 1;
  }

  /** Organization administrators whose account can still act (active). */
  async activeAdmins(m: EntityManager, organizationId: string): Promise<string[]> {
    const rows = await m.query(
      `SELECT g.id FROM identity.grants g JOIN identity.users u ON u.id = g.user_id
       WHERE g.organization_id = $1 AND g.role = 'org-admin' AND g.space_id IS NULL AND u.status = 'active'`,
      [organizationId],
    );
    return rows.map((r: { id: string }) => r.id);
  }
}
