import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';
import { isUniqueViolation } from '../petitions.exception';
import type { PetitionTypeView } from './petition-type.dto';

interface TypeRow {
  id: string;
  name: PetitionTypeView['name'];
  description: PetitionTypeView['description'];
  signature_days: number;
  signers: PetitionTypeView['signers'];
  authors: PetitionTypeView['authors'];
  withdrawal_allowed: boolean;
  milestones: PetitionTypeView['milestones'];
  area_breakdown: boolean;
  area_rule: PetitionTypeView['areaRule'];
  active: boolean;
}

export const toTypeView = (r: TypeRow): PetitionTypeView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  signatureDays: r.signature_days,
  signers: r.signers,
  authors: r.authors,
  withdrawalAllowed: r.withdrawal_allowed,
  milestones: r.milestones,
  areaBreakdown: r.area_breakdown,
  areaRule: r.area_rule,
  active: r.active,
});

const COLUMNS = `id, name, description, signature_days, signers, authors, withdrawal_allowed,
  milestones, area_breakdown, area_rule, active`;

/** SQL for petition types; every query names its organization. */
@Injectable()
export class PetitionTypesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async list(organizationId: string, activeOnly: boolean): Promise<PetitionTypeView[]> {
    const rows: TypeRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM petitions.petition_types
       WHERE organization_id = $1 AND ($2::boolean IS FALSE OR active)
       ORDER BY COALESCE(name->>'fr', name->>'en')`,
      [organizationId, activeOnly],
    );
    return rows.map(toTypeView);
  }

  async find(
    organizationId: string,
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<PetitionTypeView | null> {
    const [row] = await m.query(
      `SELECT ${COLUMNS} FROM petitions.petition_types WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return row ? toTypeView(row) : null;
  }

  /** Inserts or replaces a type; false when the name is taken in the organization. */
  async save(organizationId: string, t: PetitionTypeView, insert: boolean): Promise<boolean> {
    const params = [
      t.id,
      organizationId,
      JSON.stringify(t.name),
      JSON.stringify(t.description),
      t.signatureDays,
      t.signers,
      t.authors,
      t.withdrawalAllowed,
      JSON.stringify(t.milestones),
      t.areaBreakdown,
      t.areaRule ? JSON.stringify(t.areaRule) : null,
      t.active,
    ];
    try {
      if (insert) {
        await this.ds.query(
          `INSERT INTO petitions.petition_types (id, organization_id, name, description, signature_days,
             signers, authors, withdrawal_allowed, milestones, area_breakdown, area_rule, active)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          params,
        );
      } else {
        await this.ds.query(
          `UPDATE petitions.petition_types SET name = $3, description = $4, signature_days = $5,
             signers = $6, authors = $7, withdrawal_allowed = $8, milestones = $9,
             area_breakdown = $10, area_rule = $11, active = $12, updated_at = now()
           WHERE id = $1 AND organization_id = $2`,
          params,
        );
      }
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
}
