import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeEvent, Topics, type AnswerValue } from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { UUID } from '../components/component-access';
import { parseQuestions } from '../surveys/questions';

const DAY = 24 * 3600_000;

const SCALE = [
  { fr: 'Excellent', en: 'Excellent' },
  { fr: 'Très bien', en: 'Very good' },
  { fr: 'Bien', en: 'Good' },
  { fr: 'Assez bien', en: 'Fair' },
  { fr: 'Passable', en: 'Poor' },
  { fr: 'À rejeter', en: 'To reject' },
];

/** The demo's consultation on a school street: every question type, a majority-judgment grid. */
const QUESTIONS = parseQuestions([
  {
    id: 'intro',
    type: 'section',
    title: { fr: 'Vous et la rue Jean-Macé', en: 'You and Jean-Macé street' },
    description: {
      fr: 'La rue devant l’école pourrait devenir une « rue scolaire ». Dites-nous ce que vous en pensez.',
      en: 'The street in front of the school could become a "school street". Tell us what you think.',
    },
  },
  {
    id: 'lien',
    type: 'single',
    title: { fr: 'Quel est votre lien avec l’école ?', en: 'How are you connected to the school?' },
    mandatory: true,
    options: [
      { id: 'parent', label: { fr: 'Parent d’élève', en: 'Parent of a pupil' } },
      { id: 'riverain', label: { fr: 'Riverain', en: 'Local resident' } },
      { id: 'commerce', label: { fr: 'Commerçant', en: 'Shopkeeper' } },
    ],
    other: true,
  },
  {
    id: 'trajet',
    type: 'multiple',
    title: {
      fr: 'Comment venez-vous dans la rue ? (trois au plus)',
      en: 'How do you come to the street? (three at most)',
    },
    options: [
      { id: 'pied', label: { fr: 'À pied', en: 'On foot' } },
      { id: 'velo', label: { fr: 'À vélo', en: 'By bike' } },
      { id: 'voiture', label: { fr: 'En voiture', en: 'By car' } },
      { id: 'bus', label: { fr: 'En bus', en: 'By bus' } },
    ],
    maxChoices: 3,
  },
  {
    id: 'scenarios',
    type: 'grades',
    title: {
      fr: 'Jugez chacun des aménagements possibles',
      en: 'Grade each of the possible designs',
    },
    description: {
      fr: 'Jugement majoritaire : donnez une mention à chaque aménagement. Celui dont la mention médiane est la meilleure l’emporte.',
      en: 'Majority judgment: give each design a grade. The one with the best median grade wins.',
    },
    mandatory: true,
    options: [
      {
        id: 'horaires',
        label: {
          fr: 'Rue fermée aux voitures à l’entrée et à la sortie des classes',
          en: 'Street closed to cars when school starts and ends',
        },
      },
      {
        id: 'journee',
        label: {
          fr: 'Rue fermée aux voitures toute la journée',
          en: 'Street closed to cars all day',
        },
      },
      {
        id: 'jardin',
        label: { fr: 'Rue piétonne et végétalisée', en: 'Pedestrian street with plants' },
      },
      { id: 'rien', label: { fr: 'Ne rien changer', en: 'Change nothing' } },
    ],
    scale: SCALE,
  },
  {
    id: 'priorites',
    type: 'ranking',
    title: { fr: 'Classez vos priorités', en: 'Rank your priorities' },
    options: [
      { id: 'securite', label: { fr: 'La sécurité des enfants', en: 'Children’s safety' } },
      { id: 'calme', label: { fr: 'Le calme', en: 'Quiet' } },
      { id: 'acces', label: { fr: 'L’accès des riverains', en: 'Residents’ access' } },
    ],
  },
  {
    id: 'moments',
    type: 'matrix_single',
    title: {
      fr: 'À quel point la rue est-elle sûre aujourd’hui ?',
      en: 'How safe is the street today?',
    },
    rows: [
      { id: 'matin', label: { fr: 'Le matin', en: 'In the morning' } },
      { id: 'soir', label: { fr: 'En fin d’après-midi', en: 'In the late afternoon' } },
    ],
    options: [
      { id: 'sure', label: { fr: 'Sûre', en: 'Safe' } },
      { id: 'moyenne', label: { fr: 'Moyennement', en: 'Somewhat' } },
      { id: 'dangereuse', label: { fr: 'Dangereuse', en: 'Dangerous' } },
    ],
  },
  {
    id: 'commerce-impact',
    type: 'long',
    title: {
      fr: 'Commerçants : qu’est-ce qui changerait pour vous ?',
      en: 'Shopkeepers: what would change for you?',
    },
    showIf: { question: 'lien', anyOf: ['commerce'] },
  },
  {
    id: 'idee',
    type: 'short',
    title: { fr: 'Une idée à ajouter ?', en: 'An idea to add?' },
  },
]);

