import { Database } from './database';

export interface DatabaseTarget {
  name: string;
  open: () => Promise<Database>;
}

/**
 * The databases a test suite runs against: always an in-memory PGlite, plus
 * the real PostgreSQL given by TEST_DATABASE_URL (CI sets it).
 */
export function testDatabaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [
    { name: 'PGlite', open: () => Database.open({ dataDir: 'memory://' }) },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) targets.push({ name: 'PostgreSQL', open: () => Database.open({ url, poolSize: 5 }) });
  return targets;
}
