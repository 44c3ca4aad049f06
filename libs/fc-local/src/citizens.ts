/** A test identity, with FranceConnect's claim names (OpenID Connect standard claims + INSEE codes). */
export interface TestCitizen {
  /** Used as `login_hint` and as the form's choice; never sent to the relying party. */
  id: string;
  given_name: string;
  family_name: string;
  email: string;
  /** YYYY-MM-DD; missing when the civil registry has no known birthdate. */
  birthdate?: string;
  gender: string;
  /** INSEE code of the birth commune (COG), for people born in France. */
  birthplace?: string;
  /** INSEE code of the birth country (99100 = France). */
  birthcountry?: string;
  preferred_username?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date `years` years ago, as YYYY-MM-DD (UTC, like the relying party's age check). */
function yearsAgo(years: number, today = new Date()): string {
  return `${today.getUTCFullYear() - years}-${pad(today.getUTCMonth() + 1)}-${pad(today.getUTCDate())}`;
}

/**
 * The identities offered by the local provider. `minor-lea` turns 16 on the
 * day this module is loaded (UTC), so she is a minor whatever the date.
 */
export const TEST_CITIZENS: TestCitizen[] = [
  {
    id: 'adult-marie',
    given_name: 'Marie',
    family_name: 'Dupont',
    email: 'marie.dupont@example.fr',
    birthdate: '1980-05-12',
    gender: 'female',
    birthplace: '75056',
    birthcountry: '99100',
    preferred_username: 'Dupont',
  },
  {
    id: 'adult-jean',
    given_name: 'Jean',
    family_name: 'Martin',
    email: 'jean.martin@example.fr',
    birthdate: '1992-11-03',
    gender: 'male',
    birthplace: '69123',
    birthcountry: '99100',
  },
  {
    id: 'minor-lea',
    given_name: 'Léa',
    family_name: 'Bernard',
    email: 'lea.bernard@example.fr',
    birthdate: yearsAgo(16),
    gender: 'female',
    birthplace: '13055',
    birthcountry: '99100',
  },
  {
    id: 'no-birthdate',
    given_name: 'Karim',
    family_name: 'Benali',
    email: 'karim.benali@example.fr',
    gender: 'male',
    birthcountry: '99350',
  },
];

export function findCitizen(id: unknown): TestCitizen | undefined {
  return typeof id === 'string' ? TEST_CITIZENS.find((c) => c.id === id) : undefined;
}

/** Whole years since a YYYY-MM-DD birthdate (UTC); undefined without a birthdate. */
export function ageOf(birthdate: string | undefined, today = new Date()): number | undefined {
  const m = birthdate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthdate) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const month = today.getUTCMonth() + 1;
  const before = month < mo || (month === mo && today.getUTCDate() < d);
  return today.getUTCFullYear() - y - (before ? 1 : 0);
}
