import type { QuotaBound } from '../panels/quotas';
import { panelInputs, type PanelDetails } from '../draws/panel-inputs';
import type { PanelDrawInputs } from '../draws/draw-core';
import { parsePool } from '../draws/pool-csv';
import { DEMO_PANEL_SIZE, DEMO_QUOTAS, demoPoolCsv } from './demo-pool';

/** The organization the demo file names; each demo organization's copy says its own. */
export const DEMO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';
/** When the demo panel's list was fixed. */
export const DEMO_DRAW_AT = '2026-12-01T17:00:00.000Z';

/** The demo panel's inputs and published details, as `demo-panel.ts` holds them. */
export async function demoPanel(): Promise<{ inputs: PanelDrawInputs; details: PanelDetails }> {
  const bounds = new Map<string, Map<string, QuotaBound>>();
  for (const q of DEMO_QUOTAS) {
    const values = bounds.get(q.category) ?? new Map<string, QuotaBound>();
    values.set(q.value, { min: q.min, max: q.max });
    bounds.set(q.category, values);
  }
  const pool = parsePool(
    demoPoolCsv(),
    new Map([...bounds].map(([k, v]) => [k, new Set(v.keys())])),
  );
  const r = await panelInputs({
    organization: DEMO_ORGANIZATION,
    drawAt: DEMO_DRAW_AT,
    categories: pool.categories,
    volunteers: pool.volunteers,
    bounds,
    size: DEMO_PANEL_SIZE,
  });
  if ('infeasible' in r) throw new Error(`Demo quotas infeasible: ${r.infeasible.reason}`);
  return r;
}
