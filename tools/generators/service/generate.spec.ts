/**
 * A generated service works untouched: the generator runs in a throwaway copy
 * of this workspace, then the copy goes through what `npm test` runs
 * (contracts, lint with module boundaries, typecheck, the service's
 * integration test, the Helm chart checks) without anyone editing a file.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
const GENERATOR = join('tools', 'generators', 'service', 'generate.mjs');
const VALUES = join('helm', 'palabre', 'values.yaml');
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.data', '.nx']);
const NAME = 'sample-svc';

jest.setTimeout(600_000);

let work: string;
let valuesBefore: string;

/** Children get the environment of a developer's shell, not the one of this jest worker. */
function env(): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  delete vars['JEST_WORKER_ID'];
  return vars;
}

function run(command: string, args: string[], timeout = 300_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd: work,
    env: env(),
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `npx --no`: the workspace's own binary or nothing, never a download. */
const npx = (...args: string[]) => run('npx', ['--no', '--', ...args]);
const generate = (...args: string[]) => run(process.execPath, [GENERATOR, ...args], 60_000);

/** Exit code 0, or a failure that shows what the command printed. */
function expectSuccess(label: string, result: SpawnSyncReturns<string>): void {
  const output =
    result.status === 0
      ? ''
      : [result.error?.message, result.stdout.slice(-6000), result.stderr.slice(-6000)]
          .filter(Boolean)
          .join('\n');
  expect({ label, status: result.status, output }).toEqual({ label, status: 0, output: '' });
}

function appsIn(dir: string): string[] {
  return readdirSync(join(dir, 'apps')).sort();
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'palabre-new-service-'));
  cpSync(repo, work, { recursive: true, filter: (src) => !SKIPPED.has(basename(src)) });
  symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir');
  valuesBefore = readFileSync(join(work, VALUES), 'utf8');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run new-service', () => {
  it.each([
    ['Sample_Svc', /invalid service name "Sample_Svc".*lowercase/],
    ['x', /invalid service name "x".*2-30/],
    ['sample--svc', /invalid service name/],
    ['a-name-that-is-far-too-long-for-k8s', /invalid service name/],
    ['api', /"api" is reserved/],
    ['identity', /apps\/identity already exists/],
    ['auth', /libs\/auth/],
  ])('refuses "%s", naming the problem, and writes nothing', (name, message) => {
    const apps = appsIn(work);
    const result = generate(name, '--root', work);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(appsIn(work)).toEqual(apps);
    expect(readFileSync(join(work, VALUES), 'utf8')).toBe(valuesBefore);
  });

  it(`generates ${NAME} and says what to do next`, () => {
    const result = generate(NAME, '--root', work);
    expectSuccess('generate', result);
    for (const step of [
      'npm run contracts:generate',
      'npm test',
      `npx nx serve ${NAME}`,
      'npm install',
    ]) {
      expect(result.stdout).toContain(step);
    }
    // Where the gateway's service discovery looks for it.
    expect(existsSync(join(work, 'apps', NAME, 'src', `${NAME}.definition.ts`))).toBe(true);
    expect(existsSync(join(work, 'proto', 'palabre', 'sample_svc', 'v1', 'events.proto'))).toBe(
      true,
    );
    const project = JSON.parse(readFileSync(join(work, 'apps', NAME, 'project.json'), 'utf8'));
    expect(project).toMatchObject({ name: NAME, tags: ['type:app', `scope:${NAME}`] });
    expect(readdirSync(join(work, 'apps', NAME, 'src', 'database', 'migrations'))).toEqual([
      expect.stringMatching(/^\d{13}-CreateSampleSvc\.ts$/),
    ]);
    // values.yaml gains the entry under services: and not one other byte changes.
    const values = readFileSync(join(work, VALUES), 'utf8');
    const entry = `  ${NAME}:\n    enabled: true\n`;
    // Appended after the last service of `services:`, before the next section.
    expect(values).toContain(`    enabled: true\n${entry}\n# Database migrations`);
    expect(values).toContain('  identity:\n    enabled: true\n');
    expect(values.replace(entry, '')).toBe(valuesBefore);
  });

  it('refuses to generate the same service twice', () => {
    const result = generate(NAME, '--root', work);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`apps/${NAME} already exists`);
  });

  it('passes contracts, lint, typecheck and its own tests untouched', () => {
    expectSuccess(
      'contracts',
      run(process.execPath, [join('tools', 'scripts', 'generate-contracts.mjs')]),
    );
    expectSuccess('nx graph', npx('nx', 'show', 'projects'));
    expectSuccess('eslint', npx('eslint', join('apps', NAME), '--max-warnings', '0'));
    // The new service's files and everything they import (the workspace's own typecheck has
    // already run on the rest): half the time of the whole.
    writeFileSync(
      join(work, 'tsconfig.generated.json'),
      JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: { noEmit: true },
        include: [`apps/${NAME}/src/**/*.ts`, `apps/${NAME}/test/**/*.ts`],
      }),
    );
    expectSuccess('tsc', npx('tsc', '-p', 'tsconfig.generated.json', '--noEmit'));
    const jest = npx(
      'jest',
      '--ci',
      '--config',
      join(work, 'jest.config.js'),
      `apps/${NAME}/`,
      'tools/helm/',
    );
    expectSuccess('jest', jest);
    // Jest reports on stderr; both suites ran, none was skipped.
    expect(jest.stderr).toContain(`PASS apps/${NAME}/test/status.int-spec.ts`);
    expect(jest.stderr).toContain('PASS tools/helm/chart.spec.ts');
  });

  it('is held to the module boundaries: importing another app is a lint error', () => {
    const probe = join(work, 'apps', NAME, 'src', 'boundary-probe.ts');
    writeFileSync(
      probe,
      "import { identityService } from '../../identity/src/identity.definition';\n\n" +
        'export const probe = identityService.name;\n',
    );
    try {
      const result = npx('eslint', probe, '--format', 'json');
      expect(result.status).toBe(1);
      const report = JSON.parse(result.stdout) as { messages: { ruleId: string | null }[] }[];
      const rules = report.flatMap((file) => file.messages.map((m) => m.ruleId));
      expect(rules).toContain('@nx/enforce-module-boundaries');
    } finally {
      rmSync(probe, { force: true });
    }
  });
});
