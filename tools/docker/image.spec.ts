/**
 * The container image (Dockerfile, .dockerignore). Docker is not on the
 * developers' machines nor in CI, so nothing here builds the image; instead:
 *  1. the build context, this checkout as .dockerignore filters it (Docker's
 *     matching rules, by @balena/dockerignore): every source the build needs
 *     is in it; dependencies, build outputs, local data and secrets are not;
 *  2. the Dockerfile's stages: the Node of .nvmrc on a slim official image,
 *     production dependencies only, numeric non-root user 1000, no HEALTHCHECK
 *     (the chart's probes), the chart's command `node dist/apps/<name>/src/main.js`
 *     run from the image's working directory;
 *  3. the final stage's layout, reproduced in a temporary directory: the
 *     context compiled as the build stage does, dist/ beside the production
 *     dependencies only (`npm ls --omit=dev`); every package dist/ requires is
 *     there, and the gateway starts from it, serves its home page and writes
 *     nothing beside itself (the root filesystem is read-only in the chart).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  version: string;
  optionalDependencies?: Record<string, string>;
};
/** The packages that bring a Node binary to developers' machines (docs/adr/0020-node-runtime.md). */
const nodeBinaryPackages = Object.keys(pkg.optionalDependencies ?? {}).filter((name) =>
  /^node-(linux|darwin|win)-/.test(name),
);
const apps = readdirSync(join(root, 'apps')).filter((name) =>
  existsSync(join(root, 'apps', name, 'src', 'main.ts')),
);

// ---------------------------------------------------------------- build context

const ignorePatterns = read('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const ignore = dockerignore().add(ignorePatterns);
const exceptions = ignorePatterns
  .filter((p) => p.startsWith('!'))
  .map((p) => p.slice(1).replace(/^\/+|\/+$/g, ''));

/**
 * The files `docker build .` sends: Docker walks into an excluded directory
 * only when an exception (`!pattern`) may re-include something inside it.
 */
function contextFiles(dir = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const mayHoldExceptions = exceptions.some(
        (e) => /[*?[]/.test(e) || e.startsWith(`${path}/`) || e === path,
      );
      if (!ignore.ignores(path) || mayHoldExceptions) files.push(...contextFiles(path));
    } else if (!ignore.ignores(path)) files.push(path);
  }
  return files;
}

/** Files git tracks under the given folders (what a fresh clone holds). */
function trackedFiles(...folders: string[]): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--', ...folders], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout.split('\0').filter((f) => f !== '' && existsSync(join(root, f)));
}

// ---------------------------------------------------------------- Dockerfile

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim().replace(/\s+/g, ' '));
    current = '';
  }
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword, ...rest] = line.split(' ');
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const m = /^(?:--platform=\S+ )?(\S+)(?: AS (\S+))?$/i.exec(instruction.args);
      if (!m) throw new Error(`Unreadable FROM: ${instruction.args}`);
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else if (stages.length === 0) args.push(instruction);
    else stages[stages.length - 1].instructions.push(instruction);
  }
  return { args, stages };
}

const dockerfile = parseDockerfile(read('Dockerfile'));
const stageNamed = (name: string): Stage | undefined =>
  dockerfile.stages.find((s) => s.name === name);
/** A stage and the stages it is built on, itself first. */
function lineage(stage: Stage): Stage[] {
  const parent = stageNamed(stage.from);
  return parent ? [stage, ...lineage(parent)] : [stage];
}
const all = (stage: Stage, keyword: string): string[] =>
  lineage(stage)
    .reverse()
    .flatMap((s) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args));
const final = dockerfile.stages[dockerfile.stages.length - 1];
/** `COPY --from=<stage> <source> <destination>` of a stage, by destination. */
function copiesFrom(stage: Stage): { from?: string; sources: string[]; destination: string }[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(' ');
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
    });
}
/** Where a relative destination lands: the stage's working directory (WORKDIR, inherited). */
function absolute(stage: Stage, destination: string): string {
  if (destination.startsWith('/')) return destination.replace(/\/$/, '');
  const workdir = all(stage, 'WORKDIR').at(-1) ?? '/';
  return join(workdir, destination).replace(/\/$/, '');
}
const globToRegExp = (glob: string): RegExp =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

