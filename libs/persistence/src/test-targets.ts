import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database } from './database';

export interface DatabaseTarget {
  name: 'PGlite' | 'PostgreSQL';
  open: () => Promise<Database>;
  /** PostgreSQL only: the URL of this test file's own database (created on first use). */
  url?: () => Promise<string>;
}

/** Prefix of the throw-away databases; jest's global teardown drops those of its own run. */
export const TEST_DATABASE_PREFIX = 'palabre_t_';

/**
 * One database per test file on the shared server, so files running in
 * parallel never drop or migrate each other's schemas.
 */
function isolatedDatabase(baseUrl: string): () => Promise<string> {
  const run = process.env.PALABRE_TEST_RUN ?? 'adhoc';
  const name = `${TEST_DATABASE_PREFIX}${run}_${process.pid}_${randomBytes(4).toString('hex')}`;
  let created: Promise<string> | undefined;
  return () =>
    (created ??= (async () => {
      const admin = new Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return url.toString();
    })());
}

/**
 * The databases a test suite runs against: always an in-memory PGlite, plus
 * the real PostgreSQL given by TEST_DATABASE_URL (CI sets it).
 */
export function testDatabaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [
    { name: 'PGlite', open: () => Database.open({ dataDir: 'memory://' }) },
  ];
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const url = isolatedDatabase(base);
    targets.push({
      name: 'PostgreSQL',
      url,
      open: async () => Database.open({ url: await url(), poolSize: 5 }),
    });
  }
  return targets;
}
