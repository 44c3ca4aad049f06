import { type LocalizedText } from '@palabre/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE, type PersonalDataKeeper } from '@palabre/service-kit';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** An account's voter key (component-access.ts): FranceConnect voters' keys lead to no account. */
const accountVoterKey = (userId: string) => `account:${userId}`;

/** Budgeting's side of the GDPR rights (docs/adr/0018): one person's data, and erasing who they were. */
@Injectable()
export class PrivacyRepository implements PersonalDataKeeper {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * The paper-ballot audit keeps the entries a deleted account recorded or
   * voided, without saying whose account it was. Votes stay counted: their
   * key names an account that no longer exists.
   */
  async erase(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    await m.query(
      `UPDATE budgeting.paper_ballots SET recorded_by = NULL WHERE organization_id = $1 AND recorded_by = $2`,
      [organizationId, userId],
    );
    await m.query(
      `UPDATE budgeting.paper_ballots SET voided_by = NULL WHERE organization_id = $1 AND voided_by = $2`,
      [organizationId, userId],
    );
  }

  /** The votes this person made with their account, in this organization (budgeting.json). */
  async personalData(organizationId: string, userId: string) {
    const rows: {
      id: string;
      budget_id: string;
      budget_title: LocalizedText;
      component_id: string;
      projects: { id: string; title: LocalizedText }[];
      total_cents: string;
      residence: string | null;
      checked_out_at: Date | null;
      created_at: Date;
    }[] = await this.ds.query(
      `SELECT o.id, o.budget_id, b.title AS budget_title, o.component_id, o.total_cents::text AS total_cents,
              o.residence, o.checked_out_at, o.created_at,
              coalesce((SELECT json_agg(json_build_object('id', p.id, 'title', p.title) ORDER BY p.title->>'fr', p.title->>'en', p.id)
                          FROM budgeting.projects p
                         WHERE p.organization_id = o.organization_id AND p.id = ANY(o.project_ids)), '[]'::json)
                AS projects
         FROM budgeting.orders o
         JOIN budgeting.budgets b ON b.id = o.budget_id AND b.organization_id = o.organization_id
        WHERE o.organization_id = $1 AND o.voter_key = $2
        ORDER BY o.created_at, o.id`,
      [organizationId, accountVoterKey(userId)],
    );
    return {
      format: 'palabre.budgeting.personal-data.v1',
      organizationId,
      votes: rows.map((r) => ({
        id: r.id,
        budgetId: r.budget_id,
        budgetTitle: r.budget_title,
        componentId: r.component_id,
        projects: r.projects,
        totalCents: Number(r.total_cents),
        residence: r.residence,
        checkedOutAt: iso(r.checked_out_at),
        createdAt: iso(r.created_at),
      })),
    };
  }
}
