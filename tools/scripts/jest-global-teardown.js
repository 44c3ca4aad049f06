// Drops this run's per-test-file PostgreSQL databases (libs/persistence test targets).
const { Client } = require('pg');

module.exports = async function dropTestDatabases() {
  const base = process.env.TEST_DATABASE_URL;
  const run = process.env.PALABRE_TEST_RUN;
  if (!base || !run) return;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [
      `palabre_t_${run}_`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
};
