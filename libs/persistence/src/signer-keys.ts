import type { QueryRunner } from 'typeorm';
import { organizationSignerKey } from '@palabre/auth';

/**
 * Rewrites stored FranceConnect signer keys from the deployment-wide form
 * (one key per person) to the per-organization one (ADR 0007), in a
 * service's own migration: `column` of `table` holds `prefix` + key, and
 * `organization_id` says whose row it is. Distinct keys are read in pages
 * and rewritten with one UPDATE per page, in the migration's transaction.
 */
export async function rewriteSignerKeys(
  q: QueryRunner,
  /** `where` narrows the rows (it may not name `organization_id`, which the UPDATE joins on). */
  target: { table: string; column: string; prefix?: string; where?: string },
): Promise<number> {
  const prefix = target.prefix ?? '';
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // The keys to rewrite are set aside first: a rewritten key must not come up again in a later page.
  await q.query(
    `CREATE TEMP TABLE signer_rekey ON COMMIT DROP AS
       SELECT DISTINCT organization_id, ${target.column} AS key FROM ${target.table}
        WHERE ${target.column} LIKE $1${target.where ? ` AND (${target.where})` : ''}`,
    [like],
  );
  let after = '';
  let rewritten = 0;
  for (;;) {
    const page: { organization_id: string; key: string }[] = await q.query(
      `SELECT organization_id::text AS organization_id, key FROM signer_rekey
        WHERE key > $1 ORDER BY key LIMIT 2000`,
      [after],
    );
    if (page.length === 0) break;
    after = page[page.length - 1].key;
    const fresh = page.map(
      (r) => prefix + organizationSignerKey(r.key.slice(prefix.length), r.organization_id),
    );
    await q.query(
      `UPDATE ${target.table} t SET ${target.column} = n.fresh
         FROM unnest($1::text[], $2::uuid[], $3::text[]) AS n(old, organization_id, fresh)
        WHERE t.${target.column} = n.old AND t.organization_id = n.organization_id${target.where ? ` AND (${target.where})` : ''}`,
      [page.map((r) => r.key), page.map((r) => r.organization_id), fresh],
    );
    rewritten += page.length;
  }
  await q.query(`DROP TABLE signer_rekey`);
  return rewritten;
}
