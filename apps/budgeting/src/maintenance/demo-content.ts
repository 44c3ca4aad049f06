import type { EntityManager } from 'typeorm';

const P = (
  title: string,
  description: string,
  euros: number,
  area: string,
  latitude: number,
  longitude: number,
) => ({ title, description, cents: euros * 100, area, latitude, longitude });

const BUDGETS = [
  {
    title: 'Centre-ville',
    description:
      'Les projets du centre-ville. Choisissez au moins trois projets dans la limite de l’enveloppe.',
    envelope: 300_000,
    area: 'Centre',
    rule: 'minimum_projects',
    minimumPercent: null,
    minimumProjects: 3,
    projects: [
      P(
        'Des arbres place de la Mairie',
        'Planter douze arbres d’alignement et des bancs à l’ombre.',
        85_000,
        'Centre',
        47.9029,
        1.9093,
      ),
      P(
        'Une fontaine à eau au square Jean-Moulin',
        'Une fontaine d’eau potable accessible à tous, été comme hiver.',
        18_000,
        'Centre',
        47.9041,
        1.9071,
      ),
      P(
        'Des arceaux vélo devant les écoles',
        '120 arceaux sécurisés devant les quatre groupes scolaires.',
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
        b.title,
        b.description,
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
          p.title,
          p.description,
          p.cents,
          p.area,
          p.latitude,
          p.longitude,
        ],
      );
  }
  return true;
}
