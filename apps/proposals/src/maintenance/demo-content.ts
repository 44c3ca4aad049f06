import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeEvent, Topics, type ProposalPublishedJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import { returnedRows } from '@palabre/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ComponentAccess } from '../components/component-access';
import { COMPONENT_TYPE } from '../components/component-type';

type DemoEvent =
  | { kind: 'organization'; organizationId: string; demo: boolean }
  | {
      kind: 'component';
      organizationId: string;
      componentId: string;
      spaceId: string;
      type: string;
    };

/** Who entered the workshop proposal (embedded demo only). */
const DEMO_ADMIN = '00000000-0000-4000-8000-0000000dad00';
const person = (n: number) => `00000000-0000-4000-8000-0000000d${String(n).padStart(4, '0')}`;
const NAMES = [
  'Camille Martin',
  'Jean Dupont',
  'Amina Benali',
  'Lucas Bernard',
  'Sophie Leroy',
  'Hugo Moreau',
  'Léa Petit',
  'Nour Haddad',
];

const IDEAS: [string, string, string | null, string | null][] = [
  [
    'Des fontaines à eau dans chaque parc',
    'Installer des fontaines à eau potable dans les parcs et squares pour les familles et les sportifs, surtout pendant les canicules.',
    'Centre-ville',
    'accepted',
  ],
  [
    'Une piste cyclable rue Jean-Jaurès',
    'Créer une piste cyclable protégée sur toute la rue Jean-Jaurès pour relier la gare au lycée en sécurité.',
    'Nord',
    'evaluating',
  ],
  [
    'Un jardin partagé derrière la médiathèque',
    'Transformer la friche derrière la médiathèque en jardin partagé avec des bacs accessibles et un composteur collectif.',
    'Centre-ville',
    'accepted',
  ],
  [
    'Des bancs le long du canal',
    'Ajouter des bancs à l’ombre tous les deux cents mètres le long du canal pour que les personnes âgées puissent se reposer.',
    'Sud',
    null,
  ],
  [
    'Éclairage solaire du skatepark',
    'Équiper le skatepark d’un éclairage solaire qui s’éteint à 22 h pour prolonger les soirées d’été sans gaspiller.',
    'Est',
    'rejected',
  ],
  [
    'Une boîte à livres dans chaque quartier',
    'Installer des boîtes à livres en bois fabriquées par les élèves des ateliers du lycée professionnel.',
    null,
    null,
  ],
  [
    'Plus d’arbres dans la cour de l’école Jules-Ferry',
    'Débitumer une partie de la cour et planter des arbres pour créer un îlot de fraîcheur pour les enfants.',
    'Nord',
    'evaluating',
  ],
  [
    'Des toilettes publiques au marché',
    'Ouvrir des toilettes publiques accessibles près du marché couvert, ouvertes les jours de marché.',
    'Centre-ville',
    null,
  ],
  [
    'Un parcours sportif au bois de la Garenne',
    'Aménager un parcours sportif avec dix agrès en bois et des panneaux d’exercices pour tous les niveaux.',
    'Ouest',
    null,
  ],
  [
    'Repair café mensuel',
    'Prêter une salle municipale un samedi par mois pour un repair café animé par des bénévoles du quartier.',
    null,
    null,
  ],
  [
    'Stationnement vélo sécurisé à la gare',
    'Construire un abri vélo fermé et surveillé de cent places à la gare, accessible avec la carte de transport.',
    'Nord',
    null,
  ],
  [
    'Fresque participative sur le mur du gymnase',
    'Inviter les habitants et un artiste local à peindre ensemble une fresque sur le grand mur du gymnase.',
    'Est',
    null,
  ],
];

/** identity's demo spam account (DEMO_SPAMMER there): what the antispam service reports. */
const SPAMMER = { id: '00000000-0000-4000-8000-00000000feed', name: 'casino-bonus-2024' };
const SPAM: [string, string][] = [
  [
    'Améliorer le parc du quartier',
    'Gagnez de l’argent facilement avec notre casino en ligne : bonus de 500 € sans dépôt, jackpot garanti ! Inscrivez-vous sur https://meilleur-casino-bonus.xyz/promo?ref=parc et sur https://jackpot-gratuit.top',
  ],
  [
    'Cheap solution for the city budget',
    'Buy cheap followers and backlinks today, best SEO prices, 100% guaranteed results!!! Visit https://cheap-backlinks-seo.xyz/order and get a free casino bonus.',
  ],
];

