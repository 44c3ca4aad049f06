import { canAdd, describeRule, ruleStatus, type VoteRule } from './vote-rule';

const E = 100_000_00;
const minimum: VoteRule = {
  rule: 'minimum',
  envelopeCents: E,
  minimumPercent: 70,
  minimumProjects: null,
  maximumProjects: null,
};
const fleury: VoteRule = {
  rule: 'minimum_projects',
  envelopeCents: E,
  minimumPercent: null,
  minimumProjects: 3,
  maximumProjects: null,
};
const range: VoteRule = {
  rule: 'projects_range',
  envelopeCents: E,
  minimumPercent: null,
  minimumProjects: 2,
  maximumProjects: 4,
};

describe('vote rules', () => {
  it('minimum: between the percentage and the envelope, with the numbers when not', () => {
    expect(ruleStatus(minimum, [40_000_00, 30_000_00]).ok).toBe(true);
    expect(ruleStatus(minimum, [100_000_00]).ok).toBe(true);
    const under = ruleStatus(minimum, [40_000_00, 20_000_00]);
    expect(under.ok).toBe(false);
    expect(under.minimumCents).toBe(70_000_00);
    expect(under.problems[0].message).toBe(
      'Your selection totals €60,000; spend at least €70,000 (70% of the €100,000 envelope): €10,000 more',
    );
    const over = ruleStatus(minimum, [60_000_00, 50_000_00]);
    expect(over.problems.map((p) => p.code)).toEqual(['OVER_ENVELOPE']);
    expect(over.remainingCents).toBe(-10_000_00);
    expect(over.problems[0].message).toContain('€10,000 over the €100,000 envelope');
  });

  it('minimum projects (Fleury: at least 3 within €100,000)', () => {
    expect(ruleStatus(fleury, [10_00, 20_00, 30_00]).ok).toBe(true);
    const few = ruleStatus(fleury, [10_00, 20_00]);
    expect(few.problems[0]).toMatchObject({ code: 'TOO_FEW_PROJECTS' });
    expect(few.problems[0].message).toContain(
      'at least 3 projects within the €100,000 envelope: 1 more',
    );
    expect(ruleStatus(fleury, [50_000_00, 40_000_00, 20_000_00]).problems[0].code).toBe(
      'OVER_ENVELOPE',
    );
  });

  it('projects range ignores amounts', () => {
    expect(ruleStatus(range, [90_000_00, 90_000_00]).ok).toBe(true);
    expect(ruleStatus(range, [1]).problems[0].code).toBe('TOO_FEW_PROJECTS');
    expect(ruleStatus(range, [1, 1, 1, 1, 1]).problems[0].message).toContain(
      'at most 4 projects: remove 1',
    );
    expect(ruleStatus(range, [1, 1]).remainingCents).toBeNull();
  });

  it('an empty selection is never accepted; adding refuses only what can never fit', () => {
    expect(ruleStatus(fleury, []).problems.map((p) => p.code)).toEqual(['EMPTY']);
    expect(canAdd(fleury, [60_000_00], 50_000_00)?.code).toBe('OVER_ENVELOPE');
    expect(canAdd(fleury, [60_000_00], 40_000_00)).toBeNull();
    expect(canAdd(range, [1, 1, 1, 1], 1)?.code).toBe('TOO_MANY_PROJECTS');
    expect(describeRule(minimum)).toContain('70% (€70,000)');
  });
});
