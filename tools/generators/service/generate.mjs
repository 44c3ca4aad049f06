#!/usr/bin/env node
// Adds a service to the platform: `npm run new-service -- <name> [--root <dir>]`.
//
// Writes apps/<name>/ (project, definition, root module, a `status` feature,
// first migration, integration test), proto/palabre/<name_underscored>/v1/
// events.proto, and a `<name>` entry under `services:` in
// helm/palabre/values.yaml. Nothing else needs editing: the gateway discovers
// apps/<name>/src/<name>.definition.ts, ESLint derives the `scope:<name>`
// boundary from the apps/ folder, and every chart template ranges over
// `services`.
//
// Templates are files/**, with __name__ (kebab), __name_underscored__ (schema
// and proto package), __Name__ (PascalCase), __nameCamel__ (camelCase) and
// __timestamp__ (ms, migration order) in paths and contents. JSON templates end
// in `.template` so Nx does not take files/apps/__name__ for a project.
//
// Plain Node, no dependencies. Everything is checked before anything is
// written; the refusal names what is wrong (exit 1).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TEMPLATES = join(here, 'files');
const VALUES = join('helm', 'palabre', 'values.yaml');

const NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const RESERVED = new Set([
  // Routes and words the platform keeps for itself.
  'docs',
  'gateway',
  'web',
  'platform',
  'api',
  'health',
  'metrics',
  'internal',
  // Keys values.schema.json refuses under `services`.
  'config',
  'migrations',
  // `scope:shared` is the tag of the libraries every app may import.
  'shared',
]);

class GeneratorError extends Error {}

const USAGE = `Usage: npm run new-service -- <name> [--root <dir>]

  <name>        lowercase kebab-case, 2-30 characters, e.g. petitions, participatory-budgets
  --root <dir>  workspace to write into (default: this repository)`;

function parseArgs(argv) {
  let name;
  let root = join(here, '..', '..', '..');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--root') {
      if (!argv[i + 1]) throw new GeneratorError('--root needs a directory');
      root = argv[++i];
    } else if (arg.startsWith('-')) {
      throw new GeneratorError(`unknown option ${arg}\n\n${USAGE}`);
    } else if (name === undefined) {
      name = arg;
    } else {
      throw new GeneratorError(`one service name expected, got "${name}" and "${arg}"`);
    }
  }
  if (name === undefined) throw new GeneratorError(`a service name is required\n\n${USAGE}`);
  return { name, root: resolve(root) };
}

function checkName(name, root) {
  if (name.length < 2 || name.length > 30 || !NAME_RE.test(name)) {
    throw new GeneratorError(
      `invalid service name "${name}": use 2-30 lowercase letters, digits and single dashes, ` +
        'starting with a letter (e.g. petitions, participatory-budgets)',
    );
  }
  if (RESERVED.has(name)) {
    throw new GeneratorError(`"${name}" is reserved by the platform; choose another name`);
  }
  if (existsSync(join(root, 'apps', name))) {
    throw new GeneratorError(`apps/${name} already exists; choose another name`);
  }
  // Nx project names are unique across apps and libs.
  if (existsSync(join(root, 'libs', name))) {
    throw new GeneratorError(`"${name}" is already the name of the library libs/${name}`);
  }
}

const pascal = (name) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

function render(text, vars) {
  return text.replace(
    /__(name_underscored|nameCamel|name|Name|timestamp)__/g,
    (_, key) => vars[key],
  );
}

function listTemplates(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath ?? d.path, d.name)))
    .sort();
}

/** Every file to write, as [path relative to root, contents]; refuses to overwrite. */
function planFiles(root, vars) {
  const files = listTemplates(TEMPLATES).map((template) => [
    render(template, vars).replace(/\.template$/, ''),
    render(readFileSync(join(TEMPLATES, template), 'utf8'), vars),
  ]);
  for (const [path] of files) {
    if (existsSync(join(root, path))) {
      throw new GeneratorError(`${path.split(sep).join('/')} already exists`);
    }
  }
  return files;
}

/**
 * values.yaml with `<name>: {enabled: true}` appended to the `services:` block,
 * as text, so every other byte (comments, order, blank lines) stays as it is.
 */
function addServiceToValues(text, name) {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const start = lines.findIndex((line) => /^services:[ \t]*(#.*)?$/.test(line));
  if (start === -1) {
    throw new GeneratorError(`${VALUES} has no block "services:" at the top level`);
  }
  let last = start;
  let indent;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (!/^[ \t]/.test(line)) break; // next top-level key or comment
    last = i;
    const key = /^( +)([^\s#][^:]*):/.exec(line);
    if (key && (indent === undefined || key[1].length < indent.length)) indent = key[1];
  }
  indent ??= '  ';
  const block = lines.slice(start + 1, last + 1);
  if (block.some((line) => line.startsWith(`${indent}${name}:`))) {
    throw new GeneratorError(`${VALUES} already has a service "${name}"`);
  }
  lines.splice(last + 1, 0, `${indent}${name}:`, `${indent}${indent}enabled: true`);
  return lines.join(eol);
}

function main() {
  const { name, root } = parseArgs(process.argv.slice(2));
  for (const required of ['apps', 'proto', VALUES]) {
    if (!existsSync(join(root, required))) {
      throw new GeneratorError(`${root} is not a Palabre workspace (no ${required})`);
    }
  }
  checkName(name, root);
  const vars = {
    name,
    name_underscored: name.replace(/-/g, '_'),
    Name: pascal(name),
    nameCamel: pascal(name).charAt(0).toLowerCase() + pascal(name).slice(1),
    timestamp: String(Date.now()),
  };
  const files = planFiles(root, vars);
  const values = addServiceToValues(readFileSync(join(root, VALUES), 'utf8'), name);

  for (const [path, contents] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  writeFileSync(join(root, VALUES), values);

  const shown = [...files.map(([path]) => path.split(sep).join('/')), VALUES].sort();
  const out = [
    `Created the service ${name}:`,
    ...shown.map((path) => `  ${path}`),
    '',
    'Next steps:',
    '  npm install                   link the new workspace package into package-lock.json',
    `  npm run contracts:generate    generate @palabre/contracts from proto/palabre/${vars.name_underscored}/v1`,
    '  npm test                      lint, typecheck, contracts check and tests, the new ones included',
    `  npx nx serve ${name}`.padEnd(32) + 'run it alone (needs INTERNAL_TOKEN_KEY: npm run internal-token-keys)',
    '',
    `In embedded mode the gateway finds it by itself and serves it at /api/${name}.`,
  ];
  console.log(out.join('\n'));
}

try {
  main();
} catch (error) {
  if (!(error instanceof GeneratorError)) throw error;
  console.error(`new-service: ${error.message}`);
  process.exitCode = 1;
}
