// Drops the per-test-file PostgreSQL databases (libs/persistence test targets).
const { Client } = require('pg');

module.exports = async function dropTestDatabases() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'palabre\\_t\\_%'`,
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
};
