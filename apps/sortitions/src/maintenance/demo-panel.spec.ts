import { commitment, verify, publishDraw } from '../draws/draw-core';
import { DEMO_PANEL } from './demo-panel';
import { demoPanel } from './demo-panel-source';

describe('the demo panel', () => {
  it('is what the LEXIMIN computation gives for the demo pool (npm run sortition:demo-panel)', async () => {
    expect(await demoPanel()).toEqual(DEMO_PANEL);
  });

  it('is a valid draw that re-runs', () => {
    expect(commitment(DEMO_PANEL.inputs)).toMatch(/^[0-9a-f]{64}$/);
    const published = publishDraw(DEMO_PANEL.inputs, 'Dés : 4 2 6 1 5 3');
    expect(verify(published)).toMatchObject({ ok: true });
  });
});
