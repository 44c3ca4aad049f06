import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('the Node the project runs on (docs/adr/0020-node-runtime.md)', () => {
  const wanted = readFileSync(join(root, '.nvmrc'), 'utf8').trim();

  it('runs the tests on the major version .nvmrc names, not on whatever Node the machine has', () => {
    expect(process.versions.node.split('.')[0]).toBe(wanted.split('.')[0]);
  });

  it('brings that exact version for every platform the lockfile covers', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    const binaries = Object.entries(pkg.optionalDependencies as Record<string, string>).filter(
      ([name]) => /^node-(linux|win|darwin)-/.test(name),
    );
    expect(binaries.length).toBeGreaterThan(0);
    for (const [name, version] of binaries) {
      expect({ name, version }).toEqual({ name, version: wanted });
      expect({ name, locked: lock.packages[`node_modules/${name}`]?.version }).toEqual({
        name,
        locked: wanted,
      });
    }
  });
});