/**
 * Embedded mode's demo content: the first proposals component of the demo
 * organization (the one answering on localhost) that spaces announces, or
 * that a visitor opens, gets a dozen ideas with supports, answers and
 * comments — and two link-spam proposals by the demo spam account, published
 * like any (their event tells the antispam service, which reports them). Once
 * per organization.
 * Never runs outside embedded mode.
 */
@Injectable()
export class DemoContentConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly access: ComponentAccess,
  ) {}

  /** Seeds the demo organization's first proposals component, once; true when it did. */
  private async claimAndSeed(
    m: EntityManager,
    organizationId: string,
    spaceId: string,
    componentId: string,
  ): Promise<boolean> {
    const claimed = returnedRows(
      await m.query(
        `UPDATE proposals.demo_organizations SET seeded_component_id = $2
          WHERE organization_id = $1 AND seeded_component_id IS NULL RETURNING organization_id`,
        [organizationId, componentId],
      ),
    );
    if (claimed.length === 0) return false;
    await seed(m, organizationId, spaceId, componentId);
    this.runtime.logger.emit('info', 'Seeded demo proposals', { organizationId });
    return true;
  }

  async onModuleInit(): Promise<void> {
    if (!this.runtime.embedded) return;
    // Spaces' own demo components are created without a settings event: the
    // first request about one (spaces vouching for it) seeds it just as well.
    this.access.onLearned(async ({ organizationId, spaceId, id: componentId }) => {
      try {
        await this.runtime.dataSource.transaction((m) =>
          this.claimAndSeed(m, organizationId, spaceId, componentId),
        );
      } catch (error) {
        // Demo content is a convenience: a failure must not fail the visitor's request.
        this.runtime.logger.emit('error', 'Seeding demo proposals failed', {
          error: String(error),
        });
      }
    });
    await this.runtime.bus.consume<DemoEvent>({
      ds: this.runtime.dataSource,
      schema: 'proposals',
      group: 'proposals.demo-content',
      topics: [Topics.IdentityOrganizationCreatedV1, Topics.SpacesComponentSettingsChangedV1],
      decode: (topic, payload) => {
        if (topic === Topics.IdentityOrganizationCreatedV1) {
          const o = decodeEvent(Topics.IdentityOrganizationCreatedV1, payload);
          return {
            kind: 'organization',
            organizationId: o.organizationId,
            demo: o.hosts.includes('localhost'),
          };
        }
        const c = decodeEvent(Topics.SpacesComponentSettingsChangedV1, payload);
        return {
          kind: 'component',
          organizationId: c.organizationId,
          componentId: c.componentId,
          spaceId: c.spaceId,
          type: c.componentType,
        };
      },
      handle: async (event, m) => {
        const e = event.payload;
        if (e.kind === 'organization') {
          if (e.demo && e.organizationId)
            await m.query(
              `INSERT INTO proposals.demo_organizations (organization_id) VALUES ($1) ON CONFLICT DO NOTHING`,
              [e.organizationId],
            );
          return;
        }
        if (e.type !== COMPONENT_TYPE) return;
        await this.claimAndSeed(m, e.organizationId, e.spaceId, e.componentId);
      },
    });
  }
}

