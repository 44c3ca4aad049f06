import type { PanelGroupView } from '@palabre/contracts';
import { leximin } from '../panels/leximin';
import { diagnose, type Infeasibility, type PanelSpec, type QuotaBound } from '../panels/quotas';
import {
  selectionProbabilities,
  type PanelDrawInputs,
  type Quota,
  type Volunteer,
} from './draw-core';

/** Probabilities become integer weights of this scale, so that no floating point enters the draw. */
const WEIGHT_SCALE = 1e12;

/** What a panel's page publishes beside its commitment: each group's chance. */
export interface PanelDetails {
  groups: PanelGroupView[];
  minProbability: number;
  uniform: number;
  among: number;
}

/**
 * A panel's draw inputs: the fairest distribution over panels that meet the
 * quotas (LEXIMIN, panels/leximin.ts) as integer weights, and each group's
 * selection probability; or why no panel meets the quotas.
 */
export async function panelInputs(args: {
  organization: string;
  drawAt: string;
  categories: string[];
  volunteers: Volunteer[];
  bounds: Map<string, Map<string, QuotaBound>>;
  size: number;
}): Promise<{ inputs: PanelDrawInputs; details: PanelDetails } | { infeasible: Infeasibility }> {
  const { categories, volunteers, bounds, size } = args;
  const spec: PanelSpec = {
    categories,
    quotas: categories.map((cat) => Object.fromEntries(bounds.get(cat) ?? [])),
    size,
  };
  const problem = await diagnose(volunteers, spec);
  if (problem) return { infeasible: problem };
  const distribution = await leximin(volunteers, spec);
  const panels = distribution.panels
    // A solver may write -0: counts are whole numbers of people.
    .map((p) => ({
      counts: p.counts.map((n) => Math.round(n) || 0),
      weight: String(Math.round(p.probability * WEIGHT_SCALE)),
    }))
    .filter((p) => p.weight !== '0');
  const quotas: Quota[] = [];
  for (const cat of [...categories].sort())
    for (const [value, b] of [...(bounds.get(cat) ?? [])].sort(([a], [z]) => (a < z ? -1 : 1)))
      quotas.push({ category: cat, value, min: b.min, max: b.max });
  const inputs: PanelDrawInputs = {
    kind: 'panel',
    organization: args.organization,
    drawAt: args.drawAt,
    categories,
    pool: volunteers,
    quotas,
    size,
    distribution: {
      types: distribution.types.map((t) => ({ key: t.key, values: t.values })),
      panels,
    },
  };
  const chances = selectionProbabilities(inputs);
  const groups: PanelGroupView[] = quotas.map((q) => {
    const i = categories.indexOf(q.category);
    const types = distribution.types.filter((t) => t.values[i] === q.value);
    const p = types.map((t) => chances[t.key] ?? 0);
    return {
      category: q.category,
      value: q.value,
      volunteers: types.reduce((n, t) => n + t.size, 0),
      min: q.min,
      max: q.max,
      probabilityMin: p.length ? Math.min(...p) : 0,
      probabilityMax: p.length ? Math.max(...p) : 0,
    };
  });
  return {
    inputs,
    details: {
      groups,
      minProbability: Math.min(...Object.values(chances)),
      uniform: size / volunteers.length,
      among: volunteers.length,
    },
  };
}
