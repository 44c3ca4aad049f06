#!/usr/bin/env node
// Generates libs/contracts/src/generated from proto/ (ARCHITECTURE.md §3).
//
//   node tools/scripts/generate-contracts.mjs          lint + regenerate in place
//   node tools/scripts/generate-contracts.mjs --check  lint + generate into a temp
//       dir and compare byte for byte with the committed files (exit 1 on drift)
//
// Steps: `buf lint proto`, `buf generate proto` (protoc-gen-es from
// node_modules, see proto/buf.gen.yaml), then topics.ts is derived from the
// descriptors: `buf build` → FileDescriptorSet → every message carrying the
// custom option (palabre.events.v1.topic) becomes a `Topics` constant and a
// `topicSchemas` entry; api-responses.ts comes from the controllers
// (tools/openapi/generate.mjs). Nothing is fetched from the network (no BSR deps).
// Output is deterministic (sorted, no timestamps) so --check can compare bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFileRegistry, fromBinary, getOption, hasOption } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { API_RESPONSES_FILE, ApiResponsesError, renderApiResponses } from '../openapi/generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GENERATED = join('libs', 'contracts', 'src', 'generated');
const TEMPLATE = join('proto', 'buf.gen.yaml');
const TOPIC_OPTION = 'palabre.events.v1.topic';
const TOPIC_RE = /^[a-z][a-z-]*\.[a-z-]+\.[a-z-]+\.v[0-9]+$/;
const buf = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'buf.cmd' : 'buf');

class ContractsError extends Error {}

function fail(message) {
  throw new ContractsError(message);
}

function runBuf(args) {
  const res = spawnSync(buf, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (res.error) fail(`cannot run ${relative(root, buf)} (${res.error.message}); run npm ci first`);
  if (res.status !== 0) fail(`buf ${args[0]} failed (exit ${res.status})`);
}

/** `identity.organization.created.v1` → `IdentityOrganizationCreatedV1` */
function constantName(topic) {
  return topic
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Reads every message with a topic option from the proto descriptors. */
function collectTopics(binpb, outDir) {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(binpb)));
  const option = registry.getExtension(TOPIC_OPTION);
  if (!option) fail(`extension ${TOPIC_OPTION} not found in proto/`);

  const entries = [];
  for (const desc of registry) {
    if (desc.kind !== 'message' || !hasOption(desc, option)) continue;
    const topic = getOption(desc, option);
    const where = `${desc.typeName} (${desc.file.proto.name})`;
    if (!TOPIC_RE.test(topic)) {
      fail(
        `${where}: topic "${topic}" does not follow <service>.<entity>.<event>.v<N> (${TOPIC_RE})`,
      );
    }
    // Proto packages use underscores (palabre.sample_svc.v1); topics and apps use dashes.
    const service = desc.file.proto.package.split('.')[1].replace(/_/g, '-');
    if (topic.split('.')[0] !== service) {
      fail(`${where}: topic "${topic}" must start with its service "${service}."`);
    }
    const module = './' + desc.file.proto.name.replace(/\.proto$/, '_pb');
    const schema =
      desc.typeName.slice(desc.file.proto.package.length + 1).replace(/\./g, '_') + 'Schema';
    // protoc-gen-es escapes some names; make sure the symbol really exists.
    const code = readFileSync(join(outDir, `${module}.ts`), 'utf8');
    if (!code.includes(`export const ${schema}: GenMessage<`)) {
      fail(`${where}: ${schema} not found in ${module}.ts`);
    }
    entries.push({ topic, name: constantName(topic), schema, module, typeName: desc.typeName });
  }
  entries.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].topic === entries[i - 1].topic) {
      fail(
        `topic "${entries[i].topic}" is declared by ${entries[i - 1].typeName} and ${entries[i].typeName}`,
      );
    }
    if (entries.some((e, j) => j < i && e.name === entries[i].name)) {
      fail(`topics collide on the constant name ${entries[i].name}`);
    }
    // libs/contracts re-exports every package flat, so message names must be unique.
    const twin = entries.find((e, j) => j < i && e.schema === entries[i].schema);
    if (twin) {
      fail(
        `${twin.typeName} and ${entries[i].typeName} share a message name; rename one (exports are flat)`,
      );
    }
  }
  return entries;
}

