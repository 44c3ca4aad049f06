/**
 * Runs every service's pending migrations against DATABASE_URL and exits:
 * the Helm pre-install/pre-upgrade hook Job. Services also migrate at start
 * (under an advisory lock), so this only moves the wait out of the rollout.
 */
import { loadEnv, serviceEnvSchema } from '@palabre/config';
import { Database } from '@palabre/persistence';
import { discoverServices } from './embedded/service-discovery';

async function main() {
  const env = loadEnv('migrate', serviceEnvSchema);
  let db: Database | undefined;
  for (let attempt = 1; !db; attempt++) {
    try {
      db = await Database.open({
        url: env.DATABASE_URL,
        dataDir: `${env.PALABRE_DATA_DIR}/pglite`,
      });
    } catch (error) {
      // The bundled database may still be starting when the hook runs.
      if (attempt >= 60) throw error;
      process.stdout.write(`database not reachable yet (attempt ${attempt}), retrying in 2 s\n`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
  for (const def of discoverServices()) {
    const ds = db.dataSource({
      schema: def.schema,
      entities: def.entities,
      migrations: def.migrations,
    });
    await db.migrate(ds, def.schema);
    process.stdout.write(`migrated ${def.name}\n`);
  }
  await db.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