describe('the build context (.dockerignore)', () => {
  const context = contextFiles();
  const inContext = new Set(context);

  it('holds every source the build compiles, the manifests and the build script', () => {
    const needed = [
      'package.json',
      'package-lock.json',
      '.swcrc',
      'tools/scripts/build.mjs',
      ...readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f)),
      ...trackedFiles('apps', 'libs'),
    ];
    expect(needed.filter((file) => !inContext.has(file))).toEqual([]);
    // The build script's own relative imports, if it ever has any.
    const script = read('tools/scripts/build.mjs');
    const local = [...script.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
      relative(root, join(root, 'tools/scripts', m[1])),
    );
    expect(local.filter((file) => !inContext.has(file))).toEqual([]);
  });

  it('leaves out dependencies, build outputs, local data, secrets and the rest of the repository', () => {
    const outside = context.filter(
      (file) =>
        !/^(apps|libs)\//.test(file) &&
        !/^(package\.json|package-lock\.json|\.swcrc|tsconfig.*\.json|tools\/scripts\/build\.mjs)$/.test(
          file,
        ),
    );
    expect(outside).toEqual([]);
    const unwanted = context.filter((file) =>
      file
        .split('/')
        .some(
          (part) => ['node_modules', 'dist', '.data', '.git'].includes(part) || /^\.env/.test(part),
        ),
    );
    expect(unwanted).toEqual([]);
    // What may appear in a checkout some day, whether it is there now or not.
    for (const file of [
      '.env',
      '.env.production',
      'apps/gateway/.env',
      '.npmrc',
      '.git/config',
      '.data/secrets/identity.key',
      'libs/persistence/.data/pglite/PG_VERSION',
      'node_modules/fastify/package.json',
      'apps/web/node_modules/x/index.js',
      'dist/apps/gateway/src/main.js',
      'helm/palabre/values.yaml',
      'tools/bench/common.mjs',
      'secrets/key.pem',
      'Dockerfile',
    ])
      expect({ file, ignored: ignore.ignores(file) }).toEqual({ file, ignored: true });
  });
});

