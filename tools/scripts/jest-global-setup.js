// One id per jest run: the per-test-file PostgreSQL databases carry it, so the
// teardown drops this run's databases only (never those of another run on the same server).
const { randomBytes } = require('node:crypto');

module.exports = async function markTestRun() {
  process.env.PALABRE_TEST_RUN = randomBytes(4).toString('hex');
};
