import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeEvent, Topics } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ComponentsService } from '../components/components.service';
import { SpacesRepository } from '../spaces/spaces.repository';

/**
 * Embedded mode's demo content: when identity creates the demo organization
 * (the one answering on localhost), spaces gets a participatory budget with
 * its five phases (the idea box open) and a neighbourhood council. Its
 * components are of types that their services register when they exist;
 * until then they show their stored settings and refuse every action.
 * Never runs outside embedded mode.
 */
@Injectable()
export class DemoContentConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly spaces: SpacesRepository,
    private readonly components: ComponentsService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.runtime.embedded) return;
    await this.runtime.bus.consume({
      ds: this.runtime.dataSource,
      schema: 'spaces',
      group: 'spaces.demo-content',
      topics: [Topics.IdentityOrganizationCreatedV1],
      decode: (_topic, payload) => decodeEvent(Topics.IdentityOrganizationCreatedV1, payload),
      handle: async (event, m) => {
        const org = event.payload;
        if (!org.organizationId || !org.hosts?.includes('localhost')) return;
        if (await this.seed(m, org.organizationId))
          this.runtime.logger.emit('info', 'Seeded demo spaces', {
            organizationId: org.organizationId,
          });
      },
    });
  }

  private async seed(m: EntityManager, org: string): Promise<boolean> {
    const [existing] = await m.query(
      `SELECT 1 FROM spaces.spaces WHERE organization_id = $1 LIMIT 1`,
      [org],
    );
    if (existing) return false;
    await m.query(
      `INSERT INTO spaces.organizations (organization_id, reference_prefix) VALUES ($1, 'demo')
       ON CONFLICT (organization_id) DO NOTHING`,
      [org],
    );
    const year = new Date().getFullYear();
    // The calendar is the seed day's, whatever the month: the idea box (the active phase) is
    // open today and for a month, the analysis and the vote follow (a demo seeded in December
    // must not say that its current phase ended in April).
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const budget = await this.spaces.insert(
      m,
      org,
      'process',
      await this.spaces.nextReference(m, org, 'process'),
      {
        slug: `budget-participatif-${year}`,
        title: { fr: `Budget participatif ${year}`, en: `Participatory budget ${year}` },
        subtitle: {
          fr: '1 million d’euros pour vos projets de quartier',
          en: '€1 million for your neighbourhood projects',
        },
        welcome: {
          fr: 'Proposez vos idées pour la ville, suivez leur analyse par les services, puis votez pour les projets que vous voulez voir réalisés.',
          en: 'Suggest your ideas for the city, follow their review by the city services, then vote for the projects you want to see built.',
        },
        summary: {
          fr: 'Chaque année, 5 % du budget d’investissement est décidé par les habitants.',
          en: 'Every year, 5% of the investment budget is decided by residents.',
        },
        objectives: {
          fr: 'Financer des projets d’intérêt général proposés et choisis par les habitants.',
          en: 'Fund projects of general interest suggested and chosen by residents.',
        },
        participants: {
          fr: 'Toute personne habitant, travaillant ou étudiant dans la commune, dès 16 ans.',
          en: 'Anyone living, working or studying in the town, from 16.',
        },
        decisionRules: {
          fr: 'Les projets les mieux classés sont retenus dans la limite de l’enveloppe ; le conseil municipal vote leur financement.',
          en: 'The best-ranked projects are kept within the envelope; the town council votes their funding.',
        },
        area: { fr: 'Toute la commune', en: 'The whole town' },
        organizer: { fr: 'Mairie — service démocratie locale', en: 'Town hall — local democracy' },
        startsOn: day(-45),
        endsOn: day(150),
      },
    );
    const phases: [string, string, string, string, number, number][] = [
      [
        'Information',
        'Information',
        'Découvrez les règles et le calendrier.',
        'Find out the rules and the calendar.',
        -45,
        -16,
      ],
      [
        'Boîte à idées',
        'Idea box',
        'Déposez vos idées et commentez celles des autres.',
        'Post your ideas and comment on others’.',
        -15,
        30,
      ],
      [
        'Analyse',
        'Analysis',
        'Les services étudient la faisabilité et le coût des idées.',
        'City services study the feasibility and cost of the ideas.',
        31,
        75,
      ],
      [
        'Vote',
        'Vote',
        'Choisissez vos projets dans la limite du budget.',
        'Choose your projects within the budget.',
        76,
        105,
      ],
      [
        'Résultats',
        'Results',
        'Les projets lauréats et leur réalisation.',
        'The winning projects and their delivery.',
        106,
        150,
      ],
    ];
    const ids: string[] = [];
    for (const [i, [fr, en, dfr, den, from, to]] of phases.entries()) {
      const [p] = await m.query(
        `INSERT INTO spaces.phases (organization_id, space_id, position, title, description, starts_on, ends_on,
           active, activated_at)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, CASE WHEN $8 THEN now() END) RETURNING id`,
        [
          org,
          budget.id,
          i,
          JSON.stringify({ fr, en }),
          JSON.stringify({ fr: dfr, en: den }),
          day(from),
          day(to),
          i === 1,
        ],
      );
      ids.push(p.id);
    }
    const seeded: string[] = [];
    const component = async (
      spaceId: string,
      type: string,
      name: { fr: string; en: string },
      position: number,
      settings: object,
      perPhase: Record<number, object> = {},
      defaults: object = {},
    ) => {
      const [c] = await m.query(
        `INSERT INTO spaces.components (organization_id, space_id, type, name, position, settings, default_phase_settings)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          org,
          spaceId,
          type,
          JSON.stringify(name),
          position,
          JSON.stringify(settings),
          JSON.stringify(defaults),
        ],
      );
      for (const [i, values] of Object.entries(perPhase))
        await m.query(
          `INSERT INTO spaces.component_phase_settings (organization_id, component_id, phase_id, settings)
           VALUES ($1, $2, $3, $4)`,
          [org, c.id, ids[Number(i)], JSON.stringify(values)],
        );
      seeded.push(c.id);
    };
    await component(
      budget.id,
      'proposals',
      { fr: 'Idées', en: 'Ideas' },
      0,
      { proposal_length: 1000 },
      {
        1: { creation_enabled: true },
        2: { comments_blocked: false },
        3: { comments_blocked: true },
        4: { comments_blocked: true },
      },
    );
    await component(
      budget.id,
      'budgets',
      { fr: 'Vote', en: 'Vote' },
      1,
      {},
      { 3: { votes_enabled: true } },
    );
    await component(budget.id, 'meetings', { fr: 'Ateliers', en: 'Workshops' }, 2, {});
    await component(budget.id, 'sortitions', { fr: 'Tirages au sort', en: 'Draws by lot' }, 3, {});
    await this.spaces.setState(m, org, budget.id, 'published');

    const council = await this.spaces.insert(
      m,
      org,
      'assembly',
      await this.spaces.nextReference(m, org, 'assembly'),
      {
        slug: 'conseil-de-quartier',
        title: { fr: 'Conseil de quartier', en: 'Neighbourhood council' },
        subtitle: { fr: 'Centre-ville', en: 'Town centre' },
        welcome: {
          fr: 'Le conseil de quartier réunit habitants, associations et élus pour débattre des projets du quartier.',
          en: 'The neighbourhood council brings residents, associations and councillors together to discuss local projects.',
        },
        summary: {
          fr: 'Une instance permanente, ouverte à tous, qui se réunit chaque trimestre.',
          en: 'A permanent body, open to all, meeting every quarter.',
        },
        participants: {
          fr: '20 habitants tirés au sort, 5 associations, 3 élus.',
          en: '20 residents drawn by lot, 5 associations, 3 councillors.',
        },
        decisionRules: {
          fr: 'Avis consultatifs adoptés à la majorité, transmis au conseil municipal.',
          en: 'Advisory opinions adopted by majority, sent to the town council.',
        },
        area: { fr: 'Quartier du centre-ville', en: 'Town-centre neighbourhood' },
        organizer: { fr: 'Mairie de quartier', en: 'District town hall' },
      },
    );
    await component(council.id, 'meetings', { fr: 'Réunions', en: 'Meetings' }, 0, {});
    await component(council.id, 'surveys', { fr: 'Consultations', en: 'Consultations' }, 1, {
      anonymous_answers: true,
    });
    await this.spaces.setState(m, org, council.id, 'published');
    // Their services learn the demo components as they learn any other: from the event (its
    // cause "demo" lets them add demo content of their own).
    for (const id of seeded) {
      const [row] = await m.query(
        `SELECT * FROM spaces.components WHERE organization_id = $1 AND id = $2`,
        [org, id],
      );
      await this.components.announceIn(m, org, row, 'demo');
    }
    return true;
  }
}