describe('the Dockerfile', () => {
  it('builds on the official slim image of the Node in .nvmrc, and so does the final stage', () => {
    const version = dockerfile.args.find((a) => a.args.startsWith('NODE_VERSION='));
    expect(version?.args).toBe(`NODE_VERSION=${read('.nvmrc').trim()}`);
    const base = lineage(final).at(-1);
    expect(base?.from).toMatch(/^node:\$\{NODE_VERSION\}-[a-z]+-slim$/);
    for (const stage of dockerfile.stages)
      expect(lineage(stage).at(-1)?.from).toMatch(/^node:\$\{NODE_VERSION\}-[a-z]+-slim$/);
  });

  it('runs as the numeric user 1000, with no HEALTHCHECK: the chart has the probes', () => {
    expect(all(final, 'USER').at(-1)).toMatch(/^1000(:1000)?$/);
    const chartValues = parse(read('helm/palabre/values.yaml')) as {
      serviceDefaults: { podSecurityContext: { runAsUser: number } };
    };
    expect(chartValues.serviceDefaults.podSecurityContext.runAsUser).toBe(1000);
    expect(dockerfile.stages.flatMap((s) => s.instructions).map((i) => i.keyword)).not.toContain(
      'HEALTHCHECK',
    );
  });

  it("runs the chart's command as is: `node dist/apps/<name>/src/main.js` from its working directory", () => {
    expect(read('helm/palabre/templates/deployment.yaml')).toMatch(
      /- node\n\s+- \{\{ printf "dist\/apps\/%s\/src\/main\.js" \$name \}\}/,
    );
    expect(all(final, 'ENTRYPOINT').at(-1)).toBe('[]');
    expect(JSON.parse(all(final, 'CMD').at(-1) ?? 'null')).toEqual([
      'node',
      'dist/apps/gateway/src/main.js',
    ]);
    // dist/ of the stage that runs the build, at <WORKDIR>/dist.
    const dist = copiesFrom(final).find((c) => absolute(final, c.destination).endsWith('/dist'));
    const build = stageNamed(dist?.from ?? '');
    expect(build && all(build, 'RUN').some((run) => run.includes('tools/scripts/build.mjs'))).toBe(
      true,
    );
    expect(build && dist?.sources).toEqual([`${absolute(build!, 'dist')}`]);
    expect(absolute(final, dist!.destination)).toBe(`${all(final, 'WORKDIR').at(-1)}/dist`);
  });

  it('ships production dependencies only, without their install scripts nor a second Node', () => {
    const modules = copiesFrom(final).filter((c) =>
      absolute(final, c.destination).endsWith('/node_modules'),
    );
    expect(modules).toHaveLength(1);
    const deps = stageNamed(modules[0].from ?? '');
    expect(deps).toBeDefined();
    const runs = all(deps!, 'RUN');
    const installs = runs.flatMap((run) => run.match(/npm (ci|install|i)\b[^&]*/g) ?? []);
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/^npm ci\b/);
    expect(installs[0]).toContain('--omit=dev');
    expect(installs[0]).toContain('--ignore-scripts');
    expect(modules[0].sources).toEqual([absolute(deps!, 'node_modules')]);
    // The Node of the image is the base image's; the npm packages bringing one are removed.
    const removed = runs
      .flatMap((run) => [...run.matchAll(/rm -rf ([^&]+)/g)].flatMap((m) => m[1].trim().split(' ')))
      .map(globToRegExp);
    expect(nodeBinaryPackages.length).toBeGreaterThan(0);
    for (const name of nodeBinaryPackages)
      expect({ name, removed: removed.some((r) => r.test(`node_modules/${name}`)) }).toEqual({
        name,
        removed: true,
      });
  });

  it('copies from the build context only files that are in it', () => {
    const inContext = new Set(contextFiles());
    const sources = dockerfile.stages
      .flatMap(copiesFrom)
      .filter((c) => c.from === undefined)
      .flatMap((c) => c.sources)
      .filter((source) => source !== '.');
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((source) => !inContext.has(source))).toEqual([]);
  });

  it('is the image the chart names, tagged with its appVersion as the README builds it', () => {
    const values = parse(read('helm/palabre/values.yaml')) as {
      image: { registry: string; repository: string };
    };
    const chart = parse(read('helm/palabre/Chart.yaml')) as { appVersion: string };
    const name = `${values.image.registry}/${values.image.repository}`;
    const command = `docker build -t ${name}:$(node -p "require('./package.json').version") .`;
    expect({ command, inReadme: read('README.md').includes(command) }).toEqual({
      command,
      inReadme: true,
    });
    expect(chart.appVersion).toBe(pkg.version);
  });
});

// ---------------------------------------------------------------- runtime layout

/** Hard links a tree (a copy across file systems), without its node_modules/ folder. */
function linkTree(from: string, to: string, skip = new Set(['node_modules'])): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target, new Set());
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
  }
}

