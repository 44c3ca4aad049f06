/**
 * Static checks of the umbrella chart helm/palabre. Helm is not on the
 * developers' machines nor in CI, so nothing here renders the templates;
 * instead:
 *  1. values.yaml, and each ci/ file laid over it the way Helm coalesces user
 *     values, validate against values.schema.json; each tests/invalid/ file
 *     laid over values.yaml is rejected, at the path its `# expect:` line names;
 *  2. every values path a template reads exists in values.yaml (per-service
 *     paths against serviceDefaults), and every template is well-formed
 *     (balanced blocks, known named templates);
 *  3. the per-service templates range over `.Values.services`, so adding a
 *     service is adding an entry; the dependencies are switchable.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { SERVICE_CALLERS } from '@palabre/auth';

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

const chartDir = join(process.cwd(), 'helm', 'palabre');
const templatesDir = join(chartDir, 'templates');

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

function readYaml(path: string): Json {
  return parse(readText(path)) as Json;
}

function readObject(path: string): JsonObject {
  const value = readYaml(path);
  if (!isObject(value)) throw new Error(`${path} is not a YAML mapping`);
  return value;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
}

/**
 * Helm's coalescing of a user values file over the chart's values: maps merge
 * key by key, null deletes a key, anything else replaces.
 */
function coalesce(base: Json, override: Json): Json {
  if (!isObject(base) || !isObject(override)) return override;
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete result[key];
    else result[key] = key in base ? coalesce(base[key], value) : value;
  }
  return result;
}

/** The value at a path of keys, or undefined when a key is missing. */
function at(value: Json | undefined, path: readonly string[]): Json | undefined {
  let current = value;
  for (const key of path) {
    if (!isObject(current) || !(key in current)) return undefined;
    current = current[key];
  }
  return current;
}

const values = readObject(join(chartDir, 'values.yaml'));
const schema = JSON.parse(readText(join(chartDir, 'values.schema.json'))) as JsonObject;
const serviceDefaults = values['serviceDefaults'];
const services = values['services'];
const chart = readObject(join(chartDir, 'Chart.yaml'));
const templates = new Map(
  readdirSync(templatesDir).map((file) => [file, readText(join(templatesDir, file))] as const),
);

// Strict (unknown keywords, missing types are errors), except strictRequired:
// `required` beside an `allOf` `$ref`, without its own `properties`, is plain
// draft-07 and how serviceDefaults demands every key of the service shape.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(schema);