async function seed(m: EntityManager, org: string, spaceId: string, componentId: string) {
  const ids: string[] = [];
  for (const [i, [title, body, area, state]] of IDEAS.entries()) {
    const author = i % NAMES.length;
    const [p] = await m.query(
      `INSERT INTO proposals.proposals (organization_id, space_id, component_id, author_id, created_by, author_name,
         on_behalf_of, origin, title, body, area, state, answer, answered_at, cost_cents, published_at)
       VALUES ($1, $2, $3, $4, coalesce($4, $15::uuid), $5, $6, $7, $8, $9, $10, $11::text, $12::text,
         CASE WHEN $11::text IS NOT NULL THEN now() END, $13::bigint, now() - make_interval(days => $14::int))
       RETURNING id`,
      [
        org,
        spaceId,
        componentId,
        i === 7 ? null : person(author),
        i === 7 ? '' : NAMES[author],
        i === 2 ? 'Association Les Jardins du Centre' : null,
        i === 7 ? 'workshop' : 'participant',
        title,
        body,
        area,
        state,
        state === 'accepted'
          ? 'Les services techniques ont validé la faisabilité : le projet est soumis au vote.'
          : state === 'rejected'
            ? 'Le skatepark est situé en zone naturelle protégée, où l’éclairage nocturne est interdit.'
            : null,
        state === 'accepted' ? 1_500_000 + i * 250_000 : null,
        40 - i * 3,
        DEMO_ADMIN,
      ],
    );
    ids.push(p.id);
  }
  for (const spam of SPAM) {
    const [title, body] = spam;
    const [p] = await m.query(
      `INSERT INTO proposals.proposals (organization_id, space_id, component_id, author_id, created_by, author_name,
         origin, title, body, published_at)
       VALUES ($1, $2, $3, $4, $4, $5, 'participant', $6, $7, now() - make_interval(days => $8::int))
       RETURNING id, published_at`,
      // Older than the ideas: the demo's lists start with them.
      [org, spaceId, componentId, SPAMMER.id, SPAMMER.name, title, body, 45 + SPAM.indexOf(spam)],
    );
    const payload: ProposalPublishedJson = {
      proposalId: p.id,
      organizationId: org,
      spaceId,
      componentId,
      title,
      origin: 'participant',
      publishedAt: new Date(p.published_at).toISOString(),
      body,
      authorId: SPAMMER.id,
    };
    await publish(m, 'proposals', {
      topic: Topics.ProposalsProposalPublishedV1,
      key: p.id,
      tenantId: org,
      schema: 'palabre.proposals.v1.ProposalPublished',
      payload,
    });
  }
  // Supports from 40 demo residents, more on the first ideas.
  await m.query(
    `INSERT INTO proposals.votes (proposal_id, voter_id, organization_id, component_id)
     SELECT ids[1 + (v * 7 + k) % array_length(ids, 1)],
            ('00000000-0000-4000-8000-0000000e' || lpad(v::text, 4, '0'))::uuid, $2, $3
       FROM (SELECT $1::uuid[] AS ids) x, generate_series(1, 40) v, generate_series(0, 3) k
     ON CONFLICT DO NOTHING`,
    [ids, org, componentId],
  );
  await m.query(
    `INSERT INTO proposals.voter_tallies (component_id, voter_id, organization_id, votes)
     SELECT component_id, voter_id, organization_id, count(*) FROM proposals.votes
      WHERE organization_id = $1 AND component_id = $2 GROUP BY component_id, voter_id, organization_id
     ON CONFLICT (component_id, voter_id) DO UPDATE SET votes = EXCLUDED.votes`,
    [org, componentId],
  );
  const comments: [number, number, 'for' | 'against' | 'neutral', string][] = [
    [0, 1, 'for', 'Excellente idée, les enfants en ont besoin l’été.'],
    [0, 4, 'neutral', 'Attention à l’entretien : qui s’en charge ?'],
    [1, 2, 'for', 'Enfin ! Je fais ce trajet tous les jours à vélo.'],
    [1, 5, 'against', 'La rue est trop étroite, il faudrait supprimer le stationnement.'],
    [2, 6, 'for', 'Notre association peut animer les ateliers de jardinage.'],
    [4, 3, 'for', 'Dommage, les jeunes n’ont pas d’autre lieu le soir.'],
    [6, 0, 'for', 'Les parents d’élèves soutiennent ce projet.'],
  ];
  for (const [i, who, stance, body] of comments)
    await m.query(
      `INSERT INTO proposals.comments (organization_id, component_id, proposal_id, author_id, author_name, stance, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [org, componentId, ids[i], person(who), NAMES[who], stance, body],
    );
  await m.query(
    `UPDATE proposals.proposals p SET
       support_count = (SELECT count(*) FROM proposals.votes v WHERE v.proposal_id = p.id),
       vote_count = (SELECT count(*) FROM proposals.votes v WHERE v.proposal_id = p.id),
       comment_count = (SELECT count(*) FROM proposals.comments c WHERE c.proposal_id = p.id)
     WHERE p.organization_id = $1 AND p.component_id = $2`,
    [org, componentId],
  );
}