/** Every path of a tree, relative to it. */
function listTree(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() && !entry.isSymbolicLink()
      ? [relative(base, path), ...listTree(path, base)]
      : [relative(base, path)];
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the final stage: dist/ and production dependencies only', () => {
  let work: string;
  let app: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'palabre-image-'));
    // The build stage: the build context with every dependency installed.
    const context = join(work, 'context');
    for (const file of contextFiles()) {
      mkdirSync(dirname(join(context, file)), { recursive: true });
      copyFileSync(join(root, file), join(context, file));
    }
    symlinkSync(join(root, 'node_modules'), join(context, 'node_modules'), 'dir');
    const build = spawnSync(process.execPath, ['tools/scripts/build.mjs', '--quiet'], {
      cwd: context,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    unlinkSync(join(context, 'node_modules'));

    // The final stage: what the Dockerfile copies into WORKDIR.
    app = join(work, 'app');
    mkdirSync(app);
    renameSync(join(context, 'dist'), join(app, 'dist'));
    copyFileSync(join(root, 'package.json'), join(app, 'package.json'));
    mkdirSync(join(app, 'apps/antispam/model'), { recursive: true });
    copyFileSync(
      join(root, 'apps/antispam/model/model.json'),
      join(app, 'apps/antispam/model/model.json'),
    );
    const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (ls.status !== 0) throw new Error(`npm ls failed: ${ls.stderr}`);
    const modules = join(root, 'node_modules');
    const production = ls.stdout
      .split('\n')
      .filter((path) => path.startsWith(`${modules}/`))
      .map((path) => relative(root, path))
      // As the Dockerfile prunes them: the Node binaries and the workspace links.
      .filter(
        (path) =>
          !nodeBinaryPackages.some((name) => path === `node_modules/${name}`) &&
          !path.startsWith('node_modules/@palabre/'),
      );
    expect(production.length).toBeGreaterThan(100);
    for (const path of production) {
      if (!lstatSync(join(root, path)).isDirectory()) continue;
      linkTree(join(root, path), join(app, path));
    }
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has each app and the migrations where the chart runs them', () => {
    expect(apps.length).toBeGreaterThan(1);
    for (const name of apps)
      expect(existsSync(join(app, 'dist/apps', name, 'src/main.js'))).toBe(true);
    const values = parse(read('helm/palabre/values.yaml')) as { migrations: { args: string[] } };
    for (const file of values.migrations.args) expect(existsSync(join(app, file))).toBe(true);
  });

  it('resolves every package dist/ requires among the production dependencies', () => {
    const requireFromDist = createRequire(join(app, 'dist', 'index.js'));
    const specifiers = new Set<string>();
    for (const file of listTree(join(app, 'dist')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(app, 'dist', file), 'utf8');
      for (const m of code.matchAll(/\b(?:require|import)\(\s*["']([^"'.][^"']*)["']\s*\)/g))
        if (!isBuiltin(m[1])) specifiers.add(m[1]);
    }
    expect(specifiers.size).toBeGreaterThan(10);
    const unresolved = [...specifiers].filter((specifier) => {
      try {
        return !requireFromDist.resolve(specifier).startsWith(join(app, 'node_modules'));
      } catch {
        return true;
      }
    });
    expect(unresolved).toEqual([]);
  });

  it('gives the antispam service the model shipped in the image', () => {
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        "process.stdout.write(require('./dist/apps/antispam/src/scoring/model.provider.js').modelPath({}))",
      ],
      { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(join(app, 'apps/antispam/model/model.json'));
  });

  it('starts the gateway, which serves its home page, writes nothing beside itself and stops on SIGTERM', async () => {
    const before = listTree(app);
    const port = await freePort();
    const gateway = spawn(process.execPath, ['dist/apps/gateway/src/main.js'], {
      cwd: app,
      // The image's environment, not the test's: no NODE_PATH, no jest settings.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        GATEWAY_MODE: 'embedded',
        PALABRE_DATA_DIR: 'memory://',
        PORT: String(port),
        METRICS_PORT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    gateway.stdout?.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    gateway.stderr?.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    try {
      // About 10 s on an idle machine; minutes of CPU contention in a parallel run stretch it.
      const deadline = Date.now() + 120_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline && gateway.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}/`)
          .then((r) => r.status)
          .catch(() => 0);
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect({ status, output: status === 200 ? '' : output }).toEqual({ status: 200, output: '' });
    } finally {
      gateway.kill('SIGTERM');
    }
    const code = await Promise.race([
      exited(gateway),
      new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 20_000)),
    ]);
    if (code === 'still running') gateway.kill('SIGKILL');
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    expect(listTree(app).filter((path) => !before.includes(path))).toEqual([]);
  }, 180_000);
});
