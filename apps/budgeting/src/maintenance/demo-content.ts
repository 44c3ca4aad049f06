import type { EntityManager } from 'typeorm';
import type { LocalizedText } from '@palabre/contracts';

/** A text written in French only (the fallback shows on English pages), or per language. */
type Text = string | LocalizedText;
const text = (t: Text): LocalizedText => (typeof t === 'string' ? { fr: t } : t);

const P = (
  title: Text,
  description: Text,
  euros: number,
  area: string,
  latitude: number,
  longitude: number,
) => ({
  title: text(title),
  description: text(description),
  cents: euros * 100,
  area,
  latitude,
  longitude,
});

const BUDGETS = [
  {
    title: { fr: 'Centre-ville', en: 'City centre' },
    description: {
      fr: 'Les projets du centre-ville. Choisissez au moins trois projets dans la limite de l’enveloppe.',
      en: 'The projects of the city centre. Choose at least three projects within the envelope.',
    },
    envelope: 300_000,
    area: 'Centre',
    rule: 'minimum_projects',
    minimumPercent: null,
    minimumProjects: 3,
    projects: [
      P(
        { fr: 'Des arbres place de la Mairie', en: 'Trees on the Town Hall square' },
        {
          fr: 'Planter douze arbres d’alignement et des bancs à l’ombre.',
          en: 'Plant twelve street trees and benches in the shade.',
        },
        85_000,
        'Centre',
        47.9029,
        1.9093,
      ),
      P(
        {
          fr: 'Une fontaine à eau au square Jean-Moulin',
          en: 'A drinking fountain in Jean-Moulin square',
        },
        {
          fr: 'Une fontaine d’eau potable accessible à tous, été comme hiver.',
          en: 'A drinking-water fountain open to all, summer and winter.',
        },
        18_000,
        'Centre',
        47.9041,
        1.9071,
      ),
      P(
        { fr: 'Des arceaux vélo devant les écoles', en: 'Bike racks in front of the schools' },
        {
          fr: '120 arceaux sécurisés devant les quatre groupes scolaires.',
          en: '120 secure bike racks in front of the four school groups.',
        },
        24_000,
        'Centre',
        47.9012,
        1.912,
      ),
      P(
        'Une boîte à livres par quartier',
        'Six boîtes à livres fabriquées par le lycée professionnel.',
        9_000,
        'Centre',
        47.905,
        1.9102,
      ),
      P(
        'Rénover l’aire de jeux du jardin des Plantes',
        'Nouveaux jeux accessibles aux enfants en situation de handicap.',
        140_000,
        'Centre',
        47.8995,
        1.9088,
      ),
      P(
        'Des toilettes publiques ouvertes la nuit',
        'Deux sanitaires automatiques près des arrêts de bus de nuit.',
        95_000,
        'Centre',
        47.9034,
        1.906,
      ),
    ],
  },
  {
    title: 'Quartiers Nord',
    description:
      'Les projets des quartiers Nord. Utilisez au moins 70 % de l’enveloppe, sans la dépasser.',
    envelope: 200_000,
    area: 'Nord',
    rule: 'minimum',
    minimumPercent: 70,
    minimumProjects: null,
    projects: [
      P(
        'Un terrain multisport aux Blossières',
        'Un city-stade éclairé jusqu’à 22 h.',
        120_000,
        'Nord',
        47.9221,
        1.901,
      ),
      P(
        'Un jardin partagé rue de la Borde',
        'Vingt parcelles, un récupérateur d’eau et un abri.',
        35_000,
        'Nord',
        47.9198,
        1.9055,
      ),
      P(
        'Éclairer le chemin du collège',
        'Un éclairage à détection de présence sur 600 m.',
        60_000,
        'Nord',
        47.9187,
        1.9031,
      ),
      P(
        'Un atelier de réparation de vélos',
        'Un local équipé et animé par une association du quartier.',
        28_000,
        'Nord',
        47.9205,
        1.9077,
      ),
      P(
        'Des tables de pique-nique au parc Pasteur',
        'Dix tables dont deux accessibles en fauteuil.',
        12_000,
        'Nord',
        47.9176,
        1.9092,
      ),
      P(
        'Une fresque sur le mur du gymnase',
        'Réalisée avec les jeunes du quartier et un artiste local.',
        15_000,
        'Nord',
        47.9212,
        1.904,
      ),
    ],
  },
];

/**
 * Embedded mode's demo content: two budgets (a district's and the town
 * centre's) and a dozen projects in the demo organization's budgets
 * component, once budgeting learns the component exists. Idempotent.
 */
export async function seedDemoBudgets(
  m: EntityManager,
  org: string,
  componentId: string,
): Promise<boolean> {
  const [existing] = await m.query(
    `SELECT 1 FROM budgeting.budgets WHERE organization_id = $1 AND component_id = $2 LIMIT 1`,
    [org, componentId],
  );
  if (existing) return false;
  for (const [i, b] of BUDGETS.entries()) {
    const [row] = await m.query(
      `INSERT INTO budgeting.budgets (organization_id, component_id, title, description, envelope_cents, area,
         rule, minimum_percent, minimum_projects, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        org,
        componentId,
        JSON.stringify(text(b.title)),
        JSON.stringify(text(b.description)),
        b.envelope * 100,
        b.area,
        b.rule,
        b.minimumPercent,
        b.minimumProjects,
        i,
      ],
    );
    for (const p of b.projects)
      await m.query(
        `INSERT INTO budgeting.projects (organization_id, component_id, budget_id, state, title, description,
           amount_cents, area, latitude, longitude)
         VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, $8, $9)`,
        [
          org,
          componentId,
          row.id,
          JSON.stringify(p.title),
          JSON.stringify(p.description),
          p.cents,
          p.area,
          p.latitude,
          p.longitude,
        ],
      );
  }
  return true;
}