/** A plausible answer for the demo's results (deterministic from `i`). */
function demoAnswer(i: number): Record<string, AnswerValue> {
  const pick = <T>(xs: T[], k: number) => xs[(i * 7 + k * 3) % xs.length];
  const lien = pick(['parent', 'parent', 'riverain', 'commerce', 'parent'], 1);
  const grades: Record<string, number> = {
    horaires: pick([0, 1, 1, 2, 1, 3], 2),
    journee: pick([1, 2, 3, 4, 2, 5], 3),
    jardin: pick([0, 2, 1, 5, 3, 2], 4),
    rien: pick([5, 4, 5, 3, 5, 2], 5),
  };
  const a: Record<string, AnswerValue> = {
    lien: { choice: lien },
    trajet: {
      choices: [pick(['pied', 'velo', 'voiture', 'bus'], 6), 'pied'].filter(
        (v, k, xs) => xs.indexOf(v) === k,
      ),
    },
    scenarios: { grades },
    priorites: {
      order: pick(
        [
          ['securite', 'calme', 'acces'],
          ['securite', 'acces', 'calme'],
          ['acces', 'securite', 'calme'],
        ],
        7,
      ),
    },
    moments: {
      rows: {
        matin: pick(['dangereuse', 'moyenne', 'dangereuse'], 8),
        soir: pick(['moyenne', 'sure'], 9),
      },
    },
  };
  if (i % 9 === 0)
    a.idee = {
      text: pick(['Des bancs devant l’école', 'Un parking vélo', 'Des jeux peints au sol'], 10),
    };
  return a;
}

/**
 * Embedded mode (`npm start`): the surveys components of the demo spaces
 * (announced by spaces with the cause "demo") get the school street survey,
 * open for a month, with some answers and its results published, so that a
 * visitor can answer (with or without an account) and then see results. At
 * every start, a demo survey that has ended is opened again for a month.
 */
@Injectable()
export class DemoContent implements OnModuleInit, OnApplicationBootstrap {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onModuleInit(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'surveys',
      group: 'surveys.demo-content',
      topics: [Topics.SpacesComponentSettingsChangedV1],
      decode: (_topic, payload) => decodeEvent(Topics.SpacesComponentSettingsChangedV1, payload),
      handle: async (event, m) => {
        const c = event.payload;
        if (c.cause !== 'demo' || c.componentType !== 'surveys') return;
        if (![c.organizationId, c.componentId, c.spaceId].every((id) => UUID.test(id))) return;
        const [existing] = await m.query(
          `SELECT 1 FROM surveys.surveys WHERE organization_id = $1 AND component_id = $2 LIMIT 1`,
          [c.organizationId, c.componentId],
        );
        if (existing) return;
        await seed(m, c.organizationId, c.componentId, c.spaceId);
        this.runtime.logger.emit('info', 'Seeded a demo survey', {
          organizationId: c.organizationId,
        });
      },
    });
  }

  /** At each start: a demo survey that has ended opens again for a month. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.dataSource.query(
      `UPDATE surveys.surveys SET ends_at = now() + interval '30 days', updated_at = now()
        WHERE title->>'en' = $1 AND ends_at < now() + interval '1 day'`,
      [TITLE.en],
    );
  }
}

const TITLE = {
  fr: 'Rue scolaire Jean-Macé : votre avis',
  en: 'Jean-Macé school street: your opinion',
};

async function seed(m: EntityManager, org: string, componentId: string, spaceId: string) {
  const [s] = returnedRows<{ id: string }>(
    await m.query(
      `INSERT INTO surveys.surveys (organization_id, component_id, space_id, title, description, questions, state,
         starts_at, ends_at, salt, results_published_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'published', $7, $8, $9, now()) RETURNING id`,
      [
        org,
        componentId,
        spaceId,
        JSON.stringify(TITLE),
        JSON.stringify({
          fr: 'La ville envisage d’apaiser la rue devant l’école Jean-Macé. Cinq minutes pour donner votre avis ; les résultats sont publiés au fil des réponses.',
          en: 'The town is considering calming the street in front of Jean-Macé school. Five minutes to give your opinion; results are published as answers come in.',
        }),
        JSON.stringify(QUESTIONS),
        new Date(Date.now() - 2 * DAY),
        new Date(Date.now() + 30 * DAY),
        randomBytes(32),
      ],
    ),
  );
  for (let i = 0; i < 37; i++)
    await m.query(
      `INSERT INTO surveys.answers (organization_id, survey_id, token, answers, locale, answered_at)
       VALUES ($1, $2, $3, $4, 'fr', now() - make_interval(mins => $5))`,
      [org, s.id, randomBytes(32), JSON.stringify(demoAnswer(i)), (37 - i) * 53],
    );
}