function renderTopics(entries) {
  const imports = new Map();
  for (const e of entries) imports.set(e.module, [...(imports.get(e.module) ?? []), e.schema]);
  const lines = [
    `// @generated by tools/scripts/generate-contracts.mjs from the (${TOPIC_OPTION}) option in proto/. DO NOT EDIT.`,
    '/* eslint-disable */',
    '',
    "import type { DescMessage } from '@bufbuild/protobuf';",
  ];
  for (const module of [...imports.keys()].sort()) {
    lines.push(`import { ${imports.get(module).sort().join(', ')} } from '${module}';`);
  }
  lines.push(
    '',
    '/** Kafka topic names, `<service>.<entity>.<event>.v<N>`. */',
    'export const Topics = {',
  );
  for (const e of entries) lines.push(`  /** ${e.typeName} */`, `  ${e.name}: '${e.topic}',`);
  lines.push(
    '} as const;',
    '',
    'export type Topic = (typeof Topics)[keyof typeof Topics];',
    '',
    '/** Topic → schema of the message published on it (validate with `fromJson`). */',
    'export const topicSchemas = {',
  );
  for (const e of entries) lines.push(`  '${e.topic}': ${e.schema},`);
  lines.push('} satisfies Record<Topic, DescMessage>;', '');
  return lines.join('\n');
}

/** Generated code for proto/ under `base` (root for in place, a temp dir for --check). */
function generate(base, work) {
  const outDir = join(base, GENERATED);
  const binpb = join(work, 'contracts.binpb');
  runBuf(['build', 'proto', '-o', binpb]);
  runBuf([
    'generate',
    'proto',
    '--template',
    TEMPLATE,
    ...(base === root ? [] : ['--output', base]),
  ]);
  writeFileSync(join(outDir, 'topics.ts'), renderTopics(collectTopics(binpb, outDir)));
  // The services' response schemas, from their controllers (tools/openapi/generate.mjs).
  writeFileSync(join(outDir, API_RESPONSES_FILE), renderApiResponses());
  return outDir;
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) =>
      relative(dir, join(d.parentPath ?? d.path, d.name))
        .split(sep)
        .join('/'),
    )
    .sort();
}

function check(expectedDir) {
  const committedDir = join(root, GENERATED);
  const expected = listFiles(expectedDir);
  const committed = listFiles(committedDir);
  const drift = [];
  for (const f of expected) {
    if (!committed.includes(f)) drift.push(`missing    ${f}`);
    else if (!readFileSync(join(expectedDir, f)).equals(readFileSync(join(committedDir, f))))
      drift.push(`changed    ${f}`);
  }
  for (const f of committed) if (!expected.includes(f)) drift.push(`unexpected ${f}`);
  if (drift.length > 0) {
    console.error(`contracts: ${GENERATED} is out of date with proto/:`);
    for (const d of drift) console.error(`  ${d}`);
    fail('run npm run contracts:generate and commit the result');
  }
  console.log(`contracts: ${GENERATED} is up to date (${expected.length} files)`);
}

function main() {
  const checkMode = process.argv.includes('--check');
  const work = mkdtempSync(join(tmpdir(), 'palabre-contracts-'));
  try {
    runBuf(['lint', 'proto']);
    if (checkMode) {
      check(generate(join(work, 'out'), work));
    } else {
      const outDir = generate(root, work);
      console.log(`contracts: generated ${listFiles(outDir).length} files into ${GENERATED}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  if (!(err instanceof ContractsError || err instanceof ApiResponsesError)) throw err;
  console.error(`contracts: ${err.message}`);
  process.exitCode = 1;
}
