import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@palabre/persistence';
import { runCli } from '../src/cli';

describe('identity command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'palabre-cli-'));
  const saved = { ...process.env };
  beforeAll(() => {
    delete process.env.DATABASE_URL;
    process.env.PALABRE_DATA_DIR = dataDir;
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first organization and its platform operator', async () => {
    const lines: string[] = [];
    const out = (l: string) => void lines.push(l);
    expect(
      await runCli(
        [
          'create-organization',
          '--slug',
          'lyon',
          '--name',
          'Ville de Lyon',
          '--host',
          'participer.lyon.fr',
        ],
        out,
      ),
    ).toBe(0);
    expect(
      await runCli(
        [
          'create-operator',
          '--org',
          'lyon',
          '--email',
          'Ops@Lyon.fr',
          '--password',
          'a long operator passphrase',
        ],
        out,
      ),
    ).toBe(0);
    expect(lines.join('\n')).toContain('platform operator ops@lyon.fr ready in lyon');
    expect(
      await runCli(
        [
          'create-operator',
          '--org',
          'nowhere',
          '--email',
          'x@y.fr',
          '--password',
          'a long operator passphrase',
        ],
        out,
      ),
    ).toBe(65);
    expect(await runCli(['nonsense'], out)).toBe(64);

    const db = await Database.open({ dataDir: join(dataDir, 'pglite') });
    try {
      const rows = await db.query<{ role: string; email: string; confirmed: boolean }>(
        `SELECT g.role, u.email, u.email_confirmed_at IS NOT NULL AS confirmed
         FROM identity.grants g JOIN identity.users u ON u.id = g.user_id JOIN identity.organizations o ON o.id = g.organization_id
         WHERE o.slug = 'lyon'`,
      );
      expect(rows).toEqual([{ role: 'platform-operator', email: 'ops@lyon.fr', confirmed: true }]);
    } finally {
      await db.close();
    }
  });
});
