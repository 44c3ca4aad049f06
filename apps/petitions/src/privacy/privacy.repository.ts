import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE } from '@palabre/service-kit';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Petitions' side of the GDPR rights (docs/adr/0018): one person's data, and erasing their name. */
@Injectable()
export class PrivacyRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** The petitions a deleted account wrote keep their text and counts, not its name; returns their ids. */
  async erase(m: EntityManager, organizationId: string, userId: string): Promise<string[]> {
    // An UPDATE's RETURNING comes as [rows, count] from node-postgres.
    const rows = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE petitions.petitions SET author_name = NULL, updated_at = now()
          WHERE organization_id = $1 AND author_id = $2 AND author_name IS NOT NULL RETURNING id`,
        [organizationId, userId],
      ),
    );
    return rows.map((r) => r.id);
  }

  /**
   * What this person did here with their account, in this organization (their
   * archive's petitions.json). Signatures made with FranceConnect are keyed by
   * a pseudonym no account leads to: they are not here.
   */
  async personalData(organizationId: string, userId: string) {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const petitions: {
        id: string;
        type_id: string;
        title: string;
        body: string;
        state: string;
        total_count: string;
        created_at: Date;
        published_at: Date | null;
        closed_at: Date | null;
      }[] = await m.query(
        `SELECT id, type_id, title, body, state, total_count::text AS total_count, created_at, published_at, closed_at
           FROM petitions.petitions WHERE organization_id = $1 AND author_id = $2 ORDER BY created_at, id`,
        [organizationId, userId],
      );
      const signatures: { petition_id: string; signed_at: Date }[] = await m.query(
        `SELECT petition_id, signed_at FROM petitions.signatures
          WHERE organization_id = $1 AND signer_key = $2 ORDER BY signed_at, petition_id`,
        [organizationId, `account:${userId}`],
      );
      return {
        format: 'palabre.petitions.personal-data.v1',
        organizationId,
        petitions: petitions.map((p) => ({
          id: p.id,
          typeId: p.type_id,
          title: p.title,
          body: p.body,
          state: p.state,
          totalCount: Number(p.total_count),
          createdAt: iso(p.created_at),
          publishedAt: iso(p.published_at),
          closedAt: iso(p.closed_at),
        })),
        signaturesWithAccount: signatures.map((s) => ({
          petitionId: s.petition_id,
          signedAt: iso(s.signed_at),
        })),
      };
    });
  }
}
