/**
 * The Grafana dashboard and the Prometheus alert rules under
 * deploy/observability hold what the code exports: every metric a query
 * names is registered by the services (prom-client's registry, default
 * metrics included), and every label a query groups or filters by is one of
 * that metric's labels or one Prometheus adds when it scrapes (job, pod...).
 * A renamed metric or label fails here instead of leaving an empty panel or
 * an alert that can never fire.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { metricsRegistry } from '@palabre/observability';

const dir = join(process.cwd(), 'deploy', 'observability');
const SCRAPE_LABELS = new Set(['job', 'instance', 'pod', 'namespace', 'service', 'container']);
const HISTOGRAM_SUFFIX = /_(bucket|count|sum)$/;

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}
const rules = (
  parse(readFileSync(join(dir, 'prometheus-rules.yaml'), 'utf8')) as {
    groups: { name: string; rules: Rule[] }[];
  }
).groups.flatMap((g) => g.rules);

interface Panel {
  id: number;
  title: string;
  targets: { expr: string }[];
}
const dashboard = JSON.parse(readFileSync(join(dir, 'grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; query: unknown }[] };
};

const queries: [string, string][] = [
  ...rules.map((r): [string, string] => [`alert ${r.alert}`, r.expr]),
  ...dashboard.panels.flatMap((p) =>
    p.targets.map((t): [string, string] => [`panel "${p.title}"`, t.expr]),
  ),
  ...dashboard.templating.list
    .filter((v) => typeof v.query === 'object')
    .map((v): [string, string] => [`variable ${v.name}`, (v.query as { query: string }).query]),
];

/** Every metric the services export, with its labels (histograms by their base name). */
async function exported(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const m of await metricsRegistry.getMetricsAsJSON()) {
    const labels = new Set<string>();
    for (const v of m.values ?? []) for (const l of Object.keys(v.labels ?? {})) labels.add(l);
    const declared = (metricsRegistry.getSingleMetric(m.name) as { labelNames?: string[] })
      ?.labelNames;
    for (const l of declared ?? []) labels.add(l);
    out.set(m.name, labels);
  }
  return out;
}

/** The metric names of a PromQL expression. */
const metricsOf = (expr: string) => [...new Set(expr.match(/\bpalabre_[a-z0-9_]+\b/g) ?? [])];

/** Labels a query groups by or filters on, with the metric they apply to where it is written. */
function labelsOf(expr: string): { metric?: string; label: string }[] {
  const out: { metric?: string; label: string }[] = [];
  for (const m of expr.matchAll(/(palabre_[a-z0-9_]+)\{([^}]*)\}/g))
    for (const l of m[2].matchAll(/([a-z_]+)\s*(=~|!~|!=|=)/g))
      out.push({ metric: m[1], label: l[1] });
  for (const m of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g))
    for (const l of m[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      out.push({ label: l });
  return out;
}

describe('deploy/observability', () => {
  it('names only metrics the services export', async () => {
    const names = await exported();
    const missing: string[] = [];
    for (const [where, expr] of queries)
      for (const name of metricsOf(expr)) {
        const base = HISTOGRAM_SUFFIX.test(name) ? name.replace(HISTOGRAM_SUFFIX, '') : name;
        if (!names.has(name) && !names.has(base)) missing.push(`${where}: ${name}`);
      }
    expect(missing).toEqual([]);
    // The dashboard covers what an on-call engineer asks first.
    const all = queries.map(([, e]) => e).join('\n');
    for (const name of [
      'palabre_http_request_duration_seconds_bucket',
      'palabre_events_handled_total',
      'palabre_events_dead_lettered_total',
      'palabre_outbox_backlog',
      'palabre_outbox_oldest_age_seconds',
      'palabre_consumer_lag',
      'palabre_db_pool_connections',
    ])
      expect(all).toContain(name);
  });

  it('groups and filters by labels those metrics carry', async () => {
    const names = await exported();
    const wrong: string[] = [];
    for (const [where, expr] of queries) {
      const metrics = metricsOf(expr).map((n) => n.replace(HISTOGRAM_SUFFIX, ''));
      const known = new Set<string>(['le', ...SCRAPE_LABELS]);
      for (const m of metrics) for (const l of names.get(m) ?? []) known.add(l);
      for (const { metric, label } of labelsOf(expr)) {
        const own = metric ? names.get(metric.replace(HISTOGRAM_SUFFIX, '')) : undefined;
        const ok =
          SCRAPE_LABELS.has(label) || label === 'le' || (own ? own.has(label) : known.has(label));
        if (!ok) wrong.push(`${where}: ${label}${metric ? ` on ${metric}` : ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives every alert a severity, a summary and balanced expressions; panels unique ids', () => {
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const r of rules) {
      expect([r.alert, r.labels?.severity]).toEqual([
        r.alert,
        expect.stringMatching(/^(page|ticket)$/),
      ]);
      expect(r.annotations?.summary).toBeTruthy();
    }
    for (const [where, expr] of queries) {
      let depth = 0;
      for (const c of expr) {
        depth += c === '(' ? 1 : c === ')' ? -1 : 0;
        if (depth < 0) break;
      }
      expect([where, depth]).toEqual([where, 0]);
    }
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboard.uid).toBe('palabre-overview');
  });
});
