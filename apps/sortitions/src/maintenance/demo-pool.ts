/**
 * The demo's pool of volunteers for a neighbourhood citizens' panel: 240
 * people (identifiers v001…v240 of a register, never names) with three
 * categories, more older and central volunteers than the population has, as
 * real calls for volunteers get; quotas from the census shares for a panel of 12.
 */
export const DEMO_CATEGORIES = ['genre', 'age', 'quartier'] as const;

const VALUES = {
  genre: ['F', 'H'],
  age: ['18-34', '35-59', '60+'],
  quartier: ['Centre', 'Nord', 'Sud'],
};

/** A deterministic generator (a linear congruential one): the same pool at every start. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const pick = <T>(r: number, values: readonly T[], weights: readonly number[]): T => {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += weights[i] / total;
    if (r < acc) return values[i];
  }
  return values[values.length - 1];
};

export function demoPoolCsv(): string {
  const random = lcg(20_270_312);
  const lines = ['id,genre,age,quartier'];
  for (let i = 1; i <= 240; i++) {
    const genre = pick(random(), VALUES.genre, [0.55, 0.45]);
    const age = pick(random(), VALUES.age, [0.2, 0.35, 0.45]);
    const quartier = pick(random(), VALUES.quartier, [0.5, 0.25, 0.25]);
    lines.push(`v${String(i).padStart(3, '0')},${genre},${age},${quartier}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Census-like quotas for a panel of 12: bounds a person either side of each share. */
export const DEMO_PANEL_SIZE = 12;
export const DEMO_QUOTAS = [
  { category: 'genre', value: 'F', min: 6, max: 7 },
  { category: 'genre', value: 'H', min: 5, max: 6 },
  { category: 'age', value: '18-34', min: 3, max: 4 },
  { category: 'age', value: '35-59', min: 4, max: 5 },
  { category: 'age', value: '60+', min: 3, max: 4 },
  { category: 'quartier', value: 'Centre', min: 4, max: 5 },
  { category: 'quartier', value: 'Nord', min: 3, max: 4 },
  { category: 'quartier', value: 'Sud', min: 3, max: 4 },
];