/** Where an error points: for an unknown key, the key itself. */
function errorPath(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return `${error.instancePath}/${String(error.params['additionalProperty'])}`;
  }
  return error.instancePath;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${errorPath(e) || '/'} ${e.message ?? e.keyword}`).join('\n');
}

describe('values.schema.json', () => {
  it('is a valid draft-07 schema that accepts the default values.yaml', () => {
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    const valid = validate(values);
    expect(describeErrors(validate.errors)).toBe('');
    expect(valid).toBe(true);
  });

  const ciFiles = yamlFiles(join(chartDir, 'ci'));
  it('has example values files in ci/', () => {
    expect(ciFiles).toEqual(
      expect.arrayContaining([
        'embedded-like.yaml',
        'external-managed.yaml',
        'national-scale.yaml',
      ]),
    );
  });

  it.each(ciFiles)('accepts ci/%s', (file) => {
    const merged = coalesce(values, readYaml(join(chartDir, 'ci', file)));
    const valid = validate(merged);
    expect(describeErrors(validate.errors)).toBe('');
    expect(valid).toBe(true);
    // The templates `required` the internal token's Secret: an installable example sets it.
    expect(at(merged, ['config', 'internalToken', 'existingSecret'])).toEqual(
      expect.stringMatching(/.+/),
    );
    // And the newsletter's, where it runs (NEWSLETTER_SECRET is required outside embedded mode).
    if (at(merged, ['services', 'newsletter', 'enabled']) !== false)
      expect(at(merged, ['config', 'newsletter', 'existingSecret'])).toEqual(
        expect.stringMatching(/.+/),
      );
  });

  const invalidDir = join(chartDir, 'tests', 'invalid');
  const invalidFiles = yamlFiles(invalidDir);
  it('has invalid examples for each rule the brief names', () => {
    expect(invalidFiles).toEqual(
      expect.arrayContaining([
        'negative-replicas.yaml',
        'unknown-transport.yaml',
        'port-out-of-range.yaml',
        'unknown-top-level-key.yaml',
        'kafka-transport-without-kafka.yaml',
      ]),
    );
  });

  it.each(invalidFiles)('rejects tests/invalid/%s at the expected path', (file) => {
    const text = readText(join(invalidDir, file));
    const expected = /^# expect: (\S+)$/m.exec(text)?.[1];
    if (expected === undefined) throw new Error(`${file} has no "# expect: /path" line`);
    const valid = validate(coalesce(values, parse(text) as Json));
    expect(valid).toBe(false);
    const errors = validate.errors ?? [];
    expect(errors.map(errorPath)).toContain(expected);
    // Rejected for that reason only: every other error is beneath the same
    // path, or the `if` of the conditional rule that failed.
    const elsewhere = errors.filter(
      (e) => e.keyword !== 'if' && !`${errorPath(e)}/`.startsWith(`${expected}/`),
    );
    expect(describeErrors(elsewhere)).toBe('');
  });
});

describe('templates', () => {
  it('read only values that values.yaml defines', () => {
    // `.Values.a.b` (also `$.Values`, `.root.Values`, `$root.Values`) must exist
    // in values.yaml. A path under `.Values.services.<name>` is checked
    // against serviceDefaults, as the merge helper fills it from there.
    // Per-service templates read the merged service through variables bound
    // with `include "palabre.service"` (and helpers through `$svc`): those
    // paths are checked against serviceDefaults too. Map lookups by a
    // computed key (`index`, `get`) are not seen; they are few and on maps
    // whose keys are free (services, subchart blocks).
    const missing: string[] = [];
    const serviceVariables = new Set(['svc']);
    for (const text of templates.values()) {
      for (const match of text.matchAll(/\$([A-Za-z_]\w*)\s*:=\s*include\s+"palabre\.service"/g)) {
        serviceVariables.add(match[1]);
      }
    }
    const servicePath = new RegExp(
      `\\$(?:${[...serviceVariables].join('|')})((?:\\.[A-Za-z0-9_]+)+)`,
      'g',
    );
    for (const [file, text] of templates) {
      for (const match of text.matchAll(/\.Values((?:\.[A-Za-z0-9_]+)+)/g)) {
        const path = match[1].slice(1).split('.');
        const found =
          path[0] === 'services' && path.length > 2
            ? at(services, [path[1]]) !== undefined &&
              at(serviceDefaults, path.slice(2)) !== undefined
            : at(values, path) !== undefined;
        if (!found) missing.push(`${file}: .Values.${path.join('.')}`);
      }
      for (const match of text.matchAll(servicePath)) {
        const path = match[1].slice(1).split('.');
        if (at(serviceDefaults, path) === undefined)
          missing.push(`${file}: ${match[0]} (serviceDefaults.${path.join('.')})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('are well-formed: balanced blocks, known named templates and files', () => {
    const problems: string[] = [];
    const defined = new Set<string>();
    for (const text of templates.values()) {
      for (const match of text.matchAll(/\{\{-?\s*define\s+"([^"]+)"/g)) defined.add(match[1]);
    }
    for (const [file, text] of templates) {
      const open: string[] = [];
      for (const match of text.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)) {
        const action = match[1];
        if (action.startsWith('/*')) {
          if (!action.endsWith('*/')) problems.push(`${file}: unterminated comment`);
          continue;
        }
        const keyword = /^(\w+)/.exec(action)?.[1];
        if (
          keyword === 'if' ||
          keyword === 'range' ||
          keyword === 'with' ||
          keyword === 'define' ||
          keyword === 'block'
        ) {
          open.push(keyword);
        } else if (keyword === 'end' && open.pop() === undefined) {
          problems.push(`${file}: {{ end }} without a block`);
        }
        for (const used of action.matchAll(/\b(?:include|template)\s+"([^"]+)"/g)) {
          if (!defined.has(used[1])) problems.push(`${file}: unknown template "${used[1]}"`);
        }
        for (const used of action.matchAll(/\$\.Template\.BasePath\s+"\/([^"]+)"/g)) {
          if (!templates.has(used[1])) problems.push(`${file}: unknown file templates/${used[1]}`);
        }
      }
      if (open.length > 0) problems.push(`${file}: unclosed ${open.join(', ')}`);
      if (/\{\{(?![\s\S]*?\}\})/.test(text)) problems.push(`${file}: unterminated {{`);
    }
    expect(problems).toEqual([]);
  });

  it.each([
    'deployment.yaml',
    'service.yaml',
    'hpa.yaml',
    'pdb.yaml',
    'networkpolicy.yaml',
    'servicemonitor.yaml',
  ])('%s renders one resource per entry of .Values.services', (file) => {
    const text = templates.get(file) ?? '';
    expect(text).toMatch(/\{\{-? range \$name, \$\w+ := \.Values\.services \}\}/);
    expect(text).toContain(
      '{{- $svc := include "palabre.service" (dict "root" $ "name" $name) | fromYaml }}',
    );
    expect(text).toMatch(/\{\{-? if (and )?\$svc\.enabled/);
    expect(text).toContain('{{- $component := dict "root" $ "name" $name }}');
    expect(text).toContain('name: {{ include "palabre.componentName" $component }}');
  });

  it('need no change to add a service: none names a service, except the gateway behind the Ingress', () => {
    const named: string[] = [];
    for (const [file, text] of templates) {
      if (/\.Values\.services\.\w/.test(text)) named.push(file);
    }
    expect(named).toEqual([]);
    const ingresses = [...templates]
      .filter(([, text]) => /^kind: Ingress$/m.test(text))
      .map(([file]) => file);
    expect(ingresses).toEqual(['ingress.yaml']);
    expect(templates.get('ingress.yaml')).toContain('(dict "root" $ "name" "gateway")');
    // Every service is reachable by the others at SERVICE_URL_<NAME>.
    expect(templates.get('configmap.yaml')).toMatch(
      /range \$name, \$\w+ := \.Values\.services[\s\S]*SERVICE_URL_\{\{ \$name \| upper/,
    );
  });

  it('serve metrics and probes on the operations port, never through the Ingress', () => {
    expect(at(serviceDefaults, ['metrics', 'port'])).toBe(9464);
    const deployment = templates.get('deployment.yaml') ?? '';
    expect(deployment).toMatch(
      /- name: metrics\s+containerPort: \{\{ \$svc\.metrics\.port \| int \}\}/,
    );
    expect(deployment).toMatch(
      /- name: METRICS_PORT\s+value: \{\{ \$svc\.metrics\.port \| int \| quote \}\}/,
    );
    expect(deployment).toMatch(/- name: METRICS_HOST\s+value: 0\.0\.0\.0/);
    const probe = /define "palabre\.probe"[\s\S]*?\{\{- end -\}\}/.exec(
      templates.get('_helpers.tpl') ?? '',
    )?.[0];
    expect(probe).toContain('port: metrics');
    // The Ingress reaches the gateway's public port only.
    expect(templates.get('ingress.yaml')).toContain('number: {{ $gw.service.port | int }}');
    expect(templates.get('ingress.yaml')).not.toContain('metrics');
    // The operations port is open to the release (and extraIngress peers), even when the
    // public port is open to all.
    const policy = templates.get('networkpolicy.yaml') ?? '';
    const rule = policy.slice(policy.indexOf('- port: {{ $svc.metrics.port | int }}'));
    expect(rule).not.toBe('');
    expect(rule).not.toContain('allowExternal');
    expect(rule).toContain('podSelector:');
  });

  it('offer an optional ServiceMonitor on the metrics port, off by default', () => {
    expect(at(serviceDefaults, ['metrics', 'serviceMonitor'])).toEqual({
      enabled: false,
      interval: '30s',
      labels: {},
    });
    const monitor = templates.get('servicemonitor.yaml') ?? '';
    expect(monitor).toContain('apiVersion: monitoring.coreos.com/v1');
    expect(monitor).toContain('kind: ServiceMonitor');
    expect(monitor).toContain('{{- if and $svc.enabled $svc.metrics.serviceMonitor.enabled }}');
    expect(monitor).toMatch(/endpoints:\s+- port: metrics\s+path: \/metrics\s+interval: /);
    // Its labels, for the Prometheus' selector, and the Service's own to select it.
    expect(monitor).toContain('{{- with $svc.metrics.serviceMonitor.labels }}');
    expect(monitor).toContain('{{- include "palabre.selectorLabels" $component | nindent 6 }}');
    expect(monitor).not.toMatch(/port: http\b/);
  });

  it('stop gracefully: a preStop pause, SHUTDOWN_DELAY_SECONDS, within the grace period', () => {
    const deployment = templates.get('deployment.yaml') ?? '';
    expect(deployment).toContain(
      'terminationGracePeriodSeconds: {{ $svc.shutdown.terminationGracePeriodSeconds | int }}',
    );
    expect(deployment).toMatch(
      /- name: SHUTDOWN_DELAY_SECONDS\s+value: \{\{ \$svc\.shutdown\.delaySeconds \| int \| quote \}\}/,
    );
    // The kubelet's sleep where it exists (1.30), else node itself: the image has no shell.
    expect(deployment).toContain(
      '{{- if semverCompare ">=1.30-0" $.Capabilities.KubeVersion.Version }}',
    );
    expect(deployment).toMatch(
      /sleep:\s+seconds: \{\{ \$svc\.shutdown\.preStopSeconds \| int \}\}/,
    );
    expect(deployment).toMatch(/exec:\s+command:\s+- node\s+- -e\s+- \{\{ printf "setTimeout/);
    expect(at(chart, ['kubeVersion'])).toBe('>=1.25.0-0');
    // Every service of every example has time for both pauses and a drain of 10 s.
    for (const file of ['values.yaml', ...yamlFiles(join(chartDir, 'ci')).map((f) => `ci/${f}`)]) {
      const merged =
        file === 'values.yaml' ? values : coalesce(values, readYaml(join(chartDir, file)));
      for (const name of Object.keys(
        isObject(at(merged, ['services'])) ? (at(merged, ['services']) as JsonObject) : {},
      )) {
        const shutdown = coalesce(
          at(merged, ['serviceDefaults', 'shutdown']) ?? {},
          at(merged, ['services', name, 'shutdown']) ?? {},
        );
        const seconds = (key: string) => Number(at(shutdown, [key]));
        expect({
          file,
          name,
          fits:
            seconds('preStopSeconds') + seconds('delaySeconds') + 10 <=
            seconds('terminationGracePeriodSeconds'),
        }).toEqual({ file, name, fits: true });
      }
    }
  });

  it('have the extension points of well-kept charts, rendered and exercised by a ci/ example', () => {
    const points = {
      envFrom: [],
      extraVolumes: [],
      extraVolumeMounts: [],
      initContainers: [],
      sidecars: [],
      podLabels: {},
      priorityClassName: '',
    };
    expect(serviceDefaults).toMatchObject(points);
    const deployment = templates.get('deployment.yaml') ?? '';
    for (const key of Object.keys(points)) expect(deployment).toContain(`$svc.${key}`);
    // Where each lands in the pod.
    expect(deployment).toMatch(
      /configMapRef:[\s\S]*?\{\{- with \$svc\.envFrom \}\}\s+\{\{- toYaml \. \| nindent 12 \}\}/,
    );
    expect(deployment).toMatch(/initContainers:\s+\{\{- toYaml \. \| nindent 8 \}\}/);
    expect(deployment).toMatch(
      /mountPath: \/tmp\s+\{\{- with \$svc\.extraVolumeMounts \}\}\s+\{\{- toYaml \. \| nindent 12 \}\}/,
    );
    expect(deployment).toMatch(
      /\{\{- with \$svc\.sidecars \}\}\s+\{\{- toYaml \. \| nindent 8 \}\}[\s\S]*volumes:/,
    );
    expect(deployment).toMatch(
      /sizeLimit: 256Mi\s+\{\{- with \$svc\.extraVolumes \}\}\s+\{\{- toYaml \. \| nindent 8 \}\}/,
    );
    expect(deployment).toMatch(
      /labels:\s+\{\{- include "palabre\.labels" \$component \| nindent 8 \}\}\s+\{\{- with \$svc\.podLabels \}\}/,
    );
    expect(deployment).toMatch(
      /\{\{- with \$svc\.priorityClassName \}\}\s+priorityClassName: \{\{ \. \}\}/,
    );
    // A ci/ example sets each of them (so the schema is exercised on real shapes).
    const examples = yamlFiles(join(chartDir, 'ci')).map((f) => readYaml(join(chartDir, 'ci', f)));
    const entries = examples.flatMap((example) => [
      at(example, ['serviceDefaults']),
      ...Object.values(
        isObject(at(example, ['services'])) ? (at(example, ['services']) as JsonObject) : {},
      ),
    ]);
    const unset = Object.keys(points).filter(
      (key) => !entries.some((entry) => at(entry ?? {}, [key]) !== undefined),
    );
    expect(unset).toEqual([]);
  });

  it('give the newsletter its sealing key and the keys to call others as itself, from Secrets', () => {
    const helpers = templates.get('_helpers.tpl') ?? '';
    /** The env entry of `variable` in palabre.env.secrets, and the condition it sits under. */
    const entry = (variable: string) => {
      const start = helpers.indexOf(`- name: ${variable}\n`);
      expect(start).toBeGreaterThan(-1);
      const end = helpers.indexOf('{{- end }}', start);
      const opening = helpers.lastIndexOf('{{- if ', start);
      return {
        condition: helpers.slice(opening, helpers.indexOf('}}', opening) + 2),
        text: helpers.slice(start, end),
      };
    };
    // INTERNAL_CALLER_KEYS: the internal token Secret's `<service>-callers` key, as
    // `npm run internal-token-keys` writes it (ADR 0038); not optional, since without it
    // the newsletter would start and never send.
    const callers = entry('INTERNAL_CALLER_KEYS');
    const calling = [...new Set(Object.values(SERVICE_CALLERS).flat())].sort();
    expect(callers.condition).toBe(
      `{{- if has .name (list ${calling.map((c) => `"${c}"`).join(' ')}) }}`,
    );
    expect(callers.text).toMatch(
      /^- name: INTERNAL_CALLER_KEYS\n {2}valueFrom:\n {4}secretKeyRef:\n {6}name: \{\{ \$tokenSecret \}\}\n {6}key: \{\{ \.name \}\}-callers\n$/,
    );
    expect(readText(join(process.cwd(), 'tools', 'scripts', 'internal-token-keys.ts'))).toContain(
      '`--from-literal=${s}-callers=${callerKeysFromSecret(secret, s)}`',
    );
    // NEWSLETTER_SECRET: config.newsletter's Secret, required like identity's.
    const secret = entry('NEWSLETTER_SECRET');
    expect(secret.condition).toBe('{{- if eq .name "newsletter" }}');
    expect(secret.text).toContain(
      'name: {{ required "config.newsletter.existingSecret is required',
    );
    expect(secret.text).toContain('key: {{ $root.Values.config.newsletter.secretKey }}');
    expect(secret.text).not.toContain('optional');
    expect(at(values, ['config', 'newsletter'])).toEqual({
      existingSecret: 'palabre-newsletter',
      secretKey: 'newsletter-secret',
    });
  });

  it('merge each service over serviceDefaults in one helper', () => {
    const helpers = templates.get('_helpers.tpl') ?? '';
    expect(helpers).toContain('{{- define "palabre.service" -}}');
    expect(helpers).toContain('deepCopy .root.Values.serviceDefaults');
    expect(helpers).toContain('{{- include "palabre.mergeInto" (list $svc $entry) -}}');
  });

  it('run the migrations as a hook Job, before upgrades and (with an external database) before install', () => {
    const job = templates.get('migrations-job.yaml') ?? '';
    expect(job).toContain('kind: Job');
    expect(job).toContain(
      'helm.sh/hook: {{ ternary "post-install,pre-upgrade" "pre-install,pre-upgrade" .Values.postgresql.enabled }}',
    );
    expect(job).toContain('helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded');
    expect(at(values, ['migrations', 'command'])).toEqual(['node']);
    expect(at(values, ['migrations', 'args'])).toEqual(['dist/apps/gateway/src/migrate.js']);
  });
});

describe('values.yaml and Chart.yaml', () => {
  it('declare the chart', () => {
    expect(chart).toMatchObject({
      apiVersion: 'v2',
      name: 'palabre',
      version: '0.1.0',
      appVersion: '0.1.0',
    });
    expect(at(chart, ['annotations', 'artifacthub.io/license'])).toBe('AGPL-3.0-only');
  });

  it('switch each dependency between bundled and external, without vendoring it', () => {
    const dependencies = chart['dependencies'];
    if (!Array.isArray(dependencies)) throw new Error('Chart.yaml has no dependencies');
    expect(dependencies.map((d) => at(d, ['name']))).toEqual(['postgresql', 'kafka', 'redis']);
    for (const dependency of dependencies) {
      const name = String(at(dependency, ['name']));
      expect(dependency).toMatchObject({
        repository: 'oci://registry-1.docker.io/bitnamicharts',
        condition: `${name}.enabled`,
      });
      expect(typeof at(values, [name, 'enabled'])).toBe('boolean');
      expect(isObject(at(values, [name, 'external']))).toBe(true);
    }
    const vendored = existsSync(join(chartDir, 'charts'))
      ? readdirSync(join(chartDir, 'charts'))
      : [];
    expect(vendored).toEqual([]);
  });

  it('give every service the same shape, with gateway and identity present', () => {
    if (!isObject(services)) throw new Error('values.yaml has no services map');
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['gateway', 'identity']));
    const defaults = serviceDefaults;
    if (!isObject(defaults)) throw new Error('values.yaml has no serviceDefaults');
    expect(defaults).toMatchObject({
      port: 3000,
      probes: { liveness: { path: '/health/live' }, readiness: { path: '/health/ready' } },
      securityContext: {
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
    });
    for (const [name, entry] of Object.entries(services)) {
      // Every key an entry sets is a key of serviceDefaults (the schema says
      // so too; this keeps values.yaml itself honest).
      const unknown = Object.keys(isObject(entry) ? entry : {}).filter((key) => !(key in defaults));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });
});

/** Source files of the apps and libs (not tests), recursively. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$|\.d\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/**
 * The environment variables the code reads: keys of its zod schemas (files
 * that import zod or @palabre/config), `process.env.X`, `env.X`-like property
 * reads of SCREAMING_SNAKE names; and the prefixes it matches (`/^SERVICE_URL_(`).
 */
function variablesReadByCode(): { names: Set<string>; prefixes: string[] } {
  const names = new Set<string>();
  const prefixes: string[] = [];
  const roots = ['apps', 'libs'].flatMap((top) =>
    readdirSync(join(process.cwd(), top)).map((project) =>
      join(process.cwd(), top, project, 'src'),
    ),
  );
  for (const file of roots.flatMap(sourceFiles)) {
    const text = readText(file);
    for (const m of text.matchAll(/process\.env(?:\.|\[['"])([A-Z][A-Z0-9_]*)/g)) names.add(m[1]);
    for (const m of text.matchAll(/\.([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g)) names.add(m[1]);
    if (/from '(zod|@palabre\/config)'/.test(text)) {
      for (const m of text.matchAll(/^\s*([A-Z][A-Z0-9_]*)\??:/gm)) names.add(m[1]);
    }
    for (const m of text.matchAll(/\/\^([A-Z][A-Z0-9_]*_)\(/g)) prefixes.push(m[1]);
  }
  return { names, prefixes };
}

describe('environment', () => {
  const code = variablesReadByCode();
  // Read by a library that our code configures to read it (each entry names the file that does).
  const readByLibraries: Record<string, { file: string; uses: string }> = {
    OTEL_RESOURCE_ATTRIBUTES: { file: 'libs/observability/src/tracing.ts', uses: 'envDetector' },
  };
  const read = (name: string) =>
    code.names.has(name) ||
    code.prefixes.some((prefix) => name.startsWith(prefix)) ||
    name in readByLibraries;

  it("lets libraries read only what our code has them read (OpenTelemetry's envDetector)", () => {
    for (const { file, uses } of Object.values(readByLibraries))
      expect(readFileSync(join(__dirname, '..', '..', file), 'utf8')).toContain(uses);
  });
  // Set only for the kubelet to expand into another value, `$(NAME)` (passwords into URLs).
  const expanded = new Set(
    [...templates.values()].flatMap((t) =>
      [...t.matchAll(/\$\(([A-Z][A-Z0-9_]*)\)/g)].map((m) => m[1]),
    ),
  );

  /** Every env name the chart sets: env entries of the templates and of the values files, ConfigMap keys. */
  function chartVariables(): Map<string, string> {
    const found = new Map<string, string>();
    for (const [file, text] of templates) {
      for (const m of text.matchAll(/- name: ([A-Z][A-Z0-9_]*)$/gm)) found.set(m[1], file);
    }
    const configmap = templates.get('configmap.yaml') ?? '';
    const data = configmap.slice(configmap.indexOf('\ndata:'));
    for (const m of data.matchAll(/^ {2}([A-Z][A-Z0-9_]*)(?::|\{\{)/gm))
      found.set(m[1], 'configmap.yaml');
    const valueFiles = ['values.yaml', ...yamlFiles(join(chartDir, 'ci')).map((f) => `ci/${f}`)];
    for (const file of valueFiles) {
      const parsed = readYaml(join(chartDir, file));
      const entries = [
        at(parsed, ['serviceDefaults']),
        ...Object.values(
          isObject(at(parsed, ['services'])) ? (at(parsed, ['services']) as JsonObject) : {},
        ),
      ];
      for (const entry of entries) {
        const env = at(entry ?? {}, ['env']);
        if (Array.isArray(env)) for (const e of env) found.set(String(at(e, ['name'])), file);
      }
    }
    return found;
  }

  it('finds what the code reads (the collector works)', () => {
    for (const name of ['PORT', 'DATABASE_URL', 'FC_ISSUER', 'SMTP_PASSWORD', 'NEWSLETTER_BATCH'])
      expect({ name, read: read(name) }).toEqual({ name, read: true });
    expect(code.prefixes).toContain('SERVICE_URL_');
    expect(read('ORGANIZATION_HOST')).toBe(false);
  });

  it('sets only variables that the code reads', () => {
    const variables = chartVariables();
    expect(variables.size).toBeGreaterThan(30);
    const unread = [...variables]
      .filter(([name]) => !read(name) && !expanded.has(name))
      .map(([name, file]) => `${name} (${file})`);
    expect(unread).toEqual([]);
  });

  it("names in the README the code's variables", () => {
    const readme = readText(join(chartDir, 'README.md'));
    const named = [...readme.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_?\*?)(?:<NAME>)?`/g)]
      .map((m) => m[1])
      .filter((name) => name.includes('_') || name.endsWith('*'));
    expect(named.length).toBeGreaterThan(10);
    const unknown = named.filter((name) =>
      name.endsWith('*')
        ? ![...code.names, ...code.prefixes].some((n) => n.startsWith(name.slice(0, -1)))
        : !read(name) && !expanded.has(name),
    );
    expect(unknown).toEqual([]);
  });
});
